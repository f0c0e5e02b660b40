"""The shipped book, read back from its PDF: text, figures, fonts, outline, metadata."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from kkpdf.model import FinanceTable, GoalTable, Heading, ListBlock, Paragraph
from kkpdf.money import format_figure
from kkpdf.walk import block_text, inline_text


@pytest.fixture(scope="module")
def book(shipped_book):
    return shipped_book


@pytest.fixture(scope="module")
def reader(shipped_pdf: Path) -> PdfReader:
    return PdfReader(shipped_pdf)


def squeeze(text: str) -> str:
    """Text with hyphens, soft hyphens and all white space removed.

    Line-end hyphenation and line breaks are layout; what must survive is the
    sequence of letters and figures.
    """
    return re.sub(r"[\s\u00ad\-‐]", "", text)


@pytest.fixture(scope="module")
def page_texts(reader: PdfReader, book) -> list[str]:
    running = {book.info.title, book.info.labels.organisation}
    running |= {
        inline_text(b.children)
        for c in book.chapters
        for b in c.blocks
        if isinstance(b, Heading) and b.level == 1
    }
    texts = []
    for page in reader.pages:
        lines = page.extract_text().split("\n")
        # Running heads and feet, drawn after the body, stand between the halves of a
        # paragraph that breaks across two pages.
        while lines and (
            lines[-1].strip() in running
            or not lines[-1].strip()
            or re.fullmatch(r"sivu \d+ / \d+", lines[-1].strip())
        ):
            lines.pop()
        texts.append("\n".join(lines))
    return texts


def all_blocks(book):
    for chapter in book.chapters:
        for block in chapter.blocks:
            yield block
            if isinstance(block, GoalTable):
                for row in block.rows:
                    for cell in row.cells:
                        yield from cell.blocks


def test_every_paragraph_heading_and_list_item_is_in_the_text(book, page_texts):
    whole = squeeze("".join(page_texts))
    pieces = [
        text
        for block in all_blocks(book)
        if isinstance(block, Paragraph | Heading | ListBlock)
        for text, _ in block_text(block)
    ]
    assert len(pieces) > 100
    missing = [piece for piece in pieces if squeeze(piece) not in whole]
    assert not missing


def test_every_figure_is_printed_in_finnish_format(book, reader):
    text = "".join(page.extract_text() for page in reader.pages)
    # The no-break space shares the space's glyph, so text extraction gives a space.
    text = text.replace("\u00a0", " ")
    tables = [b for c in book.chapters for b in c.blocks if isinstance(b, FinanceTable)]
    figures = [c.value for t in tables for r in t.rows for c in r.cells if c.value is not None]
    assert len(figures) > 80
    for value in figures:
        printed = format_figure(value).replace("\u00a0", " ")
        # Not part of a longer figure: no digit, or digit and space, on either side.
        assert re.search(rf"(?<!\d)(?<!\d ){re.escape(printed)}(?! ?\d)", text), printed


def test_negative_figures_use_the_minus_sign(reader):
    text = "".join(page.extract_text() for page in reader.pages)
    assert "−1 778 668" in text.replace("\u00a0", " ")
    assert not re.search(r"(?<![\w])-\d", text), "a hyphen-minus before a figure"


def test_fonts_are_embedded_subsets_of_the_book_font(reader):
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert names
    assert all(re.fullmatch(r"/[A-Z]{6}\+Lato-(Regular|Bold|Italic|BoldItalic)", n) for n in names)


def outline_titles(reader: PdfReader, items=None, depth=0):
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            yield from outline_titles(reader, item, depth + 1)
        else:
            yield depth, item.title, reader.get_destination_page_number(item) + 1


def test_outline_mirrors_the_headings_and_points_at_their_pages(book, reader, page_texts):
    headings = [
        (b.level - 1, inline_text(b.children))
        for c in book.chapters
        for b in c.blocks
        if isinstance(b, Heading)
    ]
    outline = list(outline_titles(reader))
    assert outline[0][:2] == (0, book.info.labels.contents)
    assert [(depth, title) for depth, title, _ in outline[1:]] == headings
    for _, title, page in outline:
        assert squeeze(title) in squeeze(page_texts[page - 1]), (title, page)


def test_contents_lists_the_page_of_every_heading(shipped_pdf: Path, reader):
    contents = subprocess.run(
        ["pdftotext", "-layout", "-f", "3", "-l", "3", str(shipped_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    listed = 0
    for depth, title, page in outline_titles(reader):
        if depth <= 1 and title != "Sisällys" and len(title) < 80:
            assert re.search(rf"{re.escape(title)}[ .]*\b{page}\n", contents), (title, page)
            listed += 1
    assert listed > 20


def test_metadata_language_and_title_display(book, reader):
    info = reader.metadata
    assert info.title == book.info.title
    assert info.author == "Loviisan kaupunki"
    assert info.subject == book.info.subject
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fi-FI"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/PageMode"] == "/UseOutlines"


def test_footer_counts_pages_and_cover_has_none(reader):
    total = len(reader.pages)
    assert "sivu" not in reader.pages[0].extract_text()
    for number in range(3, total + 1):
        assert f"sivu {number} / {total}" in reader.pages[number - 1].extract_text()


def test_pages_are_a4_and_render(shipped_pdf: Path, reader, tmp_path: Path):
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595,
            842,
        )
    result = subprocess.run(
        ["pdftoppm", "-r", "20", "-png", str(shipped_pdf), str(tmp_path / "p")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "rror" not in result.stderr
    assert len(list(tmp_path.glob("p-*.png"))) == len(reader.pages)
