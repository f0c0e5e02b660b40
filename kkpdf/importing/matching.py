"""An export's cells as the book's figures: each sheet or row to a table, each label or
account number to a row of the chart, each heading to a year, each amount to a figure.

Every problem is reported at the cell it is about; a row, column or sheet the mapping
leaves out is listed, never passed over in silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from kkpdf.diagnostics import DiagnosticSink, Note, Rule, Span
from kkpdf.importing.cells import column_letters
from kkpdf.importing.grid import Cell, Sheet, Workbook
from kkpdf.importing.mapping import Mapping, normal
from kkpdf.importing.numbers import parse_amount
from kkpdf.messages import suggestion, tr
from kkpdf.model import Account, AccountKind, Book, FinanceTable
from kkpdf.money import FigureError, parse_figure, round_to_scale

# The rules this module reports.
UNMAPPED = Rule("import.unmapped")
LEFT_OUT = Rule("import.left-out")
HEADING = Rule("import.heading")
AMOUNT = Rule("import.amount")
MERGED = Rule("import.merged")
DUPLICATE = Rule("import.duplicate")

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# An account number or a range of them before a label: "4000-4999 Henkilöstökulut".
# Each part of it is digits after a space or a dash, so that no run of spaces can be read
# two ways (a label of a hundred thousand spaces is read in one pass).
_NUMBERED = re.compile(r"(\d+(?: \d+)*(?: ?[-–] ?\d+(?: \d+)*)?)\s+(\D.*)")
# A label longer than this is no label of a chart (the longest is some sixty letters):
# it is named, but not compared with every label for the nearest one.
LABEL_CHARACTERS = 200


@dataclass(frozen=True)
class Figure:
    """One figure of the export, as the data file will write it, and the cell it is from."""

    table: FinanceTable
    row: Account
    year: int
    value: int | None
    span: Span


@dataclass(frozen=True)
class Chart:
    """What the mapping is resolved against: the book's tables and rows."""

    tables: dict[str, FinanceTable]
    accounts: dict[str, Account]
    table_names: dict[str, str]  # a table's key or unit name, compared as `normal`
    labels: dict[str, str]  # a row's label or key, compared as `normal`

    @classmethod
    def of(cls, book: Book) -> Chart:
        tables = {table.key: table for table in book.finance_tables}
        names = {normal(key): key for key in tables}
        names |= {normal(t.unit.name): key for key, t in tables.items() if t.unit is not None}
        accounts = {account.key: account for account in book.accounts}
        labels = {normal(key): key for key in accounts}
        labels |= {normal(account.label_sv): key for key, account in accounts.items()
                   if account.label_sv}  # fmt: skip
        labels |= {normal(account.label): key for key, account in accounts.items()}
        return cls(tables, accounts, names, labels)


def check_mapping(mapping: Mapping, chart: Chart, sink: DiagnosticSink) -> None:
    """Every table, row and kind the mapping names is one the book has."""
    for entry in (*mapping.sheets.values(), *mapping.tables.values()):
        if entry.key not in chart.tables:
            sink.error(entry.span, tr("the book has no finance table '{table}'{suggestion}",
                                      table=entry.key,
                                      suggestion=suggestion(entry.key, chart.tables)),
                       rule=UNMAPPED,
                       hint=tr("name a table of the data files by its key"))  # fmt: skip
    for entry in mapping.rows.values():
        if entry.key not in chart.accounts:
            sink.error(entry.span, tr("the chart of accounts has no row '{row}'{suggestion}",
                                      row=entry.key,
                                      suggestion=suggestion(entry.key, chart.accounts)),
                       rule=UNMAPPED,
                       hint=tr("name a row of the chart of accounts by its key"))  # fmt: skip
    kinds = [kind.value for kind in AccountKind]
    for name, (_, span) in mapping.signs.items():
        if name not in kinds and name not in chart.accounts:
            sink.error(span, tr("'{name}' is neither a kind of row nor a row's key{suggestion}",
                                name=name, suggestion=suggestion(name, kinds)),
                       rule=UNMAPPED,
                       hint=tr("the kinds are: {kinds}", kinds=", ".join(kinds)))  # fmt: skip


