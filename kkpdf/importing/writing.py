"""The figures put into the data files' texts, where each is written, and what changed.

A figure replaces the text of its YAML node, right-aligned in the room the old one
took (`rollover.edits.refill`), so that comments, key order and the columns of
figures stay as they are; a figure that does not change is not touched at all. A
table's row or year the data file does not have was reported when the export was
matched; no row is added here, where its place and layout would be a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kkpdf.diagnostics import Span
from kkpdf.importing.matching import Figure
from kkpdf.messages import Message, tr
from kkpdf.model import Account, FinanceTable
from kkpdf.money import data_figure, format_figure, parse_figure
from kkpdf.parse.yaml_tree import YamlMap, YamlScalar, YamlSeq, load_yaml
from kkpdf.rollover.edits import TextEdits, refill

BLANK = "~"
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Change:
    """One figure the import changes: where it is written, what it was and is."""

    table: FinanceTable
    row: Account
    year: int
    old: int | None
    new: int | None
    span: Span  # the figure in the data file
    source: Span  # the export's cell it comes from

    def describe(self) -> Message:
        """Unit, row, column, old → new, in the book's number format."""
        heading = next((c.short for c in self.table.columns if c.year == self.year), self.year)
        return tr("{table}, {row}, {column}: {old} → {new} (from {cell})",
                  table=self.table.caption, row=self.row.label, column=heading,
                  old=_shown(self.old), new=_shown(self.new), cell=self.source)  # fmt: skip


def _shown(figure: int | None) -> Message | str:
    return tr("blank") if figure is None else format_figure(figure)


@dataclass(frozen=True)
class DataFile:
    """A data file's text as edited, and how to write it back as it was encoded."""

    path: Path
    original: bytes
    text: str

    @property
    def encoded(self) -> bytes:
        """The text with the byte-order mark the file had (CRLF line ends stay in the
        text: a YAML node's line and column do not count them)."""
        data = self.text.encode("utf-8")
        return BOM + data if self.original.startswith(BOM) else data


def edited_files(found: list[Figure]) -> tuple[list[DataFile], list[Change]]:
    """Each data file the figures go into, edited; the figures that change, in order."""
    by_file: dict[Path, list[Figure]] = {}
    for figure in found:
        by_file.setdefault(figure.table.span.path, []).append(figure)
    files, changes = [], []
    for path, figures in by_file.items():
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
        tree = load_yaml(text, path)
        assert isinstance(tree, YamlMap)  # the book was compiled from it
        edits = TextEdits(text)
        for sequence, years, placed in _by_row(tree, figures):
            written = [edits.source(item.span) for item in sequence.items]
            for figure in placed:
                index = years.index(figure.year)
                item = sequence.items[index]
                old = _figure(item)
                if old != figure.value:
                    written[index] = BLANK if figure.value is None else data_figure(figure.value)
                    changes.append(Change(figure.table, figure.row, figure.year, old,
                                          figure.value, item.span, figure.span))  # fmt: skip
            refill(edits, sequence, written)
        files.append(DataFile(path, raw, edits.applied()))
    changes.sort(key=lambda change: change.span)
    return files, changes


def _by_row(tree: YamlMap, figures: list[Figure]) -> list[tuple[YamlSeq, list[int], list[Figure]]]:
    """Each row's figure list in the text, with its table's years and the figures for it."""
    rows: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        rows.setdefault((figure.table.key, figure.row.key), []).append(figure)
    found = []
    for (table, row), placed in rows.items():
        node = tree.get(table)
        assert isinstance(node, YamlMap)  # the compiled table was read from it
        years, figures_node = node.get("years"), node.get("rows")
        sequence = figures_node.get(row) if isinstance(figures_node, YamlMap) else None
        assert isinstance(years, YamlSeq) and isinstance(sequence, YamlSeq)
        numbers = [item.value for item in years.items if isinstance(item, YamlScalar)]
        found.append((sequence, [int(n) for n in numbers if isinstance(n, int)], placed))
    return found


def _figure(item: object) -> int | None:
    """A figure as the data file has it (it was read when the book was compiled)."""
    if not isinstance(item, YamlScalar) or item.value is None:
        return None
    return parse_figure(item.value)
