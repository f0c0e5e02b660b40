"""A unit's table is the sum of its parts' tables, in the years and rows they share."""

from __future__ import annotations

from kkpdf.checks.figures import FigureReporter
from kkpdf.checks.rollup import check_rollup

NBSP = "\u00a0"


def rollup(run_check, talous: str, parts: str = "[alue_a, alue_b]", *, last=False) -> list[str]:
    def check(book, sink):
        reporter = FigureReporter(book, sink)
        check_rollup(book, sink, reporter)
        reporter.finish()

    keskus = f"keskus:\n  name: Keskus\n  parts: {parts}\n"
    areas = "alue_a:\n  name: Alue A\nalue_b:\n  name: Alue B\nalue_c:\n  name: Alue C\n"
    units = areas + keskus if last else keskus + areas
    # The tables the data has, placed in the chapter.
    chapter = "# Keskus\n\n" + "".join(
        f"```{{finance-table}} {key}\n```\n\n"
        for key in ("keskus", "alue_a", "alue_b", "alue_c")
        if f"\n{key}:" in f"\n{talous}"
    )
    overrides = {"data/talous.yaml": talous, "data/yksikot.yaml": units,
                 "luvut/01.md": chapter + "```{goal-table} teema\n```\n"}  # fmt: skip
    return run_check(check, overrides)


def table(key: str, years: str, **rows: str) -> str:
    return f"{key}:\n  years: [{years}]\n  rows:\n" + "".join(
        f"    {row}: [{values}]\n" for row, values in rows.items()
    )


KESKUS = table("keskus", "2021, 2022, 2023", myyntituotot="10, 20, 30")


def test_a_wrong_sum_of_two_tables_names_both_and_counts_them_in_the_hint(run_check):
    talous = (
        KESKUS
        + table("alue_a", "2021, 2022, 2023", myyntituotot="4, 9, 15")
        + table("alue_b", "2021, 2022, 2023", myyntituotot="6, 11, 1 015")
    )
    assert rollup(run_check, talous) == [
        f"data/talous.yaml:4:28: error: Myyntituotot TA 2023 is 30, the tables of Alue A and "
        f"Alue B give 1{NBSP}030 (difference −1{NBSP}000)"
        # A roll-up alone cannot tell the centre from an area: each is a candidate.
        "\n  data/talous.yaml:4:28: candidate: Myyntituotot TA 2023 of Keskus "
        f"(30, else 1{NBSP}030)"
        "\n  data/talous.yaml:8:26: candidate: Myyntituotot TA 2023 of Alue A (15, else −985)"
        "\n  data/talous.yaml:12:27: candidate: Myyntituotot TA 2023 of Alue B "
        f"(1{NBSP}015, else 15)"
        "\n  hint: correct this figure or one of the 2 tables it is the sum of"
    ]


def test_three_tables_are_listed_with_commas_and_a_last_and(run_check):
    talous = (
        KESKUS
        + table("alue_a", "2021, 2022, 2023", myyntituotot="1, 1, 1")
        + table("alue_b", "2021, 2022, 2023", myyntituotot="1, 1, 1")
        + table("alue_c", "2021, 2022, 2023", myyntituotot="8, 18, 99")
    )
    found = rollup(run_check, talous, "[alue_a, alue_b, alue_c]")
    assert [line.split(" give")[0].split("the ")[1] for line in found] == [
        "tables of Alue A, Alue B and Alue C"
    ]
    assert found[0].endswith("one of the 3 tables it is the sum of")


def test_one_table_is_named_alone(run_check):
    talous = KESKUS + table("alue_a", "2021, 2022, 2023", myyntituotot="10, 20, 31")
    found = rollup(run_check, talous, "[alue_a]")
    assert [line.split(" (")[0] for line in found] == [
        "data/talous.yaml:4:28: error: Myyntituotot TA 2023 is 30, the tables of Alue A give 31"
    ]


def test_only_years_every_part_has_are_compared(run_check):
    # Alue B starts in 2022: 2021 is not compared even though it is wrong; 2023 is.
    talous = (
        KESKUS
        + table("alue_a", "2021, 2022, 2023", myyntituotot="999, 9, 15")
        + table("alue_b", "2022, 2023", myyntituotot="11, 25")
    )
    assert [line.split(" is ")[0] for line in rollup(run_check, talous)] == [
        "data/talous.yaml:4:28: error: Myyntituotot TA 2023"
    ]


def test_a_unit_listed_after_its_parts_is_compared_too(run_check):
    talous = KESKUS + table("alue_a", "2021, 2022, 2023", myyntituotot="10, 20, 31")
    assert [line.split(" is ")[0] for line in rollup(run_check, talous, "[alue_a]", last=True)] == [
        "data/talous.yaml:4:28: error: Myyntituotot TA 2023"
    ]


def test_a_part_without_the_row_or_with_a_blank_cell_counts_as_0(run_check):
    talous = (
        table("keskus", "2021, 2022, 2023", myyntituotot="10, 20, 30", toimintakulut="-1, 0, -3")
        + table("alue_a", "2021, 2022, 2023", myyntituotot="10, ~, 30", toimintakulut="-1, ~, ~")
        + table("alue_b", "2021, 2022, 2023", myyntituotot="~, 20, ~")
    )
    assert [line.split(" (")[0] for line in rollup(run_check, talous)] == [
        "data/talous.yaml:5:28: error: Toimintakulut TA 2023 is −3, the tables of Alue A and "
        "Alue B give 0"
    ]


def test_a_row_no_part_shows_is_not_compared_and_the_rows_below_are(run_check):
    talous = (
        table("keskus", "2021, 2022, 2023", toimintakulut="-1, -2, -3", myyntituotot="10, 20, 30")
        + table("alue_a", "2021, 2022, 2023", myyntituotot="4, 9, 15")
        + table("alue_b", "2021, 2022, 2023", myyntituotot="6, 11, 25")
    )
    assert [line.split(" is ")[0] for line in rollup(run_check, talous)] == [
        "data/talous.yaml:5:28: error: Myyntituotot TA 2023"
    ]


def test_a_part_without_a_table_is_a_warning_at_the_unit_s_table(run_check):
    talous = KESKUS + table("alue_a", "2021, 2022, 2023", myyntituotot="10, 20, 30")
    assert rollup(run_check, talous) == [
        "data/talous.yaml:1:1: warning: 'alue_b' is part of Keskus but has no finance table, "
        "so the Keskus table is compared with its other parts only"
        "\n  hint: add a table 'alue_b' to the finance data"
    ]
    assert run_check.rules == ["figures.rollup-incomplete"]


def test_a_unit_none_of_whose_parts_has_a_table_is_a_plain_table(run_check):
    assert rollup(run_check, KESKUS) == []
