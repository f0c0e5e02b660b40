"""Chapter markup: CommonMark (markdown-it-py) plus fenced directives.

A directive is a fenced block whose info string starts with a name in braces:

    ```{finance-table} kaupunginkansliakeskus
    ```

Its body, if any, holds options in YAML. Text in another language is a
bracketed span with its language, `[Covenant of Mayors]{lang=en}` (the syntax of
Pandoc and markdown-it's attrs plugin). Everything CommonMark offers that a
budget book does not print (code, quotes, images, raw HTML) is reported, not
silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.model import (
    Block,
    Emphasis,
    Heading,
    Inline,
    LanguageSpan,
    LineBreak,
    ListBlock,
    ListItem,
    Origin,
    Paragraph,
    Run,
    Strong,
    Text,
)
from kkpdf.parse import markup_limits as limits, markup_texts as texts

# The rules this module reports.
CELL_CONTENT = Rule("markup.cell-content")
LIST_CONTENT = Rule("markup.list-content")
UNCLOSED = Rule("markup.unclosed")
UNSUPPORTED = Rule("markup.unsupported")
DIRECTIVE_PLACE = Rule("markup.directive-place")
SPAN = Rule("markup.span")


# Anything CommonMark could read as more than one plain paragraph: emphasis, code,
# links, HTML, entities, escapes, headings, quotes, tables, list markers, fences,
# thematic breaks, underlined headings, indented code, hard line breaks (two spaces at a
# line's end), or a blank line between paragraphs.
_MARKUP = re.compile(r"[*_`\[\]<>&\\#|~=]|^\s*([-+]|\d+[.)])|\n\s*\n|^ {4}|\t| {2,}\n", re.M)

DIRECTIVE_INFO = re.compile(r"^\{(?P<name>[a-z][a-z0-9-]*)\}\s*(?P<argument>.*)$")


@dataclass(frozen=True)
class Directive:
    """A placeholder the document stage replaces with content built from data."""

    name: str
    argument: str
    body: str
    span: Span
    body_span: Span


ChapterBlock = Block | Directive


def make_parser() -> MarkdownIt:
    # Indented code is off: an indented continuation line is ordinary text here.
    options = {"html": False, "maxNesting": limits.PARSER_NESTING}
    parser = MarkdownIt("commonmark", options).disable(["code"])
    return parser.use(attrs_plugin, spans=True)


@dataclass
class _Cursor:
    """Where the reader stands in the token stream of one text."""

    tokens: list[Token]
    index: int
    path: Path
    line_offset: int
    column_offset: int
    lines: list[str]
    sink: DiagnosticSink
    in_cell: bool
    # The text as written, where it differs from the text parsed (a YAML scalar's
    # value is folded and unquoted): its runs are found there, in one pass.
    written: _Aligner | None = None
    lists: int = 0  # how many lists the reader is inside

    def peek(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at_end(self) -> bool:
        return self.index >= len(self.tokens)

    def span(self, token: Token) -> Span:
        """The token's lines: from its first non-blank character to its last line's end."""
        # pragma: no mutate start - equivalent: every block token has a map, and line ends
        # are "\n" alone by now (read.decode_text), so the map is within the lines.
        if not token.map:
            return Span(self.path, self.line_offset + 1)
        first, after = token.map
        lines = self.lines
        text = lines[first] if first < len(lines) else ""
        last = after - 1 if after - 1 < len(lines) else len(lines) - 1
        # pragma: no mutate end
        column = len(text) - len(text.lstrip()) + 1
        end = len(lines[last].rstrip()) + 1 if last > first else len(text.rstrip()) + 1
        line, indent = self.line_offset, self.column_offset
        return Span(self.path, line + first + 1, indent + column,
                    line + max(last, first) + 1, indent + end)  # fmt: skip

    def origin(self, token: Token) -> _Aligner:
        """Places the runs of an inline token's text, in order, in the lines it was read from."""
        if self.written is not None:
            return self.written
        if not token.map:  # pragma: no mutate block - equivalent: an inline token has a map
            return _Aligner(self.path, [], 0, 0, 0)
        first, after = token.map
        line = self.line_offset + first + 1
        return _Aligner(
            self.path, self.lines[first:after], line, self.column_offset, self.column_offset
        )


