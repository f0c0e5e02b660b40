"""The book's body through plain ReportLab, for the benchmark's yardstick.

The same body flowables kkpdf makes, laid out once with ReportLab's
SimpleDocTemplate and ReportLab's own TrueType font class: no contents, no page
decoration, no PDF/A, and not kkpdf's faster font subsetting. It lives here
because only the layout package imports ReportLab; `kkpdf.devtools.yardstick`
runs it.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate

from kkpdf.language.hyphenation import hyphenator_for
from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.flowables import chapter_flowables
from kkpdf.layout.fonts import load_fonts
from kkpdf.layout.tagging import LANGUAGE_CALLBACK, Tagger
from kkpdf.model import Book


class _Document(SimpleDocTemplate):
    """ReportLab's own template; the flowables' language marks need their callback."""

    def beforeDocument(self) -> None:  # noqa: N802 - ReportLab hook
        self.canv.setNamedCB(LANGUAGE_CALLBACK, Tagger.language)


def lay_out_plainly(book: Book, fonts_folder: Path, output: Path) -> int:
    """Writes the chapters' flowables to `output`; the number of pages."""
    fonts = load_fonts(fonts_folder, font_class=TTFont)
    hyphenator = hyphenator_for(book.info.language)
    try:
        ctx = LayoutContext(fonts, st.make_styles(fonts), hyphenator, book.info.labels)
        root = ctx.tagger.root
        story = [f for c in book.chapters for f in chapter_flowables(c.blocks, ctx, root)]
        doc = _Document(str(output), pagesize=(st.PAGE_WIDTH, st.PAGE_HEIGHT),
                        initialFontName=fonts.regular, invariant=1)  # fmt: skip
        doc.build(story)
    finally:
        hyphenator.close()
    return doc.page
