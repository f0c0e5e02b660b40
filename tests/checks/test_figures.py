"""What a difference between a stated figure and its parts is: an error, a rounding
warning, or a warning excused by an `unresolved:` entry; and an excuse nobody needs."""

from __future__ import annotations

from kkpdf.build import compile_document
from kkpdf.checks.figures import FigureReporter
from kkpdf.checks.rollup import check_rollup
from kkpdf.checks.totals import check_totals
from kkpdf.diagnostics import DiagnosticSink, FigureFacts
from tests.checks.conftest import printed
from tests.conftest import MINIMAL

NBSP = "\u00a0"
ROWS = "keskus:\n  years: [2021, 2022, 2023]\n  rows:\n"
RIGHT = (
    "    myyntituotot:   [1 000, 2 000, 3 000]\n"
    "    toimintatuotot: [1 000, 2 000, 3 000]\n"
    "    toimintakulut:  [-5 000, -6 000, -7 000]\n"
)


def figures(minimal_book, overrides: dict[str, str]):
    sources = minimal_book(overrides)
    sink = DiagnosticSink()
    book = compile_document(sources, sink)
    assert not sink.diagnostics, printed(sink.diagnostics, sources)
    reporter = FigureReporter(book, sink)
    check_totals(book, sink, reporter)
    check_rollup(book, sink, reporter)
    reporter.finish()
    return printed(sink.diagnostics, sources), sink.diagnostics


def test_a_wrong_total_is_an_error_with_both_figures_the_difference_and_the_sum(minimal_book):
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -4 000, -5 000]\n"
    lines, [diagnostic] = figures(minimal_book, {"data/talous.yaml": talous})
    assert lines == [
        f"data/talous.yaml:7:38: error: Toimintakate ulkoinen TA 2023 is −5{NBSP}000, "
        f"its parts give −4{NBSP}000 (difference −1{NBSP}000)"
        # Toimintatuotot agrees with its own part, so only these two can be the slip.
        f"\n  data/talous.yaml:6:38: candidate: Toimintakulut TA 2023 of Keskus (−7{NBSP}000, "
        f"else −8{NBSP}000)"
        f"\n  data/talous.yaml:7:38: candidate: Toimintakate ulkoinen TA 2023 of Keskus "
        f"(−5{NBSP}000, else −4{NBSP}000)"
        "\n  hint: Toimintakate ulkoinen = Toimintatuotot + Toimintakulut; "
        "correct the total or the part that is wrong"
    ]
    # What --format json gives tools: the table, row and column, and both figures.
    assert diagnostic.figure == FigureFacts(
        "keskus", "toimintakate", "TALOUSARVIO 2023", 2023, expected=-4000, actual=-5000
    )
    assert diagnostic.rule.id == "figures.sum"


def test_a_difference_rounding_explains_is_a_warning_that_names_the_tolerance(minimal_book):
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -4 001, -4 000]\n"
    lines, [diagnostic] = figures(minimal_book, {"data/talous.yaml": talous})
    assert lines == [
        f"data/talous.yaml:7:30: warning: Toimintakate ulkoinen TA 2022 is −4{NBSP}001, "
        f"its parts give −4{NBSP}000 (difference −1), within the rounding tolerance of 1"
        "\n  hint: published figures are rounded; no correction is needed unless the "
        "unrounded figures say otherwise"
    ]
    assert diagnostic.figure == FigureFacts(
        "keskus",
        "toimintakate",
        "TALOUSARVIO 2022 muutoksineen",
        2022,
        expected=-4000,
        actual=-4001,
    )
    assert diagnostic.rule.id == "figures.rounding"


def test_the_tolerance_per_term_comes_from_the_book(minimal_book):
    # 1 € a term: the two terms of Toimintakate explain 2 €, not the default 1 €.
    book = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -4 002, -4 003]\n"
    overrides = {
        "data/talous.yaml": talous,
        "book.yaml": book.replace("rounding_per_term: 0.5", "rounding_per_term: 1"),
    }
    lines, _ = figures(minimal_book, overrides)
    assert [line.split(" (")[1].split("\n")[0] for line in lines] == [
        "difference −2), within the rounding tolerance of 2",
        "difference −3)",
    ]


def test_a_blank_total_is_0_and_adds_up_when_its_parts_are_blank_or_0(minimal_book):
    talous = ROWS + (
        "    myyntituotot:   [~, 0, 3]\n"
        "    toimintatuotot: [~, ~, 3]\n"
        "    toimintakulut:  [~, ~, -7]\n"
        "    toimintakate:   [~, ~, -4]\n"
    )
    assert figures(minimal_book, {"data/talous.yaml": talous}) == ([], [])


def test_a_blank_total_whose_parts_are_not_0_is_reported_as_0(minimal_book):
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, ~, -4 000]\n"
    lines, _ = figures(minimal_book, {"data/talous.yaml": talous})
    assert [line.split(" (")[0] for line in lines] == [
        f"data/talous.yaml:7:30: error: Toimintakate ulkoinen TA 2022 is 0, "
        f"its parts give −4{NBSP}000"
    ]


UNRESOLVED = (
    "  unresolved:\n    - row: toimintakate\n      year: 2022\n      note: the sources differ\n"
)


def test_an_excused_difference_is_a_warning_with_the_note_and_the_excuse_s_line(minimal_book):
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -4 500, -4 000]\n" + UNRESOLVED
    lines, [diagnostic] = figures(minimal_book, {"data/talous.yaml": talous})
    assert lines == [
        f"data/talous.yaml:7:30: warning: Toimintakate ulkoinen TA 2022 is −4{NBSP}500, "
        f"its parts give −4{NBSP}000 (difference −500); kept as published: the sources differ"
        "\n  hint: excused by the 'unresolved' entry at line 9"
    ]
    assert diagnostic.figure.difference == -500
    assert diagnostic.rule.id == "figures.unresolved"


def test_an_excuse_holds_even_within_the_rounding_tolerance(minimal_book):
    # The excuse wins: its note says why, and it is not reported as unused.
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -4 001, -4 000]\n" + UNRESOLVED
    lines, _ = figures(minimal_book, {"data/talous.yaml": talous})
    assert [line.split("; ")[1].split("\n")[0] for line in lines] == [
        "kept as published: the sources differ"
    ]


def test_an_excuse_for_a_figure_that_adds_up_is_a_warning_to_remove_it(minimal_book):
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -4 000, -4 000]\n" + UNRESOLVED
    lines, [diagnostic] = figures(minimal_book, {"data/talous.yaml": talous})
    assert lines == [
        "data/talous.yaml:9:7: warning: 'toimintakate' 2022 in 'keskus' now adds up"
        "\n  hint: remove this 'unresolved' entry"
    ]
    assert diagnostic.rule.id == "figures.unresolved-unused"


def test_an_excuse_of_the_right_row_and_another_year_excuses_nothing(minimal_book):
    excuse = UNRESOLVED.replace("2022", "2021")
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -4 500, -4 000]\n" + excuse
    lines, _ = figures(minimal_book, {"data/talous.yaml": talous})
    assert [line.split(": ")[0:2] for line in lines] == [
        ["data/talous.yaml:7:30", "error"],
        ["data/talous.yaml:9:7", "warning"],  # and it is itself unused
    ]
