from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings, strategies as st

from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import Emphasis, Heading, LanguageSpan, ListBlock, Paragraph, Strong, Text
from kkpdf.parse.markup import Directive, make_parser, parse_markup

PATH = Path("luku.md")


def parse(text: str, sink: DiagnosticSink | None = None):
    return parse_markup(text, PATH, sink or DiagnosticSink(), parser=make_parser())


def test_blocks_keep_their_lines():
    blocks = parse("# Otsikko\n\nKappale joka\njatkuu.\n\n- yksi\n- kaksi\n")
    heading, paragraph, bullets = blocks
    assert isinstance(heading, Heading) and heading.span.line == 1
    assert isinstance(paragraph, Paragraph) and paragraph.span.line == 3
    # A line break inside a paragraph is a space.
    assert paragraph.children == (Text("Kappale joka jatkuu."),)
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert [item.span.line for item in bullets.items] == [6, 7]


def test_ordered_list_keeps_its_start():
    (numbered,) = parse("3. kolme\n4. neljä\n")
    assert numbered.ordered and numbered.start == 3


def test_emphasis_and_strong_nest():
    (paragraph,) = parse("a *b **c** d* e\n")
    assert paragraph.children == (
        Text("a "),
        Emphasis((Text("b "), Strong((Text("c"),)), Text(" d"))),
        Text(" e"),
    )


def test_markup_characters_stay_text():
    (paragraph,) = parse('<font color="red">x</font> & <img src="/etc/passwd">\n')
    assert paragraph.children == (Text('<font color="red">x</font> & <img src="/etc/passwd">'),)


def test_directive_with_argument_and_position():
    (directive,) = parse("\n```{finance-table} keskus\n```\n")
    assert directive == Directive(
        "finance-table", "keskus", "", directive.span, directive.body_span
    )
    assert directive.span.line == 2


def test_indented_text_is_not_code():
    (paragraph,) = parse("    sisennetty teksti\n")
    assert isinstance(paragraph, Paragraph)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#*_-+>`~{}[]()!<>&\n 1.aä\t|")), max_size=80))
def test_any_text_gives_blocks_or_diagnostics(text):
    sink = DiagnosticSink()
    blocks = parse(text, sink)
    assert all(b.span.line >= 1 for b in blocks)
    assert all(d.span.line >= 1 for d in sink.diagnostics)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcä .,:;!?'-+1()\n ")), max_size=160))
def test_the_plain_prose_shortcut_gives_what_commonmark_gives(text):
    from kkpdf.parse import markup

    sink = DiagnosticSink()
    shortcut = parse(text, sink)
    full = markup.parse_markup(text + "\n\n*x*", PATH, DiagnosticSink(), parser=make_parser())
    # The emphasis forces the parser; its own paragraph comes last and is left out.
    assert [b for b in shortcut if isinstance(b, Paragraph)] == [
        b for b in full[:-1] if isinstance(b, Paragraph)
    ] or not text.strip()


def test_a_span_in_another_language_keeps_its_language_and_markup():
    (paragraph,) = parse("Aloitamme [Covenant of *Mayors*]{lang=en} -toimet.\n")
    assert paragraph.children == (
        Text("Aloitamme "),
        LanguageSpan("en", (Text("Covenant of "), Emphasis((Text("Mayors"),)))),
        Text(" -toimet."),
    )


def test_a_region_may_be_given_and_brackets_alone_are_text():
    (paragraph,) = parse("[Lovisa stad]{lang=sv-FI} ja [huom]\n")
    assert paragraph.children == (LanguageSpan("sv-FI", (Text("Lovisa stad"),)), Text(" ja [huom]"))


@given(st.sampled_from(["lang=english", "lang=EN", ".luokka", "lang=en id=x", "kieli=en"]))
def test_a_span_with_anything_but_a_language_is_reported_and_its_text_kept(attributes):
    sink = DiagnosticSink()
    (paragraph,) = parse(f"a [b c]{{{attributes}}} d\n", sink)
    (error,) = sink.errors
    assert error.rule.id == "markup.span"
    assert "takes only its language" in str(error.message)
    assert paragraph.children == (Text("a b c d"),)


# --- where each word stands ---------------------------------------------------------


def word_places(blocks, source: str):
    """Every word of the parsed text with the source text at the place given for it."""
    from kkpdf.model import place_at, walk_blocks
    from kkpdf.walk import inline_origin, inline_text

    lines = source.split("\n")
    found = []
    for block in walk_blocks(blocks):
        if not isinstance(block, Heading | Paragraph):
            continue
        text = inline_text(block.children)
        origin = inline_origin(block.children)
        for word in re.finditer(r"[^\W_]+", text):
            place = place_at(origin, word.start(), len(word.group()), block.span)
            assert place.end == (place.line, place.column + len(word.group()))
            line = lines[place.line - 1]
            found.append((word.group(), line[place.column - 1 : place.end[1] - 1]))
    return found


def test_every_word_is_placed_where_it_is_written():
    source = (
        "# Talous *ja* hallinto\n\n"
        "Kappale jossa *korostus*, **vahva** ja [Covenant of Mayors]{lang=en} sekä\n"
        "   toinen rivi \\* tähti &amp; merkki ja 50 %.\n\n"
        "- kohta yksi\n  jatkuu tässä\n- kohta kaksi\n"
    )
    places = word_places(parse(source), source)
    assert len(places) == 24
    assert all(word == written for word, written in places), places


def test_a_paragraph_spans_its_lines():
    (paragraph,) = parse("\n  Yksi rivi\n  ja toinen.\n")
    assert (paragraph.span.line, paragraph.span.column) == (2, 3)
    assert paragraph.span.end == (3, 13)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö", min_size=1, max_size=8)


@given(
    st.lists(
        st.tuples(WORD, st.sampled_from(["", "*", "**"]), st.sampled_from([" ", "\n", "\n   "])),
        min_size=1,
        max_size=30,
    ),
    st.integers(min_value=0, max_value=6),
    st.integers(min_value=0, max_value=3),
)
@settings(max_examples=200, deadline=None)
def test_words_keep_their_places_whatever_the_markup(words, line_offset, column_offset):
    source = "".join(f"{mark}{word}{mark}{gap}" for word, mark, gap in words).strip()
    blocks = parse_markup(source, PATH, DiagnosticSink(), parser=make_parser(),
                          line_offset=line_offset, column_offset=column_offset)  # fmt: skip
    padded = "\n" * line_offset + "\n".join(
        " " * column_offset + line for line in source.split("\n")
    )
    places = word_places(blocks, padded)
    assert [word for word, _ in places] == [word for word, _, _ in words]
    assert all(word == written for word, written in places)
