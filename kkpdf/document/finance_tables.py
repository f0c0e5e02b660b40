"""Finance tables: per unit, a figure for each row of the chart of accounts and each year."""

from __future__ import annotations

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.document.columns import ColumnTemplate
from kkpdf.document.fields import Fields, expect_map, suggestion, top_mappings
from kkpdf.document.references import FilledTexts, year_words
from kkpdf.messages import tr
from kkpdf.model import (
    Account,
    AccountKind,
    BookInfo,
    Cell,
    Column,
    FinanceTable,
    Row,
    Unit,
    Unresolved,
)
from kkpdf.money import FigureError, parse_figure
from kkpdf.parse.book import ParsedData
from kkpdf.parse.yaml_tree import YamlMap, YamlNode, YamlScalar, YamlSeq, expect

# The rules this module reports.
UNKNOWN_UNIT = Rule("data.unknown-unit")
UNRESOLVED = Rule("data.unresolved")
YEARS = Rule("data.years")
UNKNOWN_ROW = Rule("data.unknown-row")
ROW_SHAPE = Rule("data.row-shape")
CELL = Rule("data.cell")
SCALE = Rule("data.scale")
ROW_KIND = Rule("data.row-kind")


def build_finance_tables(
    files: tuple[ParsedData, ...],
    accounts: dict[str, Account],
    units: dict[str, Unit],
    templates: dict[int, ColumnTemplate],
    info: BookInfo,
    sink: DiagnosticSink,
) -> dict[str, FinanceTable]:
    tables: dict[str, FinanceTable] = {}
    kinds = {kind.value: kind for kind in AccountKind}
    for key, span, node in top_mappings(files, tr("the finance file"), sink):
        fields = Fields(node, tr("finance table '{key}'", key=key), sink, TABLE_KEYS)
        unit = units.get(key)
        caption_node = node.get("caption")
        if unit is None and caption_node is None:
            sink.error(
                span,
                tr(
                    "finance table '{key}' is not for a known unit{suggestion}",
                    key=key,
                    suggestion=suggestion(key, units),
                ),
                rule=UNKNOWN_UNIT,
                hint=tr(
                    "name the table after a unit in the units file, or give a table of "
                    "no unit (a statement) its 'caption:'"
                ),
            )
            continue
        texts = FilledTexts(fields, year_words(info.budget_year), sink)
        caption = texts.text("caption", unit.name if unit else "")
        caption_at = (
            fields.defined("caption", caption) if caption_node is not None or unit is None
            else unit.name_at
        )  # fmt: skip
        placed_columns = year_columns(node, key, templates, info.budget_year, sink)
        columns = tuple(column for _, column in placed_columns)
        # Rows are measured against the years as written, so that one wrong year is
        # reported once, not again in every row; its cells are then left out.
        years = node.get("years")
        width = len(years.items) if isinstance(years, YamlSeq) else len(columns)
        kept = frozenset(index for index, _ in placed_columns)
        row_kinds = _row_kinds(
            fields.mapping("kinds") if "kinds" in fields else None, key, kinds, sink
        )
        rows = _rows(fields.mapping("rows"), key, accounts, row_kinds, width, kept, sink)
        shown = {row.account.key for row in rows}
        for name in sorted(row_kinds.keys() - shown):
            sink.error(
                node.get("kinds").span,
                tr(
                    "'kinds' of table '{key}' names row '{row}', which the table does not have",
                    key=key,
                    row=name,
                ),
                rule=ROW_KIND,
                hint=tr("give a kind only to a row listed under 'rows:'"),
            )
        binding = fields.flag("binding")
        # A unit's table says whether it binds; a statement says what it likes, or nothing.
        default_note = info.labels.binding_row if binding else info.labels.indicative_table
        # `note: ~` (or "") prints none.
        note = texts.unless_absent("note", default_note if unit else "")
        unresolved = _unresolved(node.get("unresolved"), key, rows, columns, sink)
        tables[key] = FinanceTable(
            key, caption, unit, columns, rows, binding, note, unresolved, span,
            scale=_scale(node.get("scale"), key, sink), currency=texts.text("currency", ""),
            caption_at=caption_at,
        )  # fmt: skip
    return tables


