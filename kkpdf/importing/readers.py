"""Reading an export into a `Workbook`: one reader per kind of file, chosen by its ending.

xlsx, xlsm, xls and ods are read by python-calamine (Rust, no XML parsed in Python);
CSV by the csv module, as Finnish exports write it: `;` between fields, UTF-8 with a
byte-order mark or else Windows-1252, and numbers with a decimal comma.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
from collections.abc import Callable
from decimal import Decimal
from functools import singledispatch
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

from kkpdf.diagnostics import Span
from kkpdf.importing.grid import Cell, Sheet, Value, Workbook, cell_span
from kkpdf.importing.numbers import parse_amount
from kkpdf.messages import Message, tr

# An export of a budget's figures is a few hundred rows; these are far above any, and
# keep a file made to be large (or a zip that unpacks to millions of cells) from
# taking the machine's memory before a word is said about it.
MAX_BYTES = 50 * 1024 * 1024
MAX_CELLS = 2_000_000
CSV_DELIMITER = ";"
T = TypeVar("T")
BOM = b"\xef\xbb\xbf"


class ExportProblem(Exception):
    """An export that cannot be read; the first argument is a Message, with a hint."""

    def __init__(self, message: Message, hint: Message | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def read_export(path: Path) -> Workbook:
    """The export at `path`, or `ExportProblem` saying why it cannot be read."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ExportProblem(
            tr("'{suffix}' is not a kind of export kkpdf reads", suffix=path.suffix or path.name),
            tr("save the export as .xlsx, .xls, .ods or .csv"),
        )
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ExportProblem(tr("cannot read the export: {problem}", problem=err.strerror)) from None
    if size > MAX_BYTES:
        raise ExportProblem(
            tr("the export is {size} MB; an export of a budget's figures is far smaller",
               size=size // (1024 * 1024)),
            tr("export only the figures the mapping names, at most {limit} MB",
               limit=MAX_BYTES // (1024 * 1024)),
        )  # fmt: skip
    if size == 0:
        raise ExportProblem(tr("the export is empty"), tr("export the figures again"))
    return reader(path)


def _read_workbook(path: Path) -> Workbook:
    """A workbook read in a child process with a ceiling on its memory: calamine ends the
    whole process (a Rust allocation that fails is no exception) on a sheet whose cells
    reach further than memory, which a file of a few kilobytes can claim (A1 and
    XFD1048576). A child that dies is such a workbook, and the command says so."""
    read = _in_child(lambda: _workbook_values(path))
    if isinstance(read, tuple):
        raise ExportProblem(*read)
    return Workbook(path, tuple(
        _sheet(path, name, values, tuple((_span(path, name, a), _span(path, name, b))
                                         for a, b in merged), _value)
        for name, values, merged in read
    ))  # fmt: skip


Read = list[tuple[str, list[list[object]], list[tuple[tuple[int, int], tuple[int, int]]]]]


def _workbook_values(path: Path) -> Read | tuple[Message, Message | None]:
    """Each sheet's name, values and merged ranges, or the problem (as what pickles)."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        sheets: Read = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            cells = sheet.total_height * sheet.total_width
            if cells > MAX_CELLS:
                return (tr("sheet '{sheet}' has {cells} cells; an export of a budget's figures "
                           "has far fewer", sheet=name, cells=cells),
                        tr("export only the figures the mapping names"))  # fmt: skip
            values = sheet.to_python(skip_empty_area=False)
            sheets.append((name, values, list(sheet.merged_cell_ranges or ())))
    except (python_calamine.CalamineError, OSError, ValueError) as err:
        return _unreadable(str(err))
    return sheets


def _unreadable(problem: str) -> tuple[Message, Message]:
    return (tr("cannot read the export as a spreadsheet: {problem}", problem=problem),
            tr("open it in a spreadsheet program and save it again as .xlsx or .ods"))  # fmt: skip


# The memory a child reading a workbook may take beyond what the process had: some
# hundred times what the largest export allowed (MAX_CELLS) takes.
CHILD_MEMORY = 2 * 1024**3


def _in_child(work: Callable[[], T]) -> T | tuple[Message, Message]:
    """`work`'s outcome, computed in a child process whose memory is limited."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, theirs), daemon=True)
    child.start()
    theirs.close()
    try:
        return ours.recv()
    except EOFError:  # it died, and said nothing
        return (tr("the export's sheets are too large to read"),
                tr("export only the figures the mapping names"))  # fmt: skip
    finally:
        ours.close()
        child.join()


def _child(work: Callable[[], object], connection: Connection) -> None:
    import faulthandler
    import resource

    # What calamine prints as it ends the child, and a fault handler's dump of the abort
    # (where one is on, as under pytest), the parent says in its own words.
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    faulthandler.disable()
    size = _address_space()
    if size is not None:
        resource.setrlimit(resource.RLIMIT_AS, (size + CHILD_MEMORY, size + CHILD_MEMORY))
    try:
        connection.send(work())
    except Exception as err:  # the parent reports what it can of it
        connection.send(_unreadable(str(err)))
    finally:
        connection.close()


def _address_space() -> int | None:
    """The process's virtual memory in bytes, where the system says (Linux)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _span(path: Path, sheet: str, at: tuple[int, int]) -> Span:
    return cell_span(path, sheet, at[0] + 1, at[1] + 1)


def _sheet(
    path: Path,
    name: str,
    values: list[list[object]],
    merged: tuple[tuple[Span, Span], ...],
    value: Callable[[object], Value],
) -> Sheet:
    width = max((len(row) for row in values), default=0)
    rows = tuple(
        tuple(Cell(value(row[c] if c < len(row) else None),
                   cell_span(path, name, r + 1, c + 1)) for c in range(width))
        for r, row in enumerate(values)
    )  # fmt: skip
    return Sheet(name, rows, merged, cell_span(path, name, 1, 1))


@singledispatch
def _value(raw: object) -> Value:
    """A spreadsheet's value as a cell's: text as it is (and what calamine gives that is
    no number, a duration, as text); nothing where it is blank."""
    text = str(raw)
    return text if text.strip() else None


def _number(raw: float) -> Value:
    """calamine gives a number as a float (or an int); its shortest decimal form (repr)
    is the number as the spreadsheet shows it, 1778668.49 rather than the binary
    fraction nearest to it."""
    text = repr(raw)
    return Decimal(text) if text not in ("nan", "inf", "-inf") else text


def _truth(raw: bool) -> Value:  # TRUE is no amount
    return str(raw).upper()


def _moment(raw: datetime.date | datetime.time) -> Value:
    return raw.isoformat()


def _nothing(raw: None) -> Value:
    return None


_value.register(float, _number)
_value.register(int, _number)
_value.register(bool, _truth)
_value.register(datetime.date, _moment)
_value.register(datetime.time, _moment)
_value.register(type(None), _nothing)


def _read_csv(path: Path) -> Workbook:
    raw = path.read_bytes()
    try:
        text = raw[len(BOM) :].decode("utf-8") if raw.startswith(BOM) else _unmarked(raw)
    except UnicodeDecodeError as err:
        raise ExportProblem(
            tr("the export is not text in UTF-8 or Windows-1252 (byte {offset})",
               offset=err.start + 1),
            tr("export it again as CSV (UTF-8) or CSV (semicolon delimited)"),
        ) from None  # fmt: skip
    if "\x00" in text:
        raise ExportProblem(tr("the export is not a CSV text: it has NUL bytes"),
                            tr("export it again as CSV (UTF-8)"))  # fmt: skip
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=CSV_DELIMITER))
    except csv.Error as err:
        raise ExportProblem(
            tr("the export is not a CSV text: {problem}", problem=str(err))
        ) from None
    if sum(len(record) for record in records) > MAX_CELLS:
        raise ExportProblem(tr("the export has more than {cells} cells", cells=MAX_CELLS),
                            tr("export only the figures the mapping names"))  # fmt: skip
    return Workbook(path, (_sheet(path, "", list(records), (), _csv_value),))


def _unmarked(raw: bytes) -> str:
    """UTF-8 where the bytes are that, else Windows-1252, the Finnish Excel's CSV."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _csv_value(field: object) -> Value:
    if not isinstance(field, str) or not field.strip():
        return None
    amount = parse_amount(field)
    return field if amount is None else amount


READERS: dict[str, Callable[[Path], Workbook]] = {
    ".xlsx": _read_workbook,
    ".xlsm": _read_workbook,
    ".xls": _read_workbook,
    ".ods": _read_workbook,
    ".csv": _read_csv,
}
