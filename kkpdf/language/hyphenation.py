"""Finnish hyphenation from Voikko, as soft hyphens (U+00AD) in the text.

ReportLab breaks a word only where the text offers a break, so the layout
inserts soft hyphens at the points Voikko allows; ReportLab shows a hyphen
only where it actually breaks the line. Results are cached per word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kkpdf.language.voikko import open_voikko

SOFT_HYPHEN = "\u00ad"
# Words worth hyphenating: letters only (figures, codes such as S365 stay whole);
# a hyphenated compound (taloushallinto-ohjelmisto) is taken whole.
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+|[^\W\d_]{6,}")
# A compound part this long may also break inside, at a syllable boundary.
LONG_PART = 14


class Hyphenator:
    def __init__(
        self,
        language: str = "fi",  # pragma: no mutate - equivalent: Voikko takes "FI" too
        cache_size: int = 65536,  # pragma: no mutate - equivalent: a size, not a result
    ) -> None:
        self._voikko = open_voikko(language, "hyphenation")
        # Voikko's own rule against breaks that leave one letter on a line ("a-jan").
        self._voikko.setNoUglyHyphenation(True)
        self._voikko.setHyphenateUnknownWords(True)
        # pragma: no mutate start - equivalent: _WORD hands Voikko no word shorter than 6
        self._voikko.setMinHyphenatedWordLength(6)
        # pragma: no mutate end
        self.word = lru_cache(maxsize=cache_size)(self._word)  # pragma: no mutate - a size

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
        return _WORD.sub(lambda match: self.word(match.group()), text)

    def close(self) -> None:
        self._voikko.terminate()