TABLE_KEYS = (
    "caption", "note", "currency", "scale", "years", "binding", "kinds", "rows", "unresolved",
)  # fmt: skip
# What a table may be written in: euros, or thousands of euros.
SCALES = (1, 1000)


def _scale(node: YamlNode | None, table: str, sink: DiagnosticSink) -> int:
    if node is None:
        return 1
    value = node.value if isinstance(node, YamlScalar) else None
    if isinstance(value, int) and not isinstance(value, bool) and value in SCALES:
        return value
    sink.error(
        node.span,
        tr("'scale' of finance table '{table}' is {value}, not 1 or 1000",
           table=table, value=repr(value)),
        rule=SCALE,
        hint=tr("write 'scale: 1000' for a table in thousands of euros, or leave it out for euros"),
    )  # fmt: skip
    return 1


def _row_kinds(
    node: YamlMap | None, table: str, kinds: dict[str, AccountKind], sink: DiagnosticSink
) -> dict[str, AccountKind]:
    """`kinds: {row: kind}`: the rows this table gives another kind than the chart does."""
    if node is None:
        return {}
    found = {}
    for row_key, kind_node in node.entries:
        name = kind_node.value if isinstance(kind_node, YamlScalar) else None
        kind = kinds.get(name) if isinstance(name, str) else None
        if kind is None:
            sink.error(
                kind_node.span,
                tr(
                    "unknown kind {kind} for row '{row}' in table '{table}'{suggestion}",
                    kind=repr(name),
                    row=row_key.value,
                    table=table,
                    suggestion=suggestion(str(name), kinds),
                ),
                rule=ROW_KIND,
                hint=tr("the kinds are: {kinds}", kinds=", ".join(kinds)),
            )
            continue
        found[str(row_key.value)] = kind
    return found


def _unresolved(
    node: YamlNode | None,
    table: str,
    rows: tuple[Row, ...],
    columns: tuple[Column, ...],
    sink: DiagnosticSink,
) -> tuple[Unresolved, ...]:
    """`unresolved:` entries: {row:, year:, difference:, note:} each, for a cell of this
    table. A missing `difference:` is left to the figure check, which knows the value."""
    listed = expect(
        node, YamlSeq, tr("'unresolved' must be a list of {{row, year, difference, note}}"), sink
    )
    if listed is None:
        return ()
    row_keys = [row.account.key for row in rows]
    years = [column.year for column in columns]
    entries = []
    for item in listed.items:
        entry = expect_map(item, tr("an 'unresolved' entry"), sink)
        if entry is None:
            continue
        where = tr("an 'unresolved' entry of '{table}'", table=table)
        fields = Fields(entry, where, sink, UNRESOLVED_KEYS)
        row, year, note = fields.text("row"), fields.integer("year"), fields.text("note")
        written = entry.get("difference")
        difference = None if written is None else _difference(written, table, sink)
        if row and row not in row_keys:
            sink.error(
                entry.span,
                tr(
                    "table '{table}' has no row '{row}'{suggestion}",
                    table=table,
                    row=row,
                    suggestion=suggestion(row, row_keys),
                ),
                rule=UNRESOLVED,
            )
        elif year and year not in years:
            message = tr("table '{table}' has no year {year}", table=table, year=year)
            sink.error(entry.span, message, rule=UNRESOLVED)
        elif row and year and note and (written is None or difference is not None):
            entries.append(Unresolved(row, year, note, entry.span, difference))
    return tuple(entries)


UNRESOLVED_KEYS = ("row", "year", "difference", "note")


def _difference(node: YamlNode, table: str, sink: DiagnosticSink) -> int | None:
    """The difference an `unresolved:` entry accepts; None, reported, where it is no
    figure (its entry is then left out, so the difference is an error as without one)."""
    scalar = expect(node, YamlScalar, tr("'difference' must be a single figure"), sink)
    if scalar is None:
        return None
    try:
        return parse_figure(scalar.value)
    except FigureError as err:
        sink.error(
            node.span,
            tr(
                "'difference' of an 'unresolved' entry of '{table}': {problem}",
                table=table,
                problem=err,
            ),
            rule=UNRESOLVED,
            hint=tr(
                "write the difference the build reports for the cell (actual − expected) as a "
                "figure such as -1 234"
            ),
        )
        return None


