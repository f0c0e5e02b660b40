"""The pipeline: read → parse → document → checks → layout → post-processing.

Each stage is one call; each stops the build at its boundary when it has
reported errors, so nothing is laid out from sources with known problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kkpdf.checks import CheckSummary, check_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.document import build_document
from kkpdf.model import Book
from kkpdf.parse.book import parse_sources
from kkpdf.read import read_sources

if TYPE_CHECKING:
    from kkpdf.layout.fonts import FontSet

DEFAULT_FONTS = Path(__file__).resolve().parent.parent / "fonts"


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int
    passes: int
    summary: CheckSummary


def compile_document(sources: Path, sink: DiagnosticSink) -> Book:
    """The first three stages: sources on disk to the checked-for-shape document model."""
    return build_document(parse_sources(read_sources(sources, sink), sink), sink)


@dataclass(frozen=True)
class CheckedBook:
    book: Book
    fonts: FontSet
    summary: CheckSummary


def check_sources(sources: Path, fonts_dir: Path, sink: DiagnosticSink) -> CheckedBook:
    """Stages 1–4: the document model, with every check run over it."""
    from kkpdf.layout import load_fonts  # ReportLab only where a font must be read

    book = compile_document(sources, sink)
    fonts = load_fonts(fonts_dir)
    summary = check_document(book, sink, font_coverage=fonts.coverage, font_name=fonts.regular)
    return CheckedBook(book, fonts, summary)


def build_pdf(
    sources: Path, output: Path | None, fonts_dir: Path, sink: DiagnosticSink
) -> BuildResult:
    """Every stage; the PDF replaces the previous one only when all of them succeed."""
    from kkpdf.hyphenation import Hyphenator
    from kkpdf.layout import layout_document
    from kkpdf.postprocess import verify_pdf, write_atomically

    checked = check_sources(sources, fonts_dir, sink)
    hyphenator = Hyphenator()
    try:
        result = layout_document(checked.book, checked.fonts, hyphenator, sink)
    finally:
        hyphenator.close()
    verify_pdf(result.pdf, checked.book.info.language)
    target = output or Path("output") / checked.book.info.output_name
    write_atomically(target, result.pdf)
    return BuildResult(target, result.pages, result.passes, checked.summary)
