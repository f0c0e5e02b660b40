"""Spelling, checked against every word the book prints in its own language:
Finnish with Voikko, Swedish with a Hunspell dictionary through Enchant.

A word the speller does not know is a warning at its place in the sources, with
the speller's suggestions. The project word list (`data: words:` in book.yaml, one
word a line) holds the names and terms that are right although the speller does
not know them. Words with digits (S365) are codes, not words, and are not checked.
Text marked in another language than the book's is not this speller's to judge.
`speller_for` picks the speller of a book's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Protocol

from kkpdf.cache import cache_folder, entry_key
from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.interrupts import no_stop
from kkpdf.language.languages import tool_for, tool_or_error
from kkpdf.language.stored_words import StoredWords
from kkpdf.language.swedish import SWEDISH_DICTIONARIES, open_enchant
from kkpdf.language.voikko import dictionary_version, open_voikko
from kkpdf.messages import tr
from kkpdf.model import Book
from kkpdf.parse.read import SourceSet
from kkpdf.walk import located_text

# The rules this module reports.
UNKNOWN = Rule("spelling.unknown")


# A word: letters, possibly joined by hyphens (Riski-arvio is one word to Voikko).
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A place in a label for a value ("sivu {page} / {pages}"), not a word.
PLACE = re.compile(r"\{[a-z_]+\}")
# An abbreviation: letters, each run ending with a full stop ("esim.", "t.ex.", "bl.a.").
ABBREVIATION = re.compile(r"(?:[^\W\d_]+\.)+")


def _blanks(match: re.Match[str]) -> str:
    return " " * len(match.group())  # the words after it keep their offsets


@dataclass(frozen=True)
class UnknownWord:
    """A word the speller does not know, where it stands and what it suggests."""

    word: str
    span: Span
    suggestions: tuple[str, ...]


class Spelling(Protocol):
    """What the spelling check asks of a speller, whatever its language."""

    language: str  # the primary subtag of the language it knows: "fi", "sv"

    def knows(self, word: str) -> bool: ...

    def suggest(self, word: str) -> tuple[str, ...]: ...

    def close(self) -> None: ...


class Speller:
    """Finnish spelling from Voikko; given a cache folder (`kkpdf.cache`), its answers
    are kept there for the next run, by the dictionary's version."""

    language = "fi"

    def __init__(self, language: str = "fi", cache: Path | None = None) -> None:
        self._voikko = open_voikko(language, "spelling")
        version = dictionary_version(self._voikko)
        self._known = StoredWords(self._voikko.spell, cache,
                                  entry_key("spelling", language, version))  # fmt: skip
        self._suggested = StoredWords(lambda w: tuple(self._voikko.suggest(w)[:3]), cache,
                                      entry_key("suggestions", language, version))  # fmt: skip
        self.knows = lru_cache(maxsize=65536)(self._known)
        self.suggest = lru_cache(maxsize=4096)(self._suggested)

    def close(self) -> None:
        self._known.keep()
        self._suggested.keep()
        self._voikko.terminate()


class SwedishSpeller:
    """Swedish spelling from the first of `dictionaries` that Enchant has (sv_FI, then
    sv_SE): Hunspell's, which knows compounds and abbreviations such as "t.ex."."""

    language = "sv"

    def __init__(self, dictionaries: Sequence[str] = SWEDISH_DICTIONARIES) -> None:
        self._dictionary = open_enchant(dictionaries)
        self.dictionary: str = self._dictionary.tag  # the one found: "sv_FI", "sv_SE"
        self.knows = lru_cache(maxsize=65536)(lambda w: self._dictionary.check(w))
        self.suggest = lru_cache(maxsize=4096)(lambda w: tuple(self._dictionary.suggest(w)[:3]))

    def close(self) -> None:
        # Enchant frees a dictionary with the last reference to it: the caches hold
        # only this speller.
        self.knows.cache_clear()
        self.suggest.cache_clear()
        self._dictionary = None


