"""Finance tables: a figure for each row and year, each pointing at where it is written."""

from __future__ import annotations

from kkpdf.model import FinanceTable
from tests.document.conftest import blocks_of


def test_blank_and_zero_cells_differ(shipped):
    centre = blocks_of(shipped, FinanceTable)[0]
    rows = {r.account.key: r for r in centre.rows}
    assert [c.value for c in rows["maksutuotot"].cells] == [None] * 5
    assert rows["avustukset"].cells[0].value == 0


def test_totals_are_itemised_only_where_their_parts_are_shown(shipped):
    centre, area = blocks_of(shipped, FinanceTable)[:2]
    itemised = {r.account.key for r in centre.rows if centre.is_itemised_total(r)}
    assert itemised == {"toimintatuotot", "toimintakulut", "toimintakate"}
    assert {r.account.key for r in area.rows if area.is_itemised_total(r)} == {"toimintakate"}


def test_binding_row_only_in_the_binding_table(shipped):
    centre, area = blocks_of(shipped, FinanceTable)[:2]
    assert [r.account.key for r in centre.rows if centre.is_binding_row(r)] == ["toimintakate"]
    assert not any(area.is_binding_row(r) for r in area.rows)
    assert area.note == shipped.info.labels.indicative_table


def test_cells_point_at_their_yaml_position(shipped):
    centre = blocks_of(shipped, FinanceTable)[0]
    cell = centre.rows[0].cells[0]
    assert cell.span.path.name == "talous.yaml"
    line = cell.span.path.read_text(encoding="utf-8").split("\n")[cell.span.line - 1]
    assert line[cell.span.column - 1 :].startswith("30 782")
