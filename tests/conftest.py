"""Shared fixtures: the repository's folders, a scratch copy of a book, a built PDF."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kkpdf.cache import CACHE_VARIABLE
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.server.client import MODE_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
FONTS = ROOT / "fonts"
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
# The same in Swedish (language: sv-FI), for the language tests.
MINIMAL_SV = Path(__file__).resolve().parent / "fixtures" / "minimal-sv"
PARTS = Path(__file__).resolve().parent / "fixtures" / "parts"
# The example whole book: every part, statements, investments, summaries and ties.
TOWN = Path(__file__).resolve().parent / "fixtures" / "town"


def copy_book(source: Path, target: Path, overrides: dict[str, str] | None = None) -> Path:
    """A copy of a sources tree with some files replaced (or added) by text."""
    shutil.copytree(source, target)
    for relative, text in (overrides or {}).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


def parts_book(target: Path, parts: str | None = None) -> Path:
    """The shipped sources as a whole book in parts (tests/fixtures/parts): its
    `parts:` in book.yaml in place of `chapters:`, and its own chapters added."""
    import re

    book = copy_book(SOURCES, target)
    shutil.copytree(PARTS / "luvut", book / "luvut", dirs_exist_ok=True)
    text = (book / "book.yaml").read_text(encoding="utf-8")
    declared = (PARTS / "parts.yaml").read_text(encoding="utf-8") if parts is None else parts
    text, found = re.subn(r"chapters:\n(  - .*\n)+", lambda _: declared, text)
    assert found == 1, "sources/book.yaml lists its chapters as the fixture expects"
    (book / "book.yaml").write_text(text, encoding="utf-8")
    return book


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Every build of the tests, in this process or a child, caches in a folder of its
    own, never in the user's (~/.cache/kkpdf)."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("cache")
        patch.setenv(CACHE_VARIABLE, str(folder))
        yield folder


@pytest.fixture(scope="session", autouse=True)
def no_build_server():
    """No `kkpdf` the tests start asks a build server or starts one (tests/server/
    turn it on for their own commands): a test's command runs in its own process."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(MODE_VARIABLE, "off")
        yield


def outside_env() -> dict[str, str]:
    """The environment of a kkpdf started outside the project.

    Under `make mutate` the mutated code looks for mutmut's configuration in the
    working folder, which is not there; these tests are about the working folder,
    not about the mutants, so they run the code unmutated.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if "MUTANT_UNDER_TEST" in env:
        env["MUTANT_UNDER_TEST"] = ""
    return env


@pytest.fixture
def minimal_book(tmp_path: Path):
    """Factory: the minimal fixture book with the given files replaced."""

    def make(overrides: dict[str, str] | None = None) -> Path:
        return copy_book(MINIMAL, tmp_path / "book", overrides)

    return make


@pytest.fixture
def minimal_sv_book(tmp_path: Path):
    """Factory: the Swedish minimal fixture book with the given files replaced."""

    def make(overrides: dict[str, str] | None = None) -> Path:
        return copy_book(MINIMAL_SV, tmp_path / "sv-book", overrides)

    return make


@pytest.fixture(scope="session")
def town_book():
    """The document model of the example whole book, which must have no errors."""
    from kkpdf.build import compile_document

    sink = DiagnosticSink()
    book = compile_document(TOWN, sink)
    assert not sink.errors, [d.format() for d in sink.errors]
    return book


@pytest.fixture(scope="session")
def shipped_book():
    """The document model of the shipped sources, which must have no errors."""
    from kkpdf.build import compile_document

    sink = DiagnosticSink()
    book = compile_document(SOURCES, sink)
    assert not sink.errors, [d.format() for d in sink.errors]
    return book


def built_without_errors(sources: Path, output: Path, edition: str | None = None) -> Path:
    from kkpdf.build import build_pdf

    sink = DiagnosticSink()
    build_pdf(sources, output, FONTS, sink, edition=edition)
    assert not sink.errors, [d.format() for d in sink.errors]
    return output


@pytest.fixture(scope="session")
def shipped_swedish_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped book's Swedish edition, built once per test session."""
    return built_without_errors(SOURCES, tmp_path_factory.mktemp("sv") / "budget.pdf", "sv")


@pytest.fixture(scope="session")
def town_swedish_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example whole book's Swedish edition, built once per test session."""
    return built_without_errors(TOWN, tmp_path_factory.mktemp("town-sv") / "town.pdf", "sv")


@pytest.fixture(scope="session")
def shipped_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped book, built once per test session."""
    return built_without_errors(SOURCES, tmp_path_factory.mktemp("book") / "book.pdf")


@pytest.fixture(scope="session")
def parts_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped chapters as a whole book in parts, built once per test session."""
    folder = tmp_path_factory.mktemp("parts-book")
    return built_without_errors(parts_book(folder / "src"), folder / "parts.pdf")


