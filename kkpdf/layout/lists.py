"""Lists, and the blocks a list item or a table cell holds."""

from __future__ import annotations

from functools import singledispatch

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.marks import marked
from kkpdf.layout.markup import edits_at, inline_markup
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.tagging import Node
from kkpdf.model import ListBlock, Paragraph as ParagraphNode
from kkpdf.walk import inline_text


def list_items(node: ListBlock, ctx: LayoutContext, style: ParagraphStyle, parent: Node) -> list:
    """The list's items, set in `style`, in an L element under `parent`."""
    listed = parent.add("L")
    items: list[Flowable] = []
    for number, item in enumerate(node.items, start=node.start):
        element = listed.add("LI")
        label = element.add("Lbl")
        body = element.add("LBody")
        blocks = [f for block in item.blocks for f in nested_flowables(block, ctx, style, body)]
        flowable = ListItemFlowable(
            f"{number}." if node.ordered else "\u2013", blocks, ctx, style, label
        )
        flowable.role, flowable.span = "LI", item.span
        items.append(flowable)
    items[-1].space_after = style.fontSize * 0.6  # the list's, after its last item
    return items


# Blocks inside a list item or a table cell: paragraphs and lists only (the document
# stage reports anything else), set in the style of their container.
@singledispatch
def nested_flowables(node: object, ctx: LayoutContext, style: ParagraphStyle, parent: Node) -> list:
    raise TypeError(f"no layout rule for {type(node).__name__} inside a list or cell")


def _nested_paragraph(
    node: ParagraphNode, ctx: LayoutContext, style: ParagraphStyle, parent: Node
) -> list:
    paragraph = BookParagraph(
        inline_markup(node.children, ctx, edits_at(node.span, ctx)),
        style,
        role="P",
        span=node.span,
        plain=inline_text(node.children),
        node=parent.add("P"),
        tagger=ctx.tagger,
    )
    return [marked(paragraph, node.span, ctx)]


nested_flowables.register(ParagraphNode, _nested_paragraph)


def _nested_list(node: ListBlock, ctx: LayoutContext, style: ParagraphStyle, parent: Node) -> list:
    return list_items(node, ctx, style, parent)


nested_flowables.register(ListBlock, _nested_list)


class ListItemFlowable(Flowable):
    """One item of a list: its label (a dash or a number) hanging beside its blocks.

    Drawn by us rather than by ReportLab's ListFlowable so that the label is
    marked as the item's Lbl and the blocks as its LBody. An item too long for
    the page continues on the next, without its label.
    """

    def __init__(self, label: str, body: list[Flowable], ctx: LayoutContext,
                 style: ParagraphStyle, node: Node | None) -> None:  # fmt: skip
        super().__init__()
        self.label, self.body, self.ctx, self.style, self.node = label, body, ctx, style, node
        self._content = body  # for the checks that look inside flowables
        self.indent = 6 * mm
        self.space_after: float | None = None

    def _gaps(self) -> list[float]:
        """The space above each block: none above the first, else the larger of the two."""
        if not self.body:  # an empty item ("- " alone): its label only
            return []
        return [0] + [max(a.getSpaceAfter(), b.getSpaceBefore())
                      for a, b in zip(self.body, self.body[1:], strict=False)]  # fmt: skip

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        width = availWidth - self.indent
        self._sizes = [block.wrap(width, availHeight) for block in self.body]
        self.width = availWidth
        self.height = sum(h for _, h in self._sizes) + sum(self._gaps())
        if self.label:
            self.height = max(self.height, self.style.leading)
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab hook
        return self.body[0].getSpaceBefore() if self.body else 0

    def getSpaceAfter(self) -> float:  # noqa: N802 - ReportLab hook
        if self.space_after is not None:
            return self.space_after
        return self.body[-1].getSpaceAfter() if self.body else 0

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        # A table splits a cell's content with the cell's width, having wrapped it
        # within the cell's padding: split at the width the blocks were wrapped at.
        available = getattr(self, "width", None) or availWidth
        width, used = available - self.indent, 0.0
        for index, (block, gap) in enumerate(zip(self.body, self._gaps(), strict=True)):
            _, height = block.wrap(width, availHeight)
            if used + gap + height <= availHeight:
                used += gap + height
                continue
            pieces = block.split(width, availHeight - used - gap)
            first = self.body[:index] + pieces[:1]
            rest = pieces[1:] + self.body[index + 1 :] if pieces else self.body[index:]
            if not first:
                return []
            head = ListItemFlowable(self.label, first, self.ctx, self.style, self.node)
            tail = ListItemFlowable("", rest, self.ctx, self.style, None)
            tail.space_after = self.space_after
            return [head, tail]
        # All of it fits, or there is nothing to split (an empty item's label).
        return [self] if self.height <= availHeight else []

    def draw(self) -> None:
        canvas, top = self.canv, self.height
        if self.label:
            with self.ctx.tagger.content(canvas, self.node):
                canvas.setFont(self.ctx.fonts.regular, self.style.fontSize)
                canvas.setFillColor(st.INK)
                canvas.drawString(1 * mm, self.height - self.style.fontSize, self.label)
        for (_, height), block, gap in zip(self._sizes, self.body, self._gaps(), strict=True):
            top -= gap + height
            block.drawOn(canvas, self.indent, top)
