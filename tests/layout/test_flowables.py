"""Flowables made from the model: every line fits its column, roles and spans are kept."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from kkpdf import DEFAULT_FONTS
from kkpdf.language.hyphenation import Hyphenator
from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.flowables import block_flowables
from kkpdf.layout.fonts import load_fonts
from kkpdf.layout.tables import BookTable
from kkpdf.model import FinanceTable, GoalTable


@pytest.fixture(scope="module")
def context(shipped_book):
    book = shipped_book
    fonts = load_fonts(DEFAULT_FONTS)
    hyphenator = Hyphenator()
    yield book, LayoutContext(fonts, st.make_styles(fonts), hyphenator, book.info.labels)
    hyphenator.close()


def tables(book, kind):
    return [b for c in book.chapters for b in c.blocks if isinstance(b, kind)]


def line_overflow(paragraph: Paragraph, width: float) -> float:
    """How far the widest line of the wrapped paragraph sticks out (0 when none)."""
    paragraph.wrap(width, 10_000)
    worst = 0.0
    for line in paragraph.blPara.lines:
        extra = line.extraSpace if hasattr(line, "extraSpace") else line[0]
        worst = max(worst, -extra)
    return worst


def cell_paragraphs(table: BookTable):
    for row in table._cellvalues:
        for column, cell in enumerate(row):
            items = cell if isinstance(cell, list | tuple) else [cell]
            for item in items:
                if isinstance(item, Paragraph):
                    yield column, item


@pytest.mark.parametrize("kind", [GoalTable, FinanceTable])
def test_no_line_sticks_out_of_its_column(context, kind):
    book, ctx = context
    checked = 0
    for node in tables(book, kind):
        table = next(
            f for f in block_flowables(node, ctx, ctx.tagger.root) if isinstance(f, BookTable)
        )
        for column, paragraph in cell_paragraphs(table):
            padding = 8 if kind is GoalTable else 7
            width = table._argW[column] - padding
            assert line_overflow(paragraph, width) < 0.01, paragraph.plain
            checked += 1
    assert checked > 10


def test_a_compound_wider_than_a_narrow_column_is_broken(context):
    _, ctx = context
    from kkpdf.layout.markup import text_markup
    from kkpdf.layout.paragraphs import BookParagraph

    word = "työhyvinvointikoordinaattori"
    # Unhyphenated, the word would stick out: the measure can see an overflow.
    assert line_overflow(Paragraph(word, ctx.styles.goal_cell), 60) > 1
    paragraph = BookParagraph(text_markup(word, ctx), ctx.styles.goal_cell)
    assert line_overflow(paragraph, 60) < 0.01
    assert len(paragraph.blPara.lines) > 1


def test_flowables_keep_role_and_span(context):
    book, ctx = context
    node = tables(book, FinanceTable)[0]
    made = block_flowables(node, ctx, ctx.tagger.root)
    roles = [getattr(f, "role", None) for f in made]
    assert roles[:2] == ["Caption", "Table"]
    assert all(f.span == node.span for f in made if hasattr(f, "span"))


@pytest.mark.parametrize("widths", [(350, 350), (350, 460, 350)])
def test_a_hyphen_of_the_text_survives_wrapping_again(context, widths):
    """ReportLab rejoins its broken words before breaking again, and strips a hyphen
    it did not add; a paragraph wrapped twice (to keep it with the next, or on the
    next page) printed "epalvelut"."""
    from kkpdf.layout.paragraphs import BookParagraph

    _, ctx = context
    paragraph = BookParagraph("sana " * 12 + "ab <i>for energy</i> e-palvelut loppu.",
                              ctx.styles.body)  # fmt: skip
    for width in widths:
        paragraph.wrap(width, 10_000)
        text = " ".join(
            "".join(getattr(word, "text", "") for word in line.words)
            for line in paragraph.blPara.lines
        )
        assert "e-" in text and "epalvelut" not in text


@pytest.mark.parametrize("emphasis", [False, True])
def test_the_pieces_of_a_split_paragraph_keep_the_lines_and_hyphens_of_the_whole(context, emphasis):
    """ReportLab broke each piece again from broken words and dropped the text's own
    hyphens at the joins; the pieces now keep the lines of the whole paragraph.
    (Emphasis makes ReportLab's lines of fragments, plain text its simple lines.)"""
    from kkpdf.layout.markup import text_markup
    from kkpdf.layout.paragraphs import BookParagraph

    _, ctx = context
    words = ["e-palvelut", "ICT-palvelut", "kaupunki", "talousarvio", "ja"]
    text = " ".join(words[(n * 7) % 5] for n in range(260))
    markup = text_markup(text, ctx)
    if emphasis:
        markup = markup.replace("ja", "<i>ja</i>")
    style, width = ctx.styles.body, st.TEXT_WIDTH

    def lines(paragraph):
        return [" ".join(line[1]) if isinstance(line, tuple)
                else "".join(getattr(w, "text", "") for w in line.words)
                for line in paragraph.blPara.lines]  # fmt: skip

    whole = BookParagraph(markup, style, plain=text)
    whole.wrap(width, 10_000)
    for first_lines in (2, 5, 9):
        paragraph = BookParagraph(markup, style, plain=text)
        paragraph.wrap(width, 10_000)
        got = []
        while True:
            parts = paragraph.split(width, first_lines * style.leading)
            if len(parts) != 2:
                paragraph.wrap(width, 10_000)
                got += lines(paragraph)
                break
            for part in parts:
                part.wrap(width, 10_000)
            got += lines(parts[0])
            paragraph = parts[1]
        assert got == lines(whole)


def test_an_empty_list_item_that_does_not_fit_goes_to_the_next_page(context):
    from kkpdf.layout.lists import ListItemFlowable

    _, ctx = context
    item = ListItemFlowable("–", [], ctx, ctx.styles.list_body, None)
    _, height = item.wrap(st.TEXT_WIDTH, 1_000)
    assert height > 0
    assert item.split(st.TEXT_WIDTH, height / 2) == []
    assert item.split(st.TEXT_WIDTH, height) == [item]