def year_columns(
    node: YamlMap,
    key: str,
    templates: dict[int, ColumnTemplate],
    budget_year: int,
    sink: DiagnosticSink,
) -> tuple[tuple[int, Column], ...]:
    """The valid columns, each with its place in the years as written."""
    years = expect(
        node.get("years"),
        YamlSeq,
        tr("finance table '{key}' needs 'years: [{year}, …]'", key=key, year=budget_year - 2),
        sink,
        rule=YEARS,
        missing=node.span,
    )
    if years is None or not budget_year:  # without the budget year (reported) no year is placed
        return ()
    if not years.items:
        sink.error(
            years.span,
            tr("finance table '{key}' lists no years", key=key),
            rule=YEARS,
            hint=tr("list the years of its columns: 'years: [{year}, …]'", year=budget_year - 2),
        )
    columns: list[Column] = []
    places: list[int] = []
    for place, item in enumerate(years.items):
        year = item.value if isinstance(item, YamlScalar) else None
        if isinstance(year, bool) or not isinstance(year, int):
            sink.error(item.span, tr("'{year}' is not a year", year=year), rule=YEARS)
            continue
        template = templates.get(year - budget_year)
        if template is None:
            known = sorted(budget_year + offset for offset in templates)
            shown = f"{known[0]}–{known[-1]}" if known else tr("none")
            sink.error(
                item.span,
                tr("year {year} is not one of the book's years ({years})", year=year, years=shown),
                rule=YEARS,
                hint=tr("the budget year in book.yaml is {year}", year=budget_year),
            )
            continue
        if columns and year <= columns[-1].year:
            sink.error(
                item.span,
                tr("year {year} comes after {previous}", year=year, previous=columns[-1].year),
                rule=YEARS,
                hint=tr("list each year once, oldest first"),
            )
            continue
        columns.append(
            Column(
                year,
                template.heading.format(year=year),
                template.short.format(year=year),
                item.span,
            )
        )
        places.append(place)
    return tuple(zip(places, columns, strict=True))


def _rows(
    node: YamlMap | None,
    key: str,
    accounts: dict[str, Account],
    kinds: dict[str, AccountKind],
    width: int,
    kept: frozenset[int],
    sink: DiagnosticSink,
) -> tuple[Row, ...]:
    if node is None:
        return ()
    rows = []
    for row_key, cells_node in node.entries:
        name = str(row_key.value)
        account = accounts.get(name)
        if account is None:
            sink.error(
                row_key.span,
                tr(
                    "row '{row}' is not in the chart of accounts{suggestion}",
                    row=name,
                    suggestion=suggestion(name, accounts),
                ),
                rule=UNKNOWN_ROW,
                hint=tr(
                    "use a row key from the chart of accounts (tilikartta.yaml), or add it there"
                ),
            )
            continue
        figures = expect(
            cells_node,
            YamlSeq,
            tr("row '{row}' must list one figure per year, e.g. [1 234, ~, -5 678]", row=name),
            sink,
            rule=ROW_SHAPE,
        )
        if figures is None:
            continue
        if width and len(figures.items) != width:  # no years at all is reported once
            sink.error(
                figures.span,
                tr(
                    "row '{row}' has {figures} figures, the table has {years} years",
                    row=name,
                    figures=len(figures.items),
                    years=width,
                ),
                rule=ROW_SHAPE,
                hint=tr("write ~ for a blank cell so that every year has a place"),
            )
            continue
        cells = [read_cell(item, name, key, sink) for item in figures.items]
        kept_cells = tuple(c for i, c in enumerate(cells) if i in kept)
        rows.append(Row(account, kept_cells, row_key.span, kinds.get(name)))
    return tuple(rows)


def read_cell(item: YamlNode, row: str, table: str, sink: DiagnosticSink) -> Cell:
    message = tr("a cell of row '{row}' holds a list or mapping, not a figure", row=row)
    figure = expect(item, YamlScalar, message, sink, rule=CELL)
    if figure is None or figure.value is None or figure.value == "":
        return Cell(None, item.span)
    try:
        return Cell(parse_figure(figure.value), item.span)
    except FigureError as err:
        sink.error(
            item.span,
            tr("table '{table}', row '{row}': {problem}", table=table, row=row, problem=err),
            rule=CELL,
            hint=tr("write whole euros such as -1 234 567, or ~ for a blank cell"),
        )
        return Cell(None, item.span)