# The spellers by the primary subtag of the language they know.
SPELLERS: dict[str, Callable[[], Spelling]] = {
    "fi": Speller,
    "sv": SwedishSpeller,
}


def speller_for(language: str, cache: Path | None = None) -> Spelling:
    """A new speller for `language`, a tag such as "fi-FI" or "sv-FI" (the caller
    closes it); `UnknownLanguage` for a language none serves. The Finnish speller
    keeps its answers in the `cache` folder, if one is given; Enchant does not tell
    which files its Swedish dictionary is read from, so its answers could not be
    keyed by their version, and are not kept."""
    makers = {**SPELLERS, "fi": partial(Speller, cache=cache)}
    return tool_for(language, makers, "spelling")


def project_words(sources: SourceSet) -> frozenset[str]:
    words = set()
    for source in sources.data.get("words", ()):
        for line in source.text.split("\n"):
            word = line.split("#", 1)[0].strip()
            if word:
                words.add(word)
    return frozenset(words)


def unknown_words(
    book: Book,
    speller: Spelling,
    allowed: frozenset[str],
    checkpoint: Callable[[], None] = no_stop,
) -> list[UnknownWord]:
    """The words of the book's own language that neither `speller` nor `allowed` knows;
    `speller` is the one for `book.info.language`; `checkpoint` is asked before each text."""
    found: dict[tuple[Span, str], UnknownWord] = {}
    # The speller knows the book's language: text marked as another is not its to judge.
    for piece in located_text(book, other_languages=False):
        checkpoint()  # suggestions are slow: a book of many unknown words takes a while
        span, text = piece.span, PLACE.sub(_blanks, piece.text)
        abbreviated = 0  # where the last known abbreviation ends; its words are right
        for match in WORD.finditer(text):
            word = match.group()
            if match.start() < abbreviated:
                continue
            abbreviation = ABBREVIATION.match(text, match.start())
            dotted = abbreviation.group() if abbreviation else ""
            # Looked up first: its letters ("t", "ex") may be words or not, apart.
            if dotted.count(".") > 1 and speller.knows(dotted):  # such as "t.ex.", "bl.a."
                abbreviated = match.start() + len(dotted)
                continue
            # A name from data is printed as written and with its first letter lower-cased
            # (a unit list): one word where it is defined, reported in its written form.
            key = (span, word[:1].lower() + word[1:])
            if word in allowed or speller.knows(word):
                continue
            if key in found and not (word[:1].isupper() and found[key].word[:1].islower()):
                continue
            after = text[match.end() : match.end() + 1]
            if after == "." and speller.knows(word + "."):
                continue  # an abbreviation such as "esim."
            place = piece.place(match.start(), len(word))
            found[key] = UnknownWord(word, place, speller.suggest(word))
    return list(found.values())


def check_spelling(
    book: Book,
    sources: SourceSet,
    speller: Spelling,
    sink: DiagnosticSink,
    checkpoint: Callable[[], None] = no_stop,
) -> list[UnknownWord]:
    unknown = unknown_words(book, speller, project_words(sources), checkpoint)
    for entry in unknown:
        words = ", ".join(entry.suggestions)
        advice = tr(" (did you mean: {words})", words=words) if entry.suggestions else ""
        sink.warning(
            entry.span,
            tr("unknown word '{word}'{suggestions}", word=entry.word, suggestions=advice),
            rule=UNKNOWN,
            hint=tr("correct it, or add it to the project word list if it is right"),
        )
    return unknown


def spell_book(
    book: Book,
    sources: SourceSet,
    sink: DiagnosticSink,
    checkpoint: Callable[[], None] = no_stop,
) -> list[UnknownWord]:
    """`check_spelling` with the speller of the book's language, opened and closed here;
    a language with no speller is an error at `language:` in book.yaml (StageFailed)."""
    speller = tool_or_error(lambda: speller_for(book.info.language, cache_folder()), sources,
                            sink)  # fmt: skip
    try:
        return check_spelling(book, sources, speller, sink, checkpoint)
    finally:
        speller.close()
