"""Text to ReportLab's paragraph markup: escaped, hyphenated, inline nodes as tags.

A span in another language is marked inside the text for its language and left
unhyphenated (one marked in the book's own language is hyphenated); once the
paragraph is broken into lines, each line closes the span it opens
(`balance_languages`), for a marked sequence may not cross pages.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import singledispatch
from typing import TYPE_CHECKING

from reportlab.lib.abag import ABag
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from kkpdf.diagnostics import Span
from kkpdf.language.spelling import WORD
from kkpdf.layout import styles as st
from kkpdf.layout.context import REMOVED_CALLBACK, LayoutContext
from kkpdf.layout.tagging import LANGUAGE_CALLBACK
from kkpdf.layout.text import escape_markup
from kkpdf.model import Emphasis, Inline, LanguageSpan, LineBreak, Strong, Text, primary_language
from kkpdf.money import NO_BREAK_SPACE
from kkpdf.walk import inline_text

if TYPE_CHECKING:  # a draft's, imported only when a draft is made
    from kkpdf.proof.changes import WordEdit

# No line break between a number and its unit ("50 %", "42,50 €"), nor before the
# hyphen of an open compound ("Covenant of Mayors -toimenpiteet").
_TIED_SPACE = re.compile(r"(?<=\d) (?=[%€])| (?=-[^\W\d_])")


def text_markup(text: str, ctx: LayoutContext) -> str:
    """Plain text to paragraph markup: escaped, hyphenated, with no-break spaces.

    In a draft, words the spelling check does not know are underlined in red.
    """
    text = _TIED_SPACE.sub(NO_BREAK_SPACE, text)
    unknown = ctx.marks.unknown_words if ctx.marks else frozenset()
    if not unknown:
        return escape_markup(ctx.hyphenator.text(text))
    pieces, last = [], 0
    for match in WORD.finditer(text):
        if match.group() in unknown:
            pieces.append(escape_markup(ctx.hyphenator.text(text[last : match.start()])))
            word = escape_markup(ctx.hyphenator.text(match.group()))
            pieces.append(f'<u color="{st.DRAFT_TEXT.hexval()}" width="1">{word}</u>')
            last = match.end()
    pieces.append(escape_markup(ctx.hyphenator.text(text[last:])))
    return "".join(pieces)


def header_markup(text: str, ctx: LayoutContext, style: ParagraphStyle, width: float) -> str:
    """A table heading: only words wider than the column are hyphenated."""
    words = text.split(" ")
    return " ".join(
        escape_markup(ctx.hyphenator.text(word))
        if stringWidth(word, style.fontName, style.fontSize) > width
        else escape_markup(word)
        for word in words
    )


def edits_at(span: Span, ctx: LayoutContext) -> tuple[WordEdit, ...]:
    """A draft's edits of the reworded text at `span`; none in a book."""
    return ctx.marks.word_edits.get(span, ()) if ctx.marks is not None else ()


def inline_markup(
    children: tuple[Inline, ...], ctx: LayoutContext, edits: tuple[WordEdit, ...] = ()
) -> str:
    """The inline nodes as markup; in a draft, a reworded text's `edits` marked in it."""
    if edits:
        children = _with_edits(children, edits)
    markup = "".join(_inline(child, ctx) for child in children)
    # ReportLab loses the space between a hyphenated word and a tag that follows it
    # ("Toinen *kohta*" would print "Toinenkohta"); after the tag the space is kept.
    return _SPACE_BEFORE_TAG.sub(r"\2\1", markup)


_SPACE_BEFORE_TAG = re.compile(r"(\s+)(<(?!/|br\b)[^>]*>)")


def heading_markup(
    children: tuple[Inline, ...], ctx: LayoutContext, edits: tuple[WordEdit, ...] = ()
) -> str:
    """A heading's text, marked up but not hyphenated: a broken heading reads badly."""
    return inline_markup(children, replace(ctx, hyphenator=_UNHYPHENATED), edits)


@singledispatch
def _inline(node: object, ctx: LayoutContext) -> str:
    raise TypeError(f"no layout rule for {type(node).__name__}")


def _plain_text_markup(node: Text, ctx: LayoutContext) -> str:
    return text_markup(node.text, ctx)


_inline.register(Text, _plain_text_markup)


def _emphasis_markup(node: Emphasis, ctx: LayoutContext) -> str:
    return f"<i>{inline_markup(node.children, ctx)}</i>"


_inline.register(Emphasis, _emphasis_markup)


def _strong_markup(node: Strong, ctx: LayoutContext) -> str:
    return f"<b>{inline_markup(node.children, ctx)}</b>"


_inline.register(Strong, _strong_markup)


def _line_break_markup(node: LineBreak, ctx: LayoutContext) -> str:
    return "<br/>"


_inline.register(LineBreak, _line_break_markup)


def _language_span_markup(node: LanguageSpan, ctx: LayoutContext) -> str:
    """Marked for its language inside the paragraph's text (`LANGUAGE_CALLBACK`):
    "en" starts it and "/en" ends it. Hyphenated only in the hyphenator's language,
    the book's: another language's words would break at the wrong places."""
    own = primary_language(node.lang) == ctx.hyphenator.language
    inner = inline_markup(node.children, ctx if own else replace(ctx, hyphenator=_UNHYPHENATED))
    lang = escape_markup(node.lang)
    return (
        f'<ondraw name="{LANGUAGE_CALLBACK}" label="{lang}"/>{inner}'
        f'<ondraw name="{LANGUAGE_CALLBACK}" label="/{lang}"/>'
    )


_inline.register(LanguageSpan, _language_span_markup)


