"""What a draft draws over the book: its marked places, change bars and figure notes."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from kkpdf.diagnostics import Severity, Span
from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.tagging import Node
from kkpdf.messages import shown


def marked(flowable: Flowable, span: Span | None, ctx: LayoutContext) -> Flowable:
    """The flowable, wrapped when a draft points at its place or it has changed."""
    if ctx.marks is None or span is None:
        return flowable
    key = ctx.marks.targets.get(span, "")
    bar = span in ctx.marks.changed
    box = ctx.marks.boxes.get(span)
    comments = ctx.marks.comments.get(span, ())
    if not (key or bar or box is not None or comments):
        return flowable
    return Marked(flowable, ctx, key, bar, box, comments)


class Marked(Flowable):
    """A flowable a draft points at: bookmarked, its page noted, with a change bar if
    changed, and framed with a word in a box over it ("KÄÄNNÖS PUUTTUU") if it has one."""

    def __init__(
        self, child: Flowable, ctx: LayoutContext, key: str, bar: bool, box: str | None = None,
        comments: tuple[str, ...] = (),
    ) -> None:  # fmt: skip
        super().__init__()
        self.child, self.ctx, self.key, self.bar, self.box = child, ctx, key, bar, box
        self.comments = comments
        self._content = [child]  # for the checks that look inside flowables
        self.role, self.span = getattr(child, "role", ""), getattr(child, "span", None)
        self.plain = getattr(child, "plain", "")
        self.keepWithNext = child.getKeepWithNext()

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        self.width, self.height = self.child.wrap(availWidth, availHeight)
        return self.width, self.height

    # The frame spaces flowables by these: a mark must not move what it marks, or a
    # proof's pages would drift from the book's.
    def getSpaceBefore(self):  # noqa: N802 - ReportLab's hook
        return self.child.getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802 - ReportLab's hook
        return self.child.getSpaceAfter()

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        parts = self.child.split(availWidth, availHeight)
        return [Marked(part, self.ctx, self.key if i == 0 else "", self.bar,
                       self.box if i == 0 else None, self.comments if i == 0 else ())
                for i, part in enumerate(parts)]  # fmt: skip

    def draw(self) -> None:
        canvas = self.canv
        self.child.drawOn(canvas, 0, 0)
        if self.key:
            canvas.bookmarkHorizontal(self.key, 0, self.height)
            self.ctx.pages_of.setdefault(self.key, canvas.getPageNumber())
        if self.bar:
            x, _ = canvas.absolutePosition(0, 0)
            odd = canvas.getPageNumber() % 2 == 1
            outer = st.INNER_MARGIN + st.TEXT_WIDTH + 4 * mm if odd else st.OUTER_MARGIN - 4 * mm
            with self.ctx.tagger.artifact(canvas):
                canvas.saveState()
                canvas.setStrokeColor(st.CHANGE_BAR)
                canvas.setLineWidth(2)
                canvas.line(outer - x, 0, outer - x, self.height)
                canvas.restoreState()
        if self.box is not None:
            self._draw_box(self.box)
        draw_comments(self.canv, self.comments, self.height)

    def _draw_box(self, words: str) -> None:
        """A red frame round the flowable, its words white on red over the top right corner."""
        canvas, font, size = self.canv, self.ctx.fonts.bold, 8
        width = stringWidth(words, font, size) + 6 if words else 0
        with self.ctx.tagger.artifact(canvas):
            canvas.saveState()
            canvas.setStrokeColor(st.DRAFT_TEXT)
            canvas.setFillColor(st.DRAFT_TEXT)
            canvas.setLineWidth(1.2)
            canvas.rect(-3, -1, self.width + 6, self.height + 4, stroke=1, fill=0)
            if words:
                canvas.rect(self.width + 3 - width, self.height + 3, width, size + 4, stroke=0,
                            fill=1)  # fmt: skip
                canvas.setFillColor(st.BOX_TEXT)
                canvas.setFont(font, size)
                canvas.drawString(self.width + 6 - width, self.height + 5.5, words)
            canvas.restoreState()


def draw_comments(canvas, comments: tuple[str, ...], height: float) -> None:
    """Reviewers' comments carried from an earlier copy: note icons in the outer margin
    beside the top of what they are about, over the page, moving nothing."""
    left, _ = canvas.absolutePosition(0, 0)
    odd = canvas.getPageNumber() % 2 == 1
    for number, said in enumerate(comments):
        step = (8 * mm + 16 * number) if odd else -(8 * mm + 14 + 16 * number)
        x = (st.INNER_MARGIN + st.TEXT_WIDTH if odd else st.OUTER_MARGIN) + step - left
        canvas.textAnnotation(said, Rect=(x, height - 12, x + 14, height + 2), relative=1,
                              Name="/Comment", Color=list(st.COMMENT.rgb()))  # fmt: skip


def draft_figure(text, span: Span, font: str, ctx: LayoutContext, commands: list,
                 cell: tuple[int, int], node: Node) -> object:  # fmt: skip
    """A figure as a draft shows it: highlighted, annotated, the old value above.

    The highlight is a background of the table's cell, added to its style `commands`.
    """
    marks = ctx.marks
    assert marks is not None
    note = marks.cell_notes.get(span)
    old = marks.old_figures.get(span)
    key = marks.targets.get(span, "")
    if note is None and old is None and not key:
        return text
    fill = st.CHANGE_FILL
    if note is not None:
        fill = st.ERROR_FILL if note[0] is Severity.ERROR else st.WARNING_FILL
    if note is not None or old is not None:
        commands.append(("BACKGROUND", cell, cell, fill))
    said = shown(note[1], marks.language) if note else ""
    return DraftFigure(text, font, ctx, note=said, old=old, key=key, fill=fill,
                       node=node)  # fmt: skip


class DraftFigure(Flowable):
    """A figure cell in a draft: its note as a PDF annotation, the old figure above it."""

    def __init__(self, text: str, font: str, ctx: LayoutContext, *, note: str, old: str | None,
                 key: str, fill: Color = st.ERROR_FILL,
                 node: Node | None = None) -> None:  # fmt: skip
        super().__init__()
        self.text, self.font, self.ctx = text, font, ctx
        self.note, self.old, self.key, self.fill, self.node = note, old, key, fill, node

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        self.width = availWidth
        self.height = 11 + (8 if self.old is not None else 0)
        return self.width, self.height

    def draw(self) -> None:
        with self.ctx.tagger.content(self.canv, self.node):
            self._draw()

    def _draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, 8.5)
        canvas.drawRightString(self.width, 2.5, self.text)
        if self.old is not None:
            canvas.saveState()
            canvas.setFont(self.ctx.fonts.regular, 6.5)
            canvas.setFillColor(st.MUTED)
            canvas.drawRightString(self.width, 12.5, self.old)
            old_width = stringWidth(self.old, self.ctx.fonts.regular, 6.5)
            canvas.setStrokeColor(st.MUTED)
            canvas.line(self.width - old_width, 14.5, self.width, 14.5)
            canvas.restoreState()
        if self.note:
            # A highlight rather than a note icon, which would cover the figure; viewers
            # show its text when it is pointed at.
            canvas.highlightAnnotation(self.note, Rect=(0, 0, self.width, self.height),
                                       relative=1, Color=list(self.fill.rgb()))  # fmt: skip
        if self.key:
            canvas.bookmarkHorizontal(self.key, 0, self.height)
            self.ctx.pages_of.setdefault(self.key, canvas.getPageNumber())
