"""Finnish spelling, checked with Voikko against every word the book prints.

A word Voikko does not know is a warning at its place in the sources, with
Voikko's suggestions. The project word list (`data: words:` in book.yaml, one
word a line) holds the names and terms that are right although Voikko does not
know them. Words with digits (S365) are codes, not words, and are not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.language.voikko import open_voikko
from kkpdf.model import Book
from kkpdf.parse.read import SourceSet
from kkpdf.walk import located_text

# The rules this module reports.
UNKNOWN = Rule("spelling.unknown")


# A word: letters, possibly joined by hyphens (Riski-arvio is one word to Voikko).
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A place in a label for a value ("sivu {page} / {pages}"), not a word.
PLACE = re.compile(r"\{[a-z_]+\}")


def _blanks(match: re.Match[str]) -> str:
    return " " * len(match.group())  # the words after it keep their offsets


@dataclass(frozen=True)
class UnknownWord:
    """A word Voikko does not know, where it stands and what it suggests."""

    word: str
    span: Span
    suggestions: tuple[str, ...]


class Speller:
    def __init__(self, language: str = "fi") -> None:
        self._voikko = open_voikko(language, "spelling")
        self.knows = lru_cache(maxsize=65536)(self._voikko.spell)
        self.suggest = lru_cache(maxsize=4096)(lambda w: tuple(self._voikko.suggest(w)[:3]))

    def close(self) -> None:
        self._voikko.terminate()


def project_words(sources: SourceSet) -> frozenset[str]:
    words = set()
    for source in sources.data.get("words", ()):
        for line in source.text.split("\n"):
            word = line.split("#", 1)[0].strip()
            if word:
                words.add(word)
    return frozenset(words)


def unknown_words(book: Book, speller: Speller, allowed: frozenset[str]) -> list[UnknownWord]:
    found: list[UnknownWord] = []
    seen: set[tuple[str, Span]] = set()
    # Voikko knows Finnish: text marked as another language is not its to judge.
    for piece in located_text(book, other_languages=False):
        span, text = piece.span, PLACE.sub(_blanks, piece.text)
        for match in WORD.finditer(text):
            word = match.group()
            if word in allowed or speller.knows(word) or (span, word) in seen:
                continue
            after = text[match.end() : match.end() + 1]
            if after == "." and speller.knows(word + "."):
                continue  # an abbreviation such as "esim."
            seen.add((span, word))
            place = piece.place(match.start(), len(word))
            found.append(UnknownWord(word, place, speller.suggest(word)))
    return found


def check_spelling(
    book: Book, sources: SourceSet, speller: Speller, sink: DiagnosticSink
) -> list[UnknownWord]:
    unknown = unknown_words(book, speller, project_words(sources))
    for entry in unknown:
        advice = f" (did you mean: {', '.join(entry.suggestions)})" if entry.suggestions else ""
        sink.warning(
            entry.span,
            f"unknown word '{entry.word}'{advice}",
            rule=UNKNOWN,
            hint="correct it, or add it to the project word list if it is right",
        )
    return unknown
