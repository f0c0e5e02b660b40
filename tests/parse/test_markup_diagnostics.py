"""What the chapter markup refuses, and how it says so: the message, the hint, the rule
and the range it points at (users read `file:line:col` and go there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import ListBlock, Paragraph, Text
from kkpdf.parse.markup import Directive, make_parser, parse_markup

PATH = Path("luku.md")

NOT_SUPPORTED_HINT = "write plain paragraphs, lists or headings"
INLINE_HINT = "write the text itself; for a web address, write it out"
CODE_HINT = (
    "a directive is written ```{name} argument, e.g. ```{finance-table} kaupunginkansliakeskus"
)
NESTED_HINT = (
    "close the first before the second starts: [Covenant of Mayors]{lang=en} "
    "ja [Lovisa stad]{lang=sv-FI}"
)
LANGUAGE_HINT = (
    "write the language as a code such as en, sv or sv-FI: [Covenant of Mayors]{lang=en}"
)


def parse(text: str, **options):
    sink = DiagnosticSink()
    blocks = parse_markup(text, PATH, sink, parser=make_parser(), **options)
    return blocks, sink


def reported(sink: DiagnosticSink):
    """Each diagnostic as a user sees it: rule, start, end, message and hint."""
    assert all(str(d.span).startswith(f"{PATH}:") for d in sink.diagnostics)
    return [
        (
            d.rule.id,
            (d.span.line, d.span.column),
            d.span.end,
            str(d.message),
            d.hint and str(d.hint),
        )
        for d in sink.diagnostics
    ]


def test_a_heading_in_a_table_cell_is_reported_where_it_stands_and_left_out():
    blocks, sink = parse("Teksti\n\n  ## Väliotsikko  \n", in_cell=True)
    assert [type(b) for b in blocks] == [Paragraph]
    assert reported(sink) == [
        (
            "markup.cell-content",
            (3, 3),
            (3, 17),
            "a heading cannot stand inside a table cell",
            "write the text as a paragraph, in **bold** if it must stand out",
        )
    ]


def test_a_heading_outside_a_cell_is_no_error():
    blocks, sink = parse("## Väliotsikko\n")
    assert not sink.diagnostics and blocks[0].level == 2


def test_a_block_quote_is_reported_over_its_lines_and_what_it_holds_is_skipped():
    blocks, sink = parse("> lainaus\n> - kohta\n>\n> > sisempi\n\nKappale\n")
    # Nothing of the quote comes through, not even the list and quote inside it.
    assert blocks == (Paragraph((Text("Kappale"),), blocks[0].span),)
    assert blocks[0].span.line == 6
    assert reported(sink) == [
        (
            "markup.unsupported",
            (1, 1),
            (4, 12),
            "block quotes ('>') are not supported in the budget book",
            NOT_SUPPORTED_HINT,
        )
    ]


def test_a_horizontal_rule_is_reported_and_the_text_after_it_kept():
    blocks, sink = parse("Ennen\n\n  ***\nJälkeen\n")
    assert [b.children for b in blocks] == [(Text("Ennen"),), (Text("Jälkeen"),)]
    assert reported(sink) == [
        (
            "markup.unsupported",
            (3, 3),
            (3, 6),
            "horizontal rules ('---') are not supported in the budget book",
            NOT_SUPPORTED_HINT,
        )
    ]


def test_a_block_quote_in_a_list_item_is_reported_and_the_list_kept():
    blocks, sink = parse("- yksi\n\n  > lainaus\n- kaksi\n")
    (bullets,) = blocks
    assert isinstance(bullets, ListBlock) and len(bullets.items) == 2
    assert [len(item.blocks) for item in bullets.items] == [1, 1]
    assert reported(sink) == [
        (
            "markup.unsupported",
            (3, 3),
            (3, 12),
            "block quotes ('>') are not supported in the budget book",
            NOT_SUPPORTED_HINT,
        )
    ]


def test_a_code_block_is_reported_over_its_fences():
    blocks, sink = parse("Ennen\n\n```python\nprint(1)\n```\n\nJälkeen\n")
    assert [b.children for b in blocks] == [(Text("Ennen"),), (Text("Jälkeen"),)]
    assert reported(sink) == [
        (
            "markup.unsupported",
            (3, 1),
            (5, 4),
            "code blocks are not part of a budget book",
            CODE_HINT,
        )
    ]


@pytest.mark.parametrize("info", ["", "python", "{Iso}", "{1x}", "{x y}", "x {a}", "{a_b}"])
def test_a_fence_without_a_directive_name_is_code(info):
    blocks, sink = parse(f"```{info}\nx\n```\n")
    assert blocks == ()
    assert [str(d.message) for d in sink.diagnostics] == [
        "code blocks are not part of a budget book"
    ]


@pytest.mark.parametrize("fence", ["```", "~~~", "````"])
def test_an_unclosed_fence_is_reported_with_its_own_markup(fence):
    blocks, sink = parse(f"# Luku\n\n{fence}{{finance-table}} keskus\n\nTeksti jäisi sisään.\n")
    # The heading before it stands; nothing after it is made into blocks.
    assert [type(b).__name__ for b in blocks] == ["Heading"]
    assert reported(sink) == [
        (
            "markup.unclosed",
            (3, 1),
            (5, 21),
            f"this {fence} block is not closed, so the rest of the file would be inside it",
            f"write {fence} on its own line where the block ends",
        )
    ]


@pytest.mark.parametrize("text", ["```{goal-table} teema", "```{goal-table} teema\n"])
def test_a_fence_on_the_last_line_is_unclosed_with_or_without_a_line_end(text):
    blocks, sink = parse(text)
    assert blocks == ()
    assert reported(sink)[0][:3] == ("markup.unclosed", (1, 1), (1, 22))


def test_a_fence_closed_by_a_line_with_more_after_the_markup_is_unclosed():
    # "``` x" cannot close a fence, so the directive swallows the rest.
    blocks, sink = parse("```{goal-table} teema\n``` x\n")
    assert blocks == ()
    assert [d.rule.id for d in sink.diagnostics] == ["markup.unclosed"]


def test_a_fence_is_closed_by_a_longer_fence_and_a_closing_fence_may_be_indented():
    (first, second), sink = parse("```{a} x\n````\n\n~~~{b}\n  ~~~  \n")
    assert not sink.diagnostics
    assert (first.name, first.span.end) == ("a", (2, 5))
    assert (second.name, second.argument, second.span.line, second.span.end) == ("b", "", 4, (5, 6))


def test_a_directive_in_a_table_cell_is_reported_and_left_out():
    blocks, sink = parse("Teksti\n\n```{goal-table} teema\n```\n", in_cell=True)
    assert [type(b) for b in blocks] == [Paragraph]
    assert reported(sink) == [
        (
            "markup.directive-place",
            (3, 1),
            (4, 4),
            "directive 'goal-table' cannot be used here",
            None,
        )
    ]


def test_a_directive_outside_a_cell_is_no_error():
    blocks, sink = parse("```{goal-table} teema\n```\n")
    assert not sink.diagnostics and isinstance(blocks[0], Directive)


def test_a_directive_or_heading_in_a_list_item_is_reported_and_the_items_kept():
    (bullets,), sink = parse("- ```{x} y\n  ```\n- # otsikko\n- kolmas\n")
    assert [len(item.blocks) for item in bullets.items] == [0, 0, 1]
    assert reported(sink) == [
        (
            "markup.list-content",
            (1, 1),
            (2, 6),
            "a directive cannot stand inside a list item",
            "put the directive after the list, with a blank line before it",
        ),
        (
            "markup.list-content",
            (3, 1),
            (3, 12),
            "a heading cannot stand inside a list item",
            "put the heading after the list, with a blank line before it",
        ),
    ]


def test_each_kind_of_unsupported_inline_is_reported_once_over_its_paragraph():
    source = "a `koodi` ja `toinen` [linkki](http://x) [toinen](y)\n![kuva](k.png) <b>x</b>\n"
    (paragraph,), sink = parse(source)
    span = ((1, 1), (2, 24))
    assert reported(sink) == [
        ("markup.unsupported", *span, f"{what} are not supported in the budget book", INLINE_HINT)
        for what in ("inline code (`…`)", "links", "images")
    ]
    # Code keeps its text, a link its words; an image's description is not text of the book.
    (text,) = paragraph.children
    assert text.text.split() == ["a", "koodi", "ja", "toinen", "linkki", "toinen", "<b>x</b>"]


def test_raw_html_is_text_when_the_parser_is_told_it_is_html():
    # The book's parser takes no HTML; a parser that does is still reported.
    from kkpdf.parse import markup

    parser = markup.MarkdownIt("commonmark", {"html": True}).use(markup.attrs_plugin, spans=True)
    sink = DiagnosticSink()
    (paragraph,) = parse_markup("a <b>x</b> c\n", PATH, sink, parser=parser)
    assert [str(d.message) for d in sink.diagnostics] == [
        "raw HTML are not supported in the budget book"
    ]
    assert paragraph.children == (Text("a <b>x</b> c"),)


def test_a_language_span_inside_another_is_reported_and_its_text_kept_in_the_outer():
    (paragraph, _), sink = parse("a [b [c]{lang=sv} d]{lang=en} e\n\ntoinen\n")
    assert reported(sink) == [
        (
            "markup.span",
            (1, 1),
            (1, 32),
            "a [bracketed text] in another language cannot hold another one",
            NESTED_HINT,
        )
    ]
    from kkpdf.model import LanguageSpan

    assert paragraph.children == (
        Text("a "),
        LanguageSpan("en", (Text("b c d"),)),
        Text(" e"),
    )


def test_a_language_span_inside_emphasis_inside_a_span_is_still_nested():
    _, sink = parse("[a *[b]{lang=sv}*]{lang=en}\n")
    assert [d.rule.id for d in sink.diagnostics] == ["markup.span"]


def test_emphasis_around_a_language_span_is_no_nesting():
    (paragraph,), sink = parse("a *[b]{lang=en}* **[c]{lang=sv}** d\n")
    assert not sink.diagnostics
    from kkpdf.model import Emphasis, LanguageSpan, Strong

    assert paragraph.children == (
        Text("a "),
        Emphasis((LanguageSpan("en", (Text("b"),)),)),
        Text(" "),
        Strong((LanguageSpan("sv", (Text("c"),)),)),
        Text(" d"),
    )


@pytest.mark.parametrize(
    ("attributes", "given"),
    [
        ("lang=english", "lang=english"),
        (".luokka lang=en", "lang=en class=luokka"),
        ("lang=en id=x", "lang=en id=x"),
        ("kieli=en", "kieli=en"),
        ("lang=en-fi", "lang=en-fi"),
    ],
)
def test_a_span_with_more_than_a_language_quotes_what_was_given(attributes, given):
    (paragraph,), sink = parse(f"a [b]{{{attributes}}} c\n")
    assert reported(sink) == [
        (
            "markup.span",
            (1, 1),
            (1, 10 + len(attributes)),
            f"a [bracketed text] takes only its language, as {{lang=en}}, not {{{given}}}",
            LANGUAGE_HINT,
        )
    ]
    assert paragraph.children == (Text("a b c"),)


@pytest.mark.parametrize("lang", ["en", "fin", "sv-FI", "smn"])
def test_a_language_code_with_or_without_a_region_is_taken(lang):
    (paragraph,), sink = parse(f"[sana]{{lang={lang}}}\n")
    assert not sink.diagnostics
    assert paragraph.children[0].lang == lang


def test_diagnostics_point_into_the_file_past_the_offsets():
    # A table cell's text starts inside a YAML file: its errors point there.
    _, sink = parse("a `b`\n\n## c\n", line_offset=9, column_offset=4, in_cell=True)
    assert [(d.span.line, d.span.column, d.span.end) for d in sink.diagnostics] == [
        (10, 5, (10, 10)),
        (12, 5, (12, 9)),
    ]


def test_a_lone_fence_on_the_last_line_is_unclosed_not_an_empty_code_block():
    for text in ("Kappale\n\n```", "Kappale\n\n```\n"):
        blocks, sink = parse(text)
        assert [type(b) for b in blocks] == [Paragraph]
        assert reported(sink)[0][:3] == ("markup.unclosed", (3, 1), (3, 4))


def test_raw_html_and_indented_code_blocks_are_named_when_a_parser_reads_them():
    # The book's parser reads neither (html off, indented code off); another one may.
    from kkpdf.parse import markup

    html = markup.MarkdownIt("commonmark", {"html": True})
    sink = DiagnosticSink()
    blocks = parse_markup("<div>\nx\n</div>\n\nKappale\n", PATH, sink, parser=html)
    assert [b.children for b in blocks] == [(Text("Kappale"),)]
    assert reported(sink) == [
        (
            "markup.unsupported",
            (1, 1),
            (3, 7),
            "raw HTML are not supported in the budget book",
            NOT_SUPPORTED_HINT,
        )
    ]
    sink = DiagnosticSink()
    parse_markup("Kappale\n\n    koodi\n", PATH, sink, parser=markup.MarkdownIt("commonmark"))
    assert reported(sink) == [
        (
            "markup.unsupported",
            (3, 5),
            (3, 10),
            "code blocks are not supported in the budget book",
            NOT_SUPPORTED_HINT,
        )
    ]


def test_a_reported_span_keeps_its_emphasis_and_line_breaks_in_place():
    (paragraph,), sink = parse("a [b *c*\\\nd]{kieli=x} e\n")
    from kkpdf.model import Emphasis, LineBreak

    assert [d.rule.id for d in sink.diagnostics] == ["markup.span"]
    assert paragraph.children == (
        Text("a b "),
        Emphasis((Text("c"),)),
        LineBreak(),
        Text("d e"),
    )
