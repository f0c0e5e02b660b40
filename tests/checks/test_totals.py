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
    assert run_check.rules == ["figures.missing-part"]


def test_each_lacking_part_is_an_error_of_its_own(run_check):
    accounts = (
        "a: {label: A, kind: cost}\nb: {label: B, kind: cost}\nc: {label: C, kind: cost}\n"
        "t: {label: T, kind: total, parts: [a, b, c]}\n"
    )
    accounts += "u: {label: U, kind: total, parts: [b]}\n"
    rows = "    b: [1, 2, 3]\n    t: [1, 2, 3]\n    u: [1, 2, 4]\n"
    found = totals(run_check, rows, accounts)
    assert [line.split(", but ")[-1].split(" (")[0].split("\n")[0] for line in found] == [
        "the table has no row 'a'",
        "the table has no row 'c'",
        # A total below the incomplete one is checked all the same.
        "data/talous.yaml:6:15: error: U TA 2023 is 4, its parts give 3",
    ]


def test_a_total_none_of_whose_parts_the_table_shows_is_a_plain_figure(run_check):
    # An area's table gives Toimintatuotot alone: nothing to add up, nothing missing.
    assert totals(run_check, "    toimintatuotot: [1, 2, 3]\n") == []


def test_a_total_below_a_plain_figure_total_is_checked(run_check):
    rows = (
        "    toimintatuotot: [1, 2, 3]\n    toimintakulut: [-5, -6, -7]\n"
        "    toimintakate: [-4, -4, 9]\n"
    )
    assert [line.split(" is ")[0] for line in totals(run_check, rows)] == [
        "data/talous.yaml:6:28: error: Toimintakate ulkoinen TA 2023"
    ]


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
    # Toimintatuotot 5 agrees with Toimintakate below it: the blank part is the slip.
    assert [line.split(" (")[0] for line in totals(run_check, rows)] == [
        "data/talous.yaml:4:20: error: Myyntituotot TP 2021 of Keskus is blank; every sum it "
        "is in holds if it is 5"
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


def test_a_part_outside_the_chart_of_accounts_is_named_by_its_key(run_check):
    # The reader stops such a book earlier; the message still names the part rather
    # than printing None, e.g. for a book model built by other means.
    from dataclasses import replace

    def check(book, sink):
        chart = tuple(a for a in book.accounts if a.key != "toimintakulut")
        reporter = FigureReporter(book, sink)
        check_totals(replace(book, accounts=chart), sink, reporter)
        reporter.finish()

    rows = (
        "    toimintatuotot: [1, 2, 3]\n    toimintakulut: [-5, -6, -7]\n"
        "    toimintakate: [-4, -4, 9]\n"
    )
    [line] = run_check(check, {"data/talous.yaml": ROWS + rows})
    assert line.endswith("hint: Toimintakate ulkoinen = Toimintatuotot + toimintakulut; "
                         "correct the total or the part that is wrong")  # fmt: skip
