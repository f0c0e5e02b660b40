"""The changed words of a reworded text, as edits of the new text for the layout."""

from __future__ import annotations

from hypothesis import given, strategies as st

from kkpdf.proof.changes import WordEdit
from kkpdf.proof.word_edits import word_edits


def undone(new: str, edits: tuple[WordEdit, ...], spaced: bool = True) -> str:
    """`new` with each edit replaced by what it removed, from the back; a removed word
    stood between words, so it is put back with a space either side (if `spaced`)."""
    text = new
    for edit in reversed(edits):
        removed = f" {edit.removed} " if edit.start == edit.end and spaced else edit.removed
        text = text[: edit.start] + removed + text[edit.end :]
    return text


def test_a_changed_word_is_replaced_whole():
    new = "Keskukseen kuuluvat nämä:"
    (edit,) = word_edits("Keskukseen kuuluvat:", new)
    # "kuuluvat:" became "kuuluvat nämä:": the word with its colon, not the letters added.
    assert edit == WordEdit(11, 25, "kuuluvat:")
    assert new[edit.start : edit.end] == "kuuluvat nämä:"


def test_a_removed_word_is_a_point_after_the_word_before_it():
    assert word_edits("yksi kaksi kolme", "yksi kolme") == (WordEdit(4, 4, "kaksi"),)


def test_a_word_removed_at_the_start_is_a_point_before_the_first_word():
    assert word_edits("yksi kaksi kolme", "kaksi kolme") == (WordEdit(0, 0, "yksi"),)


def test_an_inserted_word_removes_nothing():
    assert word_edits("yksi kolme", "yksi kaksi kolme") == (WordEdit(5, 10, ""),)
    assert word_edits("yksi", "nolla yksi") == (WordEdit(0, 5, ""),)


def test_edits_apart_are_separate_and_in_order():
    old, new = "yksi kaksi kolme neljä viisi", "YKSI kaksi kolme neljä VIISI"
    assert word_edits(old, new) == (WordEdit(0, 4, "yksi"), WordEdit(23, 28, "viisi"))


def test_a_change_of_spacing_alone_is_an_edit_of_the_words_either_side():
    old, new = "Kulut ovat 10 000 euroa.", "Kulut ovat 10\u00a0000 euroa."
    (edit,) = word_edits(old, new)
    assert (new[edit.start : edit.end], edit.removed) == ("10\u00a0000", "10 000")


def test_a_spacing_change_beside_a_removed_word_is_one_edit():
    # The space before "kolme" became two, and "neljä" after it was removed.
    (edit,) = word_edits("yksi kaksi kolme neljä", "yksi kaksi  kolme")
    assert edit == WordEdit(5, 17, "kaksi kolme neljä")


def test_the_same_text_has_no_edits():
    assert word_edits("Sama teksti.", "Sama teksti.") == ()


WORDS = st.lists(st.sampled_from(["talous", "ja", "toiminta", "2023", "jatkuu.", "kaupunki"]),
                 max_size=12)  # fmt: skip
SPACE = st.sampled_from([" ", "  ", "\u00a0", " \n"])


@st.composite
def spaced(draw, words: list[str]) -> str:
    return "".join(word + draw(SPACE) for word in words[:-1]) + "".join(words[-1:])


@st.composite
def versions(draw) -> tuple[str, str]:
    old = draw(WORDS)
    new = draw(WORDS) if draw(st.booleans()) else list(old)
    for _ in range(draw(st.integers(0, 3))):  # a few edits of the old words
        at = draw(st.integers(0, len(new)))
        new[at:at + draw(st.integers(0, 2))] = draw(WORDS)[:2]  # fmt: skip
    return draw(spaced(old)), draw(spaced(new))


@given(versions())
def test_undoing_the_edits_gives_the_old_words(texts):
    old, new = texts
    assert undone(new, word_edits(old, new)).split() == old.split()
    # Put back as they are, the old text up to its spacing.
    assert "".join(undone(new, word_edits(old, new), spaced=False).split()) == "".join(old.split())


@given(versions())
def test_edits_are_sorted_disjoint_word_aligned_ranges_of_the_new_text(texts):
    old, new = texts
    edits = word_edits(old, new)
    end = -1
    for edit in edits:
        assert 0 <= edit.start <= edit.end <= len(new)
        assert edit.start > end  # after the edit before, not touching it
        end = edit.end
        if edit.start < edit.end:  # whole words, no space at either end
            assert not new[edit.start].isspace() and not new[edit.end - 1].isspace()
            assert edit.start == 0 or new[edit.start - 1].isspace()
            assert edit.end == len(new) or new[edit.end].isspace()
        else:
            assert edit.removed  # a point removes something
        assert edit.removed == edit.removed.strip()


@given(versions())
def test_texts_with_the_same_words_and_spacing_have_no_edits_and_others_have(texts):
    old, new = texts
    assert (word_edits(old, new) == ()) == (old == new)
