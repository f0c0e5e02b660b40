"""Finnish spelling, checked with Voikko against every word the book prints.

A word Voikko does not know is a warning at its place in the sources, with
Voikko's suggestions. The project word list (`data: words:` in book.yaml, one
word a line) holds the names and terms that are right although Voikko does not
know them. Words with digits (S365) are codes, not words, and are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kkpdf.diagnostics import DiagnosticSink, Span
from kkpdf.language.voikko import open_voikko
from kkpdf.model import Book
from kkpdf.parse.read import SourceSet
from kkpdf.walk import printed_text

# A word: letters, possibly joined by hyphens (Riski-arvio is one word to Voikko).
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A place in a label for a value ("sivu {page} / {pages}"), not a word.
PLACE = re.compile(r"\{[a-z_]+\}")


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


def unknown_words(
    book: Book, sources: SourceSet, speller: Speller, allowed: frozenset[str]
) -> list[UnknownWord]:
    texts = {source.path: source.text.split("\n") for source in _files(sources)}
    found: list[UnknownWord] = []
    seen: set[tuple[str, Span]] = set()
    # Voikko knows Finnish: text marked as another language is not its to judge.
    for text, span in printed_text(book, other_languages=False):
        text = PLACE.sub(" ", text)
        for match in WORD.finditer(text):
            word = match.group()
            if word in allowed or speller.knows(word) or (span, word) in seen:
                continue
            after = text[match.end() : match.end() + 1]
            if after == "." and speller.knows(word + "."):
                continue  # an abbreviation such as "esim."
            seen.add((span, word))
            place = _locate(word, span, texts.get(span.path))
            found.append(UnknownWord(word, place, speller.suggest(word)))
    return found


def check_spelling(
    book: Book, sources: SourceSet, speller: Speller, sink: DiagnosticSink
) -> list[UnknownWord]:
    unknown = unknown_words(book, sources, speller, project_words(sources))
    for entry in unknown:
        advice = f" (did you mean: {', '.join(entry.suggestions)})" if entry.suggestions else ""
        sink.warning(
            entry.span,
            f"unknown word '{entry.word}'{advice}",
            rule="spelling.unknown",
            hint="correct it, or add it to the project word list if it is right",
        )
    return unknown


def _files(sources: SourceSet) -> Iterable:
    yield sources.book
    yield from sources.chapters
    for files in sources.data.values():
        yield from files


def _locate(word: str, span: Span, lines: list[str] | None) -> Span:
    """The word's own line and column, searched from where its block starts."""
    if lines is None:
        return span
    pattern = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])")
    for number in range(span.line - 1, len(lines)):
        start = span.column - 1 if number == span.line - 1 else 0
        match = pattern.search(lines[number], start)
        if match:
            return Span(span.path, number + 1, match.start() + 1)
    return span
