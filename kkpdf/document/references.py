"""Placeholders in the text: names from the data by key, and the book's years.

"Vastuualueen nimi: {unit:talouspalvelut}" prints the unit's name from the
units file, and a heading "# {unit:talouspalvelut}" too, so that renaming a
unit in the data renames it everywhere. {row:key} prints a row's label from
the chart of accounts. {budget_year}, {plan_years}, {previous_year} and
{next_year} print years worked out from `budget_year` in book.yaml, so that a
new year is one edit (see `year_words`). book.yaml's own texts use the years
too (`kkpdf.document.book_info`), through `fill_placeholders`.

An unknown key, or a {word} that is no placeholder, is an error where it stands.
Braces that do not hold a bare word or a `kind:key` stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import singledispatch

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.document.fields import Fields, suggestion
from kkpdf.messages import Message, tr
from kkpdf.model import (
    Account,
    Block,
    Chart,
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
    place_at,
)
from kkpdf.parse.yaml_tree import YamlScalar, YamlSeq

# The rules this module reports.
UNKNOWN_REFERENCE = Rule("markup.unknown-reference")
UNKNOWN_PLACEHOLDER = Rule("markup.unknown-placeholder")

# {unit:key} and {row:key}, or a bare {word}: a year word, or a misspelt one. Braces
# around anything else ({lang=en} is read by the parser before this; "{1}", "{ a }")
# are text.
PLACEHOLDER = re.compile(r"\{(?:(unit|row):([A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_]*))\}")
# Where the keys of each kind are written, as a hint says it.
WHERE_KEYS_ARE = {
    "unit": tr("the unit keys are in the units file"),
    "row": tr("the row keys are in the chart of accounts"),
}

# Where the `length` characters at `offset` of a text stand in the sources.
Place = Callable[[int, int], Span]


def year_words(budget_year: int) -> dict[str, str]:
    """The years a text can name by a placeholder, from the budget year (2023):
    {budget_year} 2023, {plan_years} 2023–2025 (the budget year and the two plan
    years, with an en dash), {previous_year} 2022 and {next_year} 2024."""
    return {
        "budget_year": str(budget_year),
        "plan_years": f"{budget_year}\u2013{budget_year + 2}",
        "previous_year": str(budget_year - 1),
        "next_year": str(budget_year + 1),
    }


def fill_placeholders(
    text: str,
    words: Mapping[str, str],
    place: Place,
    sink: DiagnosticSink,
    names: Mapping[str, Mapping[str, str]] | None = None,
    keep: tuple[str, ...] = (),
) -> str:
    """`text` with its placeholders filled; one that fills nothing is reported at
    `place` and stays as written. `names` are the kinds of {kind:key} the text may
    use (none in book.yaml, where the data is not read yet); `keep` are bare words
    that are some other template's places ({page} in a label), left as they are."""
    if "{" not in text:
        return text
    kinds = [f"{kind}:key" for kind in names or ()]

    def fill(match: re.Match[str]) -> str:
        kind, key, word = match.groups()
        if word is not None:
            if word in keep:
                return match.group()
            found = words.get(word)
            if found is None:
                sink.error(
                    place(match.start(), len(match.group())),
                    tr(
                        "{{{word}}} is no placeholder{suggestion}",
                        word=word,
                        suggestion=suggestion(word, [*words, *keep]),
                    ),
                    rule=UNKNOWN_PLACEHOLDER,
                    hint=tr(
                        "the placeholders here are {placeholders}",
                        placeholders=", ".join(
                            "{" + name + "}" for name in [*words, *keep, *kinds]
                        ),
                    ),
                )
                return match.group()
            return found
        table = (names or {}).get(kind, {})
        found = table.get(key)
        if found is None:
            sink.error(
                place(match.start(), len(match.group())),
                _names_nothing(kind, key, suggestion(key, table)),
                rule=UNKNOWN_REFERENCE,
                hint=WHERE_KEYS_ARE[kind]
                if names
                else tr("book.yaml can use the years only; write the name itself"),
            )
            return match.group()
        return found

    return PLACEHOLDER.sub(fill, text)


def _names_nothing(kind: str, key: str, suggested: Message | str) -> Message:
    """That {unit:key} or {row:key} names no unit or row."""
    if kind == "unit":
        return tr("{{unit:{key}}} names no unit{suggestion}", key=key, suggestion=suggested)
    return tr("{{row:{key}}} names no row{suggestion}", key=key, suggestion=suggested)


class Names:
    """What a placeholder can stand for, and where to report one that stands for nothing."""

    def __init__(self, units: dict[str, Unit], accounts: dict[str, Account],
                 words: Mapping[str, str], sink: DiagnosticSink) -> None:  # fmt: skip
        self.tables = {"unit": {k: u.name for k, u in units.items()},
                       "row": {k: a.label for k, a in accounts.items()}}  # fmt: skip
        self.words = words
        self.sink = sink

    def text(self, text: str, place: Place) -> str:
        return fill_placeholders(text, self.words, place, self.sink, self.tables)


@singledispatch
def _inline(node: object, names: Names, span: Span) -> Inline:
    raise TypeError(f"no reference rule for {type(node).__name__}")


def _inline_text(node: Text, names: Names, span: Span) -> Inline:
    if "{" not in node.text:
        return node
    origin = node.origin

    def place(offset: int, length: int) -> Span:
        return place_at(origin, offset, length, span)

    resolved = names.text(node.text, place)
    if resolved == node.text:
        return node
    # Where the text stands is known up to the first placeholder; a name is longer or
    # shorter than its placeholder, so what follows is no longer where it was written.
    first = PLACEHOLDER.search(node.text)
    limit = first.start() if first else len(node.text)
    kept = tuple(
        Run(run.offset, run.line, run.column, min(run.length, limit - run.offset))
        for run in origin
        if run.offset < limit
    )
    return Text(resolved, kept)


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


_resolve.register(FinanceTable | ComputedTable | Chart, _resolve_finance_table)


class FilledTexts:
    """The texts of one YAML mapping (book.yaml's, a table's), with the years filled in."""

    def __init__(self, fields: Fields, words: Mapping[str, str], sink: DiagnosticSink) -> None:
        self.fields = fields
        self.words = words
        self.sink = sink

    def text(self, key: str, default: str | None = None, keep: tuple[str, ...] = ()) -> str:
        return self.filled(self.fields.text(key, default), self.fields.node.get(key), keep)

    def unless_absent(self, key: str, default: str) -> str:
        """The key's text, "" for `key: ~`; `default` where the key is not written."""
        return self.text(key, "") if key in self.fields else default

    def texts(self, key: str) -> tuple[str, ...]:
        node = self.fields.node.get(key)
        items = node.items if isinstance(node, YamlSeq) else (node,)
        return tuple(
            self.filled(text, item)
            for text, item in zip(self.fields.texts(key), items, strict=False)
        )

    def filled(self, text: str, node: object, keep: tuple[str, ...] = ()) -> str:
        def place(offset: int, length: int) -> Span:
            if isinstance(node, YamlScalar):
                return node.place(text, offset, length)
            return self.fields.node.span

        return fill_placeholders(text, self.words, place, self.sink, keep=keep)