@dataclass
class _Aligner:
    """Finds each run of a text where it stands in the lines it was read from.

    The runs come in the order written, so each is searched for from where the one
    before ended: markup (*, [ ]{lang=…}) is skipped over. A run that differs from
    its source (an escape such as \\*, an entity such as &amp;, a folded YAML line)
    is placed word by word; a word not found gets no place.
    """

    path: Path
    lines: list[str]
    first_line: int  # the 1-based line of lines[0] in the file
    first_indent: int  # the columns before lines[0] in the file
    indent: int  # and before each later line
    line: int = 0
    column: int = 0

    def runs(
        self,
        text: str,
        offset: int = 0,  # pragma: no mutate - equivalent: callers give one
    ) -> Origin:
        """Where `text` stands, as runs starting at `offset` in the text they belong to."""
        whole = self._find(text, offset)
        if whole is not None:
            return (whole,)
        found = (
            self._find(word.group(), offset + word.start()) for word in _WORD_RUN.finditer(text)
        )
        return tuple(run for run in found if run is not None)

    def _find(self, text: str, offset: int) -> Run | None:
        for number in range(self.line, len(self.lines)):
            found = self.lines[number].find(text, self.column if number == self.line else 0)
            if found >= 0:
                self.line, self.column = number, found + len(text)
                column = (self.indent if number else self.first_indent) + found + 1
                return Run(offset, self.first_line + number, column, len(text))
        return None


_WORD_RUN = re.compile(r"\S+")


def parse_markup(
    text: str,
    path: Path,
    sink: DiagnosticSink,
    *,
    parser: MarkdownIt,
    line_offset: int = 0,
    column_offset: int = 0,
    in_cell: bool = False,
    written: Span | None = None,
    written_text: str = "",
) -> tuple[ChapterBlock, ...]:
    """Parse chapter text into blocks; unsupported constructs go to `sink`.

    `text` starts `line_offset` lines and `column_offset` columns into its file.
    Text that was written otherwise than it is parsed (a YAML scalar) gives its
    source, `written_text` starting at `written`, to place the runs of its text.
    """
    aligner = None
    if written is not None:
        lines = written_text.split("\n")
        aligner = _Aligner(path, lines, written.line, written.column - 1, 0)
    if not _MARKUP.search(text) and text.strip():
        # Plain prose, as most key-goal cells are: one paragraph, as CommonMark would
        # make it, without running the parser (which is most of the time of a check).
        return (_plain_paragraph(text, path, line_offset, column_offset, aligner),)
    tokens = parser.parse(text)
    cursor = _Cursor(
        tokens=tokens,
        index=0,
        path=path,
        line_offset=line_offset,
        column_offset=column_offset,
        lines=text.split("\n"),
        sink=sink,
        in_cell=in_cell,
        written=aligner,
    )
    blocks: list[ChapterBlock] = []
    while not cursor.at_end():
        block = _block(cursor)
        if block is not None:
            blocks.append(block)
    resume = limits.report_lost(tokens, cursor.lines, sink, path, line_offset, column_offset)
    if resume is not None:  # the rest after a list the parser could not read to its end
        rest = "\n".join(cursor.lines[resume:])
        blocks += parse_markup(rest, path, sink, parser=parser, line_offset=line_offset + resume,
                               column_offset=column_offset, in_cell=in_cell)  # fmt: skip
    return tuple(blocks)


def _plain_paragraph(
    text: str, path: Path, line_offset: int, column_offset: int, written: _Aligner | None
) -> Paragraph:
    """Text without markup, as CommonMark would read it: one paragraph of its lines."""
    lines = text.split("\n")
    aligner = written or _Aligner(path, lines, line_offset + 1, column_offset, column_offset)
    runs: list[str] = []
    origin: list[Run] = []
    offset, first, last = 0, -1, -1
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        origin += aligner.runs(stripped, offset)
        runs.append(stripped)
        offset += len(stripped) + 1  # and the space that joins it to the next line
        first = number if first < 0 else first
        last = number
    indent = len(lines[first]) - len(lines[first].lstrip())
    span = Span(path, line_offset + first + 1, column_offset + indent + 1,
                line_offset + last + 1, column_offset + len(lines[last].rstrip()) + 1)  # fmt: skip
    return Paragraph((Text(" ".join(runs), tuple(origin)),), span)


