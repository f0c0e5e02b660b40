"""Cross-part checks as data: which figure of one part equals which of others.

    - cell: tuloslaskelma.toimintatuotot
      equals: [units.toimintatuotot, vesihuolto.toimintatuotot]

`cell` is a row of a finance table (a typed figure, the one that can be wrong);
each term of `equals` is a row of a finance table, a line of a computed table
(`investoinnit.total.spending`), or `units.<row>`: the row summed over the units
that are part of no other unit (the whole operating part). A leading minus takes
a term with the other sign.
"""

from __future__ import annotations

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.document.fields import Fields, expect_map, suggestion
from kkpdf.messages import Message, tr
from kkpdf.model import Account, ComputedTable, FinanceTable, Tie, TieTerm
from kkpdf.parse.book import ParsedData
from kkpdf.parse.yaml_tree import YamlNode, YamlScalar, YamlSeq, expect

# The rules this module reports.
TIE = Rule("data.tie")

ALL_UNITS = "units"


def build_ties(
    files: tuple[ParsedData, ...],
    finance: dict[str, FinanceTable],
    computed: dict[str, ComputedTable],
    accounts: dict[str, Account],
    sink: DiagnosticSink,
) -> tuple[Tie, ...]:
    ties = []
    for data in files:
        listed = expect(
            data.tree,
            YamlSeq,
            tr("the ties file must list the checks, each '- cell: …' with 'equals: […]'"),
            sink,
            rule=TIE,
            missing=Span(data.path),
        )
        for item in listed.items if listed else ():
            entry = expect_map(item, tr("a tie"), sink)
            if entry is None:
                continue
            fields = Fields(entry, tr("a tie"), sink, ("cell", "equals"))
            fields.text("cell")  # reports a 'cell:' that is missing or not text
            cell = _term(entry.get("cell"), finance, computed, accounts, sink, left=True)
            terms_node = expect(
                entry.get("equals"),
                YamlSeq,
                tr("'equals' of a tie must list figures, e.g. [units.toimintatuotot]"),
                sink,
                rule=TIE,
                missing=entry.span,
            )
            terms = [
                _term(node, finance, computed, accounts, sink)
                for node in (terms_node.items if terms_node else ())
            ]
            if cell is not None and terms and all(terms):
                ties.append(Tie(cell, tuple(terms), entry.span))  # type: ignore[arg-type]
    return tuple(ties)


def _term(
    node: YamlNode | None,
    finance: dict[str, FinanceTable],
    computed: dict[str, ComputedTable],
    accounts: dict[str, Account],
    sink: DiagnosticSink,
    *,
    left: bool = False,
) -> TieTerm | None:
    if node is None:
        return None
    written = node.value if isinstance(node, YamlScalar) else None
    if not isinstance(written, str) or "." not in written:
        sink.error(
            node.span,
            tr("{written} does not name a figure", written=repr(written)),
            rule=TIE,
            hint=tr("write a table's key and a row's key, such as tuloslaskelma.vuosikate"),
        )
        return None
    text = written.strip()
    sign = -1 if text.startswith(("-", "\u2212")) else 1
    table, _, line = text.lstrip("-\u2212 ").partition(".")
    problem: Message | None = None
    if left:
        if table not in finance:
            problem = tr("the tie names no finance table '{table}'{suggestion}",
                         table=table, suggestion=suggestion(table, finance))  # fmt: skip
        elif finance[table].row(line) is None:
            problem = tr("the tie names table '{table}' has no row '{row}'", table=table, row=line)
    elif table == ALL_UNITS:
        if line not in accounts:
            problem = tr("the tie names no row '{row}' in the chart of accounts{suggestion}",
                         row=line, suggestion=suggestion(line, accounts))  # fmt: skip
        table = ""
    elif table in finance:
        if finance[table].row(line) is None:
            problem = tr("the tie names table '{table}' has no row '{row}'", table=table, row=line)
    elif table in computed:
        if computed[table].line(line) is None:
            keys = [found.key for found in computed[table].lines]
            problem = tr("the tie names table '{table}' has no line '{line}'{suggestion}",
                         table=table, line=line, suggestion=suggestion(line, keys))  # fmt: skip
    else:
        problem = tr("the tie names no table '{table}'{suggestion}", table=table,
                     suggestion=suggestion(table, [*finance, *computed, ALL_UNITS]))  # fmt: skip
    if problem:
        sink.error(
            node.span,
            problem,
            rule=TIE,
            hint=tr("a tie names a table's key and a row's key, or units.<row> for every unit"),
        )
        return None
    return TieTerm(table, line, sign, node.span)
