"""Marked content while drawing, and the structure tree it belongs to.

ReportLab has no structure API, but it lets us write content-stream operators.
Every piece of page content is drawn inside either `/Tag <</MCID n>> BDC … EMC`,
which ties it to a structure element, or `/Artifact BDC … EMC` (running heads,
page numbers, watermark, decoration). Sequences never nest: a drawing that is
already inside one adds nothing, which is what a repeated table header inside an
artifact needs. The elements are created in the order of the sources, before
layout, so the tree's order is the reading order whatever the page order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from kkpdf.diagnostics import Span
from kkpdf.structure import Element, LinkAnnotation, MarkedContent, Structure

# A table keeps its shape: an empty cell is still a cell of its row.
KEPT_EMPTY = frozenset({"TR", "TH", "TD"})


@dataclass(eq=False)
class Node:
    """A structure element while the book is laid out; `freeze` makes it an Element."""

    kind: str
    children: list[Node | MarkedContent | LinkAnnotation] = field(default_factory=list)
    scope: str = ""
    span: Span | None = None  # of the source block it stands for, if it stands for one
    alt: str = ""  # a Figure's alternative text

    def add(self, kind: str, span: Span | None = None, scope: str = "") -> Node:
        child = Node(kind, scope=scope, span=span)
        self.children.append(child)
        return child

    def freeze(self) -> Element | None:
        """The element, or None if nothing of it reached a page (an empty table cell)."""
        children = []
        for child in self.children:
            frozen = child.freeze() if isinstance(child, Node) else child
            if frozen is not None:
                children.append(frozen)
        if not children and self.kind not in KEPT_EMPTY:
            return None
        return Element(self.kind, tuple(children), self.scope, self.span, self.alt)


# The name of ReportLab's <ondraw> callback that marks text in another language.
LANGUAGE_CALLBACK = "kkpdf-language"


class Tagger:
    """Hands out marked-content identifiers per page and records what they belong to."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self._next_mcid: defaultdict[int, int] = defaultdict(int)
        self._links: defaultdict[int, int] = defaultdict(int)
        # Every link: its page, its place among the page's links, its target.
        self.link_targets: list[tuple[int, int, str]] = []
        self._inside = False

    def begin(self, canvas: Canvas, node: Node | None) -> bool:
        """Start content that belongs to `node`; False if nothing was started.

        Nothing is started for None, nor inside another sequence, whose element
        (or artifact) then owns what is drawn.
        """
        if node is None or self._inside:
            return False
        page = canvas.getPageNumber() - 1
        mcid = self._next_mcid[page]
        self._next_mcid[page] += 1
        node.children.append(MarkedContent(page, mcid))
        canvas.addLiteral(f"/{node.kind} <</MCID {mcid}>> BDC")
        self._inside = True
        return True

    def begin_artifact(self, canvas: Canvas, kind: str = "Layout", subtype: str = "") -> bool:
        """Start content that is not part of the text (`Pagination`, `Layout`, `Page`)."""
        if self._inside:
            return False
        extra = f" /Subtype /{subtype}" if subtype else ""
        canvas.addLiteral(f"/Artifact <</Type /{kind}{extra}>> BDC")
        self._inside = True
        return True

    def end(self, canvas: Canvas, started: bool) -> None:
        if started:
            canvas.addLiteral("EMC")
            self._inside = False

    @contextmanager
    def content(self, canvas: Canvas, node: Node | None) -> Iterator[None]:
        started = self.begin(canvas, node)
        try:
            yield
        finally:
            self.end(canvas, started)

    @contextmanager
    def artifact(self, canvas: Canvas, kind: str = "Layout", subtype: str = "") -> Iterator[None]:
        started = self.begin_artifact(canvas, kind, subtype)
        try:
            yield
        finally:
            self.end(canvas, started)

    def link(self, canvas: Canvas, node: Node, description: str, target: str,
             rect: tuple[float, float, float, float]) -> None:  # fmt: skip
        """A link annotation to the bookmark `target`, owned by `node` (a Link element).

        Post-processing finds the annotation again by its page and its place among
        the page's links, so every link of the book is made here.
        """
        page = canvas.getPageNumber() - 1
        canvas.linkRect(description, target, rect, relative=1)
        node.children.append(LinkAnnotation(page, self._links[page]))
        self.link_targets.append((page, self._links[page], target))
        self._links[page] += 1

    @staticmethod
    def language(canvas: Canvas, kind: str, label: str | None) -> None:
        """ReportLab's <ondraw> callback: start (label "en") or end ("/en") a span in
        another language, inside the text object of the paragraph being drawn."""
        text_object = canvas._curr_tx_info["tx"]  # set by ReportLab for the callback
        if label and label.startswith("/"):
            text_object._code.append("EMC")
        elif label:
            text_object._code.append(f"/Span <</Lang ({label})>> BDC")

    def structure(self) -> Structure:
        root = self.root.freeze()
        return Structure(root if root is not None else Element("Document"))
