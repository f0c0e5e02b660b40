"""A draft's report for a spreadsheet: the same lines as its last pages, as CSV or XLSX.

A finance office sorts, filters and assigns the findings in its spreadsheet
program. The columns are the page, the kind in the book's language and in
English (for a filter that works in every edition), the place in the sources,
the text and the hint.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from kkpdf.files import OutputProblem
from kkpdf.messages import Language, Message, tr
from kkpdf.proof.report import PagedLine

COLUMNS = (tr("page"), tr("kind"), tr("kind id"), tr("file"), tr("line"), tr("column"),
           tr("text"), tr("hint"))  # fmt: skip
# A spreadsheet's column widths, in characters.
WIDTHS = (7, 14, 12, 34, 7, 8, 90, 70)
# Excel in Finnish and Swedish takes ";" between fields (the comma is the decimal
# sign there), and reads a file as UTF-8 only after the byte order mark.
CSV_DELIMITER = ";"
BYTE_ORDER_MARK = "\ufeff"


def report_format(path: Path) -> str:
    """The format of the report file `path` by its name: ".csv" or ".xlsx"."""
    suffix = path.suffix.lower()
    if suffix not in WRITERS:
        raise OutputProblem(
            tr("the report {path} is neither a .csv nor an .xlsx file: give a name that ends "
               "in .xlsx (for Excel) or .csv (for any spreadsheet program), such as {example}",
               path=path, example=_example(path))
        )  # fmt: skip
    return suffix


def _example(path: Path) -> Path:
    # A folder such as "/" has no name to give a suffix to: name a file in it.
    return path.with_suffix(".xlsx") if path.name else path / "muutokset.xlsx"


def export_report(
    lines: tuple[PagedLine, ...], path: Path, title: str, language: Language
) -> bytes:
    """The file's bytes: a header row and a row for each line, in the draft's language."""
    return WRITERS[report_format(path)](lines, title, language)


def _rows(lines: tuple[PagedLine, ...], language: Language) -> list[list[object]]:
    def said(message: Message | None) -> str:
        return message.render(language) if message is not None else ""

    rows: list[list[object]] = [[said(column) for column in COLUMNS]]
    for paged in lines:
        line = paged.line
        rows.append([paged.page if paged.page is not None else "", said(line.kind), line.kind_id,
                     line.span.path.name, line.span.line, line.span.column, said(line.text),
                     said(line.hint)])  # fmt: skip
    return rows


def _csv(lines: tuple[PagedLine, ...], title: str, language: Language) -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=CSV_DELIMITER, lineterminator="\r\n").writerows(
        _rows(lines, language)
    )
    return (BYTE_ORDER_MARK + text.getvalue()).encode("utf-8")


def _xlsx(lines: tuple[PagedLine, ...], title: str, language: Language) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    # A sheet's name is at most 31 characters, without []:*?/\.
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "report"
    for row in _rows(lines, language):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a text beginning with "=" is a text, not a formula
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column > 6)
    for index, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


WRITERS: dict[str, Callable[[tuple[PagedLine, ...], str, Language], bytes]] = {
    ".csv": _csv,
    ".xlsx": _xlsx,
}
