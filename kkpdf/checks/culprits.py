"""Which figure is wrong: the one cell whose change would make every failing sum hold.

One slip breaks several sums at once: a centre's Toimintakulut breaks its own total,
Toimintakate above it and the roll-up of its areas. Each sum is a `Sum` over cells
with a coefficient each (+1 the stated figure, −1 a part, −1/1000 a part in euros of
a figure in thousands). The cells that could be
the slip are those in every failing sum of a connected group; a cell is the slip if
one change to it, the same for each failing sum, makes them all hold and breaks no
sum that holds now. One such cell is the culprit; several are candidates, for the
figures cannot tell them apart (a roll-up alone cannot tell a centre from an area).

Pure arithmetic, no reporting: `kkpdf.checks.figures` reports what this finds.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from kkpdf.messages import Message, tr
from kkpdf.money import round_to_scale

Cell = Hashable  # (table key, row key, column index), as the reporter names cells
# A coefficient, and a difference measured in the sum's own unit: exact, never a float.
Exact = int | Fraction


@dataclass(frozen=True)
class Sum:
    """A sum the figures must satisfy: `difference` = Σ coefficient × cell, which should be
    within `tolerance` of 0, both in the unit of the sum's stated figure (a thousand
    euros for a statement in thousands)."""

    cells: tuple[tuple[Cell, Exact], ...]  # (cell, coefficient): +1 the total, −1 a part
    difference: Exact
    tolerance: Exact
    # A sum with a term this module cannot see (a computed table's line) explains
    # nothing: its group is reported sum by sum.
    opaque: bool = False
    # Whether it holds as the checks judged it, where that is not the difference against
    # the tolerance: a figure in thousands is judged by the rounded sum of its euros.
    judged: bool | None = None

    @property
    def failing(self) -> bool:
        if self.judged is not None:
            return not self.judged
        return abs(self.difference) > self.tolerance

    def coefficient(self, cell: Cell) -> Exact:
        return next((c for found, c in self.cells if found == cell), 0)


@dataclass(frozen=True)
class Finding:
    """A group of failing sums and the cells that explain them, each with the change that
    would: one cell is the culprit, several are candidates, none leaves the sums as found."""

    sums: tuple[Sum, ...]
    cells: tuple[tuple[Cell, int], ...] = field(default=())  # (cell, change to make)


def localise(sums: Iterable[Sum]) -> list[Finding]:
    """Every group of failing sums that share a cell, with the cells that explain it."""
    sums = list(sums)
    failing = [s for s in sums if s.failing]
    holding = [s for s in sums if not s.failing]
    return [Finding(tuple(group), tuple(_explaining(group, holding))) for group in _groups(failing)]


def _groups(failing: list[Sum]) -> list[list[Sum]]:
    """The failing sums in groups connected by shared cells, in the order found."""
    groups: list[list[Sum]] = []
    cells_of: list[set[Cell]] = []
    for found in failing:
        own = {cell for cell, _ in found.cells}
        joined = [i for i, cells in enumerate(cells_of) if cells & own]
        group, cells = [found], set(own)
        for i in reversed(joined):
            group = groups.pop(i) + group
            cells |= cells_of.pop(i)
        groups.append(group)
        cells_of.append(cells)
    return groups


def _explaining(group: list[Sum], holding: list[Sum]) -> list[tuple[Cell, int]]:
    if any(s.opaque for s in group):
        return []
    shared = set.intersection(*({cell for cell, _ in s.cells} for s in group))
    order = [cell for cell, _ in group[0].cells if cell in shared]
    found = []
    for cell in order:
        weighed = [(s, s.coefficient(cell)) for s in group]
        # The change, in the cell's own unit, that makes a failing sum 0 (difference +
        # coefficient × change = 0), from the sum that sees the cell at its own scale:
        # a statement in thousands knows a euro cell only to the thousand.
        exact, coefficient = max(weighed, key=lambda pair: abs(pair[1]))
        change = round(Fraction(-exact.difference) / coefficient)
        # Each sum may be off by the others' tolerances, measured in its own unit.
        slack = sum(Fraction(s.tolerance) / abs(c) for s, c in weighed)
        if change == 0 or any(abs(s.difference + c * change) > slack * abs(c) for s, c in weighed):
            continue
        if all(_still_holds(s, cell, change) for s in holding):
            found.append((cell, change))
    return found


def _still_holds(sum_: Sum, cell: Cell, change: int) -> bool:
    # A sum with terms it cannot see still moves with the cells it can.
    coefficient = sum_.coefficient(cell)
    if not coefficient:
        return True
    return abs(sum_.difference + coefficient * change) <= sum_.tolerance


def slip(
    actual: int, meant: int, neighbours: Iterable[int | None], slack: int = 0
) -> Message | None:
    """The kind of typing slip that turns `meant` into `actual`, in words; None for none known.

    `slack` is how far the sums may leave `meant` for rounding: the figure a slip was
    made on may be any within it (a sign flipped on a figure its parts give only to
    within a euro is a sign flipped still)."""
    near = range(meant - slack, meant + slack + 1)
    known = [n for n in neighbours if n is not None]
    for kind, seen in (
        (tr("the sign looks typed wrong"), lambda m: actual != 0 and actual == -m),
        (tr("it looks typed in thousands of euros"),
         lambda m: abs(m) >= 1000 and actual == round_to_scale(m, 1000)),
        (tr("it looks typed in euros where thousands were meant"),
         lambda m: actual == m * 1000),
        (tr("two digits look swapped"),
         lambda m: (actual < 0) == (m < 0) and _swapped(abs(actual), abs(m))),
    ):  # fmt: skip
        if any(seen(m) for m in near):
            return kind
    return tr("it looks like the figure of the next column") if actual in known else None


def _swapped(a: int, b: int) -> bool:
    """Whether the digits of `a` are those of `b` with two of them swapped."""
    x, y = str(a), str(b)
    if len(x) != len(y) or (a - b) % 9:
        return False
    differ = [i for i in range(len(x)) if x[i] != y[i]]
    return len(differ) == 2 and x[differ[0]] == y[differ[1]] and x[differ[1]] == y[differ[0]]
