"""Model blocks to ReportLab flowables, one rule per block type, and a chapter's flowables.

Every flowable made keeps the semantic role and source span of the node it came
from (`role`, `span`) and the structure element its drawing belongs to (`node`),
created in the order of the sources. The rules for tables live in their own
modules and are registered here.
"""

from __future__ import annotations

from functools import singledispatch

from reportlab.platypus import Flowable, PageBreak

from kkpdf.layout.charts import chart_flowables
from kkpdf.layout.computed_tables import computed_table_flowables
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.finance_tables import finance_table_flowables
from kkpdf.layout.goal_tables import goal_table_flowables
from kkpdf.layout.lists import list_items, nested_flowables
from kkpdf.layout.marks import marked
from kkpdf.layout.markup import edits_at, heading_markup
from kkpdf.layout.pages import RightHandPage
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.tagging import Node
from kkpdf.model import (
    Block,
    Chart,
    ComputedTable,
    FinanceTable,
    GoalTable,
    Heading,
    ListBlock,
    Paragraph as ParagraphNode,
)
from kkpdf.walk import inline_text


@singledispatch
def block_flowables(node: object, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    """The flowables of one block and the structure elements they draw into, under `parent`."""
    raise TypeError(f"no layout rule for {type(node).__name__}")


def _heading_flowables(node: Heading, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    plain = inline_text(node.children)
    kind = f"H{node.level + ctx.in_parts}"
    heading = BookParagraph(
        heading_markup(node.children, ctx, edits_at(node.span, ctx)),
        ctx.styles.section_title
        if node.span in ctx.section_titles
        else ctx.styles.headings[min(node.level, 4)],
        role=kind,
        span=node.span,
        plain=plain,
        node=parent.add(kind, node.span),
        tagger=ctx.tagger,
    )
    placed = marked(heading, node.span, ctx)
    # A chapter opens a page, in a book of parts a right-hand one; other headings
    # keep with what follows (style keepWithNext).
    if node.level == 1:
        return [RightHandPage() if ctx.in_parts else PageBreak(), placed]
    return [placed]


block_flowables.register(Heading, _heading_flowables)


def _paragraph_flowables(node: ParagraphNode, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    return nested_flowables(node, ctx, ctx.styles.body, parent)


block_flowables.register(ParagraphNode, _paragraph_flowables)


def _list_flowables(node: ListBlock, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    return list_items(node, ctx, ctx.styles.list_body, parent)


block_flowables.register(ListBlock, _list_flowables)


block_flowables.register(FinanceTable, finance_table_flowables)
block_flowables.register(GoalTable, goal_table_flowables)
block_flowables.register(ComputedTable, computed_table_flowables)
block_flowables.register(Chart, chart_flowables)


def chapter_flowables(
    blocks: tuple[Block, ...], ctx: LayoutContext, parent: Node
) -> list[Flowable]:
    """A chapter's flowables, its elements in a Sect under `parent`."""
    section = parent.add("Sect")
    flowables: list[Flowable] = []
    for block in blocks:
        made = block_flowables(block, ctx, section)
        if isinstance(block, FinanceTable | GoalTable | ComputedTable | Chart) and flowables:
            # The sentence that introduces a table goes to the next page with it.
            previous = flowables[-1]
            if getattr(previous, "role", "") == "P":
                previous.keepWithNext = 1
        flowables.extend(made)
    return flowables
