"""The comparison of two versions of the book, node by node."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import Book
from kkpdf.proof.changes import Change, ChangeKind, compare_books
from tests.conftest import MINIMAL, copy_book

CHAPTER = (MINIMAL / "luvut" / "01.md").read_text(encoding="utf-8")
FINANCE = (MINIMAL / "data" / "talous.yaml").read_text(encoding="utf-8")
ACCOUNTS = (MINIMAL / "data" / "tilit.yaml").read_text(encoding="utf-8")
GOALS = (MINIMAL / "data" / "tavoitteet.yaml").read_text(encoding="utf-8")


def changes(tmp_path, files: dict[str, str] | None = None):
    old = compile_document(MINIMAL, DiagnosticSink())
    new_folder = copy_book(MINIMAL, tmp_path / "new", files)
    return compare_books(old, compile_document(new_folder, DiagnosticSink()))


def book(folder: Path, chapters: dict[str, str], files: dict[str, str] | None = None) -> Book:
    """The minimal book with these chapter files (path → text), in this order."""
    listed = "".join(f"  - {path}\n" for path in chapters)
    book_yaml = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    book_yaml = book_yaml.replace("  - luvut/01.md\n", listed)
    copy_book(MINIMAL, folder, {**chapters, "book.yaml": book_yaml, **(files or {})})
    return compile_document(folder, DiagnosticSink())


def place(change: Change) -> str:
    """Where a proofreader is sent: the file's name and the line."""
    return f"{change.span.path.name}:{change.span.line}"


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


def test_added_and_reworded_text_is_placed_where_it_stands_in_the_new_sources(tmp_path):
    chapter = CHAPTER.replace("Keskukseen kuuluvat:", "Keskukseen kuuluvat nämä:")
    chapter = chapter.replace("## Talous\n", "## Talous\n\nUusi kappale talouden alussa.\n")
    found = [
        (c.kind, place(c), c.where, str(c.describe()))
        for c in changes(tmp_path, {"luvut/01.md": chapter})
    ]
    assert found == [
        (
            ChangeKind.REWORDED,
            "01.md:3",
            "",
            "“Keskukseen kuuluvat:” → “Keskukseen kuuluvat nämä:”",
        ),
        (ChangeKind.ADDED, "01.md:10", "", "“Uusi kappale talouden alussa.”"),
    ]


def test_a_removed_paragraph_is_reported_where_the_text_after_it_now_stands(tmp_path):
    chapter = CHAPTER.replace("Keskukseen kuuluvat:\n\n", "")  # the paragraph was on line 3
    (change,) = changes(tmp_path, {"luvut/01.md": chapter})
    assert (change.kind, change.old, change.new, change.where, change.after) == (
        ChangeKind.REMOVED, "Keskukseen kuuluvat:", "", "", False
    )  # fmt: skip
    # The unit list's first item, written in the units' data, now follows the heading.
    assert (place(change), str(change.describe())) == ("yksikot.yaml:5", "“Keskukseen kuuluvat:”")


def test_a_text_removed_before_a_table_is_reported_at_the_table(tmp_path):
    chapter = CHAPTER.replace("## Talous\n\n", "")  # the heading was on line 8
    (change,) = changes(tmp_path, {"luvut/01.md": chapter})
    assert (change.kind, change.old, place(change), change.after) == (
        ChangeKind.REMOVED, "Talous", "talous.yaml:1", False
    )  # fmt: skip


def test_text_removed_from_the_end_of_a_chapter_is_reported_after_its_last_block(tmp_path):
    chapter = CHAPTER.replace("## Tavoitteet\n\n```{goal-table} teema\n```\n", "")
    found = [(c.kind, str(c.old), place(c), c.after)
             for c in changes(tmp_path, {"luvut/01.md": chapter})]  # fmt: skip
    # The chapter now ends in the finance table.
    assert found == [
        (ChangeKind.REMOVED, "Tavoitteet", "talous.yaml:1", True),
        (ChangeKind.REMOVED, "Ensimmäinen kappale.", "talous.yaml:1", True),
        (ChangeKind.REMOVED, "Toinen kappale.", "talous.yaml:1", True),
        (ChangeKind.REMOVED, "Teemme työtä.", "talous.yaml:1", True),
        (ChangeKind.REMOVED, "key-goal table teema", "talous.yaml:1", True),
    ]


