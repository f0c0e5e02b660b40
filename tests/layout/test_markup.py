"""Paragraph markup: a span is hyphenated only when it is in the book's own language."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kkpdf.language.hyphenation import SOFT_HYPHEN, SwedishHyphenator
from kkpdf.layout.markup import heading_markup, inline_markup
from kkpdf.model import LanguageSpan, Text


@pytest.fixture(scope="module")
def swedish_ctx(ctx):
    hyphenator = SwedishHyphenator()
    yield replace(ctx, hyphenator=hyphenator)
    hyphenator.close()


def span_text(markup: str) -> str:
    """The text between a span's two language marks (a space before the first moves in)."""
    return markup.split("/>")[1].split("<ondraw")[0].strip()


def test_a_finnish_span_in_a_swedish_book_is_left_whole(swedish_ctx):
    children = (Text("Personalkostnader "), LanguageSpan("fi", (Text("henkilöstökulut"),)))
    markup = inline_markup(children, swedish_ctx)
    assert markup.startswith(f"Per{SOFT_HYPHEN}so{SOFT_HYPHEN}nal")
    assert span_text(markup) == "henkilöstökulut"


@pytest.mark.parametrize("lang", ["sv", "sv-FI", "sv-SE"])
def test_a_span_in_the_books_own_language_is_hyphenated(swedish_ctx, lang):
    markup = inline_markup((LanguageSpan(lang, (Text("personalkostnader"),)),), swedish_ctx)
    assert span_text(markup).replace(SOFT_HYPHEN, "|") == "per|so|nal|kost|na|der"


def test_a_swedish_span_in_a_finnish_book_is_left_whole(ctx):
    children = (Text("henkilöstökulut "), LanguageSpan("sv-FI", (Text("personalkostnader"),)))
    markup = inline_markup(children, ctx)
    assert markup.startswith(f"henkilöstö{SOFT_HYPHEN}kulut")
    assert span_text(markup) == "personalkostnader"


def test_a_heading_stays_whole_even_in_a_span_of_the_books_language(swedish_ctx):
    markup = heading_markup((LanguageSpan("sv", (Text("personalkostnader"),)),), swedish_ctx)
    assert SOFT_HYPHEN not in markup