def _block(cursor: _Cursor) -> ChapterBlock | None:
    token = cursor.peek()
    rule = _BLOCK_RULES.get(token.type)
    if rule is None:
        return _unsupported(cursor)
    return rule(cursor)


def _heading(cursor: _Cursor) -> Heading | None:
    opening = cursor.take()
    inline = cursor.take()
    cursor.take()  # heading_close
    if cursor.in_cell:
        cursor.sink.error(
            cursor.span(opening),
            texts.HEADING_IN_CELL,
            rule=CELL_CONTENT,
            hint=texts.HEADING_IN_CELL_HINT,
        )
        return None
    return Heading(int(opening.tag[1]), _inlines(inline, cursor), cursor.span(opening))


def _paragraph(cursor: _Cursor) -> Paragraph:
    opening = cursor.take()
    inline = cursor.take()
    cursor.take()  # paragraph_close
    return Paragraph(_inlines(inline, cursor), cursor.span(opening))


def _list(cursor: _Cursor) -> ListBlock | None:
    if cursor.lists >= limits.LIST_DEPTH:
        limits.too_deep_list(cursor.sink, cursor.span(cursor.peek()))
        _skip(cursor)
        return None
    opening = cursor.take()
    cursor.lists += 1
    close_type = opening.type.replace("_open", "_close")
    items: list[ListItem] = []
    while cursor.peek().type != close_type:
        item_open = cursor.take()  # list_item_open
        blocks: list[Block] = []
        while cursor.peek().type != "list_item_close":
            block = _block(cursor)
            if isinstance(block, Directive | Heading):
                message, hint = (
                    texts.DIRECTIVE_IN_LIST
                    if isinstance(block, Directive)
                    else texts.HEADING_IN_LIST
                )
                cursor.sink.error(block.span, message, rule=LIST_CONTENT, hint=hint)
            elif block is not None:
                blocks.append(block)
        cursor.take()  # list_item_close
        items.append(ListItem(tuple(blocks), cursor.span(item_open)))
    cursor.take()
    cursor.lists -= 1
    start = int(opening.attrs.get("start", 1)) if opening.type == "ordered_list_open" else 1
    return ListBlock(opening.type == "ordered_list_open", start, tuple(items), cursor.span(opening))


def _fence(cursor: _Cursor) -> Directive | None:
    token = cursor.take()
    span = cursor.span(token)
    if not _closed(token, cursor.lines):
        # An open fence swallows the rest of the file; say so rather than lose the text.
        message, hint = texts.unclosed(token.markup)
        cursor.sink.error(span, message, rule=UNCLOSED, hint=hint)
        return None
    match = DIRECTIVE_INFO.match(token.info.strip())
    if match is None:
        cursor.sink.error(
            span,
            texts.CODE_BLOCK,
            rule=UNSUPPORTED,
            hint=texts.CODE_BLOCK_HINT,
        )
        return None
    if cursor.in_cell:
        cursor.sink.error(span, texts.misplaced_directive(match["name"]), rule=DIRECTIVE_PLACE)
        return None
    return Directive(
        match["name"], match["argument"].strip(), token.content, span, span.shifted(1, 1)
    )


def _closed(token: Token, lines: list[str]) -> bool:
    assert token.map is not None
    last = token.map[1] - 1
    if last <= token.map[0] or last >= len(lines):
        return False
    closing = lines[last].strip()
    return closing.startswith(token.markup) and not closing.strip(token.markup[0])


def _unsupported(cursor: _Cursor) -> None:
    token = cursor.peek()
    # pragma: no mutate start - equivalent: the book's parser (make_parser) makes no block
    # token that is neither read nor named above; another parser may.
    what = texts.BLOCKS.get(token.type, token.type.replace("_open", "").replace("_", " "))
    # pragma: no mutate end
    cursor.sink.error(
        cursor.span(token), texts.unsupported(what), rule=UNSUPPORTED, hint=texts.BLOCK_HINT
    )
    _skip(cursor)
    return None


def _skip(cursor: _Cursor) -> None:
    """Past the next token and, if it opens a block, the matching close, whatever it holds."""
    depth = cursor.take().nesting
    while depth > 0 and not cursor.at_end():
        depth += cursor.take().nesting


_BLOCK_RULES: dict[str, Callable[[_Cursor], ChapterBlock | None]] = {
    "heading_open": _heading,
    "paragraph_open": _paragraph,
    "bullet_list_open": _list,
    "ordered_list_open": _list,
    "fence": _fence,
}


