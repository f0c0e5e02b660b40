"""What every flowable of one layout needs, in a module of its own so that the
modules making flowables can all name it without importing one another."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kkpdf.diagnostics import Span
from kkpdf.language.hyphenation import Hyphenation
from kkpdf.layout import styles as st
from kkpdf.layout.fonts import FontSet
from kkpdf.layout.tagging import Tagger
from kkpdf.messages import ENGLISH, Language
from kkpdf.model import Labels

if TYPE_CHECKING:  # a draft's, imported only when a draft is made
    from kkpdf.proof.draft import DraftMarks

# The name of ReportLab's <ondraw> callback at the place a reworded text lost words.
REMOVED_CALLBACK = "kkpdf-removed"


class EditPoints:
    """Where a draft's removed words stood in the text being drawn.

    ReportLab calls `record` from inside the paragraph's text object, where nothing
    else can be drawn; the mark round the paragraph draws them once it is drawn."""

    def __init__(self) -> None:
        self._points: list[tuple[float, float, str]] = []

    def record(self, canvas, kind: str, label: str | None) -> None:
        place = canvas._curr_tx_info  # set by ReportLab for the callback
        # Our paragraph styles are ragged right, so a line's words are not spread out
        # and ReportLab's x is where the mark's line stands.
        self._points.append((place["cur_x"], place["cur_y"], label or ""))

    def take(self) -> list[tuple[float, float, str]]:
        """The points recorded since the last call: those of the text just drawn."""
        points, self._points = self._points, []
        return points


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
    # A draft's removed words, recorded while their paragraph is drawn.
    edit_points: EditPoints = field(default_factory=EditPoints)
    # The book's language, for the words the layout makes (a chart's alternative text).
    language: Language = ENGLISH
