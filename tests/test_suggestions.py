"""'Did you mean': the same choice as difflib for a list of the usual size, and a
bounded cost for thousands of keys against thousands of rows (issue #19)."""

from __future__ import annotations

import difflib
import random
import string

from hypothesis import given, settings, strategies as st

from kkpdf.messages import EXACT_CHOICES, closest, suggestion

keys = st.text(alphabet=string.ascii_lowercase[:8] + "_", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(word=keys, choices=st.lists(keys, max_size=40))
def test_the_choice_is_difflibs_for_a_usual_list(word, choices):
    expected = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    assert closest(word, tuple(choices)) == (expected[0] if expected else None)


def test_a_tie_goes_to_the_later_in_sort_order_as_in_difflib():
    assert difflib.get_close_matches("abc", ["abx", "aby"], n=1) == ["aby"]
    assert closest("abc", ("abx", "aby")) == "aby"
    assert str(suggestion("toimintakuult", ["toimintakulut", "toimintatuotot"])) == (
        " (did you mean 'toimintakulut'?)"
    )
    assert suggestion("zzz", ["toimintakulut"]) == ""


def test_of_many_choices_a_close_one_is_still_found():
    many = tuple(f"tili_{number:05d}_{name}" for number, name in
                 enumerate(["kulut", "tuotot", "poistot"] * 400))  # fmt: skip
    assert len(many) > EXACT_CHOICES
    assert closest("tili_00007_tuotto", many) == "tili_00007_tuotot"
    assert closest("qqqqqqqq", many) is None


def test_of_many_choices_a_misspelling_gets_difflibs_choice():
    rng = random.Random(19)

    def key() -> str:
        return "_".join("".join(rng.choices("abdehijklmnoprstuvy", k=rng.randint(4, 9)))
                        for _ in range(2))  # fmt: skip

    many = tuple(key() for _ in range(3 * EXACT_CHOICES))
    for _ in range(100):
        meant = rng.choice(many)
        at = rng.randrange(len(meant))
        typo = meant[:at] + rng.choice("abcxyz") + meant[at + 1 :]
        expected = difflib.get_close_matches(typo, list(many), n=1)
        assert closest(typo, many) == (expected[0] if expected else None)
