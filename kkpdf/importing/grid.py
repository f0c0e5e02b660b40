"""An export as read: sheets of cells, each with its value and its address."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kkpdf.diagnostics import Span
from kkpdf.importing.cells import cell_name

# A cell's value: a number, a text, or nothing. A reader gives a number the spreadsheet
# stored as one as a Decimal of its shortest decimal form; a CSV's cells are all text
# to begin with, and a Finnish number among them is a number (`numbers.parse_amount`).
Value = Decimal | str | None


@dataclass(frozen=True)
class Cell:
    value: Value
    span: Span  # its sheet, row and column (see Span.sheet)

    @property
    def text(self) -> str:
        """The value as a label is read: nothing as "", a whole number without the ".0" a
        spreadsheet's float gives it (an account number 4000 stored as a number)."""
        if self.value is None or isinstance(self.value, str):
            return self.value or ""
        whole = self.value == self.value.to_integral_value()
        return str(int(self.value)) if whole else str(self.value)


@dataclass(frozen=True)
class Sheet:
    """One sheet: its rows, each as long as the widest; "" is the name of a CSV's one."""

    name: str
    rows: tuple[tuple[Cell, ...], ...]
    # Merged ranges, each by its first and last cell: a merged cell is one value shown
    # over several, which no figure of a table is.
    merged: tuple[tuple[Span, Span], ...]
    span: Span  # A1

    def cell(self, row: int, column: int) -> Cell:
        """The cell at a 1-based row and column; beyond the data, an empty one."""
        if 1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1]):
            return self.rows[row - 1][column - 1]
        return Cell(None, cell_span(self.span.path, self.name, row, column))


@dataclass(frozen=True)
class Workbook:
    path: Path
    sheets: tuple[Sheet, ...]


def cell_span(path: Path, sheet: str, row: int, column: int) -> Span:
    """The span of a cell of a sheet (of the one sheet of a CSV, named "")."""
    return Span(path, row, column, cell=cell_name(sheet, row, column))
