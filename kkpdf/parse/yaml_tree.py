"""YAML to a tree that keeps every key's and value's position.

PyYAML's own loaders drop positions, silently keep the last of two equal keys
and expand aliases. This loader composes the node graph with the safe resolver,
rejects duplicates and aliases, and keeps a `Span` on every node. `expect` is
how a reader of the tree asks for a node of one shape, and reports one of another.
"""

from __future__ import annotations

import datetime
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
        root = yaml.compose(text, Loader=_Loader)  # pragma: no mutate - equivalent: any loader
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
        convert = _Converter(
            path, set(), yaml.constructor.SafeConstructor(), text.split("\n"), text
        )
        return convert(root)
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
    constructor: yaml.constructor.SafeConstructor
    lines: list[str]
    text: str

    def __call__(self, node: yaml.Node) -> YamlNode:
        if id(node) in self.seen:  # the composer shares one node between anchor and aliases
            raise _AliasSeen
        self.seen.add(id(node))
        span = _span(self.path, node.start_mark, node.end_mark)
        return _conversion(type(node))(node, self, span)


@singledispatch
def _convert(node: yaml.Node, convert: _Converter, span: Span) -> YamlNode:
    raise YamlError(tr("unsupported YAML node"), span)  # the composer makes only the three below


# singledispatch finds the function for a type through a weak dictionary in Python
# on every call; a data file of 300 pages has 12 000 nodes of three types.
_conversion = cache(_convert.dispatch)

_STR_TAG = "tag:yaml.org,2002:str"


def _convert_scalar(node: yaml.ScalarNode, convert: _Converter, span: Span) -> YamlNode:
    written = ""
    try:
        # A string is its text; other scalars go to the safe constructor's function for
        # their tag directly (construct_object only adds what a scalar does not need).
        if node.tag == _STR_TAG:
            value = node.value
            if node.style or node.start_mark.line != node.end_mark.line:
                written = convert.text[node.start_mark.index : node.end_mark.index]
        else:
            constructors = convert.constructor.yaml_constructors
            value = constructors.get(node.tag, constructors[None])(convert.constructor, node)
    except (yaml.constructor.ConstructorError, ValueError) as err:
        raise YamlError(
            tr("cannot read the value {value}: {problem}", value=repr(node.value), problem=err),
            span,
        ) from None
    content = _content_span(node, span, convert.lines)
    return YamlScalar(value, span, node.style, content, written)


_convert.register(yaml.ScalarNode, _convert_scalar)


def _convert_sequence(node: yaml.SequenceNode, convert: _Converter, span: Span) -> YamlNode:
    return YamlSeq(tuple(convert(item) for item in node.value), span)


_convert.register(yaml.SequenceNode, _convert_sequence)


def _convert_mapping(node: yaml.MappingNode, convert: _Converter, span: Span) -> YamlNode:
    entries: list[tuple[YamlScalar, YamlNode]] = []
    first_seen: dict[object, Span] = {}
    for key_node, value_node in node.value:
        key = convert(key_node)
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
        entries.append((key, convert(value_node)))
    return YamlMap(tuple(entries), span)


_convert.register(yaml.MappingNode, _convert_mapping)
