"""The yardstick for the benchmark: the book's flowables through plain ReportLab.

Builds the same body flowables kkpdf makes, and lays them out once with
ReportLab's SimpleDocTemplate and ReportLab's own TrueType font class: no
checks, no contents, no page decoration, no PDF/A, and not kkpdf's faster
font subsetting. The model itself has to be read first; that time is printed so
that the benchmark can leave it out. What the full build costs beyond the rest is the
cost of kkpdf's pipeline.

    python -m kkpdf.layout.yardstick SOURCES OUT.pdf

It lives in the layout package because only that package imports ReportLab.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate

from kkpdf import DEFAULT_FONTS
from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.hyphenation import Hyphenator
from kkpdf.layout import styles as st
from kkpdf.layout.flowables import LayoutContext, chapter_flowables
from kkpdf.layout.fonts import load_fonts
from kkpdf.layout.tagging import LANGUAGE_CALLBACK, Tagger


class _Document(SimpleDocTemplate):
    """ReportLab's own template; the flowables' language marks need their callback."""

    def beforeDocument(self) -> None:  # noqa: N802 - ReportLab hook
        self.canv.setNamedCB(LANGUAGE_CALLBACK, Tagger.language)


def main() -> None:
    sources, output = Path(sys.argv[1]), Path(sys.argv[2])
    started = time.perf_counter()
    book = compile_document(sources, DiagnosticSink())
    print(f"model: {time.perf_counter() - started:.4f} s", file=sys.stderr)
    fonts = load_fonts(DEFAULT_FONTS, font_class=TTFont)
    ctx = LayoutContext(fonts, st.make_styles(fonts), Hyphenator(), book.info.labels)
    root = ctx.tagger.root
    story = [f for chapter in book.chapters for f in chapter_flowables(chapter.blocks, ctx, root)]
    doc = _Document(str(output), pagesize=(st.PAGE_WIDTH, st.PAGE_HEIGHT),
                    initialFontName=fonts.regular, invariant=1)  # fmt: skip
    doc.build(story)
    print(f"plain ReportLab: ({doc.page} pages)", file=sys.stderr)


if __name__ == "__main__":
    main()
