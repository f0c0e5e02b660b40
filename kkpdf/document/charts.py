"""Charts: the rows and years a chart directive names, read from its finance table.

A chart holds the table's own figures, not copies typed again: what the checks
find in the table holds for the chart, and a draft marks the chart at the cells.
"""

from __future__ import annotations

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.document.fields import suggestion
from kkpdf.document.references import UNKNOWN_REFERENCE
from kkpdf.messages import tr
from kkpdf.model import Account, Chart, ChartKind, ChartSeries, FinanceTable
from kkpdf.money import format_figure
from kkpdf.parse.charts import ChartRequest, read_chart
from kkpdf.parse.markup import Directive

# The rules this module reports.
CHART_DATA = Rule("document.chart-data")


def build_chart(
    directive: Directive,
    finance: dict[str, FinanceTable],
    accounts: dict[str, Account],
    sink: DiagnosticSink,
) -> Chart | None:
    """The chart the directive places, or None after reporting why it cannot be drawn."""
    request = read_chart(directive, sink)
    if request is None:
        return None
    table = finance.get(request.table)
    if table is None:
        sink.error(
            request.span,
            tr("no finance table '{key}'{suggestion}", key=request.table,
               suggestion=suggestion(request.table, finance)),
            rule=UNKNOWN_REFERENCE,
            hint=tr("a chart draws rows of a finance table: write its key after the kind"),
        )  # fmt: skip
        return None
    columns = _columns(request, table, sink)
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
    if all(value is None for line in series for value in line.values):
        # A warning: a new budget year's columns are blank until they are filled in.
        sink.warning(
            request.span,
            tr("chart of '{table}' has no figures to draw: its cells are blank", table=table.key),
            rule=CHART_DATA,
            hint=tr("the chart is left out until they have figures; or choose other rows or years"),
        )
        return None
    headings = tuple(table.columns[index].heading for index in columns)
    short = tuple(table.columns[index].short for index in columns)
    title = request.title or table.caption
    years = [table.columns[index].year for index in columns]
    chart = Chart(request.kind, table.key, title, headings, short, tuple(series), request.span,
                  source=table.caption)  # fmt: skip
    return _checked_shape(chart, request, years, sink)


def _columns(request: ChartRequest, table: FinanceTable, sink: DiagnosticSink) -> list[int] | None:
    """The indexes of the table's columns the chart draws, in the order asked."""
    years = [column.year for column in table.columns]
    if not request.years:
        return list(range(len(years)))
    indexes = []
    for year, span in request.years:
        if year not in years:
            sink.error(
                span,
                tr("finance table '{table}' has no column for {year}", table=table.key, year=year),
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
