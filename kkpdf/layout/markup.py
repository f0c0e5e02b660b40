"""Text to ReportLab's paragraph markup: escaped, hyphenated, inline nodes as tags.

A span in another language is marked inside the text for its language and left
unhyphenated (one marked in the book's own language is hyphenated); once the
paragraph is broken into lines, each line closes the span it opens
(`balance_languages`), for a marked sequence may not cross pages.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import singledispatch

from reportlab.lib.abag import ABag
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from kkpdf.language.spelling import WORD
from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.tagging import LANGUAGE_CALLBACK
from kkpdf.layout.text import escape_markup
from kkpdf.model import Emphasis, Inline, LanguageSpan, LineBreak, Strong, Text, primary_language
from kkpdf.money import NO_BREAK_SPACE

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


def inline_markup(children: tuple[Inline, ...], ctx: LayoutContext) -> str:
    markup = "".join(_inline(child, ctx) for child in children)
    # ReportLab loses the space between a hyphenated word and a tag that follows it
    # ("Toinen *kohta*" would print "Toinenkohta"); after the tag the space is kept.
    return _SPACE_BEFORE_TAG.sub(r"\2\1", markup)


_SPACE_BEFORE_TAG = re.compile(r"(\s+)(<(?!/|br\b)[^>]*>)")


def heading_markup(children: tuple[Inline, ...], ctx: LayoutContext) -> str:
    """A heading's text, marked up but not hyphenated: a broken heading reads badly."""
    return inline_markup(children, replace(ctx, hyphenator=_UNHYPHENATED))


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

    def close(self) -> None:
        pass


_UNHYPHENATED = _Unhyphenated()
