"""The `chart` directive as written: its kind, its table, and its options.

    ```{chart} bar kaupunginkansliakeskus
    rows: toimintatuotot, toimintakulut
    years: 2022, 2023, 2024
    title: Toimintatuotot ja -kulut
    ```

The argument is the kind (bar, stacked, line, share, pie) and a finance table's key; the body
holds one option a line: `rows` (required), `years` and `title` (optional). What
the keys name is looked up in the document stage, which knows the tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.messages import suggestion, tr
from kkpdf.model import ChartKind
from kkpdf.parse.markup import Directive

# The rules this module reports.
CHART_SYNTAX = Rule("markup.chart")

KINDS = tuple(kind.value for kind in ChartKind)
OPTIONS = ("rows", "years", "title")
# More series than this would need colours that greyscale cannot tell apart; the
# parts of a whole (a share, a pie) have their labels on them, so they may have more.
MAX_SERIES = {kind: 6 if kind in (ChartKind.SHARE, ChartKind.PIE) else 3 for kind in ChartKind}


@dataclass(frozen=True)
class ChartRequest:
    """What a chart directive asks for, each name with the line it is written on."""

    kind: ChartKind
    table: str
    rows: tuple[tuple[str, Span], ...]
    years: tuple[tuple[int, Span], ...]  # empty for every year of the table
    title: str
    span: Span


def read_chart(directive: Directive, sink: DiagnosticSink) -> ChartRequest | None:
    """The chart the directive asks for, or None after reporting what is wrong with it."""
    words = directive.argument.split()
    if len(words) != 2:
        sink.error(
            directive.span,
            tr("directive 'chart' needs a kind and a finance table's key, not '{given}'",
               given=directive.argument),
            rule=CHART_SYNTAX,
            hint=tr("write ```{{chart}} bar key (the kinds are: {kinds})", kinds=", ".join(KINDS)),
        )  # fmt: skip
        return None
    kind, table = words
    if kind not in KINDS:
        sink.error(
            directive.span,
            tr("unknown chart kind '{kind}'{suggestion}", kind=kind,
               suggestion=suggestion(kind, KINDS)),
            rule=CHART_SYNTAX,
            hint=tr("the kinds are: {kinds}", kinds=", ".join(KINDS)),
        )  # fmt: skip
        return None
    options = _options(directive, sink)
    if options is None:
        return None
    rows_text, rows_span = options.get("rows", ("", directive.span))
    if not _listed(rows_text):
        sink.error(
            directive.span,
            tr("chart of '{table}' names no rows", table=table),
            rule=CHART_SYNTAX,
            hint=tr("write 'rows: key, key' under the directive, keys of the chart of accounts"),
        )  # fmt: skip
        return None
    rows = tuple((name, rows_span) for name in _listed(rows_text))
    most = MAX_SERIES[ChartKind(kind)]
    if len(rows) > most:
        sink.error(
            rows_span,
            tr("a chart draws at most {most} rows, not {count}", most=most, count=len(rows)),
            rule=CHART_SYNTAX,
            hint=tr("split the rows between two charts"),
        )
        return None
    years = []
    if "years" in options:
        years_text, years_span = options["years"]
        for word in _listed(years_text):
            if not word.isdigit() or len(word) != 4:
                sink.error(
                    years_span,
                    tr("'{word}' is not a year", word=word),
                    rule=CHART_SYNTAX,
                    hint=tr("write the years as 2023, 2024, or leave 'years' out for all"),
                )
                return None
            years.append((int(word), years_span))
    title = options.get("title", ("", directive.span))[0]
    return ChartRequest(ChartKind(kind), table, rows, tuple(years), title, directive.span)


def _options(directive: Directive, sink: DiagnosticSink) -> dict[str, tuple[str, Span]] | None:
    """The body's `name: value` lines, each with its span; None after an error."""
    found: dict[str, tuple[str, Span]] = {}
    for number, line in enumerate(directive.body.split("\n")):
        if not line.strip():
            continue
        span = Span(directive.span.path, directive.span.line + 1 + number,
                    len(line) - len(line.lstrip()) + 1)  # fmt: skip
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or name not in OPTIONS:
            sink.error(
                span,
                tr("unknown chart option '{name}'{suggestion}", name=name,
                   suggestion=suggestion(name, OPTIONS)),
                rule=CHART_SYNTAX,
                hint=tr("the options are: {options}", options=", ".join(OPTIONS)),
            )  # fmt: skip
            return None
        if name in found:
            sink.error(
                span,
                tr("chart option '{name}' is given twice", name=name),
                rule=CHART_SYNTAX,
                hint=tr("keep one of the two lines"),
            )
            return None
        found[name] = (value.strip(), span)
    return found


def _listed(text: str) -> list[str]:
    return [word.strip() for word in text.split(",") if word.strip()]
