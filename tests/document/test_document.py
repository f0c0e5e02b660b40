"""The document stage: data becomes tables, lists and headings the chapters place."""

from __future__ import annotations

import pytest

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import FinanceTable, GoalTable, ListBlock, Paragraph
from kkpdf.walk import block_text
from tests.conftest import MINIMAL


def compiled(path):
    sink = DiagnosticSink()
    book = compile_document(path, sink)
    assert not sink.errors, [d.format() for d in sink.errors]
    return book


def blocks_of(book, kind):
    return [b for c in book.chapters for b in c.blocks if isinstance(b, kind)]


@pytest.fixture(scope="module")
def shipped(shipped_book):
    return shipped_book


def test_column_headings_follow_the_budget_year(shipped):
    centre = blocks_of(shipped, FinanceTable)[0]
    assert [c.heading for c in centre.columns] == [
        "TILINPÄÄTÖS 2021",
        "TALOUSARVIO 2022 muutoksineen",
        "TALOUSARVIO 2023",
        "TALOUSSUUNNITELMA 2024",
        "TALOUSSUUNNITELMA 2025",
    ]


def test_changing_the_budget_year_renames_every_column(minimal_book):
    book_yaml = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    finance_file = (
        "keskus:\n  years: [2022, 2023, 2024]\n  binding: true\n  rows:\n"
        "    myyntituotot: [1, 2, 3]\n"
    )
    book = compiled(
        minimal_book(
            {
                "book.yaml": book_yaml.replace("budget_year: 2023", "budget_year: 2024"),
                "data/talous.yaml": finance_file,
            }
        )
    )
    (table,) = blocks_of(book, FinanceTable)
    assert [c.heading for c in table.columns] == [
        "TILINPÄÄTÖS 2022",
        "TALOUSARVIO 2023 muutoksineen",
        "TALOUSARVIO 2024",
    ]


def test_unit_list_is_generated_from_the_units(shipped):
    first_chapter = shipped.chapters[0]
    lists = [b for b in first_chapter.blocks if isinstance(b, ListBlock)]
    texts = [text for text, _ in block_text(lists[0])]
    assert texts == [
        "kaupunginkansliapalvelut (HR, viestintä, asiakaspalvelutoimisto, käännös, arkisto "
        "ja kanslia)",
        "tieto- ja viestintäteknologiapalvelut",
        "talouspalvelut.",
    ]


def test_renaming_a_unit_renames_its_list_item_and_table(minimal_book):
    units = (
        "keskus:\n  name: Keskus\n  parts: [alue_a, alue_b]\n"
        "alue_a:\n  name: Uusi nimi\nalue_b:\n  name: Alue B\n"
    )
    book = compiled(minimal_book({"data/yksikot.yaml": units}))
    (unit_list,) = [b for b in book.chapters[0].blocks if isinstance(b, ListBlock)]
    assert next(t for t, _ in block_text(unit_list)) == "uusi nimi"


def test_goal_cells_keep_their_paragraphs(shipped):
    tables = {t.key: t for t in blocks_of(shipped, GoalTable)}
    first = tables["sujuva_paatoksenteko"].rows[0].cells[0]
    assert [type(b) for b in first.blocks] == [Paragraph, Paragraph]
    assert len(tables["sujuva_paatoksenteko"].rows[1].cells[0].blocks) == 4
    assert len(tables) == 4


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


def test_a_name_referred_to_by_key_follows_the_data(minimal_book):
    chapter = "# {unit:keskus}\n\nRivi {row:poistot} kuuluu {unit:alue_a}an.\n"
    units = "keskus:\n  name: Uusi keskus\n  parts: [alue_a]\nalue_a:\n  name: Alue A\n"
    book = compiled(minimal_book({"luvut/01.md": chapter, "data/yksikot.yaml": units}))
    heading, paragraph = book.chapters[0].blocks[:2]
    assert [t for t, _ in block_text(heading)] == ["Uusi keskus"]
    assert [t for t, _ in block_text(paragraph)] == [
        "Rivi Poistot ja arvonalentumiset kuuluu Alue Aan."
    ]
