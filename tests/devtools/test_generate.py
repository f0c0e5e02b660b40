"""The generated benchmark book is an ordinary book whose figures add up."""

from __future__ import annotations

from kkpdf import DEFAULT_FONTS
from kkpdf.build import build_pdf
from kkpdf.devtools.generate import generate_book
from kkpdf.diagnostics import DiagnosticSink


def test_a_generated_book_builds_without_a_diagnostic(tmp_path):
    sources = tmp_path / "kaupunki"
    generate_book(sources, centres=2, seed=7)
    sink = DiagnosticSink()
    result = build_pdf(sources, tmp_path / "kaupunki.pdf", DEFAULT_FONTS, sink)
    assert sink.diagnostics == []
    assert result.summary.tables == 14  # ten units; the statements, the utility, the loans
    assert result.pages > 20


def test_the_same_seed_gives_the_same_sources(tmp_path):
    for name in ("a", "b"):
        generate_book(tmp_path / name, centres=1, seed=3)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert files
    for relative in files:
        assert (tmp_path / "a" / relative).read_bytes() == (tmp_path / "b" / relative).read_bytes()
