"""YAML to a tree that keeps every key's and value's position.

PyYAML's own loaders drop positions, silently keep the last of two equal keys
and expand aliases. This loader composes the node graph, rejects duplicates and
aliases, and keeps a `Span` on every node. `expect` is how a reader of the tree
asks for a node of one shape, and reports one of another.

A plain scalar is read by the rules of YAML 1.2's core schema (see `_CORE`), not
PyYAML's YAML 1.1 ones: `12:30` is text, not the base-60 number 750, `yes` and `on`
are text, not true, and `012` is twelve. A tag other than those of the core schema
(`!!binary`, `!!python/…`, `!anything`), a number beyond `NUMBER_DIGITS` digits and
nesting deeper than `MAX_DEPTH` are errors at their place.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cache, singledispatch
from pathlib import Path
from typing import TypeVar

import yaml

try:  # the C composer is several times faster; the pure one is the fallback PyYAML itself uses
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.messages import Message, tr

# The rules this module reports.
WRONG_TYPE = Rule("data.type")
YAML_SYNTAX = Rule("yaml.syntax")


Scalar = str | int | float | bool | None | datetime.date

# Nesting a budget's data never needs: the deepest file of the town book has 7
# levels. Deeper nesting is an error at its place, before it costs a deep recursion.
MAX_DEPTH = 20
# A number (of any field, in any base) has at most this many digits: a budget's
# euros stay below a thousand billion, years have four digits. A longer one is an
# error at its place, before Python refuses to convert it (4 300 digits).
NUMBER_DIGITS = 15

_YAML = "tag:yaml.org,2002:"
_NULL, _BOOL, _INT, _FLOAT, _DATE, _STR, _SEQ, _MAP = (
    _YAML + name for name in ("null", "bool", "int", "float", "timestamp", "str", "seq", "map")
)
# YAML 1.2's core schema, plus dates (`approved: 2022-12-14`), less .inf and .nan,
# which no budget holds. A plain scalar that matches none of these is text.
_CORE = {
    _NULL: re.compile(r"~|null|Null|NULL|"),
    _BOOL: re.compile(r"true|True|TRUE|false|False|FALSE"),
    _INT: re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"),
    _FLOAT: re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"),
    _DATE: re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
}


class _CoreLoader(_Loader):
    """PyYAML's composer with the core schema's resolver in place of YAML 1.1's."""

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.SequenceNode:
            return _SEQ
        if kind is yaml.MappingNode:
            return _MAP
        if not implicit[0]:  # quoted, or tagged with the non-specific '!'
            return _STR
        return next((tag for tag, form in _CORE.items() if form.fullmatch(value)), _STR)


@dataclass(frozen=True)
class YamlScalar:
    """A YAML value with its position."""

    value: Scalar
    span: Span
    # None for a plain scalar, else the quote or block indicator: ' " | >
    style: str | None
    # Where the scalar's text begins: below the indicator for a block scalar.
    content: Span
    # The scalar as written, where that differs from its text (quoted, block or
    # folded over lines), so that a word of it can be placed; "" where it does not.
    written: str = field(default="", compare=False)

    def place(self, text: str, offset: int, length: int) -> Span:
        """Where the `length` characters at `offset` of `text` (this scalar's value, or
        the value stripped) stand in the file, or the scalar's span where that cannot
        be told. The same characters are looked for in the scalar as written, the
        same how-manieth time they occur, so quotes and folded lines move nothing."""
        piece = text[offset : offset + length]
        occurrence = text.count(piece, 0, offset) if piece else 0
        written = self.written or str(self.value)
        start = -1
        for _ in range(occurrence + 1):
            start = written.find(piece, start + 1)
            if not piece or start < 0:
                return self.span
        before = written[:start]
        line = self.span.line + before.count("\n")
        column = self.span.column + start if line == self.span.line else start - before.rfind("\n")
        return Span(self.span.path, line, column, line, column + length)


@dataclass(frozen=True)
class YamlSeq:
    """A YAML list with its position."""

    items: tuple[YamlNode, ...]
    span: Span


@dataclass(frozen=True)
class YamlMap:
    """A YAML mapping with its position; keys in the order written."""

    entries: tuple[tuple[YamlScalar, YamlNode], ...]
    span: Span

    def get(self, key: str) -> YamlNode | None:
        for k, v in self.entries:
            if k.value == key:
                return v
        return None

    def keys(self) -> list[str]:
        return [str(k.value) for k, _ in self.entries]