def figures(
    workbook: Workbook, mapping: Mapping, chart: Chart, sink: DiagnosticSink
) -> list[Figure]:
    """The export's figures; the problems found on the way go to `sink`."""
    found: list[Figure] = []
    seen: dict[tuple[str, str], Span] = {}
    names = {sheet.name for sheet in workbook.sheets}
    for name, entry in mapping.sheets.items():
        if name not in names:
            sink.error(entry.span, tr("the export has no sheet '{sheet}'{suggestion}", sheet=name,
                                      suggestion=suggestion(name, names)),
                       rule=UNMAPPED, hint=tr("name a sheet as the export names it"))  # fmt: skip
    for sheet in workbook.sheets:
        table = None
        if mapping.table_column is None:
            table = _sheet_table(sheet, mapping, chart, sink)
            if table is None:
                continue
        _merged(sheet, mapping, sink)
        years = _years(sheet, mapping, sink)
        if not years and len(sheet.rows) > mapping.header_row:
            sink.error(sheet.cell(mapping.header_row, 1).span,
                       tr("no heading in row {row} names a year", row=mapping.header_row),
                       rule=HEADING,
                       hint=tr("set 'header_row:' to the row of the headings"))  # fmt: skip
            continue
        for row in range(mapping.header_row + 1, len(sheet.rows) + 1):
            found += _row(sheet, row, years, table, mapping, chart, seen, sink)
    return found


def _row(
    sheet: Sheet,
    row: int,
    years: dict[int, int],
    table: FinanceTable | None,
    mapping: Mapping,
    chart: Chart,
    seen: dict[tuple[str, str], Span],
    sink: DiagnosticSink,
) -> list[Figure]:
    """One row's figures; a row of no figures that is no row of a table is a heading."""
    cells = [(year, sheet.cell(row, column)) for column, year in years.items()]
    filled = [cell for _, cell in cells if cell.value is not None]
    label = sheet.cell(row, mapping.label_column)
    account = sheet.cell(row, mapping.account_column or 0)
    shown = label.text or account.text
    if not shown:
        if filled:
            sink.error(filled[0].span, tr("row {row} has figures but no label", row=row),
                       rule=UNMAPPED, hint=tr("give the row its label, or delete it"))  # fmt: skip
        return []
    if _ignored(label, account, mapping, sink):
        return []
    key = _row_key(label, account, mapping, chart)
    if key is None and not filled:
        sink.note(label.span, tr("row '{label}' has no figures and is no row of the chart of "
                                 "accounts, so it is not imported", label=shown),
                  rule=LEFT_OUT)  # fmt: skip
        return []
    if key is None:
        texts = [normal(text) for text in _candidates(label, account)]
        sink.error(label.span if label.text else account.span,
                   tr("'{label}' matches no row of the chart of accounts{suggestion}",
                      label=shown, suggestion=suggestion(texts[-1][:LABEL_CHARACTERS], [
                          a.label for a in chart.accounts.values()])),
                   rule=UNMAPPED,
                   hint=tr("map it to a row under 'rows:' in {mapping}, or list it under "
                           "'ignore_rows:'", mapping=mapping.path.name))  # fmt: skip
        return []
    row_table = table or _row_table(sheet, row, mapping, chart, sink)
    if row_table is None:
        return []
    if key not in {r.account.key for r in row_table.rows}:
        if not filled:
            sink.note(label.span, tr("row '{label}' has no figures, and table '{table}' has no "
                                     "row '{row}', so it is not imported", label=shown,
                                     table=row_table.key, row=key), rule=LEFT_OUT)  # fmt: skip
            return []
        sink.error(label.span, tr("'{label}' is the row '{row}', which table '{table}' does not "
                                  "have", label=shown, row=key, table=row_table.key),
                   rule=UNMAPPED,
                   hint=tr("add the row to the table in {file}, or list the label under "
                           "ignore_rows", file=row_table.span.path.name))  # fmt: skip
        return []
    first = seen.setdefault((row_table.key, key), label.span)
    if first is not label.span:
        sink.error(label.span, tr("'{label}' is the row '{row}' of table '{table}' a second time",
                                  label=shown, row=key, table=row_table.key),
                   rule=DUPLICATE, hint=tr("keep one row of each in the export, or map one of "
                                           "them to another row"),
                   notes=(Note(first, tr("the first is here")),))  # fmt: skip
        return []
    return list(_row_figures(row_table, chart.accounts[key], cells, mapping, chart, sink))


