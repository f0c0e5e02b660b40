"""Charts: the rows and years a chart directive names, read from its finance table.

A chart holds the table's own figures, not copies typed again: what the checks
find in the table holds for the chart, and a draft marks the chart at the cells.
"""

from __future__ import annotations

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.document.fields import suggestion
from kkpdf.document.references import UNKNOWN_REFERENCE
from kkpdf.messages import tr
from kkpdf.model import Account, Chart, ChartSeries, FinanceTable
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
    return Chart(request.kind, table.key, title, headings, short, tuple(series), request.span)


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
