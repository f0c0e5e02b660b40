"""Charts: the rows and years a chart directive names, read from its table.

A chart holds its table's own figures, not copies typed again: what the checks
find in the table holds for the chart, and a draft marks the chart at the cells.
It draws rows of a finance table over its years, or one row of a summary by unit
over its units (each unit's own cells, through the summary).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.document.fields import suggestion
from kkpdf.document.references import UNKNOWN_REFERENCE
from kkpdf.messages import tr
from kkpdf.model import (
    Account,
    Chart,
    ChartKind,
    ChartSeries,
    ComputedTable,
    FinanceTable,
    LineStyle,
)
from kkpdf.money import format_figure
from kkpdf.parse.charts import MAX_SERIES, ChartRequest, read_chart
from kkpdf.parse.markup import Directive

# The rules this module reports.
CHART_DATA = Rule("document.chart-data")


@dataclass(frozen=True)
class _Drawn:
    """What a chart draws of its table: the series and their columns' headings."""

    series: tuple[ChartSeries, ...]
    headings: tuple[str, ...]
    short_headings: tuple[str, ...]
    years: tuple[int | None, ...]  # a finance table's and a summary's columns all have one
    caption: str  # the title when the directive gives none
    source: str  # the table's caption: where the figures are printed in full


def build_chart(
    directive: Directive,
    finance: Mapping[str, FinanceTable],
    computed: Mapping[str, ComputedTable],
    accounts: Mapping[str, Account],
    sink: DiagnosticSink,
) -> Chart | None:
    """The chart the directive places, or None after reporting why it cannot be drawn."""
    request = read_chart(directive, sink)
    if request is None:
        return None
    summaries = {key: table for key, table in computed.items() if _by_unit(table)}
    if request.table in finance:
        drawn = _finance_rows(request, finance[request.table], accounts, sink)
    elif request.table in summaries:
        drawn = _summary_units(request, summaries[request.table], sink)
    else:
        known = [*finance, *summaries]
        sink.error(
            request.span,
            tr("no finance table or summary by unit '{key}'{suggestion}", key=request.table,
               suggestion=suggestion(request.table, known)),
            rule=UNKNOWN_REFERENCE,
            hint=tr("a chart draws rows of a finance table, or a row of a summary by unit "
                    "over its units: write the table's key after the kind"),
        )  # fmt: skip
        return None
    if drawn is None:
        return None
    if all(value is None for line in drawn.series for value in line.values):
        # A warning: a new budget year's columns are blank until they are filled in.
        sink.warning(
            request.span,
            tr(
                "chart of '{table}' has no figures to draw: its cells are blank",
                table=request.table,
            ),
            rule=CHART_DATA,
            hint=tr("the chart is left out until they have figures; or choose other rows or years"),
        )
        return None
    title = request.title or drawn.caption
    chart = Chart(request.kind, request.table, title, drawn.headings, drawn.short_headings,
                  drawn.series, request.span, source=drawn.source)  # fmt: skip
    return _checked_shape(chart, request, list(drawn.years), sink)


def _by_unit(table: ComputedTable) -> bool:
    """A summary by unit: its columns are rows of the chart of accounts."""
    return bool(table.columns) and all(column.row for column in table.columns)


def _finance_rows(
    request: ChartRequest,
    table: FinanceTable,
    accounts: Mapping[str, Account],
    sink: DiagnosticSink,
) -> _Drawn | None:
    """The rows asked, each a series over the years asked."""
    columns = _columns(request, table.key, [column.year for column in table.columns], sink)
    if columns is None:
        return None
    series = []
    for key, span in request.rows:
        row = table.row(key)
        if row is None:
            if key in accounts:
                message = tr("finance table '{table}' has no row '{row}'",
                             table=table.key, row=key)  # fmt: skip
            else:
                message = tr("no row '{row}' in the chart of accounts{suggestion}",
                             row=key, suggestion=suggestion(key, accounts))  # fmt: skip
            sink.error(
                span,
                message,
                rule=CHART_DATA,
                hint=tr("the rows of '{table}' are: {rows}", table=table.key,
                        rows=", ".join(r.account.key for r in table.rows)),
            )  # fmt: skip
            return None
        cells = [row.cells[index] for index in columns]
        values = tuple(None if c.value is None else c.value * table.scale for c in cells)
        series.append(ChartSeries(key, row.account.label, values, tuple(c.span for c in cells),
                                  row.account.label_at))  # fmt: skip
    return _Drawn(
        tuple(series),
        tuple(table.columns[index].heading for index in columns),
        tuple(table.columns[index].short for index in columns),
        tuple(table.columns[index].year for index in columns),
        table.caption,
        table.caption,
    )