# --- inline -----------------------------------------------------------------------

# A BCP 47 tag as the book needs it: a language, and a region if it matters.
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")


def _inlines(token: Token, cursor: _Cursor) -> tuple[Inline, ...]:
    stack: list[list[Inline]] = [[]]
    kinds: list[str] = []  # the node type each open level becomes; a span's language
    reported: set[object] = set()
    aligner = cursor.origin(token)
    for child in token.children or ():
        if child.type == "text":
            _append_text(stack[-1], child.content, aligner)
        elif child.type == "softbreak":
            _append_text(stack[-1], " ")
        elif child.type == "hardbreak":
            stack[-1].append(LineBreak())
        elif child.type in ("em_open", "strong_open"):
            stack.append([])
            deep = len(kinds) >= limits.INLINE_DEPTH
            if deep and limits.NESTING not in reported:
                reported.add(limits.NESTING)
                limits.too_deep_emphasis(cursor.sink, cursor.span(token))
            kinds.append("" if deep else child.type)  # too deep: its text joins the level above
        elif child.type == "span_open":
            stack.append([])
            inside = any(kind not in ("em_open", "strong_open") for kind in kinds)
            kinds.append(_span_language(child, token, cursor, inside=inside))
        elif child.type in ("em_close", "strong_close", "span_close"):
            children = tuple(stack.pop())
            kind = kinds.pop()
            if kind == "em_open":
                stack[-1].append(Emphasis(children))
            elif kind == "strong_open":
                stack[-1].append(Strong(children))
            elif kind:
                stack[-1].append(LanguageSpan(kind, children))
            else:  # a span already reported: its text stays
                for inline in children:
                    if isinstance(inline, Text):
                        _append_moved(stack[-1], inline)
                    else:
                        stack[-1].append(inline)
        elif child.type == "link_close":
            continue
        else:
            # pragma: no mutate start - equivalent: make_parser makes no other inline token
            what = texts.INLINES.get(child.type, child.type)
            # pragma: no mutate end
            if what not in reported:
                reported.add(what)
                cursor.sink.error(
                    cursor.span(token),
                    texts.unsupported(what),
                    rule=UNSUPPORTED,
                    hint=texts.INLINE_HINT,
                )
            if child.type in ("code_inline", "html_inline"):
                _append_text(stack[-1], child.content, aligner)
    return tuple(stack[0])


def _span_language(span: Token, token: Token, cursor: _Cursor, *, inside: bool) -> str:
    """The language of a `[text]{lang=…}` span, or "" when it is reported."""
    if inside:
        cursor.sink.error(
            cursor.span(token),
            texts.NESTED_SPAN,
            rule=SPAN,
            hint=texts.NESTED_SPAN_HINT,
        )
        return ""
    attributes = dict(span.attrs)
    lang = str(attributes.pop("lang", ""))
    if attributes or not LANGUAGE_TAG.fullmatch(lang):
        given = " ".join(f"{key}={value}" for key, value in span.attrs.items())
        cursor.sink.error(
            cursor.span(token),
            texts.span_attributes(given),
            rule=SPAN,
            hint=texts.SPAN_LANGUAGE_HINT,
        )
        return ""
    return lang


def _append_text(inlines: list[Inline], text: str, aligner: _Aligner | None = None) -> None:
    """Text joins the text before it, as one run would; `aligner` finds where it is
    written (none for the space a line end becomes)."""
    before = inlines[-1] if inlines and isinstance(inlines[-1], Text) else None
    shift = len(before.text) if before is not None else 0
    runs = aligner.runs(text, shift) if aligner is not None else ()
    _join(inlines, before, text, runs)


def _append_moved(inlines: list[Inline], moved: Text) -> None:
    """A text taken out of a span that was reported: it keeps where it was written."""
    before = inlines[-1] if inlines and isinstance(inlines[-1], Text) else None
    shift = len(before.text) if before is not None else 0
    runs = tuple(Run(r.offset + shift, r.line, r.column, r.length) for r in moved.origin)
    _join(inlines, before, moved.text, runs)


def _join(inlines: list[Inline], before: Text | None, text: str, runs: Origin) -> None:
    if before is None:
        inlines.append(Text(text, runs))
    else:
        inlines[-1] = Text(before.text + text, before.origin + runs)
