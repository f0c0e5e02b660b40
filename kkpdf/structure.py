"""The logical structure of the laid-out book, for the tagged PDF.

The layout stage records it while it draws: which structure element each piece
of page content belongs to (by page and marked-content identifier) and which
link annotation belongs to which Link element. Post-processing writes it into
the PDF as the structure tree. A book laid out in parts also hands over its other
parts (`JoinedPart`) and where its outline and links lead (`Navigation`). Frozen
data, no ReportLab and no pikepdf, so that both stages and the tests can speak
of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import singledispatch

from kkpdf.diagnostics import Span


@dataclass(frozen=True)
class MarkedContent:
    """A marked-content sequence: `/Tag <</MCID mcid>> BDC … EMC` on a page (0-based)."""

    page: int
    mcid: int


@dataclass(frozen=True)
class LinkAnnotation:
    """The `index`-th link annotation of a page (0-based both), as ReportLab wrote them."""

    page: int
    index: int


@dataclass(frozen=True)
class Element:
    """A structure element of a standard type (ISO 32000-1, 14.8.4)."""

    kind: str  # "H1", "P", "Table", "TH", …
    children: tuple[Element | MarkedContent | LinkAnnotation, ...] = ()
    scope: str = ""  # of a TH: "Column" or "Row"
    span: Span | None = None  # the source block it stands for (a paragraph, a cell)
    alt: str = ""  # a Figure's alternative text


@dataclass(frozen=True)
class Structure:
    """The structure tree of the whole book."""

    root: Element  # kind "Document"


def shifted(element: Element, pages: int) -> Element:
    """The element with every page it names `pages` later: a part laid out after others."""
    return _moved(element, pages)


@singledispatch
def _moved(node: object, pages: int) -> object:
    raise TypeError(f"no structure rule for {type(node).__name__}")


def _moved_element(node: Element, pages: int) -> Element:
    children = tuple(_moved(child, pages) for child in node.children)
    return Element(node.kind, children, node.scope, node.span, node.alt)


_moved.register(Element, _moved_element)


def _moved_content(node: MarkedContent, pages: int) -> MarkedContent:
    return MarkedContent(node.page + pages, node.mcid)


_moved.register(MarkedContent, _moved_content)


def _moved_link(node: LinkAnnotation, pages: int) -> LinkAnnotation:
    return LinkAnnotation(node.page + pages, node.index)


_moved.register(LinkAnnotation, _moved_link)


@dataclass(frozen=True)
class JoinedPart:
    """A part of the book laid out apart, to be joined after the first.

    `shift` is how far its right-hand-first pages move sideways: to the right on
    its odd pages, to the left on its even ones (0 if they are where they belong).
    """

    pdf: bytes
    shift: float


@dataclass(frozen=True)
class Navigation:
    """Where the outline and the links of a book joined from parts lead.

    The outline's entries in order and each link (page, place among the page's
    links, target) name a place; `pages_of` gives its page in the joined book.
    """

    outline_keys: tuple[str, ...]
    links: tuple[tuple[int, int, str], ...]
    pages_of: dict[str, int]
