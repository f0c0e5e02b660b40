"""Every total equals the sum of its parts, in a table that shows any of them."""

from __future__ import annotations

from kkpdf.checks.figures import FigureReporter
from kkpdf.checks.totals import check_totals

ROWS = "keskus:\n  years: [2021, 2022, 2023]\n  rows:\n"


def totals(run_check, rows: str, accounts: str | None = None) -> list[str]:
    def check(book, sink):
        reporter = FigureReporter(book, sink)
        check_totals(book, sink, reporter)
        reporter.finish()

    overrides = {"data/talous.yaml": ROWS + rows}
    if accounts is not None:
        overrides["data/tilit.yaml"] = accounts
    return run_check(check, overrides)


def test_a_part_the_table_lacks_is_an_error_at_the_total_that_says_what_to_add(run_check):
    rows = "    toimintatuotot: [1, 2, 3]\n    toimintakate: [1, 2, 3]\n"
    assert totals(run_check, rows) == [
        "data/talous.yaml:5:5: error: Toimintakate ulkoinen is the sum of Toimintatuotot, "
        "Toimintakulut, but the table has no row 'toimintakulut'"
        "\n  hint: add 'toimintakulut:' with one figure per year (~ for a blank cell)"
    ]


def test_each_lacking_part_is_an_error_of_its_own(run_check):
    accounts = (
        "a: {label: A, kind: cost}\nb: {label: B, kind: cost}\nc: {label: C, kind: cost}\n"
        "t: {label: T, kind: total, parts: [a, b, c]}\n"
    )
    found = totals(run_check, "    b: [1, 2, 3]\n    t: [1, 2, 3]\n", accounts)
    assert [line.split(", but ")[1].split("\n")[0] for line in found] == [
        "the table has no row 'a'",
        "the table has no row 'c'",
    ]


def test_a_total_none_of_whose_parts_the_table_shows_is_a_plain_figure(run_check):
    # An area's table gives Toimintatuotot alone: nothing to add up, nothing missing.
    assert totals(run_check, "    toimintatuotot: [1, 2, 3]\n") == []


def test_a_total_of_one_part_has_no_rounding_tolerance(run_check):
    # A copied figure is not rounded twice: 1 € off is an error, not a warning.
    rows = "    myyntituotot: [1, 2, 3]\n    toimintatuotot: [1, 3, 3]\n"
    assert [line.split(" (")[0] for line in totals(run_check, rows)] == [
        "data/talous.yaml:5:25: error: Toimintatuotot TA 2022 is 3, its parts give 2"
    ]


def test_blank_parts_count_as_0(run_check):
    rows = (
        "    myyntituotot: [~, 2, 3]\n    toimintatuotot: [5, 2, 3]\n"
        "    toimintakulut: [-5, ~, -7]\n    toimintakate: [0, 2, -4]\n"
    )
    assert [line.split(" (")[0] for line in totals(run_check, rows)] == [
        "data/talous.yaml:5:22: error: Toimintatuotot TP 2021 is 5, its parts give 0"
    ]


def test_the_hint_spells_the_sum_out_with_the_parts_labels(run_check):
    rows = (
        "    myyntituotot: [1, 2, 3]\n    toimintatuotot: [1, 2, 3]\n"
        "    toimintakulut: [-5, -6, -7]\n    toimintakate: [-4, -4, 9]\n"
    )
    assert [line.split("hint: ")[1] for line in totals(run_check, rows)] == [
        "Toimintakate ulkoinen = Toimintatuotot + Toimintakulut; "
        "correct the total or the part that is wrong"
    ]