def _sheet_table(
    sheet: Sheet, mapping: Mapping, chart: Chart, sink: DiagnosticSink
) -> FinanceTable | None:
    entry = mapping.sheets.get(sheet.name)
    key = entry.key if entry else chart.table_names.get(normal(sheet.name))
    if key is not None:
        return chart.tables.get(key)
    if sheet.name in mapping.ignore_sheets:
        sink.note(sheet.span, tr("sheet '{sheet}' is not imported (ignore_sheets)",
                                 sheet=sheet.name), rule=LEFT_OUT)  # fmt: skip
    else:
        sink.warning(sheet.span, tr("sheet '{sheet}' is no table of the book, so its figures "
                                    "are not imported{suggestion}", sheet=sheet.name,
                                    suggestion=suggestion(sheet.name, chart.tables)),
                     rule=LEFT_OUT, hint=tr("map it to a table under 'sheets:', or list it "
                                            "under 'ignore_sheets:'"))  # fmt: skip
    return None


def _row_table(
    sheet: Sheet, row: int, mapping: Mapping, chart: Chart, sink: DiagnosticSink
) -> FinanceTable | None:
    cell = sheet.cell(row, mapping.table_column or 0)
    entry = mapping.tables.get(normal(cell.text))
    key = entry.key if entry else chart.table_names.get(normal(cell.text))
    if key is None:
        sink.error(cell.span, tr("'{text}' names no table of the book{suggestion}", text=cell.text,
                                 suggestion=suggestion(cell.text, chart.tables)),
                   rule=UNMAPPED,
                   hint=tr("map it to a table under 'tables:' in the mapping"))  # fmt: skip
        return None
    return chart.tables.get(key)


def _merged(sheet: Sheet, mapping: Mapping, sink: DiagnosticSink) -> None:
    """Merged cells above the headings are a title's; below, a figure would stand for several."""
    for first, last in sheet.merged:
        if last.line >= mapping.header_row:
            cells = f"{column_letters(first.column)}{first.line}:"
            cells += f"{column_letters(last.column)}{last.line}"
            sink.error(first, tr("cells {cells} are merged: one value shown over several cells",
                                 cells=cells), rule=MERGED,
                       hint=tr("unmerge them in the export, so that each figure and label has "
                               "a cell of its own"))  # fmt: skip


def _years(sheet: Sheet, mapping: Mapping, sink: DiagnosticSink) -> dict[int, int]:
    """Each figure column's year, by column; a column with figures and no year is reported."""
    own = {mapping.label_column, mapping.account_column, mapping.table_column}
    years: dict[int, int] = {}
    first: dict[int, Span] = {}
    width = max((len(row) for row in sheet.rows), default=0)
    for column in range(1, width + 1):
        heading = sheet.cell(mapping.header_row, column)
        if column in own:
            continue
        if column in mapping.ignore_columns:
            sink.note(heading.span, tr("column {column} is not imported (ignore_columns)",
                                       column=column_letters(column)), rule=LEFT_OUT)  # fmt: skip
            continue
        year = _year(heading)
        below = any(sheet.cell(row, column).value is not None
                    for row in range(mapping.header_row + 1, len(sheet.rows) + 1))  # fmt: skip
        if year is None and (below or heading.text):
            sink.error(heading.span, tr("the heading '{heading}' names no year",
                                        heading=heading.text),
                       rule=HEADING, hint=tr("write the year in the heading (TA 2024), or list "
                                             "the column under 'ignore_columns:'"))  # fmt: skip
        elif year is not None and year in first:
            sink.error(heading.span, tr("a second column of the year {year}", year=year),
                       rule=HEADING, hint=tr("keep one column of each year in the export, or "
                                             "list the other under 'ignore_columns:'"),
                       notes=(Note(first[year], tr("the first is here")),))  # fmt: skip
        elif year is not None:
            first[year] = heading.span
            years[column] = year
    return years