YamlNode = YamlScalar | YamlSeq | YamlMap
Shape = TypeVar("Shape", YamlScalar, YamlSeq, YamlMap)


def expect(
    node: YamlNode | None,
    shape: type[Shape],
    message: Message,
    sink: DiagnosticSink,
    *,
    rule: Rule = WRONG_TYPE,
    hint: Message | None = None,
    missing: Span | None = None,
) -> Shape | None:
    """`node` if it is a `shape`; if not, `message` is reported at it and None given.

    An absent node is reported at `missing`; without one, absence is for the caller
    to judge (an optional key, or one it reports in its own words).
    """
    if isinstance(node, shape):
        return node
    span = missing if node is None else node.span
    if span is not None:
        sink.error(span, message, rule=rule, hint=hint)
    return None


class YamlError(Exception):
    def __init__(self, message: Message, span: Span, hint: Message | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.hint = hint


def _span(path: Path, mark: yaml.Mark | None, end: yaml.Mark | None = None) -> Span:
    """The place of a mark, or the range from `mark` to `end` (the mark after the node)."""
    if mark is None:
        return Span(path)
    if end is None:
        return Span(path, mark.line + 1, mark.column + 1)
    return Span(path, mark.line + 1, mark.column + 1, end.line + 1, end.column + 1)


def load_yaml(text: str, path: Path) -> YamlNode | None:
    """Parse one YAML document; raise `YamlError` with the position of the problem."""
    if "\t" in text:
        line_no = text[: text.index("\t")].count("\n")
        column = len(text.split("\n")[line_no].split("\t")[0]) + 1
        raise YamlError(
            tr("tab character in a YAML file"),
            Span(path, line_no + 1, column),
            tr("indent with spaces; YAML does not allow tabs for indentation"),
        )
    try:
        root = yaml.compose(text, Loader=_CoreLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        # PyYAML's own words ("mapping values are not allowed here") are English only.
        problem = (err.problem or err.context or "").strip() or tr("invalid YAML")
        raise YamlError(
            tr("invalid YAML: {problem}", problem=problem),
            _span(path, mark),
            tr("check the indentation and that every 'key: value' has a space after the colon"),
        ) from None
    except yaml.YAMLError as err:
        raise YamlError(tr("invalid YAML: {problem}", problem=err), Span(path)) from None
    if root is None:
        return None
    try:
        convert = _Converter(path, set(), text.split("\n"), text)
        return convert(root, 1)
    except _AliasSeen:
        raise YamlError(
            tr("YAML anchors and aliases (&name, *name) are not supported"),
            _first_alias(text, path),
            tr("write the values out in full"),
        ) from None


class _AliasSeen(Exception):
    pass


def _first_alias(text: str, path: Path) -> Span:
    """Where the first alias stands; the composed graph only shows the anchored node."""
    for event in yaml.parse(text, Loader=_Loader):  # pragma: no mutate - equivalent: any loader
        if isinstance(event, yaml.AliasEvent):
            return _span(path, event.start_mark)
    return Span(
        path
    )  # pragma: no cover, no mutate - unreachable: called once an alias was composed


def _content_span(node: yaml.ScalarNode, span: Span, lines: list[str]) -> Span:
    if node.style not in ("|", ">"):
        return span
    for number in range(span.line, len(lines)):  # the lines below the indicator
        line = lines[number]
        if line.strip():
            return Span(span.path, number + 1, len(line) - len(line.lstrip(" ")) + 1)
    return span


@dataclass(frozen=True)
class _Converter:
    """Turns composed nodes into positioned ones; one per document."""

    path: Path
    seen: set[int]
    lines: list[str]
    text: str

    def __call__(self, node: yaml.Node, depth: int) -> YamlNode:
        """`node` converted; `depth` is how many collections hold it, and itself."""
        if id(node) in self.seen:  # the composer shares one node between anchor and aliases
            raise _AliasSeen
        self.seen.add(id(node))
        span = _span(self.path, node.start_mark, node.end_mark)
        if depth > MAX_DEPTH:
            raise YamlError(
                tr("the data is nested more than {depth} levels deep", depth=MAX_DEPTH),
                _span(self.path, node.start_mark),
                tr("a budget's data needs a handful of levels: check the brackets and indentation"),
            )
        return _conversion(type(node))(node, self, span, depth)


@singledispatch
def _convert(node: yaml.Node, convert: _Converter, span: Span, depth: int) -> YamlNode:
    raise YamlError(tr("unsupported YAML node"), span)  # the composer makes only the three below


# singledispatch finds the function for a type through a weak dictionary in Python
# on every call; a data file of 300 pages has 12 000 nodes of three types.
_conversion = cache(_convert.dispatch)


def _shown(text: str) -> str:
    """A value for a message: a value of thousands of characters is cut short."""
    return repr(text if len(text) <= 40 else text[:30] + "…")


def _unsupported_tag(tag: str, span: Span) -> YamlError:
    return YamlError(
        tr("the YAML tag {tag} is not supported", tag=tag.replace(_YAML, "!!")),
        Span(span.path, span.line, span.column),
        tr("remove the tag: the data holds text, whole numbers, decimal numbers, true or "
           "false and dates such as 2022-12-14, lists and mappings"),
    )  # fmt: skip


def _too_large(text: str, span: Span) -> YamlError:
    return YamlError(
        tr("the number {value} is too large: a number has at most {digits} digits",
           value=_shown(text), digits=NUMBER_DIGITS),
        span,
        tr("a budget's euros stay below a thousand billion; write a long code in quotes, as text"),
    )  # fmt: skip


def _number(text: str, value: int | float, span: Span) -> int | float:
    if abs(value) < 10**NUMBER_DIGITS:  # an infinite float (1e400) is not
        return value
    raise _too_large(text, span)


def _integer(text: str, span: Span) -> int:
    if text[:2] in ("0o", "0x"):  # Python's own prefixes; a power-of-two base has no length limit
        return int(_number(text, int(text, 0), span))
    if len(text.lstrip("+-").lstrip("0")) > NUMBER_DIGITS:  # int() refuses 4 300 digits
        raise _too_large(text, span)
    return int(text)


def _scalar_value(tag: str, text: str, span: Span) -> Scalar:
    """The value of a scalar of a core tag; the text of a tagged scalar must fit the tag."""
    if tag == _STR:
        return text
    form = _CORE.get(tag)
    if form is None:
        raise _unsupported_tag(tag, span)
    if not form.fullmatch(text):
        raise YamlError(
            tr("cannot read {value} as the YAML type {tag}", value=_shown(text),
               tag=tag.replace(_YAML, "!!")),
            span,
            tr("remove the tag, or write the value in the type's form"),
        )  # fmt: skip
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text.lower() == "true"
    if tag == _INT:
        return _integer(text, span)
    if tag == _FLOAT:
        return _number(text, float(text), span)
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as err:
        raise YamlError(
            tr("cannot read the value {value}: {problem}", value=repr(text), problem=err),
            span,
            tr("write a date as year-month-day, such as 2022-12-14"),
        ) from None


def _convert_scalar(node: yaml.ScalarNode, convert: _Converter, span: Span, _: int) -> YamlNode:
    written = ""
    value = _scalar_value(node.tag, node.value, span)
    if node.tag == _STR and (node.style or node.start_mark.line != node.end_mark.line):
        written = convert.text[node.start_mark.index : node.end_mark.index]
    content = _content_span(node, span, convert.lines)
    return YamlScalar(value, span, node.style, content, written)


_convert.register(yaml.ScalarNode, _convert_scalar)


def _convert_sequence(
    node: yaml.SequenceNode, convert: _Converter, span: Span, depth: int
) -> YamlNode:
    if node.tag != _SEQ:
        raise _unsupported_tag(node.tag, span)
    return YamlSeq(tuple(convert(item, depth + 1) for item in node.value), span)


_convert.register(yaml.SequenceNode, _convert_sequence)


def _convert_mapping(
    node: yaml.MappingNode, convert: _Converter, span: Span, depth: int
) -> YamlNode:
    if node.tag != _MAP:
        raise _unsupported_tag(node.tag, span)
    entries: list[tuple[YamlScalar, YamlNode]] = []
    first_seen: dict[object, Span] = {}
    for key_node, value_node in node.value:
        key = convert(key_node, depth + 1)
        if not isinstance(key, YamlScalar):
            raise YamlError(tr("a key must be a plain word, not a list or a mapping"), key.span)
        if key.value in first_seen:
            raise YamlError(
                tr(
                    "duplicate key '{key}' (first at line {line})",
                    key=key.value,
                    line=first_seen[key.value].line,
                ),
                key.span,
                tr("remove one of them or rename it; YAML would silently keep only the last"),
            )
        first_seen[key.value] = key.span
        entries.append((key, convert(value_node, depth + 1)))
    return YamlMap(tuple(entries), span)


_convert.register(yaml.MappingNode, _convert_mapping)
