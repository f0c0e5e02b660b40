"""Names defined in data, referred to by key in the text: {unit:key}, {row:key}.

"Vastuualueen nimi: {unit:talouspalvelut}" prints the unit's name from the
units file, and a heading "# {unit:talouspalvelut}" too, so that renaming a
unit in the data renames it everywhere. {row:key} prints a row's label from
the chart of accounts. An unknown key is an error at the block.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import singledispatch

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.document.fields import suggestion
from kkpdf.model import (
    Account,
    Block,
    ComputedTable,
    Emphasis,
    FinanceTable,
    Heading,
    Inline,
    LanguageSpan,
    LineBreak,
    Paragraph,
    Run,
    Strong,
    Text,
    Unit,
    map_inner_blocks,
)

# The rules this module reports.
UNKNOWN_REFERENCE = Rule("markup.unknown-reference")

REFERENCE = re.compile(r"\{(unit|row):([A-Za-z0-9_]+)\}")


class Names:
    """What a reference can name, and where to report one that names nothing."""

    def __init__(self, units: dict[str, Unit], accounts: dict[str, Account],
                 sink: DiagnosticSink) -> None:  # fmt: skip
        self.tables = {"unit": {k: u.name for k, u in units.items()},
                       "row": {k: a.label for k, a in accounts.items()}}  # fmt: skip
        self.sink = sink

    def text(self, text: str, span: Span) -> str:
        def name(match: re.Match[str]) -> str:
            kind, key = match.groups()
            found = self.tables[kind].get(key)
            if found is None:
                where = "the units file" if kind == "unit" else "the chart of accounts"
                self.sink.error(
                    span,
                    f"{{{kind}:{key}}} names no {kind}{suggestion(key, self.tables[kind])}",
                    rule=UNKNOWN_REFERENCE,
                    hint=f"the {kind} keys are in {where}",
                )
                return match.group()
            return found

        return REFERENCE.sub(name, text)


@singledispatch
def _inline(node: object, names: Names, span: Span) -> Inline:
    raise TypeError(f"no reference rule for {type(node).__name__}")


def _inline_text(node: Text, names: Names, span: Span) -> Inline:
    if "{" not in node.text:
        return node
    resolved = names.text(node.text, span)
    if resolved == node.text:
        return node
    # Where the text stands is known up to the first reference; a name is longer or
    # shorter than its reference, so what follows is no longer where it was written.
    first = REFERENCE.search(node.text)
    limit = first.start() if first else len(node.text)
    origin = tuple(
        Run(run.offset, run.line, run.column, min(run.length, limit - run.offset))
        for run in node.origin
        if run.offset < limit
    )
    return Text(resolved, origin)


_inline.register(Text, _inline_text)


def _inline_styled(node: Emphasis | Strong | LanguageSpan, names: Names, span: Span) -> Inline:
    children = _inlines(node.children, names, span)
    return node if children is node.children else replace(node, children=children)


_inline.register(Emphasis | Strong | LanguageSpan, _inline_styled)


def _inline_line_break(node: LineBreak, names: Names, span: Span) -> Inline:
    return node


_inline.register(LineBreak, _inline_line_break)


def resolve(block: Block, names: Names) -> Block:
    """`block` with every reference in its text, and in the blocks inside it, resolved."""
    return map_inner_blocks(block, lambda inner: _resolve(inner, names))


@singledispatch
def _resolve(node: object, names: Names) -> Block:
    raise TypeError(f"no reference rule for {type(node).__name__}")


def _resolve_heading_or_paragraph(node: Heading | Paragraph, names: Names) -> Block:
    children = _inlines(node.children, names, node.span)
    return node if children is node.children else replace(node, children=children)


_resolve.register(Heading | Paragraph, _resolve_heading_or_paragraph)


def _inlines(children: tuple[Inline, ...], names: Names, span: Span) -> tuple[Inline, ...]:
    """`children` resolved; the same tuple where no reference was in them."""
    resolved = tuple(_inline(child, names, span) for child in children)
    return children if all(n is o for n, o in zip(resolved, children, strict=True)) else resolved


def _resolve_finance_table(node: FinanceTable, names: Names) -> Block:
    return node


_resolve.register(FinanceTable | ComputedTable, _resolve_finance_table)
