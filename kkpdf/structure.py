"""The logical structure of the laid-out book, for the tagged PDF.

The layout stage records it while it draws: which structure element each piece
of page content belongs to (by page and marked-content identifier) and which
link annotation belongs to which Link element. Post-processing writes it into
the PDF as the structure tree. Frozen data, no ReportLab and no pikepdf, so that
both stages and the tests can speak of it.
"""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(frozen=True)
class Structure:
    """The structure tree of the whole book."""

    root: Element  # kind "Document"
