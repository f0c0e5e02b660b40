"""The outline rule: start at level 1, never skip a level, go no deeper than 4."""

from __future__ import annotations

from kkpdf.checks.headings import check_headings

TABLES = "\n```{finance-table} keskus\n```\n\n```{goal-table} teema\n```\n"


def headings(run_check, *levels: int) -> list[str]:
    chapter = "".join(f"{'#' * level} Otsikko {n}\n\nTeksti.\n\n" for n, level in
                      enumerate(levels, 1))  # fmt: skip
    return run_check(check_headings, {"luvut/01.md": chapter + TABLES})


def test_an_outline_one_level_at_a_time_down_to_level_4_is_accepted(run_check):
    assert headings(run_check, 1, 2, 3, 4, 2, 3, 1) == []


def test_a_book_that_starts_below_level_1_says_there_was_no_heading_before(run_check):
    assert headings(run_check, 2) == [
        "luvut/01.md:1:1: error: heading level 2 follows level none; levels may not be skipped"
        "\n  hint: make it a level 1 heading ('# …')"
    ]
    assert run_check.rules == ["headings.skip"]


def test_a_skipped_level_names_both_levels_and_the_one_to_use(run_check):
    assert headings(run_check, 1, 2, 4) == [
        "luvut/01.md:9:1: error: heading level 4 follows level 2; levels may not be skipped"
        "\n  hint: make it a level 3 heading ('### …')"
    ]


def test_the_next_heading_is_measured_from_the_skipping_one(run_check):
    # After a wrong level 3 under a level 1, a level 4 follows the 3: one error only.
    assert [line.split(": error: ")[0] for line in headings(run_check, 1, 3, 4)] == [
        "luvut/01.md:5:1"
    ]


def test_level_5_one_past_the_deepest_is_an_error_and_says_what_to_use(run_check):
    assert headings(run_check, 1, 2, 3, 4, 5) == [
        "luvut/01.md:17:1: error: heading level 5 is deeper than the book's 4 levels"
        "\n  hint: use a paragraph in bold (**…**) instead"
    ]
    assert run_check.rules == ["headings.depth"]


def test_a_heading_too_deep_that_also_skips_a_level_is_reported_once_as_a_skip(run_check):
    assert [line.split("; ")[0] for line in headings(run_check, 1, 2, 3, 5)] == [
        "luvut/01.md:13:1: error: heading level 5 follows level 3"
    ]