def _summary_units(
    request: ChartRequest, table: ComputedTable, sink: DiagnosticSink
) -> _Drawn | None:
    """One row of a summary by unit, a series per unit over the years asked."""
    rows = list(dict.fromkeys(column.row for column in table.columns))
    if len(request.rows) != 1:
        sink.error(
            request.rows[1][1],
            tr(
                "a chart of summary '{table}' draws one row over its units, not {count}",
                table=table.key,
                count=len(request.rows),
            ),
            rule=CHART_DATA,
            hint=tr("its rows are: {rows}; draw each in a chart of its own", rows=", ".join(rows)),
        )
        return None
    key, span = request.rows[0]
    if key not in rows:
        sink.error(
            span,
            tr("summary '{table}' has no row '{row}'{suggestion}", table=table.key, row=key,
               suggestion=suggestion(key, rows)),
            rule=CHART_DATA,
            hint=tr("its rows are: {rows}", rows=", ".join(rows)),
        )  # fmt: skip
        return None
    of_row = [index for index, column in enumerate(table.columns) if column.row == key]
    picked = _columns(request, table.key, [table.columns[i].year for i in of_row], sink)
    if picked is None:
        return None
    indexes = [of_row[index] for index in picked]
    units = [line for line in table.lines if line.style is LineStyle.PLAIN]
    if len(units) > MAX_SERIES[request.kind]:
        sink.error(
            request.span,
            tr(
                "summary '{table}' has {count} units; a chart draws at most {most}",
                table=table.key,
                count=len(units),
                most=MAX_SERIES[request.kind],
            ),
            rule=CHART_DATA,
            hint=tr("list fewer units under 'units' in the summary"),
        )
        return None
    series = tuple(
        ChartSeries(line.key, line.label, tuple(_euros(line.values[i]) for i in indexes),
                    tuple(line.spans[i] for i in indexes), line.label_at)
        for line in units
    )  # fmt: skip
    label = table.columns[indexes[0]].label
    # A summary's column is headed by its row and year ("Toimintakulut TA 2023", or the
    # row alone in a summary of one year); a chart of the row is headed by the years.
    shorts = tuple(table.columns[i].short.removeprefix(label).strip() for i in indexes)
    years = tuple(
        table.columns[i].heading.removeprefix(label).strip() or short
        for i, short in zip(indexes, shorts, strict=True)
    )
    drawn_years = tuple(table.columns[i].year for i in indexes)
    return _Drawn(series, years, shorts, drawn_years, f"{table.caption}: {label}", table.caption)


def _euros(value: int | Decimal | None) -> int | None:
    # A summary by unit holds its cells' euros, whole numbers.
    return None if value is None else int(value)


def _columns(
    request: ChartRequest, table: str, years: list[int | None], sink: DiagnosticSink
) -> list[int] | None:
    """The indexes of the table's year columns the chart draws, in the order asked."""
    if not request.years:
        return list(range(len(years)))
    indexes = []
    for year, span in request.years:
        if year not in years:
            sink.error(
                span,
                tr("table '{table}' has no column for {year}", table=table, year=year),
                rule=CHART_DATA,
                hint=tr("its years are: {years}", years=", ".join(str(y) for y in years)),
            )
            return None
        indexes.append(years.index(year))
    return indexes


def _checked_shape(
    chart: Chart, request: ChartRequest, years: list[int], sink: DiagnosticSink
) -> Chart | None:
    """The chart, if its kind can draw its figures: a pie draws one year, and the parts
    of a whole (a share, a pie) must be of one sign and add up to more than zero."""
    if chart.kind not in (ChartKind.SHARE, ChartKind.PIE):
        return chart
    if chart.kind is ChartKind.PIE and len(years) != 1:
        sink.error(
            request.years[0][1] if request.years else request.span,
            tr("a pie chart draws one year, not {count}", count=len(years)),
            rule=CHART_DATA,
            hint=tr("write 'years: {year}' under the directive", year=years[-1]),
        )
        return None
    for column, heading in enumerate(chart.headings):
        # A blank cell is no part of the whole: it counts as 0.
        values = [line.values[column] or 0 for line in chart.series]
        figures = ", ".join(f"{line.label} {format_figure(value)}"
                            for line, value in zip(chart.series, values, strict=True))  # fmt: skip
        if any(v > 0 for v in values) and any(v < 0 for v in values):
            sink.error(
                request.span,
                tr("the shares of {year} mix income and costs: {figures}", year=heading,
                   figures=figures),
                rule=CHART_DATA,
                hint=tr("a share is a part of a whole: choose rows that are all positive or "
                        "all negative (costs)"),
            )  # fmt: skip
            return None
        if not any(values):
            sink.error(
                request.span,
                tr("the shares of {year} cannot be drawn: its figures add up to zero: {figures}",
                   year=heading, figures=figures),
                rule=CHART_DATA,
                hint=tr("choose the years with 'years: 2023, 2024', leaving this one out"),
            )  # fmt: skip
            return None
    return chart
