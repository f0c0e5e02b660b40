"""Hyphenation as soft hyphens (U+00AD) in the text: Finnish from Voikko, Swedish
from pyphen's patterns.

ReportLab breaks a word only where the text offers a break, so the layout
inserts soft hyphens at the points the hyphenator allows; ReportLab shows a
hyphen only where it actually breaks the line. Results are cached per word, and
given a cache folder (`kkpdf.cache`), kept there for the next build.
`hyphenator_for` picks the hyphenator of a book's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from typing import Protocol

from kkpdf.cache import entry_key
from kkpdf.language.languages import tool_for
from kkpdf.language.stored_words import StoredWords
from kkpdf.language.swedish import open_pyphen, pyphen_version
from kkpdf.language.voikko import dictionary_version, open_voikko

SOFT_HYPHEN = "\u00ad"
# Words worth hyphenating: letters only (figures, codes such as S365 stay whole);
# a hyphenated compound (taloushallinto-ohjelmisto) is taken whole.
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+|[^\W\d_]{6,}")
# A compound part this long may also break inside, at a syllable boundary.
LONG_PART = 14
# The fewest letters a Swedish break leaves on either line: a fragment of one or two
# letters ("av-", "-ar") is hard to read and saves little room.
SWEDISH_EDGE = 3


class Hyphenation(Protocol):
    """What the layout asks of a hyphenator, whatever its language."""

    language: str  # the primary subtag of the language it hyphenates: "fi", "sv"

    def word(self, word: str) -> str: ...

    def text(self, text: str) -> str: ...

    def keep(self) -> None: ...

    def close(self) -> None: ...


def _rules() -> bytes:
    """This module's source: a stored word's hyphenation holds only while it is unchanged."""
    return Path(__file__).read_bytes()


def _hyphenated(text: str, word: Callable[[str], str]) -> str:
    """The text with each of its longer words as `word` hyphenates it."""
    return _WORD.sub(lambda match: word(match.group()), text)


class Hyphenator:
    """Finnish hyphenation: between a compound's parts, from Voikko's analysis."""

    language = "fi"

    def __init__(
        self,
        language: str = "fi",  # pragma: no mutate - equivalent: Voikko takes "FI" too
        cache_size: int = 65536,  # pragma: no mutate - equivalent: a size, not a result
        cache: Path | None = None,
    ) -> None:
        self._voikko = open_voikko(language, "hyphenation")
        # Voikko's own rule against breaks that leave one letter on a line ("a-jan").
        self._voikko.setNoUglyHyphenation(True)
        self._voikko.setHyphenateUnknownWords(True)
        # pragma: no mutate start - equivalent: _WORD hands Voikko no word shorter than 6
        self._voikko.setMinHyphenatedWordLength(6)
        # pragma: no mutate end
        key = entry_key("hyphenation", language, dictionary_version(self._voikko), _rules())
        self._stored = StoredWords(self._word, cache, key)
        self.word = lru_cache(maxsize=cache_size)(self._stored)  # pragma: no mutate - a size

    def _word(self, word: str) -> str:
        pieces = word.split("-")
        if len(pieces) == 1:
            breaks = self.breaks(word)
        else:
            # Break at the written hyphens first; inside a piece only as in a compound.
            breaks, start = set(), 0
            for piece in pieces:
                breaks |= {start + i for i in self.breaks(piece, as_part=True)}
                start += len(piece) + 1
        return "".join(
            SOFT_HYPHEN + char if index in breaks else char for index, char in enumerate(word)
        )

    def breaks(self, word: str, *, as_part: bool = False) -> frozenset[int]:
        """Indexes before which the word may break.

        A compound breaks between its parts (talous-suunnitelma); inside a part only
        when the part is long, since a reader takes in the parts whole. A word Voikko
        cannot analyse breaks at any syllable boundary, unless it is one piece of a
        hyphenated compound (`as_part`), which already offers its hyphens.
        """
        # '-' marks a syllable break before this character; '=' an existing hyphen,
        # where ReportLab already breaks, so it needs no soft hyphen.
        syllables = {
            i for i, mark in enumerate(self._voikko.getHyphenationPattern(word)) if mark == "-"
        }
        parts = self._compound_parts(word)
        if len(parts) < 2 and not as_part:
            return frozenset(syllables)
        allowed = {start for start, _ in parts[1:]}
        for start, end in parts:
            if end - start >= LONG_PART:
                # pragma: no mutate start - equivalent: a part's ends are seams, already allowed
                allowed |= {i for i in syllables if start < i < end}
                # pragma: no mutate end
        return frozenset(allowed)

    def _compound_parts(self, word: str) -> list[tuple[int, int]]:
        analyses = self._voikko.analyze(word)
        structure = analyses[0].get("STRUCTURE", "") if analyses else ""
        starts, index = [], 0
        for mark in structure:
            if mark == "=":
                starts.append(index)
            else:
                index += 1
        if index != len(word):  # a structure that does not match the word letter by letter
            return [(0, len(word))]  # pragma: no mutate - equivalent: only start < i is used
        starts = [s for s in starts if s > 0] + [len(word)]
        bounds, previous = [], 0
        for start in starts:
            if start > previous:  # pragma: no mutate - equivalent: starts are distinct, above 0
                bounds.append((previous, start))
                previous = start
        return bounds

    def text(self, text: str) -> str:
        """The text with soft hyphens at every allowed break of its longer words."""
        return _hyphenated(text, self.word)

    def keep(self) -> None:
        """Store the words hyphenated so far in the cache folder, if there is one."""
        self._stored.keep()

    def close(self) -> None:
        self._stored.keep()
        self._voikko.terminate()


class SwedishHyphenator:
    """Swedish hyphenation by LibreOffice's patterns (pyphen's "sv").

    The patterns know Swedish compounds' seams and syllables alike
    (verk-sam-hets-bi-drag). A hyphenated compound (budget-och) breaks at its
    hyphen and inside each piece, never next to the hyphen.
    """

    language = "sv"

    def __init__(
        self,
        patterns: str = "sv",
        cache_size: int = 65536,  # pragma: no mutate - equivalent: a size, not a result
        cache: Path | None = None,
    ) -> None:
        self._pyphen = open_pyphen(patterns, left=SWEDISH_EDGE, right=SWEDISH_EDGE)
        key = entry_key("hyphenation", patterns, pyphen_version(patterns), _rules())
        self._stored = StoredWords(self._word, cache, key)
        self.word = lru_cache(maxsize=cache_size)(self._stored)  # pragma: no mutate - a size

    def _word(self, word: str) -> str:
        return "-".join(self._pyphen.inserted(piece, SOFT_HYPHEN) for piece in word.split("-"))

    def text(self, text: str) -> str:
        """The text with soft hyphens at every allowed break of its longer words."""
        return _hyphenated(text, self.word)

    def keep(self) -> None:
        """Store the words hyphenated so far in the cache folder, if there is one."""
        self._stored.keep()

    def close(self) -> None:
        self._stored.keep()
        self.word.cache_clear()  # pyphen holds nothing outside Python


# The hyphenators by the primary subtag of the language they serve.
HYPHENATORS: dict[str, Callable[[], Hyphenation]] = {
    "fi": Hyphenator,
    "sv": SwedishHyphenator,
}


def hyphenator_for(language: str, cache: Path | None = None) -> Hyphenation:
    """A new hyphenator for `language`, a tag such as "fi-FI" or "sv-FI" (the caller
    closes it), keeping its words in the `cache` folder if one is given;
    `UnknownLanguage` for a language none serves."""
    makers = {code: partial(make, cache=cache) for code, make in HYPHENATORS.items()}
    return tool_for(language, makers, "hyphenation")