def test_a_paragraph_removed_from_the_end_is_reported_after_the_last_paragraph(tmp_path):
    old = book(tmp_path / "old", {"luvut/01.md": "# Luku\n\nEnsimmäinen.\n\nViimeinen.\n"})
    new = book(tmp_path / "new", {"luvut/01.md": "# Luku\n\nEnsimmäinen.\n"})
    (change,) = compare_books(old, new)
    assert (change.kind, change.old, place(change), change.after) == (
        ChangeKind.REMOVED, "Viimeinen.", "01.md:3", True
    )  # fmt: skip


def test_text_exactly_half_alike_is_reworded_and_less_alike_is_removed_and_added(tmp_path):
    # difflib's ratio of the two headings: 2 × 4 matching characters of 16.
    assert difflib.SequenceMatcher(a="Tavoitteet", b="Tuotot").ratio() == 0.5
    half = CHAPTER.replace("## Tavoitteet\n", "## Tuotot\n")
    found = {(c.kind, c.old, c.new) for c in changes(tmp_path / "half", {"luvut/01.md": half})}
    assert found == {(ChangeKind.REWORDED, "Tavoitteet", "Tuotot")}

    assert difflib.SequenceMatcher(a="Tavoitteet", b="Tulot").ratio() < 0.5
    less = CHAPTER.replace("## Tavoitteet\n", "## Tulot\n")
    found = {(c.kind, c.old, c.new) for c in changes(tmp_path / "less", {"luvut/01.md": less})}
    assert found == {(ChangeKind.REMOVED, "Tavoitteet", ""), (ChangeKind.ADDED, "", "Tulot")}


def test_paragraphs_reworded_one_after_another_are_each_reworded(tmp_path):
    goals = GOALS.replace("Ensimmäinen kappale.", "Ensimmäinen kappale muuttui.")
    goals = goals.replace("Toinen kappale.", "Toinen kappale muuttui.")
    found = [(c.kind, c.old, c.new) for c in changes(tmp_path, {"data/tavoitteet.yaml": goals})]
    assert found == [
        (ChangeKind.REWORDED, "Ensimmäinen kappale.", "Ensimmäinen kappale muuttui."),
        (ChangeKind.REWORDED, "Toinen kappale.", "Toinen kappale muuttui."),
    ]


def test_in_a_long_chapter_only_the_changed_paragraph_is_reported(tmp_path):
    # 200 items and then four alike: in a text of 200 items or more, difflib's
    # autojunk would take the frequent ones for noise and pair them anew.
    items = [f"Palvelu {n}." for n in range(200)] + ["Ei muutoksia."] * 4
    old = book(tmp_path / "old", {"luvut/01.md": "# Palvelut\n\n" + "\n\n".join(items) + "\n"})
    items[199] = "Palvelu 199 uudistuu."
    new = book(tmp_path / "new", {"luvut/01.md": "# Palvelut\n\n" + "\n\n".join(items) + "\n"})
    found = [(c.kind, c.old, c.new) for c in compare_books(old, new)]
    assert found == [(ChangeKind.REWORDED, "Palvelu 199.", "Palvelu 199 uudistuu.")]


def test_a_new_chapter_reports_its_text_as_added(tmp_path):
    old = compile_document(MINIMAL, DiagnosticSink())
    new = book(
        tmp_path / "new", {"luvut/01.md": CHAPTER, "luvut/02.md": "# Toinen\n\nUusi luku.\n"}
    )
    found = [(c.kind, c.new, place(c)) for c in compare_books(old, new)]
    assert found == [
        (ChangeKind.ADDED, "Toinen", "02.md:1"),
        (ChangeKind.ADDED, "Uusi luku.", "02.md:3"),
    ]


def test_a_removed_chapter_reports_its_text_as_removed(tmp_path):
    old = book(tmp_path / "old", {"luvut/01.md": CHAPTER, "luvut/02.md": "# Toinen\n\nPoistuva.\n"})
    new = compile_document(MINIMAL, DiagnosticSink())
    found = {(c.kind, c.old, place(c), c.after) for c in compare_books(old, new)}
    # At the book: nothing of the chapter stands in the new sources.
    assert found == {
        (ChangeKind.REMOVED, "Toinen", "book.yaml:2", False),
        (ChangeKind.REMOVED, "Poistuva.", "book.yaml:2", False),
    }


