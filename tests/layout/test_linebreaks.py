"""Soft hyphens at line ends: told from the source's own hyphens by the source text."""

from __future__ import annotations

from hypothesis import given, strategies as st

from kkpdf.layout.linebreaks import SOFT_HYPHEN, soft_line_ends


def compact(text: str) -> int:
    """The length of the text without its white space: positions count that."""
    return len("".join(text.split()))


WORDS = st.lists(st.text("abcdefghijklmnopqrstuvwxyzäö-", min_size=1, max_size=12), min_size=1)


def test_a_hyphen_the_source_lacks_is_soft_and_its_own_is_not():
    source = "ICT-palvelut ja talousarvio"
    lines = ["ICT-", "palvelut ja talous-", "arvio"]
    assert soft_line_ends(lines, source) == ([1], compact(source))


def test_the_second_piece_of_a_paragraph_goes_on_where_the_first_ended():
    source = "Kaupunginkanslia tekee talousarvion"
    soft, end = soft_line_ends(["Kaupungin-", "kanslia te-"], source)
    assert soft == [0, 1]
    assert soft_line_ends(["kee talous-", "arvion"], source, end) == ([0], compact(source))


def test_lines_that_differ_from_the_source_stop_the_comparison():
    assert soft_line_ends(["Toinen-", "teksti"], "Eri teksti") == ([], 0)


@given(WORDS, st.data())
def test_breaks_made_anywhere_are_found_exactly(words, data):
    """Break the text anywhere, marking some breaks with a hyphen the source lacks."""
    source = " ".join(words)
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(source) - 1)))))
    lines, soft, start = [], [], 0
    for cut in [*cuts, len(source)]:
        piece = source[start:cut]
        inside_word = cut < len(source) and source[cut - 1] != " " and source[cut] != " "
        # Hyphenation never breaks next to a hyphen the word has.
        beside_hyphen = "-" in source[cut - 1 : cut + 1]
        if inside_word and not beside_hyphen and data.draw(st.booleans()):
            soft.append(len(lines))
            piece += data.draw(st.sampled_from(["-", SOFT_HYPHEN]))
        lines.append(piece)
        start = cut
    assert soft_line_ends(lines, source) == (soft, compact(source))


def test_after_a_line_that_differs_no_hyphen_is_taken_for_soft():
    # The lines after a difference are not compared: "talous-" there stays as drawn.
    lines = ["Eri", "Toinen", "talous-", "arvio"]
    assert soft_line_ends(lines, "Eri talousarvio") == ([], 3)


def test_a_hyphen_after_a_word_the_source_does_not_have_is_not_soft():
    # Only the hyphen may be new: "talouz-" is another word, not "talous" broken.
    assert soft_line_ends(["talouz-", "arvio"], "talousarvio") == ([], 0)
    assert soft_line_ends(["talo", "uz\u00ad", "arvio"], "talousarvio") == ([], 4)


def test_a_soft_hyphen_drawn_at_a_line_end_is_found_like_a_hyphen():
    lines = ["Kaupungin\u00ad", "kanslia"]
    assert soft_line_ends(lines, "Kaupunginkanslia") == ([0], compact("Kaupunginkanslia"))
