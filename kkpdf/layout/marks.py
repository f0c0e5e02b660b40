"""What a draft draws over the book: its marked places, change bars and figure notes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from kkpdf.diagnostics import Severity, Span
from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.tagging import Node
from kkpdf.layout.text import escape_markup
from kkpdf.messages import Message, shown, tr


def marked(flowable: Flowable, span: Span | None, ctx: LayoutContext) -> Flowable:
    """The flowable, wrapped when a draft points at its place or it has changed."""
    if ctx.marks is None or span is None:
        return flowable
    marks = ctx.marks
    removed = marks.removed.get(span, ())
    look = MarkLook(
        key=marks.targets.get(span, ""),
        bar=span in marks.changed,
        box=marks.boxes.get(span),
        removed=tuple(_removal_note(r.text, ctx) for r in removed if not r.after),
        removed_after=tuple(_removal_note(r.text, ctx) for r in removed if r.after),
        moved=shown(marks.moved[span], marks.language) if span in marks.moved else "",
        edited=span in marks.word_edits,
        comments=marks.comments.get(span, ()),
    )
    return Marked(flowable, ctx, look) if look != MarkLook() else flowable


def _removal_note(text: str | Message, ctx: LayoutContext) -> str:
    assert ctx.marks is not None
    return shown(tr("removed: “{text}”", text=text), ctx.marks.language)


@dataclass(frozen=True)
class MarkLook:
    """What a draft draws at one place."""

    key: str = ""  # the bookmark the reports link to
    bar: bool = False  # added or reworded: a bar in the outer margin
    box: str | None = None  # framed, with these words over it
    removed: tuple[str, ...] = ()  # notes of texts removed just before it
    removed_after: tuple[str, ...] = ()  # and just after it, the last of its chapter
    moved: str = ""  # moved here: a double bar and this note
    edited: bool = False  # removed words within it: carets where they stood
    comments: tuple[str, ...] = ()  # reviewers' comments carried here, as margin notes

    def first(self) -> MarkLook:
        """The look of the first piece of a split flowable."""
        return replace(self, removed_after=())

    def rest(self) -> MarkLook:
        """The look of the pieces after the first."""
        return replace(self, key="", box=None, removed=(), moved="", comments=())


class Marked(Flowable):
    """A flowable a draft points at: bookmarked, its page noted, with a change bar if
    changed, and framed with a word in a box over it ("KÄÄNNÖS PUUTTUU") if it has one.

    Everything is drawn over the page: the flowable takes the room it takes in the book.
    """

    def __init__(self, child: Flowable, ctx: LayoutContext, look: MarkLook) -> None:
        super().__init__()
        self.child, self.ctx, self.look = child, ctx, look
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
        if not parts:
            return []
        looks = [self.look.first(), *[self.look.rest()] * (len(parts) - 1)]
        looks[-1] = replace(looks[-1], removed_after=self.look.removed_after)
        return [Marked(part, self.ctx, look) for part, look in zip(parts, looks, strict=True)]

    def draw(self) -> None:
        canvas, look = self.canv, self.look
        self.child.drawOn(canvas, 0, 0)
        points = self.ctx.edit_points.take()  # the child's removed words, if any
        if look.key:
            canvas.bookmarkHorizontal(look.key, 0, self.height)
            self.ctx.pages_of.setdefault(look.key, canvas.getPageNumber())
        margin = _margin_x(canvas)
        with self.ctx.tagger.artifact(canvas):
            canvas.saveState()
            if look.bar:
                draw_insertion_bar(canvas, margin, 0, self.height)
            if look.moved:
                draw_move_bar(canvas, margin, 0, self.height)
            for x, y, _ in points:
                draw_caret(canvas, x, y)
            if look.removed:
                draw_removal(canvas, margin, self.height + 3, self.width)
            if look.removed_after:
                draw_removal(canvas, margin, -3, self.width)
            canvas.restoreState()
        for x, y, words in points:
            canvas.highlightAnnotation(_removal_note(words, self.ctx),
                                       Rect=(x - 3, y - 4, x + 3, y + 2), relative=1,
                                       Color=list(st.CHANGE_FILL.rgb()))  # fmt: skip
        for index, note in enumerate(look.removed):
            _margin_note(canvas, margin, self.height + 3 - 9 * index, note)
        for index, note in enumerate(look.removed_after):
            _margin_note(canvas, margin, -3 - 9 * index, note)
        if look.moved:
            _margin_note(canvas, margin, self.height - 4, look.moved)
        if look.box is not None:
            self._draw_box(look.box)
        draw_comments(canvas, margin, look.comments, self.height)

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


def draw_comments(canvas, margin: float, comments: tuple[str, ...], height: float) -> None:
    """Reviewers' comments carried from an earlier copy: note icons in the outer margin,
    outside its change marks at `margin`, beside the top of what they are about."""
    odd = canvas.getPageNumber() % 2 == 1
    for number, said in enumerate(comments):
        step = 4 * mm + 16 * number
        x = margin + step if odd else margin - step - 14
        canvas.textAnnotation(said, Rect=(x, height - 12, x + 14, height + 2), relative=1,
                              Name="/Comment", Color=list(st.COMMENT.rgb()))  # fmt: skip


def draft_figure(text, span: Span, font: str, ctx: LayoutContext, commands: list,
                 cell: tuple[int, int], node: Node) -> object:  # fmt: skip
    """A figure as a draft shows it: tinted, framed by severity, annotated, the old
    value beside it when it fits; never taller than the book's figure.

    The tint is a background of the table's cell, added to its style `commands`.
    """
    marks = ctx.marks
    assert marks is not None
    note = marks.cell_notes.get(span)
    old = marks.old_figures.get(span)
    key = marks.targets.get(span, "")
    if note is None and old is None and not key:
        return text
    severity = note[0] if note is not None else None
    fill = {Severity.ERROR: st.ERROR_FILL, Severity.WARNING: st.WARNING_FILL}.get(
        severity, st.CHANGE_FILL
    )
    if note is not None or old is not None:
        commands.append(("BACKGROUND", cell, cell, fill))
    said = [shown(message, marks.language) for message in note[1]] if note else []
    if old is not None:
        said.append(shown(tr("was {figure}", figure=old), marks.language))
    return DraftFigure(text, font, ctx, note="\n".join(said), severity=severity,
                       old=old if isinstance(old, str) else "", changed=old is not None,
                       key=key, fill=fill, node=node)  # fmt: skip


class DraftFigure(Flowable):
    """A figure cell in a draft: its notes as a PDF annotation, framed solid for an
    error and dashed for a warning, a corner mark and the old figure for a change."""

    def __init__(self, text: str, font: str, ctx: LayoutContext, *, note: str,
                 severity: Severity | None = None, old: str = "", changed: bool = False,
                 key: str = "", fill: Color = st.ERROR_FILL,
                 node: Node | None = None) -> None:  # fmt: skip
        super().__init__()
        self.text, self.font, self.ctx = text, font, ctx
        self.note, self.severity, self.old, self.changed = note, severity, old, changed
        self.key, self.fill, self.node = key, fill, node

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        self.width, self.height = availWidth, FIGURE_LEADING  # the book's row, no taller
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        with self.ctx.tagger.content(canvas, self.node):
            canvas.setFont(self.font, 8.5)
            canvas.drawRightString(self.width, 2.5, self.text)
        with self.ctx.tagger.artifact(canvas):
            canvas.saveState()
            if self.severity is not None:
                draw_cell_frame(canvas, self.severity, -2, -2.3, self.width + 4, self.height + 4)
            if self.changed:
                draw_change_corner(canvas, -2, self.height + 1.7)
                self._draw_old()
            canvas.restoreState()
        if self.note:
            # A highlight rather than a note icon, which would cover the figure; viewers
            # show its text when it is pointed at.
            canvas.highlightAnnotation(self.note, Rect=(0, 0, self.width, self.height),
                                       relative=1, Color=list(self.fill.rgb()))  # fmt: skip
        if self.key:
            canvas.bookmarkHorizontal(self.key, 0, self.height)
            self.ctx.pages_of.setdefault(self.key, canvas.getPageNumber())

    def _draw_old(self) -> None:
        """The old figure struck through, small, left of the new one if there is room."""
        canvas, font = self.canv, self.ctx.fonts.regular
        room = self.width - stringWidth(self.text, self.font, 8.5) - 4
        width = stringWidth(self.old, font, 6.5)
        if not self.old or width > room:
            return  # the note has it
        canvas.setFont(font, 6.5)
        canvas.setFillColor(st.MUTED)
        canvas.setStrokeColor(st.MUTED)
        canvas.setLineWidth(0.5)
        canvas.drawRightString(room, 2.5, self.old)
        canvas.line(room - width, 4.8, room, 4.8)


# A figure row's leading in the finance tables: a draft's figure takes no more.
FIGURE_LEADING = 11


def _margin_x(canvas) -> float:
    """The x of the outer margin's marks, in the current drawing's coordinates."""
    x, _ = canvas.absolutePosition(0, 0)
    odd = canvas.getPageNumber() % 2 == 1
    return (st.INNER_MARGIN + st.TEXT_WIDTH + 4 * mm if odd else st.OUTER_MARGIN - 4 * mm) - x


def _margin_note(canvas, margin: float, y: float, text: str) -> None:
    """A note in the outer margin at height `y`: over no text of the page."""
    canvas.textAnnotation(text, Rect=(margin - 4, y - 8, margin + 4, y), relative=1,
                          Color=list(st.CHANGE_BAR.rgb()))  # fmt: skip


# The marks' shapes, drawn by the pages and by the legend alike. Each differs from the
# others in shape, not only in hue, so that a greyscale print tells them apart.


def draw_insertion_bar(canvas, x: float, y0: float, y1: float) -> None:
    """Added or reworded text: one thick bar in the margin."""
    canvas.setStrokeColor(st.CHANGE_BAR)
    canvas.setLineWidth(2)
    canvas.setDash()
    canvas.line(x, y0, x, y1)


def draw_move_bar(canvas, x: float, y0: float, y1: float) -> None:
    """Moved text: two thin bars."""
    canvas.setStrokeColor(st.CHANGE_BAR)
    canvas.setLineWidth(0.7)
    canvas.setDash()
    canvas.line(x - 1.3, y0, x - 1.3, y1)
    canvas.line(x + 1.3, y0, x + 1.3, y1)


def draw_removal(canvas, x: float, y: float, width: float) -> None:
    """Removed text stood here: a wedge in the margin pointing at a dotted line."""
    canvas.setStrokeColor(st.CHANGE_BAR)
    canvas.setFillColor(st.CHANGE_BAR)
    canvas.setLineWidth(0.8)
    canvas.setDash(1, 1.5)
    canvas.line(0, y, width, y)
    canvas.setDash()
    path = canvas.beginPath()
    inward = -1 if x > width else 1
    path.moveTo(x, y + 3)
    path.lineTo(x, y - 3)
    path.lineTo(x + 4 * inward, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def draw_caret(canvas, x: float, y: float) -> None:
    """Words removed from a line: a caret under the place they stood."""
    canvas.setStrokeColor(st.CHANGE_BAR)
    canvas.setLineWidth(0.8)
    canvas.setDash()
    path = canvas.beginPath()
    path.moveTo(x - 2.2, y - 3.2)
    path.lineTo(x, y + 0.6)
    path.lineTo(x + 2.2, y - 3.2)
    canvas.drawPath(path, stroke=1, fill=0)


def draw_cell_frame(canvas, severity: Severity, x: float, y: float, w: float, h: float) -> None:
    """A failing figure: a solid frame for an error, a dashed one for a warning."""
    error = severity is Severity.ERROR
    canvas.setStrokeColor(st.DRAFT_TEXT if error else st.WARNING_EDGE)
    canvas.setLineWidth(1.1 if error else 0.9)
    canvas.setDash() if error else canvas.setDash(2, 1.5)
    canvas.rect(x, y, w, h, stroke=1, fill=0)


def draw_change_corner(canvas, x: float, y: float) -> None:
    """A changed figure: a triangle in the cell's top left corner."""
    canvas.setFillColor(st.CHANGE_BAR)
    path = canvas.beginPath()
    path.moveTo(x, y)
    path.lineTo(x + 4.5, y)
    path.lineTo(x, y - 4.5)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def legend_flowables(ctx: LayoutContext, parent: Node) -> list[Flowable]:
    """What each mark of a draft means, each drawn as the pages draw it, under `parent`."""
    assert ctx.marks is not None
    entries = [
        (tr("error: the figure's sums fail (solid frame)"), _legend_error),
        (tr("warning: within the rounding tolerance or kept as published (dashed frame)"),
         _legend_warning),
        (tr("changed figure: the old one struck through beside it or in its note"),
         _legend_figure),
        (tr("added or reworded text (bar in the margin); inserted words underlined twice"),
         _legend_insertion),
        (tr("words removed from a line (caret; the words in its note)"), _legend_caret),
        (tr("text removed here (wedge and dotted line; the text in the margin note)"),
         _legend_removal),
        (tr("text moved here (double bar; where from in the margin note)"), _legend_move),
    ]  # fmt: skip
    element = parent.add("L")
    return [
        LegendEntry(shown(text, ctx.marks.language), draw, ctx, element.add("LI"))
        for text, draw in entries
    ]


