"""Tables tagged for the structure tree: each part keeps its rows' elements."""

from __future__ import annotations

from reportlab.platypus import Spacer, Table
from reportlab.platypus.doctemplate import NullActionFlowable

from kkpdf.diagnostics import Span
from kkpdf.layout.tagging import Node, Tagger


class BookTable(Table):
    """A table whose parts keep their role, span and the structure elements of their rows.

    `rows` holds, per row, the structure element of each cell; None for a row that
    is an artifact (the header repeated on the next page). `tags` is the drawing
    callback that marks the content (ReportLab's `renderCB`).
    """

    def __init__(
        self,
        data,
        *args,
        role: str = "Table",
        span: Span | None = None,
        rows: list[list[Node] | None] | None = None,
        tags: TableTags | None = None,
        **kwargs,
    ) -> None:
        if tags is not None:
            kwargs["renderCB"] = tags
        super().__init__(data, *args, **kwargs)
        self.role = role
        self.span = span
        self.rows = rows if rows is not None else [None] * len(data)

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.role, part.span = self.role, self.span
        if len(parts) == 2:
            # The first part is a prefix of the rows; the second repeats the header
            # rows (as artifacts) and then holds the rest, a row split inside it twice.
            first, second = parts
            first.rows = self.rows[: len(first._cellvalues)]
            repeated = second.repeatRows if isinstance(second.repeatRows, int) else 0
            rest = len(second._cellvalues) - repeated
            second.rows = [None] * repeated + self.rows[len(self.rows) - rest :]
        return parts


class TableTags:
    """Marks a table's drawing: rules and backgrounds belong to the Table element,
    each cell to its TH or TD, and a header repeated on a later page is an artifact.

    ReportLab calls it before and after each part of the drawing; cells holding
    flowables are left to them, which carry their own elements.
    """

    def __init__(self, tagger: Tagger, node: Node) -> None:
        self.tagger, self.node = tagger, node
        self._started: list[bool] = []

    def __call__(self, table: BookTable, event: str, *args) -> None:
        canvas = table.canv
        if event in ("startBG", "startLines"):
            self._started.append(self.tagger.begin(canvas, self.node))
        elif event == "startCell":
            row, column, value = args[0], args[1], args[2]
            cells = table.rows[row]
            if cells is None:
                self._started.append(self.tagger.begin_artifact(canvas, "Pagination"))
            elif isinstance(value, str):
                self._started.append(self.tagger.begin(canvas, cells[column]))
            else:
                self._started.append(False)
        elif event in ("endBG", "endLines", "endCell"):
            self.tagger.end(canvas, self._started.pop())


def header_row(table: Node) -> Node:
    """The table's one header row, in its THead."""
    return table.add("THead").add("TR", table.span)


class SpaceAfter(Spacer):
    """The gap after a table: dropped where it does not fit at the foot of a page,
    and no gap at the top of one.

    A plain Spacer that does not fit opens the next page by itself, and a chapter
    that opens a page after it then leaves that page blank.
    """

    # Frame.split asks even a page filled to its foot (or past it, by the spaceAfter
    # of the paragraph before) to split this.
    _ZEROSIZE = True

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        frame = getattr(self, "_frame", None)  # the frame asking, set by Frame._add
        return self.width, 0 if frame is not None and frame._atTop else self.height

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        return [NullActionFlowable()]  # nothing: the gap is not carried over
