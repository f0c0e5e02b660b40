"""Flowables made from the model: every line fits its column, roles and spans are kept."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from kkpdf.layout.flowables import block_flowables
from kkpdf.layout.markup import text_markup
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.tables import BookTable
from kkpdf.model import FinanceTable, GoalTable


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
def test_no_line_sticks_out_of_its_column(shipped_book, ctx, kind):
    checked = 0
    for node in tables(shipped_book, kind):
        table = next(
            f for f in block_flowables(node, ctx, ctx.tagger.root) if isinstance(f, BookTable)
        )
        for column, paragraph in cell_paragraphs(table):
            padding = 8 if kind is GoalTable else 7
            width = table._argW[column] - padding
            assert line_overflow(paragraph, width) < 0.01, paragraph.plain
            checked += 1
    assert checked > 10


def test_a_compound_wider_than_a_narrow_column_is_broken(ctx):
    word = "työhyvinvointikoordinaattori"
    # Unhyphenated, the word would stick out: the measure can see an overflow.
    assert line_overflow(Paragraph(word, ctx.styles.goal_cell), 60) > 1
    paragraph = BookParagraph(text_markup(word, ctx), ctx.styles.goal_cell)
    assert line_overflow(paragraph, 60) < 0.01
    assert len(paragraph.blPara.lines) > 1


def test_flowables_keep_role_and_span(shipped_book, ctx):
    node = tables(shipped_book, FinanceTable)[0]
    made = block_flowables(node, ctx, ctx.tagger.root)
    roles = [getattr(f, "role", None) for f in made]
    assert roles[:2] == ["Caption", "Table"]
    assert all(f.span == node.span for f in made if hasattr(f, "span"))
