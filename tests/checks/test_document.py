"""All checks over one book: every rule runs, then errors stop it (a draft only some)."""

from __future__ import annotations

import pytest

from kkpdf.build import compile_document
from kkpdf.checks import check_document
from kkpdf.diagnostics import DiagnosticSink, StageFailed
from kkpdf.parse.fonts import FAMILY, book_coverage
from tests.conftest import FONTS

ROWS = "keskus:\n  years: [2021, 2022, 2023]\n  rows:\n"
RIGHT = (
    "    myyntituotot:   [1, 2, 3]\n    toimintatuotot: [1, 2, 3]\n"
    "    toimintakulut:  [-5, -6, -7]\n"
)


@pytest.fixture(scope="module")
def coverage():
    return book_coverage(FONTS)


def checked(minimal_book, coverage, overrides, **draft):
    sink = DiagnosticSink()
    book = compile_document(minimal_book(overrides), sink)
    assert not sink.diagnostics
    try:
        return sink, check_document(book, sink, font_coverage=coverage, font_name=FAMILY, **draft)
    except StageFailed as failed:
        return sink, failed


def test_the_summary_counts_the_tables_and_their_cells(minimal_book, coverage):
    # The minimal book: one table of five rows and three years.
    sink, summary = checked(minimal_book, coverage, None)
    assert not sink.diagnostics
    assert str(summary.described()) == "1 table and 15 cells checked"


def test_a_wrong_figure_stops_the_book_and_the_failure_says_what_was_checked(
    minimal_book, coverage
):
    # Not asked for a draft: the book itself, which a wrong figure stops.
    talous = ROWS + RIGHT + "    toimintakate:   [-4, -4, 5]\n"
    sink, failed = checked(minimal_book, coverage, {"data/talous.yaml": talous})
    assert isinstance(failed, StageFailed)
    assert (failed.stage, str(failed.detail)) == ("checks", "1 table and 12 cells checked")
    assert [d.rule.id for d in sink.diagnostics] == ["figures.sum"]


def test_a_draft_is_made_with_a_wrong_figure(minimal_book, coverage):
    talous = ROWS + RIGHT + "    toimintakate:   [-4, -4, 5]\n"
    sink, summary = checked(minimal_book, coverage, {"data/talous.yaml": talous}, draft=True)
    assert str(summary.described()) == "1 table and 12 cells checked"
    assert [d.rule.id for d in sink.errors] == ["figures.sum"]


def test_warnings_alone_do_not_stop_the_book(minimal_book, coverage):
    talous = ROWS + RIGHT + "    toimintakate:   [-4, -5, -4]\n"  # within the tolerance
    sink, summary = checked(minimal_book, coverage, {"data/talous.yaml": talous})
    assert str(summary.described()) == "1 table and 12 cells checked"
    assert [d.rule.id for d in sink.warnings] == ["figures.rounding"]


def test_every_rule_runs_before_the_book_stops(minimal_book, coverage):
    chapter = (
        "# Keskus\n\n### Syvä ☃\n\n```{finance-table} keskus\n```\n\n"
        "```{finance-table} alue_a\n```\n\n```{goal-table} teema\n```\n"
    )
    talous = ROWS + (
        "    myyntituotot:   [1, -2, 3]\n    toimintatuotot: [1, -2, 3]\n"
        "    toimintakulut:  [-5, -6, -7]\n    toimintakate:   [-4, -4, 5]\n"
        "  unresolved:\n    - {row: toimintakulut, year: 2021, note: vanha}\n"
        "alue_a:\n  years: [2021, 2022, 2023]\n  rows:\n    myyntituotot: [1, -2, 4]\n"
    )
    units = (
        "keskus:\n  name: Keskus\n  parts: [alue_a, alue_b]\n"
        "alue_a:\n  name: Alue A\nalue_b:\n  name: Alue B\n"  # Alue B has no table
    )
    overrides = {"luvut/01.md": chapter, "data/talous.yaml": talous, "data/yksikot.yaml": units}
    sink, failed = checked(minimal_book, coverage, overrides)
    assert isinstance(failed, StageFailed)
    assert sorted({d.rule.id for d in sink.diagnostics}) == [
        "figures.culprit",
        "figures.rollup-incomplete",
        "figures.sign",
        "figures.sum",
        "figures.unresolved-unused",
        "glyphs.missing",
        "headings.skip",
    ]
