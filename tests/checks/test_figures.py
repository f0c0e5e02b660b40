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
    "  unresolved:\n    - row: toimintakate\n      year: 2022\n      difference: -500\n"
    "      note: the sources differ\n"
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
    excuse = UNRESOLVED.replace("difference: -500", "difference: -1")
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -4 001, -4 000]\n" + excuse
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


def test_an_excused_cell_whose_difference_changed_is_an_error_quoting_both_and_the_note(
    minimal_book,
):
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -4 700, -4 000]\n" + UNRESOLVED
    lines, [diagnostic] = figures(minimal_book, {"data/talous.yaml": talous})
    assert lines == [
        f"data/talous.yaml:7:30: error: Toimintakate ulkoinen TA 2022 is −4{NBSP}700, "
        f"its parts give −4{NBSP}000 (difference −700), but the 'unresolved' entry at "
        "line 9 accepts a difference of −500 ('the sources differ')"
        # Measured from the accepted difference, −200 too much: either cell may be it.
        f"\n  data/talous.yaml:6:30: candidate: Toimintakulut TA 2022 of Keskus (−6{NBSP}000, "
        f"else −6{NBSP}200)"
        f"\n  data/talous.yaml:7:30: candidate: Toimintakate ulkoinen TA 2022 of Keskus "
        f"(−4{NBSP}700, else −4{NBSP}500)"
        "\n  hint: if the new difference is right, write 'difference: -700' in the entry at "
        "line 9; else correct the figure"
    ]
    assert diagnostic.figure.difference == -700
    assert diagnostic.rule.id == "figures.unresolved-changed"


def test_a_changed_difference_is_an_error_even_within_the_rounding_tolerance(minimal_book):
    # The entry accepts −500; a cell now off by 1 is not that difference, nor rounding's
    # to excuse: whoever wrote the entry should look.
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -4 001, -4 000]\n" + UNRESOLVED
    _, [diagnostic] = figures(minimal_book, {"data/talous.yaml": talous})
    assert (diagnostic.severity.value, diagnostic.rule.id) == (
        "error",
        "figures.unresolved-changed",
    )


def test_an_entry_without_a_difference_is_an_error_at_it_with_the_difference_to_write(
    minimal_book,
):
    excuse = UNRESOLVED.replace("      difference: -500\n", "")
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -1 234 500, -4 000]\n" + excuse
    lines, [diagnostic] = figures(minimal_book, {"data/talous.yaml": talous})
    assert lines == [
        "data/talous.yaml:9:7: error: the 'unresolved' entry names no difference, so it would "
        f"excuse any: Toimintakate ulkoinen TA 2022 is −1{NBSP}234{NBSP}500, its parts give "
        f"−4{NBSP}000 (difference −1{NBSP}230{NBSP}500)"
        "\n  hint: write 'difference: -1 230 500' in the entry, so that a later change is caught"
    ]
    assert diagnostic.rule.id == "figures.unresolved-no-difference"


def test_the_difference_to_write_is_read_back_as_the_difference_found(minimal_book):
    # The hint's value, copied into the entry, settles it: the warning as before.
    excuse = UNRESOLVED.replace("difference: -500", "difference: -1 230 500")
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -1 234 500, -4 000]\n" + excuse
    _, [diagnostic] = figures(minimal_book, {"data/talous.yaml": talous})
    assert diagnostic.rule.id == "figures.unresolved"


def test_a_difference_that_is_no_figure_is_an_error_at_it(minimal_book):
    excuse = UNRESOLVED.replace("difference: -500", "difference: -1.5")
    talous = ROWS + RIGHT + "    toimintakate:   [-4 000, -4 500, -4 000]\n" + excuse
    sources = minimal_book({"data/talous.yaml": talous})
    sink = DiagnosticSink()
    compile_document(sources, sink)
    assert printed(sink.diagnostics, sources) == [
        "data/talous.yaml:11:19: error: 'difference' of an 'unresolved' entry of 'keskus': "
        "-1.5 has decimals; figures are whole euros"
        "\n  hint: write the difference the build reports for the cell (actual − expected) as a "
        "figure such as -1 234"
    ]
