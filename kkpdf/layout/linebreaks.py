"""Which hyphens at line ends are soft: ours, from hyphenation, not the source's.

ReportLab ends a line broken at a soft hyphen with an ordinary hyphen, so that
the text would read "talous-" "arvio". A tagged PDF should give such a hyphen
as U+00AD (ISO 32000-1, 14.8.2.2.3), which readers drop when they join the
lines. The lines are compared with the text of the source to tell the hyphens
we added from the ones the source has ("ICT-palvelut" broken after its hyphen).
"""

from __future__ import annotations

from collections.abc import Sequence

SOFT_HYPHEN = "\u00ad"
_SPACE = frozenset(" \u00a0\n\t\r")


def soft_line_ends(lines: Sequence[str], source: str, start: int = 0) -> tuple[list[int], int]:
    """The lines whose final hyphen the source does not have, and where the lines end in it.

    `start` is where the first line begins in the source (a paragraph split across
    pages continues where its first part ended). Where the lines and the source
    differ otherwise, the comparison stops there: the lines found so far are
    returned and the hyphens after it stay as they are drawn.
    """
    position, soft = start, []
    for number, line in enumerate(lines):
        text = line.rstrip(" ")
        for index, char in enumerate(text):
            if char in _SPACE:
                continue
            while position < len(source) and source[position] in _SPACE:
                position += 1
            if position < len(source) and source[position] == char:
                position += 1
            elif index == len(text) - 1 and char in ("-", SOFT_HYPHEN):
                soft.append(number)
            else:
                return soft, position
    return soft, position
