"""Where each block and each run of text stands in its source: the spans of blocks
and the runs of `Text.origin`, which messages about a word (a missing glyph, a word
too wide) point at."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from kkpdf.diagnostics import DiagnosticSink, Span
from kkpdf.model import Emphasis, Heading, LineBreak, ListBlock, Paragraph, Run, Text
from kkpdf.parse.markup import Directive, make_parser, parse_markup

PATH = Path("luku.md")


def parse(text: str, **options):
    sink = DiagnosticSink()
    blocks = parse_markup(text, PATH, sink, parser=make_parser(), **options)
    return blocks


def ends(span: Span):
    assert span.path == PATH
    return (span.line, span.column, *span.end)


def texts(inlines):
    """Each text with its runs, in order, through emphasis and spans."""
    found = []
    for inline in inlines:
        if isinstance(inline, Text):
            found.append((inline.text, inline.origin))
        elif hasattr(inline, "children"):
            found += texts(inline.children)
    return found


# --- blocks ---------------------------------------------------------------------------


def test_a_heading_keeps_its_level_and_spans_its_line_past_the_offsets():
    blocks = parse("# Yksi\n\n## Kaksi ##\n\n   ### Kolme\n\n#### Neljä\n", line_offset=2,
                   column_offset=4)  # fmt: skip
    assert [b.level for b in blocks] == [1, 2, 3, 4]
    assert [ends(b.span) for b in blocks] == [
        (3, 5, 3, 11),
        (5, 5, 5, 16),
        (7, 8, 7, 17),
        (9, 5, 9, 15),
    ]
    assert texts(blocks[2].children) == [("Kolme", (Run(0, 7, 12, 5),))]


def test_an_underlined_heading_spans_both_its_lines():
    (heading, second) = parse("Otsikko\n===\n\nToinen\n---\n")
    assert (heading.level, second.level) == (1, 2)
    assert ends(heading.span) == (1, 1, 2, 4)
    assert ends(second.span) == (4, 1, 5, 4)


def test_a_paragraph_spans_from_its_first_letter_to_its_last_lines_end():
    (paragraph,) = parse("\n\n   *Yksi*\n  kaksi  \n\n", line_offset=1, column_offset=2)
    assert ends(paragraph.span) == (4, 6, 5, 10)


def test_a_list_and_its_items_span_their_lines():
    (_, bullets) = parse("Kappale\n\n- yksi\n  jatkuu\n- kaksi\n", line_offset=1, column_offset=2)
    assert ends(bullets.span) == (4, 3, 6, 10)
    assert [ends(item.span) for item in bullets.items] == [(4, 3, 5, 11), (6, 3, 6, 10)]
    assert texts(bullets.items[0].blocks[0].children) == [
        ("yksi jatkuu", (Run(0, 4, 5, 4), Run(5, 5, 5, 6)))
    ]


def test_a_list_item_holds_paragraphs_and_lists_of_its_own():
    (bullets,) = parse("- yksi\n\n  toinen\n\n  1. sisempi\n- kaksi\n")
    first, second = bullets.items
    assert [type(b) for b in first.blocks] == [Paragraph, Paragraph, ListBlock]
    assert first.blocks[2].ordered and first.blocks[2].start == 1
    assert [type(b) for b in second.blocks] == [Paragraph]


def test_an_ordered_list_keeps_its_start_and_a_bulleted_list_starts_at_one():
    (five,) = parse("5) viisi\n6) kuusi\n")
    (one,) = parse("1. yksi\n")
    (zero,) = parse("0. nolla\n")
    (bullets,) = parse("* a\n* b\n")
    assert (five.ordered, five.start, len(five.items)) == (True, 5, 2)
    assert (one.ordered, one.start) == (True, 1)
    assert (zero.ordered, zero.start) == (True, 0)
    assert (bullets.ordered, bullets.start, len(bullets.items)) == (False, 1, 2)


def test_a_directive_keeps_its_name_argument_body_and_where_its_body_starts():
    source = "Kappale\n\n~~~{goal-table}   teema  \nkey: 1\nmuu: [a, b]\n~~~\n"
    _, directive = parse(source, line_offset=3)
    assert directive == Directive(
        "goal-table", "teema", "key: 1\nmuu: [a, b]\n", directive.span, directive.body_span
    )
    assert ends(directive.span) == (6, 1, 9, 4)
    # The body's options are read as YAML, and their errors point below the fence.
    assert (directive.body_span.line, directive.body_span.column) == (7, 1)


def test_a_directive_without_argument_or_body():
    (directive,) = parse("```{a-1}\n```\n")
    assert (directive.name, directive.argument, directive.body) == ("a-1", "", "")


def test_blank_text_gives_no_blocks():
    assert parse("") == ()
    assert parse("  \n\n \n") == ()


def test_a_line_break_is_kept_whether_written_with_spaces_or_a_backslash():
    (paragraph,) = parse("a  \nb\\\nc\n")
    assert paragraph.children == (Text("a"), LineBreak(), Text("b"), LineBreak(), Text("c"))
    assert [origin for _, origin in texts(paragraph.children)] == [
        (Run(0, 1, 1, 1),),
        (Run(0, 2, 1, 1),),
        (Run(0, 3, 1, 1),),
    ]


# --- plain prose, without the parser -------------------------------------------------


def test_plain_prose_is_one_paragraph_of_its_lines_with_each_line_placed():
    (paragraph,) = parse("\n  Yksi rivi\n    toinen\nkolmas  ", line_offset=4, column_offset=3)
    (text,) = paragraph.children
    assert text == Text("Yksi rivi toinen kolmas")
    assert text.origin == (Run(0, 6, 6, 9), Run(10, 7, 8, 6), Run(17, 8, 4, 6))
    assert ends(paragraph.span) == (6, 6, 8, 10)


def test_plain_prose_on_the_first_line_starts_there():
    (paragraph,) = parse("Yksi\nkaksi\n")
    assert ends(paragraph.span) == (1, 1, 2, 6)
    assert paragraph.children[0].origin == (Run(0, 1, 1, 4), Run(5, 2, 1, 5))


LINE = st.builds(
    lambda indent, words: " " * indent + " ".join(words),
    st.integers(min_value=0, max_value=6),
    st.lists(st.text(alphabet="abcä.,", min_size=1, max_size=5), min_size=1, max_size=4),
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(LINE, min_size=1, max_size=6),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=0, max_value=5),
)
def test_every_run_of_prose_is_the_text_written_there(lines, line_offset, column_offset):
    # With or without the parser (an indent of four takes it): the same paragraph.
    source = "\n".join(lines)
    (paragraph,) = parse(source, line_offset=line_offset, column_offset=column_offset)
    (text,) = paragraph.children
    assert text.text == " ".join(line.strip() for line in lines)
    padded = ["", *lines]  # 1-based
    for run in text.origin:
        line = padded[run.line - line_offset]
        column = run.column - column_offset
        assert line[column - 1 : column - 1 + run.length] == text.text[run.offset :][: run.length]
    # and no word is left without a place.
    assert " ".join(text.text[r.offset : r.offset + r.length] for r in text.origin).split() == (
        text.text.split()
    )
    first = len(lines[0]) - len(lines[0].lstrip())
    assert ends(paragraph.span) == (
        line_offset + 1,
        column_offset + first + 1,
        line_offset + len(lines),
        column_offset + len(lines[-1]) + 1,
    )


# --- runs of text ---------------------------------------------------------------------


def test_runs_are_found_in_order_so_a_repeated_word_is_placed_at_each_place():
    (paragraph,) = parse("sana *sana* sana\nsana **sana** sana\n")
    assert texts(paragraph.children) == [
        ("sana ", (Run(0, 1, 1, 5),)),
        ("sana", (Run(0, 1, 7, 4),)),
        (" sana sana ", (Run(0, 1, 12, 5), Run(6, 2, 1, 5))),
        ("sana", (Run(0, 2, 8, 4),)),
        (" sana", (Run(0, 2, 14, 5),)),
    ]


def test_a_run_that_differs_from_its_source_is_placed_word_by_word():
    (paragraph,) = parse("x \\* y &amp; z &copy; w\n")
    (text,) = paragraph.children
    assert text.text == "x * y & z © w"
    # "©" is not written as such anywhere: it gets no place, the words after it do.
    assert text.origin == (
        Run(0, 1, 1, 1),
        Run(2, 1, 4, 1),
        Run(4, 1, 6, 1),
        Run(6, 1, 8, 1),
        Run(8, 1, 14, 1),
        Run(12, 1, 23, 1),
    )


def test_code_keeps_the_place_of_its_text():
    (paragraph,) = parse("a `koodi` b\n")
    assert texts(paragraph.children) == [
        ("a koodi b", (Run(0, 1, 1, 2), Run(2, 1, 4, 5), Run(7, 1, 10, 2)))
    ]


def test_the_text_of_a_reported_span_keeps_its_places_in_the_text_around_it():
    (paragraph,) = parse("alku *a [b c]{kieli=x} d* e\n")
    assert texts(paragraph.children) == [
        ("alku ", (Run(0, 1, 1, 5),)),
        ("a b c d", (Run(0, 1, 7, 2), Run(2, 1, 10, 3), Run(5, 1, 23, 2))),
        (" e", (Run(0, 1, 26, 2),)),
    ]


def test_a_line_end_is_a_space_with_no_place_and_later_lines_keep_their_indent():
    (paragraph,) = parse("*a*\n   b\n", line_offset=2, column_offset=5)
    assert paragraph.children == (Emphasis((Text("a"),)), Text(" b"))
    assert texts(paragraph.children) == [("a", (Run(0, 3, 7, 1),)), (" b", (Run(1, 4, 9, 1),))]


# --- text as written in YAML ---------------------------------------------------------


def test_folded_yaml_text_is_placed_in_the_lines_it_was_written_on():
    # A cell `tavoite: "Yksi kaksi\n    kolme"` whose quote stands at line 5, column 10.
    written = {"written": Span(PATH, 5, 10), "written_text": '"Yksi kaksi\n    kolme"'}
    (paragraph,) = parse("Yksi kaksi kolme", line_offset=4, column_offset=10, **written)
    assert paragraph.children[0].origin == (Run(0, 5, 11, 4), Run(5, 5, 16, 5), Run(11, 6, 5, 5))


def test_folded_yaml_text_with_markup_is_placed_in_the_lines_it_was_written_on():
    written = {"written": Span(PATH, 5, 10), "written_text": "'Yksi *kaksi*\n   kolme'"}
    (paragraph,) = parse("Yksi *kaksi* kolme", line_offset=4, column_offset=10, **written)
    assert texts(paragraph.children) == [
        ("Yksi ", (Run(0, 5, 11, 5),)),
        ("kaksi", (Run(0, 5, 17, 5),)),
        (" kolme", (Run(0, 6, 3, 6),)),
    ]


def test_a_word_of_a_heading_is_placed_in_the_heading():
    (heading, paragraph) = parse("# Otsikko *sana*\n\nOtsikko sana\n")
    assert isinstance(heading, Heading)
    assert texts(heading.children) == [
        ("Otsikko ", (Run(0, 1, 3, 8),)),
        ("sana", (Run(0, 1, 12, 4),)),
    ]
    assert texts(paragraph.children) == [("Otsikko sana", (Run(0, 3, 1, 12),))]