def test_changes_in_every_chapter_are_reported_with_those_of_removed_chapters(tmp_path):
    first = CHAPTER.replace("Keskukseen kuuluvat:", "Keskukseen kuuluvat nämä:")
    old = book(tmp_path / "old", {
        "luvut/01.md": CHAPTER, "luvut/02.md": "# Toinen\n", "luvut/03.md": "# Kolmas\n",
    })  # fmt: skip
    new = book(tmp_path / "new", {"luvut/01.md": first, "luvut/03.md": "# Kolmas\n\nLisätty.\n"})
    found = {(c.kind, c.old, c.new) for c in compare_books(old, new)}
    assert found == {
        (ChangeKind.REWORDED, "Keskukseen kuuluvat:", "Keskukseen kuuluvat nämä:"),
        (ChangeKind.ADDED, "", "Lisätty."),
        (ChangeKind.REMOVED, "Toinen", ""),
    }


def test_a_figure_a_row_and_a_table(tmp_path):
    finance = FINANCE.replace("    poistot:        [-100,  ~,  ~]\n", "")
    finance = finance.replace("[1 000,  2 000,  3 000]", "[1 000,  2 500,  3 000]", 1)
    found = {(c.kind, c.where, c.old.replace("\u00a0", " "), c.new.replace("\u00a0", " "))
             for c in changes(tmp_path, {"data/talous.yaml": finance})}  # fmt: skip
    assert (ChangeKind.FIGURE, "Keskus, Myyntituotot TA 2022", "2 000", "2 500") in found
    assert (ChangeKind.ROW_REMOVED, "Keskus", "Poistot ja arvonalentumiset", "") in found


def test_a_removed_row_is_reported_at_its_table(tmp_path):
    finance = FINANCE.replace("    poistot:        [-100,  ~,  ~]\n", "")
    (change,) = changes(tmp_path, {"data/talous.yaml": finance})
    assert (change.kind, place(change), str(change.describe())) == (
        ChangeKind.ROW_REMOVED, "talous.yaml:1", "Keskus: “Poistot ja arvonalentumiset”"
    )  # fmt: skip


def test_an_added_row_is_reported_and_the_rows_after_it_are_still_compared(tmp_path):
    accounts = ACCOUNTS + "investoinnit: {label: Investoinnit, kind: memo}\n"
    finance = FINANCE.replace(
        "    myyntituotot:", "    investoinnit:   [1, 2, 3]\n    myyntituotot:"
    )
    finance = finance.replace("-7 000", "-7 500")
    found = [
        (c.kind, place(c), c.old, c.new, c.where)
        for c in changes(tmp_path, {"data/tilit.yaml": accounts, "data/talous.yaml": finance})
    ]
    assert found == [
        (ChangeKind.ROW_ADDED, "talous.yaml:5", "", "Investoinnit", "Keskus"),
        (ChangeKind.FIGURE, "talous.yaml:8", "−7\u00a0000", "−7\u00a0500",
         "Keskus, Toimintakulut TA 2023"),
    ]  # fmt: skip


def test_an_added_table_is_reported_at_its_data(tmp_path):
    finance = FINANCE + "alue_a:\n  years: [2021]\n  rows:\n    myyntituotot: [1]\n"
    (change,) = changes(tmp_path, {"data/talous.yaml": finance})
    assert (change.kind, place(change), change.old, str(change.new), change.where) == (
        ChangeKind.ADDED, "talous.yaml:10", "", "table Alue A", "Alue A"
    )  # fmt: skip
    assert str(change.describe()) == "Alue A: “table Alue A”"


def test_a_removed_table_is_reported(tmp_path):
    old_folder = copy_book(MINIMAL, tmp_path / "old", {
        "data/talous.yaml": FINANCE + "alue_a:\n  years: [2021]\n  rows:\n    myyntituotot: [1]\n",
    })  # fmt: skip
    old = compile_document(old_folder, DiagnosticSink())
    new = compile_document(MINIMAL, DiagnosticSink())
    (change,) = compare_books(old, new)
    # Nothing of the table stands in the new sources: it is reported at the book.
    assert (change.kind, place(change), str(change.old), change.new, change.where) == (
        ChangeKind.REMOVED, "book.yaml:2", "table Alue A", "", "Alue A"
    )  # fmt: skip
    assert str(change.describe()) == "Alue A: “table Alue A”"