class LegendEntry(Flowable):
    """One line of the legend: the mark drawn at the left, what it means beside it."""

    SYMBOL_WIDTH = 16 * mm

    def __init__(self, text: str, draw, ctx: LayoutContext, node: Node) -> None:
        super().__init__()
        self.draw_symbol, self.ctx = draw, ctx
        self.text = BookParagraph(escape_markup(text), ctx.styles.report_line, plain=text,
                                  node=node.add("LBody"), tagger=ctx.tagger)  # fmt: skip
        self.spaceAfter = 2

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        _, height = self.text.wrap(availWidth - self.SYMBOL_WIDTH, availHeight)
        self.width, self.height = availWidth, max(height, 12)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        with self.ctx.tagger.artifact(canvas):
            canvas.saveState()
            self.draw_symbol(canvas, self.ctx, self.height)
            canvas.restoreState()
        self.text.drawOn(canvas, self.SYMBOL_WIDTH, 0)


def _legend_cell(canvas, fill: Color, height: float) -> None:
    canvas.setFillColor(fill)
    canvas.rect(2, height - 11, 30, 10, stroke=0, fill=1)


def _legend_error(canvas, ctx: LayoutContext, height: float) -> None:
    _legend_cell(canvas, st.ERROR_FILL, height)
    draw_cell_frame(canvas, Severity.ERROR, 2, height - 11, 30, 10)


def _legend_warning(canvas, ctx: LayoutContext, height: float) -> None:
    _legend_cell(canvas, st.WARNING_FILL, height)
    draw_cell_frame(canvas, Severity.WARNING, 2, height - 11, 30, 10)


def _legend_figure(canvas, ctx: LayoutContext, height: float) -> None:
    _legend_cell(canvas, st.CHANGE_FILL, height)
    draw_change_corner(canvas, 2, height - 1)


def _legend_insertion(canvas, ctx: LayoutContext, height: float) -> None:
    draw_insertion_bar(canvas, 4, height - 11, height - 1)
    canvas.setStrokeColor(st.CHANGE_BAR)
    canvas.setLineWidth(0.8)
    canvas.line(10, height - 9, 32, height - 9)
    canvas.line(10, height - 11, 32, height - 11)


def _legend_caret(canvas, ctx: LayoutContext, height: float) -> None:
    draw_caret(canvas, 16, height - 7)


def _legend_removal(canvas, ctx: LayoutContext, height: float) -> None:
    draw_removal(canvas, 2, height - 6, 32)


def _legend_move(canvas, ctx: LayoutContext, height: float) -> None:
    draw_move_bar(canvas, 4, height - 11, height - 1)
