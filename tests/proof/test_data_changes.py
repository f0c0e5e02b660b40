"""Labels, captions and headings the data prints, renamed; columns and computed rows
added and removed."""

from __future__ import annotations

import re

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.proof.changes import ChangeKind, compare_books
from tests.conftest import MINIMAL, TOWN, copy_book
from tests.proof.test_changes import ACCOUNTS, FINANCE, GOALS, changes, place

UNITS = (MINIMAL / "data" / "yksikot.yaml").read_text(encoding="utf-8")


def test_a_renamed_label_is_reported_at_each_row_that_prints_it(tmp_path):
    accounts = ACCOUNTS.replace("label: Myyntituotot", "label: Myyntitulot")
    (change,) = changes(tmp_path, {"data/tilit.yaml": accounts})
    assert (change.kind, place(change), change.old, change.new, change.where) == (
        ChangeKind.RENAMED, "talous.yaml:5", "Myyntituotot", "Myyntitulot", "Keskus"
    )  # fmt: skip
    assert str(change.describe()) == "Keskus: “Myyntituotot” → “Myyntitulot”"


def test_a_renamed_unit_renames_its_tables_caption(tmp_path):
    units = UNITS.replace("name: Keskus\n", "name: Keskusta\n")
    (change,) = changes(tmp_path, {"data/yksikot.yaml": units})
    assert (change.kind, place(change), change.old, change.new) == (
        ChangeKind.RENAMED, "talous.yaml:1", "Keskus", "Keskusta"
    )  # fmt: skip


def test_a_caption_written_anew_is_renamed(tmp_path):
    finance = FINANCE.replace("keskus:\n", "keskus:\n  caption: Keskuksen talous\n", 1)
    (change,) = changes(tmp_path, {"data/talous.yaml": finance})
    assert (change.kind, change.old, change.new, change.where) == (
        ChangeKind.RENAMED, "Keskus", "Keskuksen talous", "Keskuksen talous"
    )  # fmt: skip


def test_a_renamed_heading_of_the_key_goals_is_renamed_at_the_table(tmp_path):
    goals = GOALS.replace("goal: Tavoite", "goal: Päämäärä")
    (change,) = changes(tmp_path, {"data/tavoitteet.yaml": goals})
    assert (change.kind, place(change), change.old, change.new, change.where) == (
        ChangeKind.RENAMED, "tavoitteet.yaml:5", "Tavoite", "Päämäärä", ""
    )  # fmt: skip
    assert str(change.describe()) == "“Tavoite” → “Päämäärä”"


def test_a_year_column_added_and_one_dropped_are_no_figure_changes(tmp_path):
    # 2021 dropped, 2024 added: the years of a table rolled on by one.
    finance = FINANCE.replace("[2021, 2022, 2023]", "[2022, 2023, 2024]")
    finance = re.sub(r"(\n {4}\w+:\s+)\[[^,\]]+,\s*(.*)\]", r"\1[\2, 5]", finance)
    assert "[2 000,  3 000, 5]" in finance
    found = [
        (c.kind, c.where, c.old, c.new) for c in changes(tmp_path, {"data/talous.yaml": finance})
    ]
    assert found == [
        (ChangeKind.COLUMN_ADDED, "Keskus, TS 2024", "", "TALOUSSUUNNITELMA 2024"),
        (ChangeKind.COLUMN_REMOVED, "Keskus, TP 2021", "TILINPÄÄTÖS 2021", ""),
    ]


def town_changed(tmp_path, town_book, edits: dict[str, tuple[str, str]]):
    """The changes of the town book with each file's text replaced (path → (old, new))."""
    folder = copy_book(TOWN, tmp_path / "town")
    for relative, (before, after) in edits.items():
        path = folder / relative
        text = path.read_text(encoding="utf-8")
        assert before in text
        path.write_text(text.replace(before, after, 1), encoding="utf-8")
    sink = DiagnosticSink()
    new = compile_document(folder, sink)
    assert not sink.errors, [d.format() for d in sink.errors]
    return compare_books(town_book, new)


def test_a_renamed_project_is_renamed_in_the_investments(tmp_path, town_book):
    found = town_changed(tmp_path, town_book, {"data/investoinnit.yaml": (
        "name: Päiväkodin laajennus\n", "name: Päiväkodin laajennus ja piha\n")})  # fmt: skip
    assert [(c.kind, c.where, c.old, c.new) for c in found] == [(
        ChangeKind.RENAMED, "Investoinnit hankeryhmittäin", "Päiväkodin laajennus",
        "Päiväkodin laajennus ja piha",
    )]  # fmt: skip
    assert place(found[0]) == "investoinnit.yaml:36"


def test_a_project_added_and_one_removed_are_rows_of_the_investments(tmp_path, town_book):
    project = ("        puistot:\n          name: Puistojen kunnostus\n"
               "          name_sv: Iståndsättning av parker\n"
               "          spending: [  -150 000,   -150 000,   -200 000]\n")  # fmt: skip
    renamed = project.replace("puistot:", "leikkipaikat:").replace(
        "Puistojen kunnostus", "Leikkipaikat")  # fmt: skip
    found = town_changed(tmp_path, town_book, {"data/investoinnit.yaml": (project, renamed)})
    kinds = [(c.kind, c.old, c.new) for c in found if c.kind is not ChangeKind.FIGURE]
    assert kinds == [
        (ChangeKind.ROW_ADDED, "", "Leikkipaikat"),
        (ChangeKind.ROW_REMOVED, "Puistojen kunnostus", ""),
    ]


def test_a_renamed_unit_is_renamed_in_its_table_and_in_the_summary(tmp_path, town_book):
    found = town_changed(tmp_path, town_book, {"data/yksikot.yaml": (
        "name: Sivistyskeskus (esimerkki)", "name: Sivistys- ja vapaa-aikakeskus")})  # fmt: skip
    renamed = {(c.where, place(c)) for c in found if c.kind is ChangeKind.RENAMED}
    assert renamed == {
        ("Sivistys- ja vapaa-aikakeskus", "talous.yaml:77"),  # the caption of its table
        ("Käyttötalous keskuksittain, talousarvio 2023", "talous.yaml:77"),  # its summary line
    }


def test_a_year_dropped_from_the_key_ratios_is_a_column_removed(tmp_path, town_book):
    found = town_changed(tmp_path, town_book, {"data/yhteenvedot.yaml": (
        "years: [2021, 2022, 2023, 2024, 2025]", "years: [2022, 2023, 2024, 2025]")})  # fmt: skip
    assert [(c.kind, c.where) for c in found] == [
        (ChangeKind.COLUMN_REMOVED, "Tunnusluvut, TP 2021")
    ]


def test_a_renamed_label_heading_a_summarys_column_is_that_column_renamed(tmp_path, town_book):
    found = town_changed(tmp_path, town_book, {"data/tilikartta.yaml": (
        "  label: Toimintatuotot\n", "  label: Toiminnan tuotot\n")})  # fmt: skip
    kinds = {c.kind for c in found}
    assert kinds == {ChangeKind.RENAMED}  # no column added or removed, no figure
    summary = [c for c in found if c.where.startswith("Käyttötalous keskuksittain")]
    assert [(c.old, c.new, place(c)) for c in summary] == [
        ("Toimintatuotot", "Toiminnan tuotot", "yhteenvedot.yaml:3")
    ]
    # Every table that prints the row: the units' tables and the income statement.
    rows = {c.where for c in found} - {summary[0].where}
    assert len(rows) == sum(
        1 for table in town_book.finance_tables if table.row("toimintatuotot") is not None
    )