def test_a_blank_that_becomes_zero_is_a_change_and_back(tmp_path):
    finance = FINANCE.replace("[-100,  ~,  ~]", "[-100,  0,  ~]")
    (change,) = changes(tmp_path / "zero", {"data/talous.yaml": finance})
    assert (change.kind, change.old, change.new) == (ChangeKind.FIGURE, "", "0")
    assert change.where == "Keskus, Poistot ja arvonalentumiset TA 2022"
    assert str(change.describe()) == "Keskus, Poistot ja arvonalentumiset TA 2022: blank → 0"

    zero = copy_book(MINIMAL, tmp_path / "old", {"data/talous.yaml": finance})
    back = compare_books(compile_document(zero, DiagnosticSink()),
                         compile_document(MINIMAL, DiagnosticSink()))  # fmt: skip
    assert [(c.kind, c.old, c.new) for c in back] == [(ChangeKind.FIGURE, "0", "")]


def test_a_new_year_column_is_one_change_and_changes_no_figure_of_the_years_before(tmp_path):
    finance = FINANCE.replace("[2021, 2022, 2023]", "[2021, 2022, 2023, 2024]")
    finance = re.sub(r"(\n {4}\w+:\s+\[.*)\]", r"\1, 1]", finance)  # a figure for 2024
    assert "[1 000,  2 000,  3 000, 1]" in finance
    (change,) = changes(tmp_path, {"data/talous.yaml": finance})
    assert (change.kind, place(change), change.old, change.new, change.where) == (
        ChangeKind.COLUMN_ADDED, "talous.yaml:1", "", "TALOUSSUUNNITELMA 2024", "Keskus, TS 2024"
    )  # fmt: skip
    assert str(change.describe()) == "Keskus, TS 2024: “TALOUSSUUNNITELMA 2024”"


def test_a_dropped_year_column_is_one_change(tmp_path):
    finance = re.sub(r"\[[^,\]]+,\s*", "[", FINANCE)  # 2021 and its figures dropped
    (change,) = changes(tmp_path, {"data/talous.yaml": finance})
    assert (change.kind, place(change), change.old, change.new, change.where) == (
        ChangeKind.COLUMN_REMOVED, "talous.yaml:1", "TILINPÄÄTÖS 2021", "", "Keskus, TP 2021"
    )  # fmt: skip


def test_a_year_column_added_in_front_leaves_the_later_years_compared(tmp_path):
    # The old version began at 2022: every row loses its first figure.
    earlier = re.sub(r"\[[^,\]]+,\s*", "[", FINANCE)
    assert "years: [2022, 2023]" in earlier and "[2 000,  3 000]" in earlier
    old = compile_document(copy_book(MINIMAL, tmp_path / "old", {"data/talous.yaml": earlier}),
                           DiagnosticSink())  # fmt: skip
    finance = FINANCE.replace("[1 000,  2 000,  3 000]", "[1 000,  2 000,  3 500]", 1)
    new = compile_document(copy_book(MINIMAL, tmp_path / "new", {"data/talous.yaml": finance}),
                           DiagnosticSink())  # fmt: skip
    found = [(c.kind, c.where, c.new) for c in compare_books(old, new)]
    assert found == [
        (ChangeKind.COLUMN_ADDED, "Keskus, TP 2021", "TILINPÄÄTÖS 2021"),
        (ChangeKind.FIGURE, "Keskus, Myyntituotot TA 2023", "3\u00a0500"),
    ]


def test_a_changed_project_figure_is_a_change_and_a_summary_cell_is_reported_once(
    tmp_path, town_book
):
    from tests.conftest import TOWN

    folder = copy_book(TOWN, tmp_path / "town")
    investments = folder / "data" / "investoinnit.yaml"
    investments.write_text(
        investments.read_text(encoding="utf-8").replace(
            "spending: [-1 600 000, -1 600 000,          ~]",
            "spending: [-1 600 000, -1 700 000,          ~]",
        ),
        encoding="utf-8",
    )
    finance = folder / "data" / "talous.yaml"
    finance.write_text(
        finance.read_text(encoding="utf-8").replace("-33 100 000", "-33 200 000"), encoding="utf-8"
    )
    changes = compare_books(town_book, compile_document(folder, DiagnosticSink()))
    figures = sorted((c.where, c.old, c.new) for c in changes if c.kind is ChangeKind.FIGURE)
    assert [(where, old.replace("\u00a0", " "), new.replace("\u00a0", " "))
            for where, old, new in figures] == [
        ("Investoinnit hankeryhmittäin, Päiväkodin laajennus TS 2024", "−1 600 000", "−1 700 000"),
        ("Sivistyskeskus (esimerkki), Toimintakulut TA 2023", "−33 100 000", "−33 200 000"),
    ]  # fmt: skip