@pytest.fixture(scope="session")
def town_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example whole book, built once per test session."""
    return built_without_errors(TOWN, tmp_path_factory.mktemp("town") / "town.pdf")


@pytest.fixture(scope="session")
def laid_out(shipped_book):
    """The shipped book as the layout stage leaves it: plain PDF and its structure."""
    from kkpdf.language.hyphenation import Hyphenator
    from kkpdf.layout.book import layout_document
    from kkpdf.layout.fonts import load_fonts

    hyphenator = Hyphenator()
    try:
        yield layout_document(shipped_book, load_fonts(FONTS), hyphenator, DiagnosticSink())
    finally:
        hyphenator.close()


# Words of many lengths, so that lines end in the middle of a word on both pages
# of the long paragraph, with hyphens of the text and of the hyphenator.
LONG_WORDS = ["Talousarviovuoden", "toiminnallinen", "kehittäminen", "jatkuu", "ja",
              "kaupunginkansliakeskuksen", "tietohallintopalvelut", "ICT-palvelukeskus",
              "henkilöstöhallinnon", "yhteistyö."]  # fmt: skip


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
    long_paragraph = " ".join(LONG_WORDS[(n * 7) % len(LONG_WORDS)] for n in range(500))
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


def two_chapter_book(target: Path, first_chapter_pages: int) -> Path:
    """The minimal book with a second chapter opening a page, the first one or two
    pages long: the second part of its layout then begins on a right-hand page
    (after cover, its back, contents and one page) or a left-hand one."""
    sentence = "Talousarviovuoden toiminnallinen kehittäminen jatkuu kaupunginkansliassa. "
    paragraphs = 1 if first_chapter_pages == 1 else 9
    first = "# Keskus\n\n" + "".join(f"{sentence * 12}\n\n" for _ in range(paragraphs))
    second = (
        "# Toinen luku\n\n## Talous\n\n```{finance-table} keskus\n```\n\n"
        "Toiminnallisuus *kohta* ja **kaupunginkanslia** jatkuu:\n\n- e-palvelut\n- talous\n\n"
        + "".join(f"{sentence * 10}\n\n" for _ in range(6))
        + "## Tavoitteet\n\n```{goal-table} teema\n```\n"
    )
    book = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    book = book.replace("  - luvut/01.md\n", "  - luvut/01.md\n  - luvut/02.md\n")
    return copy_book(MINIMAL, target, {"book.yaml": book, "luvut/01.md": first,
                                       "luvut/02.md": second})  # fmt: skip


def lay_out_book(sources: Path, *, split_weight: int, fork: bool = False):
    """Stages 1–5 of a book without errors: its model and its layout."""
    from kkpdf.build import compile_document
    from kkpdf.language.hyphenation import Hyphenator
    from kkpdf.layout.book import layout_document
    from kkpdf.layout.fonts import load_fonts

    sink = DiagnosticSink()
    book = compile_document(sources, sink)
    hyphenator = Hyphenator()
    try:
        laid_out = layout_document(book, load_fonts(FONTS), hyphenator, sink,
                                   fork=fork, split_weight=split_weight)  # fmt: skip
    finally:
        hyphenator.close()
    assert not sink.errors, [d.format() for d in sink.errors]
    return book, laid_out


def finished(book, laid_out) -> bytes:
    import datetime

    from kkpdf.pdf.finish import finish_pdf

    return finish_pdf(laid_out.pdf, book.info, laid_out.structure,
                      date=datetime.datetime(2022, 12, 14, tzinfo=datetime.UTC),
                      more=laid_out.more, navigation=laid_out.navigation)  # fmt: skip


@pytest.fixture(scope="session")
def parted_pdfs(tmp_path_factory) -> dict[str, Path]:
    """Two-chapter books laid out in two parts, the second part's pages where it laid
    them out ("in place") and moved to the other side of the sheet ("moved")."""
    folder = tmp_path_factory.mktemp("parted")
    made = {}
    for name, pages in (("in place", 1), ("moved", 2)):
        sources = two_chapter_book(folder / name.replace(" ", "-"), pages)
        book, laid_out = lay_out_book(sources, split_weight=0, fork=True)
        assert len(laid_out.more) == 1 and bool(laid_out.more[0].shift) == (name == "moved")
        made[name] = folder / f"{name.replace(' ', '-')}.pdf"
        made[name].write_bytes(finished(book, laid_out))
    return made


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """Messages in English, whatever the machine's locale: the tests compare their text.
    (LANGUAGE comes first in kkpdf's choice; a test of the choice sets its own.)"""
    monkeypatch.setenv("LANGUAGE", "en")
