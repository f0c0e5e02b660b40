"""Summary tables computed from the figures, never typed twice.

`kind: units`: the operating economy by unit, a line per unit with the rows
asked for in each year asked for, and the total. Each figure is the unit's own
cell, and keeps that cell's position: a wrong figure is marked in both places.

`kind: ratios`: key ratios, each a figure of a table divided by another figure
or by the population (book.yaml), as a percentage or per inhabitant, rounded
in the one place ratios are rounded (`money.round_ratio`).
"""

from __future__ import annotations

from decimal import Decimal

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.document.columns import ColumnTemplate
from kkpdf.document.fields import Fields, expect_map, suggestion, top_mappings
from kkpdf.document.finance_tables import year_columns
from kkpdf.document.references import FilledTexts, year_words
from kkpdf.messages import Message, tr
from kkpdf.model import (
    Account,
    BookInfo,
    Column,
    ComputedTable,
    FigureColumn,
    FigureLine,
    FinanceTable,
    LineStyle,
    Row,
    Unit,
)
from kkpdf.money import round_ratio
from kkpdf.parse.book import ParsedData
from kkpdf.parse.yaml_tree import YamlMap, YamlNode, YamlSeq, expect

# The rules this module reports.
SUMMARY_KIND = Rule("data.summary-kind")
SUMMARY_SOURCE = Rule("data.summary-source")
RATIO = Rule("data.ratio")

KINDS = ("units", "ratios")
UNITS_KEYS = ("kind", "caption", "note", "currency", "units", "rows", "years", "total")
RATIOS_KEYS = ("kind", "caption", "note", "currency", "years", "ratios")
RATIO_KEYS = ("label", "of", "per", "as", "decimals")
# A ratio shows up to 6 decimals; beyond, it is a typing error.
DECIMALS = range(7)
# What a ratio is: a percentage of the other figure, or euros per inhabitant.
RATIO_FORMS = ("percent", "per_inhabitant")
POPULATION = "population"


def build_summary_tables(
    files: tuple[ParsedData, ...],
    finance: dict[str, FinanceTable],
    units: dict[str, Unit],
    accounts: dict[str, Account],
    templates: dict[int, ColumnTemplate],
    info: BookInfo,
    sink: DiagnosticSink,
) -> dict[str, ComputedTable]:
    tables: dict[str, ComputedTable] = {}
    for key, span, node in top_mappings(files, tr("the summaries file"), sink):
        kind_node = node.get("kind")
        kind = getattr(kind_node, "value", None)
        if kind not in KINDS:
            sink.error(
                kind_node.span if kind_node is not None else span,
                tr(
                    "summary table '{key}' has kind {kind}{suggestion}",
                    key=key,
                    kind=repr(kind),
                    suggestion=suggestion(str(kind), KINDS),
                ),
                rule=SUMMARY_KIND,
                hint=tr("write 'kind:' and one of: {kinds}", kinds=", ".join(KINDS)),
            )
            continue
        columns = tuple(c for _, c in year_columns(node, key, templates, info.budget_year, sink))
        where = tr("summary table '{key}'", key=key)
        if kind == "units":
            fields = Fields(node, where, sink, UNITS_KEYS)
            texts = FilledTexts(fields, year_words(info.budget_year), sink)
            heads, lines = _units(texts, key, columns, finance, units, accounts, sink)
        else:
            fields = Fields(node, where, sink, RATIOS_KEYS)
            texts = FilledTexts(fields, year_words(info.budget_year), sink)
            heads = tuple(FigureColumn(c.heading, c.short, c.year, c.span) for c in columns)
            lines = _ratios(fields, key, columns, finance, info, sink)
        tables[key] = ComputedTable(
            key,
            texts.text("caption"),
            texts.unless_absent("note", ""),
            texts.unless_absent("currency", info.labels.currency),
            heads,
            tuple(lines),
            span,
        )
    return tables


def top_units(units: dict[str, Unit]) -> list[Unit]:
    """The units that are part of no other unit, in the order of the units file."""
    inner = {part for unit in units.values() for part in unit.parts}
    return [unit for key, unit in units.items() if key not in inner]


def _units(
    texts: FilledTexts,
    key: str,
    columns: tuple[Column, ...],
    finance: dict[str, FinanceTable],
    units: dict[str, Unit],
    accounts: dict[str, Account],
    sink: DiagnosticSink,
) -> tuple[tuple[FigureColumn, ...], list[FigureLine]]:
    """A column per row and year, a line per unit, and the total line."""
    fields = texts.fields
    sink_where = tr("summary table '{key}'", key=key)
    rows = [
        _account(name, fields.node, accounts, sink_where, sink) for name in fields.texts("rows")
    ]
    rows = [row for row in rows if row is not None]
    unit_keys = fields.texts("units") or tuple(unit.key for unit in top_units(units))
    # One year's summary is headed by the rows alone (its caption names the year).
    heads = tuple(
        FigureColumn(row.label if len(columns) == 1 else f"{row.label} {column.heading}",
                     f"{row.label} {column.short}", column.year, column.span,
                     label=row.label, label_at=row.label_at, row=row.key)
        for row in rows for column in columns
    )  # fmt: skip
    lines: list[FigureLine] = []
    totals: list[list[int]] = [[] for _ in heads]
    for unit_key in unit_keys:
        table = finance.get(unit_key)
        if table is None or table.unit is None:
            sink.error(
                fields.node.get("units").span if "units" in fields else fields.node.span,
                tr(
                    "{where} lists unit '{unit}', which has no finance table{suggestion}",
                    where=sink_where,
                    unit=unit_key,
                    suggestion=suggestion(unit_key, finance),
                ),
                rule=SUMMARY_SOURCE,
                hint=tr("list only units with a table in the finance data"),
            )
            continue
        values, spans = [], []
        for row in rows:
            found = table.row(row.key)
            years = [c.year for c in table.columns]
            for column in columns:
                cell = found.cells[years.index(column.year)] if found and column.year in years \
                    else None  # fmt: skip
                values.append(cell.value * table.scale if cell and cell.value is not None
                              else None)  # fmt: skip
                spans.append(cell.span if cell else table.span)
        for index, value in enumerate(values):
            if value is not None:
                totals[index].append(value)
        lines.append(FigureLine(unit_key, table.caption, tuple(values), tuple(spans),
                                LineStyle.PLAIN, False, table.span,
                                label_at=table.caption_at))  # fmt: skip
    span = fields.node.span
    lines.append(FigureLine(
        "total", texts.text("total"), tuple(sum(t) if t else None for t in totals),
        tuple(span for _ in heads), LineStyle.TOTAL, False, span,
    ))  # fmt: skip
    return heads, lines


