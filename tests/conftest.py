"""Shared fixtures: the repository's folders, a scratch copy of a book, a built PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kkpdf.diagnostics import DiagnosticSink

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
FONTS = ROOT / "fonts"
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


def copy_book(source: Path, target: Path, overrides: dict[str, str] | None = None) -> Path:
    """A copy of a sources tree with some files replaced (or added) by text."""
    shutil.copytree(source, target)
    for relative, text in (overrides or {}).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture
def minimal_book(tmp_path: Path):
    """Factory: the minimal fixture book with the given files replaced."""

    def make(overrides: dict[str, str] | None = None) -> Path:
        return copy_book(MINIMAL, tmp_path / "book", overrides)

    return make


@pytest.fixture(scope="session")
def shipped_book():
    """The document model of the shipped sources, which must have no errors."""
    from kkpdf.build import compile_document

    sink = DiagnosticSink()
    book = compile_document(SOURCES, sink)
    assert not sink.errors, [d.format() for d in sink.errors]
    return book


def built_without_errors(sources: Path, output: Path) -> Path:
    from kkpdf.build import build_pdf

    sink = DiagnosticSink()
    build_pdf(sources, output, FONTS, sink)
    assert not sink.errors, [d.format() for d in sink.errors]
    return output


@pytest.fixture(scope="session")
def shipped_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped book, built once per test session."""
    return built_without_errors(SOURCES, tmp_path_factory.mktemp("book") / "book.pdf")


@pytest.fixture(scope="session")
def laid_out(shipped_book):
    """The shipped book as the layout stage leaves it: plain PDF and its structure."""
    from kkpdf.hyphenation import Hyphenator
    from kkpdf.layout.book import layout_document
    from kkpdf.layout.fonts import load_fonts

    hyphenator = Hyphenator()
    try:
        yield layout_document(shipped_book, load_fonts(FONTS), hyphenator, DiagnosticSink())
    finally:
        hyphenator.close()


@pytest.fixture(scope="session")
def long_pdf(tmp_path_factory):
    """The minimal book with a key-goal table and a paragraph too long for one page."""
    rows = "".join(
        f"    - goal: Tavoite {n}, jonka kuvaus jatkuu usealle riville taulukon kapeassa "
        f"sarakkeessa.\n      means: Keino {n}.\n"
        for n in range(1, 41)
    )
    # Rows taller than what is left of a page: split inside the row, through a
    # paragraph and a list whose words have hyphens of their own.
    words = ["e-palvelut", "ICT-palvelut", "*kaupunki*", "ja", "talousarvio", "sekä"]
    prose = " ".join(words[(n * 5) % 6] for n in range(160))
    items = "\n".join(
        f"        - {' '.join(words[(n * 7) % 6] for n in range(40))}" for _ in range(3)
    )
    rows += "".join(
        f"    - goal: |\n        {prose}\n\n{items}\n      means: Keino {n}.\n" for n in range(3)
    )
    goals = f"columns:\n  goal: Tavoite\n  means: Keino\ntables:\n  teema:\n{rows}"
    long_paragraph = " ".join(["Talousarviovuoden toiminnallinen kehittäminen jatkuu."] * 120)
    chapter = (
        f"# Keskus\n\n{long_paragraph}\n\n## Talous\n\n```{{finance-table}} keskus\n```\n\n"
        "## Tavoitteet\n\n```{goal-table} teema\n```\n"
    )
    sources = copy_book(
        MINIMAL,
        tmp_path_factory.mktemp("long") / "book",
        {"data/tavoitteet.yaml": goals, "luvut/01.md": chapter},
    )
    return built_without_errors(sources, sources.parent / "long.pdf")


@pytest.fixture(scope="session")
def stress_pdf(tmp_path_factory):
    """Hard cases together: a span in English longer than a page, a heading in
    another language, an empty list item, nested lists, emphasis after a word
    the hyphenator breaks."""
    english = " ".join(["the covenant of mayors for climate and energy"] * 350)
    chapter = (
        "# Keskus\n\n"
        "## [Covenant of Mayors]{lang=en} -ohjelma\n\n"
        f"Aloitamme [{english}]{{lang=en}} ja jatkamme.\n\n"
        "- \n- toinen\n  - sisempi\n  - toinen sisempi\n\n"
        "Toiminnallisuus *kohta* ja **kaupunginkanslia** jatkuu.\n\n"
        "```{finance-table} keskus\n```\n\n```{goal-table} teema\n```\n"
    )
    sources = copy_book(MINIMAL, tmp_path_factory.mktemp("stress") / "book",
                        {"luvut/01.md": chapter})  # fmt: skip
    return built_without_errors(sources, sources.parent / "stress.pdf"), english
