"""Reading the keys of a YAML mapping, and the entries of data files, with a diagnostic
for each problem.

Used by the document stage; it knows positions, so it reports to the sink
itself and returns a fallback value, letting one run collect every problem.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.messages import Message, suggestion, tr
from kkpdf.model import Defined, Run
from kkpdf.parse.book import ParsedData
from kkpdf.parse.yaml_tree import WRONG_TYPE, YamlMap, YamlNode, YamlScalar, YamlSeq, expect

# The rules this module reports.
UNKNOWN_KEY = Rule("data.unknown-key")
MISSING_KEY = Rule("data.missing-key")
EMPTY = Rule("data.empty")
DUPLICATE = Rule("data.duplicate")

# A stretch of text with no space: one run of a text from data, placed on its own so
# that a value folded over lines still places each word.
_STRETCH = re.compile(r"\S+")

# A key with an edition's code after it: `caption_sv` (see kkpdf.parse.editions).
_EDITION_KEY = re.compile(r"^(?P<base>[a-z_]+?)_(?P<code>[a-z]{2,3})$")


def defined(node: YamlNode | None, text: str, fallback: Span) -> Defined:
    """Where `text`, the value of `node` (stripped, or with its placeholders filled in),
    is written; `fallback` for a text not written there, such as a default."""
    if not isinstance(node, YamlScalar):
        return Defined(fallback)
    runs = []
    for stretch in _STRETCH.finditer(text):
        length = len(stretch.group())
        place = node.place(text, stretch.start(), length)
        # `place` gives the whole scalar back for what the scalar does not hold as
        # written (a filled-in year): that stretch falls back to the scalar's span.
        if place is not node.span and place.end_line == place.line:
            runs.append(Run(stretch.start(), place.line, place.column, length))
    return Defined(node.span, tuple(runs))


class Fields:
    def __init__(
        self, node: YamlMap, where: Message, sink: DiagnosticSink, allowed: Iterable[str]
    ) -> None:
        self.node = node
        self.where = where
        self.sink = sink
        allowed = tuple(allowed)
        for key, _ in node.entries:
            edition = _EDITION_KEY.match(str(key.value))
            if key.value not in allowed and edition and edition["base"] in allowed:
                self.sink.error(
                    key.span,
                    tr(
                        "'{key}' is the text of an edition '{code}', and book.yaml names "
                        "no such edition",
                        key=key.value,
                        code=edition["code"],
                    ),
                    rule=UNKNOWN_KEY,
                    hint=tr(
                        "name the book's editions in book.yaml, the first being the "
                        "language of the plain keys: 'editions: [fi, {code}]'",
                        code=edition["code"],
                    ),
                )
            elif key.value not in allowed:
                self.sink.error(
                    key.span,
                    tr(
                        "unknown key '{key}' in {where}{suggestion}",
                        key=key.value,
                        where=where,
                        suggestion=suggestion(str(key.value), allowed),
                    ),
                    rule=UNKNOWN_KEY,
                    hint=tr("the keys here are: {keys}", keys=", ".join(allowed)),
                )

    def __contains__(self, key: str) -> bool:
        return self.node.get(key) is not None

    def _missing(self, key: str) -> None:
        self.sink.error(
            self.node.span,
            tr("'{key}:' is missing in {where}", key=key, where=self.where),
            rule=MISSING_KEY,
            hint=tr("add '{key}: …'", key=key),
        )

    def _scalar(self, key: str, required: bool) -> YamlScalar | None:
        node = self.node.get(key)
        if node is None:
            if required:
                self._missing(key)
            return None
        message = tr("'{key}' in {where} must be a single value", key=key, where=self.where)
        return expect(node, YamlScalar, message, self.sink)

    def text(self, key: str, default: str | None = None) -> str:
        """The text of `key`, stripped; without a `default`, the key must hold some."""
        node = self._scalar(key, default is None)
        if node is None or (node.value is None and default is not None):
            return default or ""
        text = checked_text(node, tr("'{key}' in {where}", key=key, where=self.where), self.sink)
        if text is None or (not text and default is None):
            if text == "":
                self.sink.error(
                    node.span,
                    tr("'{key}' in {where} is empty", key=key, where=self.where),
                    rule=EMPTY,
                    hint=tr("write the text after '{key}:'", key=key),
                )
            return default or ""
        return text

    def defined(self, key: str, text: str) -> Defined:
        """Where `text`, read from `key`, is written; the mapping's span if it is not."""
        return defined(self.node.get(key), text, self.node.span)

    def integer(self, key: str, within: range | None = None) -> int:
        """A whole number; one `within` a range, if one is given (its first where not)."""
        node = self._scalar(key, True)
        if node is None:
            return 0
        if isinstance(node.value, bool) or not isinstance(node.value, int):
            self.sink.error(
                node.span,
                tr(
                    "'{key}' in {where} must be a whole number, not {value}",
                    key=key,
                    where=self.where,
                    value=repr(node.value),
                ),
                rule=WRONG_TYPE,
                hint=tr("write the number without quotes, decimals or spaces, such as 2023"),
            )
            return 0
        if within is not None and node.value not in within:
            self.sink.error(
                node.span,
                tr("'{key}' in {where} must be from {low} to {high}, not {value}", key=key,
                   where=self.where, low=within[0], high=within[-1], value=node.value),
                rule=WRONG_TYPE,
                hint=tr("write a whole number from {low} to {high}", low=within[0],
                        high=within[-1]),
            )  # fmt: skip
            return within[0]
        return node.value

    def year(self, key: str) -> int:
        """A year of four digits, such as 2023; 0 where there is none."""
        year = self.integer(key)
        if year and not 1000 <= year <= 9999:
            self.sink.error(
                self.node.get(key).span,
                tr("'{key}' in {where} must be a year such as 2023, not {value}",
                   key=key, where=self.where, value=year),
                rule=WRONG_TYPE,
                hint=tr("a year has four digits"),
            )  # fmt: skip
            return 0
        return year

    def amount(self, key: str) -> Decimal:
        """A non-negative amount of euros such as 0.5; absent means 0."""
        node = self._scalar(key, False)
        if node is None or node.value is None:
            return Decimal(0)
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            value = None
        try:
            # str() of a YAML float such as 0.5 is its written digits, so no binary error.
            amount = Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            amount = Decimal(-1)
        if not amount.is_finite() or amount < 0:
            self.sink.error(
                node.span,
                tr(
                    "'{key}' in {where} must be an amount such as 0.5, not {value}",
                    key=key,
                    where=self.where,
                    value=repr(node.value),
                ),
                rule=WRONG_TYPE,
            )
            return Decimal(0)
        return amount

    def flag(self, key: str) -> bool:
        node = self._scalar(key, False)
        if node is None:
            return False
        if not isinstance(node.value, bool):
            self.sink.error(
                node.span,
                tr("'{key}' in {where} must be true or false", key=key, where=self.where),
                rule=WRONG_TYPE,
                hint=tr("write true or false; yes, no, on and off are text"),
            )
            return False
        return node.value

    def date(self, key: str) -> datetime.date | None:
        node = self._scalar(key, False)
        if node is None or node.value is None:
            return None
        if not isinstance(node.value, datetime.date):
            self.sink.error(
                node.span,
                tr(
                    "'{key}' in {where} must be a date like 2022-12-14, not {value}",
                    key=key,
                    where=self.where,
                    value=repr(node.value),
                ),
                rule=WRONG_TYPE,
                hint=tr("write the date as year-month-day, without quotes or a time"),
            )
            return None
        return node.value

    def texts(self, key: str) -> tuple[str, ...]:
        node = self.node.get(key)
        if node is None:
            return ()
        items = node.items if isinstance(node, YamlSeq) else (node,)
        values = []
        for item in items:
            text = None
            if isinstance(item, YamlScalar):
                text = checked_text(item, tr("an item of '{key}'", key=key), self.sink)
            if text:
                values.append(text)
            elif text == "" or not isinstance(item, YamlScalar):
                self.sink.error(
                    item.span,
                    tr("'{key}' in {where} must list words", key=key, where=self.where),
                    rule=WRONG_TYPE,
                    hint=tr("write the words in brackets: '{key}: [first, second]'", key=key),
                )
        return tuple(values)

    def mapping(self, key: str) -> YamlMap | None:
        node = self.node.get(key)
        if node is None:
            self._missing(key)
            return None
        return expect_map(node, tr("'{key}' in {where}", key=key, where=self.where), self.sink)


