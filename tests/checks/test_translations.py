"""Each edition is checked against the other: what it lacks, and what is built unlike it.

Every case changes the bilingual fixture and states the diagnostics it must give,
in the edition where they are found.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from kkpdf.build import check_sources
from kkpdf.checks.translations import MISSING, STRUCTURE, cell_shape
from kkpdf.diagnostics import DiagnosticSink, StageFailed
from kkpdf.model import GoalCell, ListBlock, ListItem, Paragraph
from tests.conftest import FONTS, copy_book

BILINGUAL = Path(__file__).resolve().parent.parent / "fixtures" / "bilingual"
SWEDISH_CHAPTER = (BILINGUAL / "luvut" / "01.sv.md").read_text(encoding="utf-8")
SWEDISH_GOALS = (BILINGUAL / "data" / "tavoitteet.sv.yaml").read_text(encoding="utf-8")


def findings(book: Path, edition: str, *, draft: bool = False) -> list[str]:
    """The translation diagnostics of one edition's check, as 'file:line:col: message'."""
    sink = DiagnosticSink()
    with contextlib.suppress(StageFailed):
        check_sources(book, FONTS, sink, edition=edition, draft=draft)
    return [
        f"{d.span.path.name}:{d.span.line}:{d.span.column}: {d.message}"
        for d in sink.diagnostics
        if d.rule in (MISSING, STRUCTURE)
    ]


def changed(tmp_path: Path, files: dict[str, str]) -> Path:
    return copy_book(BILINGUAL, tmp_path / "src", files)


@pytest.mark.parametrize("edition", ["fi", "sv"])
def test_the_bilingual_book_is_translated_throughout(edition):
    assert findings(BILINGUAL, edition) == []


def test_a_missing_swedish_chapter_is_named_in_both_editions_at_its_first_line(tmp_path):
    book = changed(tmp_path, {})
    (book / "luvut" / "01.sv.md").unlink()
    expected = ["01.md:1:1: chapter luvut/01.md has no Swedish text: luvut/01.sv.md is missing"]
    assert findings(book, "sv") == expected
    assert findings(book, "fi") == expected


def test_a_heading_at_another_level_is_named_in_each_edition_at_its_own_place(tmp_path):
    book = changed(tmp_path, {"luvut/01.sv.md": SWEDISH_CHAPTER.replace("## Mål", "### Mål")})
    assert findings(book, "sv") == [
        "01.sv.md:13:1: this chapter has a level-3 heading 'Mål' where the Finnish text has "
        f"a level-2 heading 'Tavoitteet' ({book / 'luvut' / '01.md'}:13:1)"
    ]
    assert findings(book, "fi") == [
        "01.md:13:1: this chapter has a level-2 heading 'Tavoitteet' where the Swedish text "
        f"has a level-3 heading 'Mål' ({book / 'luvut' / '01.sv.md'}:13:1)"
    ]


def test_a_table_the_translation_leaves_out_is_named(tmp_path):
    without = SWEDISH_CHAPTER.replace("```{finance-table} keskus\n```\n", "")
    book = changed(tmp_path, {"luvut/01.sv.md": without})
    (finding,) = findings(book, "fi")
    assert finding.startswith("01.md:8:1: this chapter has table 'keskus' where the Swedish "
                              "text has nothing")  # fmt: skip


def test_a_goal_cell_of_another_shape_is_named_at_the_cell(tmp_path):
    one_paragraph = SWEDISH_GOALS.replace(
        "Första stycket.\n\n        Andra", "Första stycket.\n        Andra"
    )
    book = changed(tmp_path, {"data/tavoitteet.sv.yaml": one_paragraph})
    (finding,) = findings(book, "sv")
    assert finding.startswith(
        "tavoitteet.sv.yaml:6:13: key-goal table 'teema', row 1, 'Mål': a paragraph here, "
        "a paragraph and a paragraph in the Finnish text"
    )


def test_a_goal_table_with_a_row_more_is_named_at_the_table(tmp_path):
    more = SWEDISH_GOALS + "    - goal: Tredje.\n      means: Mer.\n"
    book = changed(tmp_path, {"data/tavoitteet.sv.yaml": more})
    (finding,) = findings(book, "sv")
    assert "key-goal table 'teema' of 2 rows where the Finnish text has key-goal table " \
        "'teema' of 1 row" in finding  # fmt: skip


def test_a_label_without_its_swedish_text_is_named_where_it_stands(tmp_path):
    accounts = (BILINGUAL / "data" / "tilit.yaml").read_text(encoding="utf-8")
    book = changed(
        tmp_path, {"data/tilit.yaml": accounts.replace(", label_sv: Försäljningsintäkter", "")}
    )
    expected = ["tilit.yaml:1:16: 'label' of 'myyntituotot' has no Swedish text"]
    assert findings(book, "sv") == expected
    assert findings(book, "fi") == expected


def test_a_final_build_stops_on_a_missing_translation_and_a_draft_does_not(tmp_path):
    book = changed(tmp_path, {})
    (book / "luvut" / "01.sv.md").unlink()
    with pytest.raises(StageFailed):
        check_sources(book, FONTS, DiagnosticSink(), edition="sv")
    check_sources(book, FONTS, DiagnosticSink(), edition="sv", draft=True)


def test_a_cell_shape_counts_paragraphs_and_list_items():
    span = BILINGUAL / "x"
    from kkpdf.diagnostics import Span

    here = Span(span)
    items = tuple(ListItem((), here) for _ in range(3))
    cell = GoalCell((Paragraph((), here), ListBlock(False, 1, items, here)), here)
    assert cell_shape(cell) == (0, 3)
