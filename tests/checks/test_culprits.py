"""One slip, one error at the wrong cell: the sums it breaks as notes, its kind named.

The property tests change one figure of the shipped book (or of the example whole
book) and ask that the error lands at that cell, or lists it as a candidate.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kkpdf.checks.culprits import Sum, localise, slip
from kkpdf.checks.figures import CULPRIT
from tests.checks.changed import run_checks, with_cell


def reachable(book) -> list[tuple[str, str, int]]:
    """The cells a rule can reach: those an `unresolved` entry excuses too, since the
    entry names the difference it accepts and no other."""
    return sorted(run_checks(book)[1].reachable())


def test_the_excused_cells_are_reachable(shipped_book):
    cells = reachable(shipped_book)
    assert ("kaupunginkansliakeskus", "sisaiset_erat", 0) in cells
    assert ("talouspalvelut", "sisaiset_erat", 0) in cells


def span_of(book, table_key: str, row_key: str, index: int):
    table = next(t for t in book.finance_tables if t.key == table_key)
    return table.row(row_key).cells[index].span


@pytest.mark.parametrize("fixture", ["shipped_book", "town_book"])
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), delta=st.integers(1_000, 90_000) | st.integers(-90_000, -1_000))
def test_any_changed_figure_is_an_error_at_that_cell_or_among_the_candidates(
    fixture, request, data, delta
):
    book = request.getfixturevalue(fixture)
    key, row_key, index = data.draw(st.sampled_from(reachable(book)))
    table = next(t for t in book.finance_tables if t.key == key)
    before = table.row(row_key).cells[index].value or 0
    sink, _ = run_checks(with_cell(book, key, row_key, index, before + delta))
    places = {e.span for e in sink.errors} | {c.span for e in sink.errors for c in e.candidates}
    assert span_of(book, key, row_key, index) in places, [e.format() for e in sink.errors]


@pytest.mark.parametrize("fixture", ["shipped_book", "town_book"])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_sign_typed_wrong_is_named_where_it_is_the_one_cell(fixture, request, data):
    book = request.getfixturevalue(fixture)
    cells = [c for c in reachable(book) if abs(_value(book, *c)) >= 1_000]
    cell = data.draw(st.sampled_from(cells))
    assert_slip_named(book, cell, -_value(book, *cell), "the sign looks typed wrong")


def assert_slip_named(book, cell: tuple[str, str, int], typed: int, named: str) -> None:
    """With `typed` in the cell, an error is at it or lists it as a candidate, and one at
    it that names it the culprit names the slip."""
    sink, _ = run_checks(with_cell(book, *cell, typed))
    span = span_of(book, *cell)
    for culprit in [e for e in sink.errors if e.span == span and e.rule is CULPRIT]:
        assert str(culprit.message).endswith(named), str(culprit.message)
    places = {e.span for e in sink.errors} | {c.span for e in sink.errors for c in e.candidates}
    assert span in places, [e.format() for e in sink.errors]


def _value(book, table_key: str, row_key: str, index: int) -> int:
    table = next(t for t in book.finance_tables if t.key == table_key)
    return table.row(row_key).cells[index].value or 0


def test_a_centres_costs_with_two_digits_swapped_are_one_error_at_that_cell(shipped_book):
    # Toimintakulut TA 2024 of the Centre: −4 289 535 typed −4 289 553.
    index = 3
    sink, _ = run_checks(with_cell(shipped_book, "kaupunginkansliakeskus", "toimintakulut",
                                   index, -4_289_553))  # fmt: skip
    (error,) = sink.errors
    assert error.rule is CULPRIT
    assert error.span == span_of(shipped_book, "kaupunginkansliakeskus", "toimintakulut", index)
    assert str(error.message).startswith("Toimintakulut TS 2024 of Kaupunginkansliakeskus is −4")
    assert str(error.message).endswith("two digits look swapped")
    assert len(error.notes) >= 2  # its own total and Toimintakate below it
    assert error.figure.expected == -4_289_535


def test_an_area_lowered_is_named_at_the_areas_line(shipped_book):
    row = "toimintakulut"
    before = _value(shipped_book, "talouspalvelut", row, 2)
    sink, _ = run_checks(with_cell(shipped_book, "talouspalvelut", row, 2, before - 20_000))
    (error,) = sink.errors
    assert error.span == span_of(shipped_book, "talouspalvelut", row, 2)
    assert "Talouspalvelut" in str(error.message) and "(difference −20" in str(error.message)


# --- the arithmetic alone ---------------------------------------------------------


def test_the_cell_in_every_failing_sum_is_the_culprit():
    total = Sum((("total", 1), ("a", -1), ("b", -1)), difference=5, tolerance=0)
    above = Sum((("top", 1), ("total", -1), ("c", -1)), difference=-5, tolerance=0)
    holding = Sum((("a", 1), ("x", -1)), difference=0, tolerance=0)
    (finding,) = localise([total, above, holding])
    assert finding.cells == (("total", -5),)


def test_a_cell_whose_change_would_break_a_holding_sum_is_no_candidate():
    failing = Sum((("t", 1), ("a", -1)), difference=3, tolerance=0)
    holds = Sum((("t", 1), ("z", -1)), difference=0, tolerance=0)
    (finding,) = localise([failing, holds])
    assert finding.cells == (("a", 3),)


def test_sums_that_share_no_cell_are_found_apart():
    first = Sum((("a", 1), ("b", -1)), difference=1, tolerance=0)
    second = Sum((("c", 1), ("d", -1)), difference=2, tolerance=0)
    assert [f.sums for f in localise([first, second])] == [(first,), (second,)]


def test_a_group_with_an_opaque_sum_is_explained_by_no_cell():
    (finding,) = localise([Sum((("a", 1),), difference=4, tolerance=0, opaque=True)])
    assert finding.cells == ()


def test_changes_that_disagree_explain_nothing():
    one = Sum((("t", 1), ("a", -1)), difference=3, tolerance=0)
    two = Sum((("u", 1), ("a", -1)), difference=5, tolerance=0)
    (finding,) = localise([one, two])
    assert finding.cells == ()


@pytest.mark.parametrize(
    ("actual", "meant", "neighbours", "named"),
    [
        (-1_234, 1_234, [], "the sign looks typed wrong"),
        (4_289_553, 4_289_535, [], "two digits look swapped"),
        (-4_289_553, -4_289_535, [], "two digits look swapped"),
        (1_908, 1_907_662, [], "it looks typed in thousands of euros"),
        (27_400, 30_000, [27_400, 72_400], "it looks like the figure of the next column"),
        (1_000, 1_200, [5], ""),
        (4_289_535, 4_289_544, [], ""),  # off by 9, but no two digits swapped
        (123, 231, [], ""),  # off by a multiple of 9, three digits moved
        (1, -1, [], "the sign looks typed wrong"),
        (1, 1_000, [], "it looks typed in thousands of euros"),
        (1_000_000, 1_000, [], "it looks typed in euros where thousands were meant"),
        (-3_948_316, 3_948_317, [], ""),  # no slack given: not the sign alone
    ],
)
def test_known_slips_are_named(actual, meant, neighbours, named):
    assert str(slip(actual, meant, neighbours) or "") == named


def test_a_sign_flipped_on_a_figure_off_by_rounding_is_still_a_sign():
    assert str(slip(3_948_316, -3_948_317, [], slack=2)) == "the sign looks typed wrong"
    assert slip(-1_003, 1_000, [], slack=2) is None  # beyond the rounding: no sign alone


def test_a_holding_sum_off_by_rounding_is_broken_by_a_change_that_adds_to_it():
    failing = Sum((("t", 1), ("a", -1)), difference=-3, tolerance=0)
    # Off by 2, within its tolerance: t raised by 3 would leave it off by 5.
    holds = Sum((("t", 1), ("z", -1)), difference=2, tolerance=2)
    (finding,) = localise([failing, holds])
    assert finding.cells == (("a", -3),)


def test_a_change_of_one_euro_explains_a_sum_off_by_one():
    (finding,) = localise([Sum((("t", 1), ("a", -1)), difference=-1, tolerance=0)])
    assert finding.cells == (("t", 1), ("a", -1))


def test_a_sum_that_joins_two_groups_joins_all_their_cells():
    first, second = Sum((("a", 1), ("b", -1)), 1, 0), Sum((("c", 1), ("d", -1)), 1, 0)
    joining, later = Sum((("b", 1), ("c", -1)), 1, 0), Sum((("d", 1), ("e", -1)), 1, 0)
    (finding,) = localise([first, second, joining, later])
    assert len(finding.sums) == 4


def test_a_slip_in_an_excused_sum_is_caught_and_placed(shipped_book):
    # The Centre's internal items TP 2021 differ from its areas' by −210 995, as the
    # 'unresolved' entry accepts; an area's blank typed as −10 000 is a new difference.
    sink, _ = run_checks(with_cell(shipped_book, "talouspalvelut", "sisaiset_erat", 0, -10_000))
    places = {e.span for e in sink.errors} | {c.span for e in sink.errors for c in e.candidates}
    assert span_of(shipped_book, "talouspalvelut", "sisaiset_erat", 0) in places
    assert any("accepts a difference of −210" in str(e.message).replace("\u00a0", " ")
               or any("accepts a difference" in str(n.message) for n in e.notes)
               for e in sink.errors)  # fmt: skip


def _swapped_digits(value: int, at: int) -> int | None:
    """The value with its digits at `at` and `at` + 1 swapped; None if they are alike."""
    digits = list(str(abs(value)))
    if at + 1 >= len(digits) or digits[at] == digits[at + 1] or (at == 0 and digits[1] == "0"):
        return None
    digits[at], digits[at + 1] = digits[at + 1], digits[at]
    return int("".join(digits)) * (1 if value >= 0 else -1)


@pytest.mark.parametrize("fixture", ["shipped_book", "town_book"])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_two_digits_swapped_are_named_where_the_cell_is_the_one(fixture, request, data):
    book = request.getfixturevalue(fixture)
    cells = [c for c in reachable(book) if abs(_value(book, *c)) >= 100]
    cell = data.draw(st.sampled_from(cells))
    before = _value(book, *cell)
    swapped = _swapped_digits(before, data.draw(st.integers(0, len(str(abs(before))) - 2)))
    if swapped is not None:
        assert_slip_named(book, cell, swapped, "two digits look swapped")


def test_a_cell_whose_changes_disagree_is_passed_over_for_the_next():
    one = Sum((("x", 1), ("y", -1)), difference=2, tolerance=0)
    two = Sum((("y", 1), ("x", 1)), difference=-2, tolerance=0)
    (finding,) = localise([one, two])
    assert finding.cells == (("y", 2),)


@pytest.mark.parametrize(("off", "tolerance", "kept"), [(0, 2, True), (0, 1, False)])
def test_a_holding_sum_may_end_at_its_tolerance_and_not_beyond(off, tolerance, kept):
    failing = Sum((("t", 1), ("a", -1)), difference=-2 if kept else -3, tolerance=0)
    holds = Sum((("t", 1), ("z", -1)), difference=off, tolerance=tolerance)
    (finding,) = localise([failing, holds])
    assert ("t" in {cell for cell, _ in finding.cells}) is kept


# --- euros in a statement in thousands ----------------------------------------------


def test_a_units_figure_is_one_error_with_the_statement_in_thousands_as_a_note(town_book):
    # Toimintakulut TP 2021 of Sivistyskeskus, 1 000 € off: its own Toimintakate and the
    # income statement's Toimintakulut (thousands), which sums every unit's, both break.
    before = _value(town_book, "sivistyskeskus", "toimintakulut", 0)
    sink, _ = run_checks(with_cell(town_book, "sivistyskeskus", "toimintakulut", 0, before + 1000))
    (error,) = sink.errors
    assert error.rule is CULPRIT
    assert error.span == span_of(town_book, "sivistyskeskus", "toimintakulut", 0)
    assert error.figure.expected == before
    assert sorted(note.span.path.name for note in error.notes) == ["laskelmat.yaml", "talous.yaml"]
    assert any("thousand euros" in str(note.message) for note in error.notes)


def test_a_figure_only_a_statement_in_thousands_sees_is_given_to_the_thousand(town_book):
    # The water utility's costs reach the books only through the income statement,
    # whose rounded thousands cannot tell the euros: the figure it should be is said
    # to the thousand, and a sign typed wrong is still named.
    before = _value(town_book, "vesihuolto", "toimintakulut", 0)
    sink, _ = run_checks(with_cell(town_book, "vesihuolto", "toimintakulut", 0, -before))
    (error,) = sink.errors
    assert error.span == span_of(town_book, "vesihuolto", "toimintakulut", 0)
    assert error.figure.expected == round(before, -3)
    assert str(error.message).endswith("the sign looks typed wrong")


def test_a_part_in_euros_of_a_sum_in_thousands_is_weighed_by_its_scale():
    # "t" (thousands) = "e" (euros) / 1000: e is 2 000 € too high, which its own sum
    # says to the euro; the thousands sum, 2.3 off before rounding, agrees.
    own = Sum((("e", 1), ("p", -1)), difference=2_000, tolerance=0)
    thousands = Sum((("t", 1), ("e", Fraction(-1, 1000))), difference=Fraction(-23, 10),
                    tolerance=Fraction(1, 2))  # fmt: skip
    (finding,) = localise([own, thousands])
    assert finding.cells == (("e", -2_000),)


def test_a_holding_sum_in_thousands_keeps_its_rounding():
    # Taking 300 € off "e" moves a sum in thousands from −0.4 to −0.1: it still rounds
    # to agree, so "e" may be the slip; 3 000 € off would take it to 2.6, so not then.
    holds = Sum((("t", 1), ("e", Fraction(-1, 1000))), Fraction(-2, 5), Fraction(1, 2), judged=True)
    small = Sum((("e", 1), ("p", -1)), difference=300, tolerance=0)
    large = Sum((("e", 1), ("p", -1)), difference=3_000, tolerance=0)
    assert localise([small, holds])[0].cells == (("e", -300), ("p", 300))
    assert localise([large, holds])[0].cells == (("p", 3_000),)


def test_a_sum_judged_by_its_rounded_figure_fails_as_judged():
    rounded = Sum((("t", 1),), difference=Fraction(1, 2), tolerance=Fraction(1, 2), judged=False)
    assert rounded.failing and not Sum((("t", 1),), Fraction(1, 2), Fraction(1, 2)).failing


def test_a_change_a_sum_in_thousands_disagrees_with_explains_nothing():
    # 2 000 € off by its own sum, but 5 300 € by the one in thousands: no one change.
    own = Sum((("e", 1), ("p", -1)), difference=2_000, tolerance=0)
    thousands = Sum((("t", 1), ("e", Fraction(-1, 1000))), difference=Fraction(-53, 10),
                    tolerance=Fraction(1, 2))  # fmt: skip
    (finding,) = localise([own, thousands])
    assert finding.cells == ()