def _account(
    name: str, node: YamlMap, accounts: dict[str, Account], where: Message, sink: DiagnosticSink
) -> Account | None:
    account = accounts.get(name)
    if account is None:
        sink.error(
            node.get("rows").span,
            tr(
                "{where} names row '{row}', which is not in the chart of accounts{suggestion}",
                where=where,
                row=name,
                suggestion=suggestion(name, accounts),
            ),
            rule=SUMMARY_SOURCE,
        )
    return account


def _ratios(
    fields: Fields,
    key: str,
    columns: tuple[Column, ...],
    finance: dict[str, FinanceTable],
    info: BookInfo,
    sink: DiagnosticSink,
) -> list[FigureLine]:
    listed = expect(
        fields.node.get("ratios"),
        YamlSeq,
        tr("'ratios' of summary table '{key}' must list the ratios", key=key),
        sink,
        rule=RATIO,
        missing=fields.node.span,
    )
    population = dict(info.population)
    lines = []
    for index, item in enumerate(listed.items if listed else ()):
        entry = expect_map(item, tr("a ratio of '{key}'", key=key), sink)
        if entry is None:
            continue
        where = tr("ratio {number} of '{key}'", number=index + 1, key=key)
        ratio = Fields(entry, where, sink, RATIO_KEYS)
        label = FilledTexts(ratio, year_words(info.budget_year), sink).text("label")
        form = ratio.text("as")
        if form not in RATIO_FORMS:
            sink.error(
                entry.get("as").span if "as" in ratio else entry.span,
                tr("{where} is {form}, not a kind of ratio", where=where, form=repr(form)),
                rule=RATIO,
                hint=tr("write 'as:' and one of: {kinds}", kinds=", ".join(RATIO_FORMS)),
            )
            continue
        decimals = ratio.integer("decimals", DECIMALS) if "decimals" in ratio else 1
        of = _source(ratio.text("of"), entry.get("of") or entry, finance, sink)
        per_name = ratio.text("per")
        per = None if per_name == POPULATION else _source(per_name, entry.get("per") or entry,
                                                           finance, sink)  # fmt: skip
        if of is None or (per is None and per_name != POPULATION):
            continue
        if per is None and not population:
            sink.error(
                entry.get("per").span,
                tr("a ratio per inhabitant needs 'population:' in book.yaml"),
                rule=RATIO,
                hint=tr("give 'population: {{2023: 14 500, …}}' in book.yaml"),
            )
            continue
        values = []
        for column in columns:
            top = _figure(of, column.year)
            bottom = population.get(column.year) if per is None else _figure(per, column.year)
            if top is None or not bottom:
                values.append(None)
                continue
            share = Decimal(top) / abs(Decimal(bottom))
            values.append(round_ratio(share * 100 if form == "percent" else share, decimals))
        lines.append(FigureLine(
            f"ratio{index + 1}", label, tuple(values),
            tuple(entry.span for _ in columns), LineStyle.PLAIN, False, entry.span,
            decimals,
        ))  # fmt: skip
    return lines


def _source(
    name: str, node: YamlNode, finance: dict[str, FinanceTable], sink: DiagnosticSink
) -> tuple[FinanceTable, Row] | None:
    """`table.row`: the row of a finance table a ratio is computed from."""
    table_key, _, row_key = name.partition(".")
    table = finance.get(table_key)
    row = table.row(row_key) if table else None
    if row is None:
        message = tr(
            "a ratio's figure '{name}' names no table '{table}'{suggestion}",
            name=name,
            table=table_key,
            suggestion=suggestion(table_key, finance),
        ) if table is None else tr(
            "a ratio's figure '{name}' names a row '{row}' that table '{table}' does not have",
            name=name,
            row=row_key,
            table=table_key,
        )  # fmt: skip
        sink.error(
            node.span,
            message,
            rule=RATIO,
            hint=tr("write a finance table's key and a row's key: tuloslaskelma.vuosikate"),
        )
        return None
    return table, row


def _figure(source: tuple[FinanceTable, Row], year: int) -> int | None:
    """The figure in euros of a (table, row) in `year`, or None."""
    table, row = source
    years = [column.year for column in table.columns]
    if year not in years:
        return None
    value = row.cells[years.index(year)].value
    return None if value is None else value * table.scale
