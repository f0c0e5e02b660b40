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


def soft_line_ends(lines: Sequence[str], source: str, start: int = 0) -> tuple[list[int], int]:
    """The lines whose final hyphen the source does not have, and where the lines end in it.

    Positions count the source's characters other than white space, which the
    lines may break or replace with no-break spaces. `start` is where the first
    line begins (a paragraph split across pages continues where its first part
    ended). At a line that differs from the source otherwise, the comparison
    stops: the lines found so far are returned, and the hyphens after it stay as
    they are drawn.
    """
    text = "".join(source.split())
    position, soft = start, []
    for number, line in enumerate(lines):
        drawn = "".join(line.split())
        if text.startswith(drawn, position):
            position += len(drawn)
        elif drawn.endswith(("-", SOFT_HYPHEN)) and text.startswith(drawn[:-1], position):
            soft.append(number)
            position += len(drawn) - 1
        else:
            break
    return soft, position