def _year(heading: Cell) -> int | None:
    if isinstance(heading.value, Decimal):
        whole = heading.value == heading.value.to_integral_value()
        return int(heading.value) if whole and 1900 <= heading.value < 2100 else None
    found = _YEAR.findall(heading.text)
    return int(found[0]) if len(found) == 1 else None


def _candidates(label: Cell, account: Cell) -> Iterator[str]:
    """What a row may be known by in the mapping: its label, its account number, and the
    number and the label of a label that begins with one."""
    for text in (label.text, account.text):
        if text.strip():
            yield text
            numbered = _NUMBERED.fullmatch(text.strip())
            if numbered:
                yield numbered[1]
                yield numbered[2]


def _ignored(label: Cell, account: Cell, mapping: Mapping, sink: DiagnosticSink) -> bool:
    if not any(normal(text) in mapping.ignore_rows for text in _candidates(label, account)):
        return False
    sink.note(label.span, tr("row '{label}' is not imported (ignore_rows)",
                             label=label.text or account.text), rule=LEFT_OUT)  # fmt: skip
    return True


def _row_key(label: Cell, account: Cell, mapping: Mapping, chart: Chart) -> str | None:
    """The row of the chart a row of the export is, by the mapping or by the chart's label."""
    texts = [normal(text) for text in _candidates(label, account)]
    for text in texts:
        if text in mapping.rows:
            return mapping.rows[text].key
    return next((chart.labels[text] for text in texts if text in chart.labels), None)


def _row_figures(
    table: FinanceTable,
    account: Account,
    cells: list[tuple[int, Cell]],
    mapping: Mapping,
    chart: Chart,
    sink: DiagnosticSink,
) -> Iterator[Figure]:
    columns = {column.year for column in table.columns}
    sign = _sign(table, account, mapping, chart)
    for year, cell in cells:
        if cell.value is None:  # blank, in a year the table has; else nothing to import
            if year in columns:
                yield Figure(table, account, year, None, cell.span)
            continue
        if year not in columns:
            sink.error(cell.span, tr("table '{table}' has no year {year}", table=table.key,
                                     year=year), rule=UNMAPPED,
                       hint=tr("add the year to the table's 'years:', or leave the cell "
                               "empty"))  # fmt: skip
            continue
        amount = cell.value if isinstance(cell.value, Decimal) else parse_amount(cell.text)
        if amount is None:
            sink.error(cell.span, tr("'{text}' is not an amount", text=cell.text), rule=AMOUNT,
                       hint=tr("a figure is a number, such as 1234,56; leave the cell empty "
                               "where there is none"))  # fmt: skip
            continue
        figure = round_to_scale(amount * mapping.scale * sign, table.scale)
        try:
            parse_figure(figure)
        except FigureError as err:
            sink.error(cell.span, err.args[0], rule=AMOUNT)
            continue
        yield Figure(table, account, year, figure, cell.span)


def _sign(table: FinanceTable, account: Account, mapping: Mapping, chart: Chart) -> int:
    """The sign the export's amounts of a row are turned by: the row's own, else its kind's
    in the table. A total of rows of one kind is of that kind: Toimintakulut, the total
    of the costs, is exported positive as they are."""
    if account.key in mapping.signs:
        return mapping.signs[account.key][0]
    kind = next((row.table_kind for row in table.rows if row.account.key == account.key), None)
    kind = kind or _kind(account, chart.accounts)
    return mapping.signs.get(kind.value, (1, None))[0]


def _kind(account: Account, accounts: dict[str, Account], depth: int = 0) -> AccountKind:
    if account.kind is not AccountKind.TOTAL or depth > len(accounts):
        return account.kind
    kinds = {_kind(accounts[part], accounts, depth + 1) for part in account.parts
             if part in accounts}  # fmt: skip
    return kinds.pop() if len(kinds) == 1 else account.kind
