"""What every flowable of one layout needs, in a module of its own so that the
modules making flowables can all name it without importing one another."""

from __future__ import annotations

from dataclasses import dataclass, field

from kkpdf.diagnostics import Span
from kkpdf.language.hyphenation import Hyphenation
from kkpdf.layout import styles as st
from kkpdf.layout.fonts import FontSet
from kkpdf.layout.tagging import Tagger
from kkpdf.model import Labels
from kkpdf.proof.draft import DraftMarks


@dataclass(frozen=True)
class LayoutContext:
    """What every flowable of one layout needs: fonts, styles, hyphenation, labels."""

    fonts: FontSet
    styles: st.Styles
    hyphenator: Hyphenation  # the book's language's
    labels: Labels
    marks: DraftMarks | None = None
    # A book in parts: headings are tagged a level lower (the parts' titles are the
    # H1s), and a chapter opens a right-hand page.
    in_parts: bool = False
    # Where the sections' titles (their first headings) stand: set as titles, larger
    # than the subheadings of their level.
    section_titles: frozenset[Span] = frozenset()
    # Place key → page, written while drawing (headings, marked places), read at the end.
    pages_of: dict[str, int] = field(default_factory=dict)
    # The structure tree, grown while the flowables are made and drawn.
    tagger: Tagger = field(default_factory=Tagger)
