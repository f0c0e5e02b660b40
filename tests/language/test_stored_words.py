"""Words answered once and kept between processes."""

from __future__ import annotations

from kkpdf.cache import entry_key
from kkpdf.language.hyphenation import SOFT_HYPHEN, Hyphenator
from kkpdf.language.spelling import Speller, speller_for
from kkpdf.language.stored_words import KIND, StoredWords


class Counting:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, word: str) -> str:
        self.asked.append(word)
        return word.upper()


def test_a_word_is_answered_once_and_its_answer_kept(tmp_path):
    key = entry_key("test")
    first = Counting()
    words = StoredWords(first, tmp_path, key)
    assert [words("sana"), words("sana"), words("toinen")] == ["SANA", "SANA", "TOINEN"]
    assert first.asked == ["sana", "toinen"]
    words.keep()
    second = Counting()
    again = StoredWords(second, tmp_path, key)
    assert [again("sana"), again("toinen"), again("uusi")] == ["SANA", "TOINEN", "UUSI"]
    assert second.asked == ["uusi"]


def test_keeping_adds_to_what_another_process_kept(tmp_path):
    key = entry_key("test")
    one, other = StoredWords(Counting(), tmp_path, key), StoredWords(Counting(), tmp_path, key)
    one("yksi")
    other("kaksi")
    one.keep()
    other.keep()
    fresh = Counting()
    both = StoredWords(fresh, tmp_path, key)
    assert (both("yksi"), both("kaksi")) == ("YKSI", "KAKSI")
    assert fresh.asked == []


def test_a_damaged_store_is_answered_anew(tmp_path):
    key = entry_key("test")
    words = StoredWords(Counting(), tmp_path, key)
    words("sana")
    words.keep()
    (tmp_path / KIND / f"{key}.pickle").write_bytes(b"garbage")
    fresh = Counting()
    assert StoredWords(fresh, tmp_path, key)("sana") == "SANA"
    assert fresh.asked == ["sana"]


def test_a_hyphenator_keeps_its_words_when_closed(tmp_path):
    hyphenator = Hyphenator(cache=tmp_path)
    try:
        hyphenated = hyphenator.text("talousarvio")
    finally:
        hyphenator.close()
    assert SOFT_HYPHEN in hyphenated
    (entry,) = (tmp_path / KIND).iterdir()
    assert "talousarvio" in entry.read_bytes().decode("utf-8", "replace")
    again = Hyphenator(cache=tmp_path)
    try:
        assert again.text("talousarvio") == hyphenated
    finally:
        again.close()


def test_a_finnish_speller_keeps_its_answers_when_closed(tmp_path):
    speller = Speller(cache=tmp_path)
    try:
        assert speller.knows("talousarvio")
        assert not speller.knows("talousarvoi")
        suggestions = speller.suggest("talousarvoi")
    finally:
        speller.close()
    assert suggestions  # Voikko has some
    entries = {p.read_bytes() for p in (tmp_path / KIND).iterdir()}
    assert len(entries) == 2  # what it knows, what it suggests
    assert all(b"talousarvoi" in entry for entry in entries)
    again = Speller(cache=tmp_path)
    try:
        assert again.suggest("talousarvoi") == suggestions
        assert not again.knows("talousarvoi")
    finally:
        again.close()


def test_spellers_for_the_languages_take_the_cache(tmp_path):
    finnish = speller_for("fi-FI", tmp_path)
    try:
        finnish.knows("sana")
    finally:
        finnish.close()
    assert len(list((tmp_path / KIND).iterdir())) == 1  # no suggestion was asked for
    swedish = speller_for("sv-FI", tmp_path)
    swedish.close()
