"""The comparison of two versions of the book, node by node."""

from __future__ import annotations

import re

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.proof.changes import ChangeKind, compare_books
from tests.conftest import MINIMAL, copy_book

CHAPTER = (MINIMAL / "luvut" / "01.md").read_text(encoding="utf-8")
FINANCE = (MINIMAL / "data" / "talous.yaml").read_text(encoding="utf-8")


def changes(tmp_path, files: dict[str, str] | None = None):
    old = compile_document(MINIMAL, DiagnosticSink())
    new_folder = copy_book(MINIMAL, tmp_path / "new", files)
    return compare_books(old, compile_document(new_folder, DiagnosticSink()))


def test_the_same_book_has_no_changes(tmp_path):
    assert changes(tmp_path) == []


def test_added_removed_and_reworded_paragraphs(tmp_path):
    chapter = CHAPTER.replace("Keskukseen kuuluvat:", "Keskukseen kuuluvat nämä:")
    chapter = chapter.replace("## Talous\n", "## Talous\n\nUusi kappale talouden alussa.\n")
    chapter = chapter.replace("## Tavoitteet\n", "")
    found = {(c.kind, c.old, c.new) for c in changes(tmp_path, {"luvut/01.md": chapter})}
    assert found == {
        (ChangeKind.REWORDED, "Keskukseen kuuluvat:", "Keskukseen kuuluvat nämä:"),
        (ChangeKind.ADDED, "", "Uusi kappale talouden alussa."),
        (ChangeKind.REMOVED, "Tavoitteet", ""),
    }


def test_a_figure_a_row_and_a_table(tmp_path):
    finance = FINANCE.replace("    poistot:        [-100,  ~,  ~]\n", "")
    finance = finance.replace("[1 000,  2 000,  3 000]", "[1 000,  2 500,  3 000]", 1)
    found = {(c.kind, c.where, c.old.replace("\u00a0", " "), c.new.replace("\u00a0", " "))
             for c in changes(tmp_path, {"data/talous.yaml": finance})}  # fmt: skip
    assert (ChangeKind.FIGURE, "Keskus, Myyntituotot TA 2022", "2 000", "2 500") in found
    assert (ChangeKind.ROW_REMOVED, "Keskus", "Poistot ja arvonalentumiset", "") in found


def test_a_removed_table_is_reported(tmp_path):
    old_folder = copy_book(MINIMAL, tmp_path / "old", {
        "data/talous.yaml": FINANCE + "alue_a:\n  years: [2021]\n  rows:\n    myyntituotot: [1]\n",
    })  # fmt: skip
    old = compile_document(old_folder, DiagnosticSink())
    new = compile_document(MINIMAL, DiagnosticSink())
    found = [(c.kind, c.old) for c in compare_books(old, new)]
    assert (ChangeKind.REMOVED, "table Alue A") in found


def test_a_removed_chapter_reports_its_text_as_removed(tmp_path):
    old_folder = copy_book(MINIMAL, tmp_path / "old", {"luvut/02.md": "# Toinen\n\nPoistuva.\n"})
    book_yaml = (old_folder / "book.yaml").read_text(encoding="utf-8")
    (old_folder / "book.yaml").write_text(
        book_yaml.replace("  - luvut/01.md\n", "  - luvut/01.md\n  - luvut/02.md\n"),
        encoding="utf-8",
    )
    old = compile_document(old_folder, DiagnosticSink())
    new = compile_document(MINIMAL, DiagnosticSink())
    found = {(c.kind, c.old) for c in compare_books(old, new)}
    assert found == {(ChangeKind.REMOVED, "Toinen"), (ChangeKind.REMOVED, "Poistuva.")}


def test_a_blank_that_becomes_zero_is_a_change_and_back(tmp_path):
    finance = FINANCE.replace("[-100,  ~,  ~]", "[-100,  0,  ~]")
    (change,) = changes(tmp_path, {"data/talous.yaml": finance})
    assert (change.kind, change.old, change.new) == (ChangeKind.FIGURE, "", "0")
    assert change.where == "Keskus, Poistot ja arvonalentumiset TA 2022"


def test_a_new_year_column_changes_no_figure_of_the_years_before(tmp_path):
    finance = FINANCE.replace("[2021, 2022, 2023]", "[2021, 2022, 2023, 2024]")
    finance = re.sub(r"(\n {4}\w+:\s+\[.*)\]", r"\1, 1]", finance)  # a figure for 2024
    assert "[1 000,  2 000,  3 000, 1]" in finance
    assert changes(tmp_path, {"data/talous.yaml": finance}) == []