@dataclass(frozen=True)
class _EditedText:
    """A text of a reworded paragraph cut where its edits begin and end: each piece
    inserted or kept, with the words removed just before it."""

    pieces: tuple[tuple[str, bool, str], ...]  # text, inserted, removed before it


def _with_edits(children: tuple[Inline, ...], edits: tuple[WordEdit, ...]) -> tuple:
    """The nodes with each text cut at the edits, offsets being those of `inline_text`;
    every character is a text's or a line break's, and words removed at the very end
    are marked after the last."""
    total = len(inline_text(children))
    cut, _ = _cut_all(children, edits, 0)
    at_end = "".join(edit.removed for edit in edits if edit.start == total)
    return (*cut, _EditedText((("", False, at_end),))) if at_end else cut


def _cut_all(children, edits, offset: int) -> tuple[tuple, int]:
    cut: list = []
    for child in children:
        nodes, offset = _cut(child, edits, offset)
        cut += nodes
    return tuple(cut), offset


@singledispatch
def _cut(node: object, edits, offset: int) -> tuple[tuple, int]:
    raise TypeError(f"no edit rule for {type(node).__name__}")


def _cut_text(node: Text, edits: tuple[WordEdit, ...], offset: int) -> tuple[tuple, int]:
    text = _TIED_SPACE.sub(NO_BREAK_SPACE, node.text)  # as text_markup would: same length
    end = offset + len(text)
    bounds, removed, inserted = {0, len(text)}, {}, []
    for edit in edits:
        if edit.removed and offset <= edit.start < end:
            removed[edit.start - offset] = removed.get(edit.start - offset, "") + edit.removed
            bounds.add(edit.start - offset)
        first, last = max(edit.start, offset) - offset, min(edit.end, end) - offset
        if first < last:
            inserted.append((first, last))
            bounds |= {first, last}
    if not inserted and not removed:
        return (node,), end
    points = sorted(bounds)
    pieces = tuple(
        (text[a:b], any(x <= a and b <= y for x, y in inserted), removed.get(a, ""))
        for a, b in itertools.pairwise(points)
    )
    return (_EditedText(pieces),), end


_cut.register(Text, _cut_text)


def _cut_children(node: Emphasis | Strong | LanguageSpan, edits, offset: int) -> tuple:
    children, offset = _cut_all(node.children, edits, offset)
    return (replace(node, children=children),), offset


_cut.register(Emphasis | Strong | LanguageSpan, _cut_children)


def _cut_line_break(node: LineBreak, edits, offset: int) -> tuple:
    """One space in `inline_text`: words removed there are marked before the break."""
    removed = "".join(edit.removed for edit in edits if edit.start == offset)
    return ((_EditedText((("", False, removed),)), node) if removed else (node,)), offset + 1


_cut.register(LineBreak, _cut_line_break)


def _edited_text_markup(node: _EditedText, ctx: LayoutContext) -> str:
    """Inserted words double-underlined in the change colour; a zero-width mark where
    words were removed, which the draft draws as a caret with the words in a note."""
    colour = st.CHANGE_BAR.hexval()
    markup = []
    for text, inserted, removed in node.pieces:
        if removed:
            label = escape_markup(removed).replace('"', "&quot;")
            markup.append(f'<ondraw name="{REMOVED_CALLBACK}" label="{label}"/>')
        piece = text_markup(text, ctx) if text else ""
        if inserted and text.strip():
            piece = f'<u color="{colour}" width="0.8" kind="double" gap="1">{piece}</u>'
        markup.append(piece)
    return "".join(markup)


_inline.register(_EditedText, _edited_text_markup)


def balance_languages(lines, open_at_start: str) -> None:
    """End every line's span in another language on that line, and go on with it on the next.

    A marked sequence may cross lines (one text object) but not pages, and a
    paragraph can break between any two lines: so each line closes what it opens,
    and a piece that begins inside a span (`open_at_start`) opens it first. Spans
    do not nest (the parser refuses it), so one language is open at a time.
    """
    if getattr(lines, "languages_balanced", False):  # a header drawn on every page
        return
    lines.languages_balanced = True
    current = open_at_start
    for line in lines.lines:
        if isinstance(line, tuple) or not line.words:  # simple lines hold no markers
            continue
        if current:
            line.words.insert(0, _language_marker(line.words[0], current))
        for word in line.words:
            label = _language_label(word)
            if label:
                current = "" if label.startswith("/") else label
        if current and _language_label(line.words[-1]) == current:
            line.words.pop()  # a span that would start at the line's end starts on the next
        elif current:
            line.words.append(_language_marker(line.words[-1], "/" + current))


def open_language(lines, open_at_start: str) -> str:
    """The language of the span still open after these lines ("" for none)."""
    current = open_at_start
    for line in lines.lines:
        for word in () if isinstance(line, tuple) else line.words:
            label = _language_label(word)
            if label:
                current = "" if label.startswith("/") else label
    return current


def _language_label(word) -> str:
    definition = getattr(word, "cbDefn", None)
    if definition is None or getattr(definition, "name", "") != LANGUAGE_CALLBACK:
        return ""
    return definition.label or ""


def _language_marker(template, label: str):
    """A marker fragment in the style of `template`, which may be text or a marker."""
    definition = ABag(kind="onDraw", name=LANGUAGE_CALLBACK, label=label)
    return template.clone(text="", cbDefn=definition)


class _Unhyphenated:
    """A hyphenator that leaves text whole, for text in another language and headings."""

    language = ""  # no language's: a span inside it stays whole too

    def word(self, word: str) -> str:
        return word

    def text(self, text: str) -> str:
        return text

    def keep(self) -> None:
        pass

    def close(self) -> None:
        pass


_UNHYPHENATED = _Unhyphenated()