def checked_text(node: YamlScalar, what: Message, sink: DiagnosticSink) -> str | None:
    """The text of `node`, stripped ("" for nothing: `~`); None, reported, where it
    holds another type of value (a number, true or false, a date): a text field takes
    only text."""
    if node.value is None:
        return ""
    if isinstance(node.value, str):
        return node.value.strip()
    sink.error(
        node.span,
        tr("{what} must be text, not {value}", what=what, value=_typed(node.value)),
        rule=WRONG_TYPE,
        hint=tr("put the value in quotes to make it text"),
    )
    return None


def name_of(key: YamlScalar, what: Message, sink: DiagnosticSink) -> str | None:
    """The name a key gives an entry of `what` (a unit, a table): text, not empty; None,
    reported, for another key."""
    name = checked_text(key, tr("the name '{name}'", name=key.value), sink)
    if name == "":
        sink.error(key.span, tr("a name in {what} is empty", what=what), rule=EMPTY,
                   hint=tr("write the name before the colon"))  # fmt: skip
    return name or None


def _typed(value: object) -> Message | str:
    """A value of a YAML type other than text, named with its type for a message."""
    if isinstance(value, bool):
        return tr("true or false ({value})", value=str(value).lower())
    if isinstance(value, datetime.date):
        return tr("the date {value}", value=value.isoformat())
    return tr("the number {value}", value=value)


def expect_map(node: YamlNode | None, what: Message, sink: DiagnosticSink) -> YamlMap | None:
    """`node` if it is a mapping, else None; a node of another shape is reported."""
    message = tr("{what} must be a mapping of 'key: value' lines", what=what)
    return expect(node, YamlMap, message, sink)


def top_mappings(
    files: tuple[ParsedData, ...], what: Message, sink: DiagnosticSink
) -> Iterator[tuple[str, Span, YamlMap]]:
    """(key, its span, its mapping) for every entry of every file; a key seen before is
    reported, not yielded again. `what` names the kind of file ("the units file")."""
    seen: dict[str, Span] = {}
    for data in files:
        top = expect_map(data.tree, what, sink)
        if top is None:
            if data.tree is None:
                sink.error(Span(data.path), tr("{what} is empty", what=what), rule=EMPTY)
            continue
        for key, value in top.entries:
            name = name_of(key, what, sink)
            if name is None:
                continue
            if name in seen:
                sink.error(
                    key.span,
                    tr("'{name}' is defined twice (also at {first})", name=name, first=seen[name]),
                    rule=DUPLICATE,
                )
                continue
            seen[name] = key.span
            mapping = expect_map(value, tr("'{name}'", name=name), sink)
            if mapping is not None:
                yield name, key.span, mapping
