"""A whole book in parts (tests/fixtures/parts): the contents and the outline nest
part › chapter › section, parts and chapters open right-hand pages, and the running
heads of an area's pages name its centre; laid out in two, it is the same book."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from kkpdf.diagnostics import DiagnosticSink
from kkpdf.layout.parts import split_point
from tests.conftest import finished, lay_out_book, parts_book
from tests.tagged import outline_of, read_tagged, sequence_problems

PARTS = ["Alkusanat", "Käyttötalousosa", "Investointiosa"]
CENTRE = "Kaupunginkansliakeskus"
AREAS = ["Kaupunginkansliapalvelut", "Tieto- ja viestintäteknologiapalvelut", "Talouspalvelut"]


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def running_head(text: str) -> str:
    """A page's running head: drawn when the page is done, before the footer's two
    lines (the organisation, the page number)."""
    return text.strip().split("\n")[-3]


def test_the_outline_nests_part_chapter_section(parts_pdf):
    outline = outline_of(parts_pdf)
    assert [title for title, _, _ in outline] == ["Sisällys", *PARTS]
    operating = outline[2][2]
    assert [title for title, _, _ in operating] == ["Käyttötalouden perusteet", CENTRE]
    centre = operating[1][2]
    # The centre's own subheadings, then its areas, each with the area's subheadings.
    assert [title for title, _, _ in centre][-3:] == AREAS
    assert all(children for title, _, children in centre if title in AREAS)


def test_the_contents_list_the_parts_above_their_chapters(parts_pdf):
    contents = page_texts(parts_pdf)[2]
    assert contents.startswith("Sisällys")
    places = [contents.index(title) for title in [PARTS[0], "Kaupunginjohtajan katsaus",
                                                   PARTS[1], CENTRE, *AREAS, PARTS[2]]]  # fmt: skip
    assert places == sorted(places)
    # Three levels: a centre's subheadings are there, an area's are not.
    assert "Toimintaperiaatteet" in contents and "Avaintavoitteet" not in contents


def test_parts_and_chapters_open_right_hand_pages_sections_a_new_page(parts_pdf):
    outline, texts = outline_of(parts_pdf), page_texts(parts_pdf)
    parts = [(title, page) for title, page, _ in outline[1:]]
    chapters = [(title, page) for _, _, children in outline[1:] for title, page, _ in children]
    assert len(chapters) == 4
    assert all(page % 2 == 1 for _, page in parts + chapters), parts + chapters
    # A blank page (no text, no running head, no page number) is a left-hand one
    # before a page that opens a part or a chapter (or the contents, after the cover).
    blank = [number for number, text in enumerate(texts, start=1) if not text.strip()]
    openings = {page for _, page in parts + chapters} | {3}
    assert blank and all(page % 2 == 0 and page + 1 in openings for page in blank), blank
    assert len(blank) >= 5
    centre = outline[2][2][1][2]
    for title, page, _ in centre:
        if title in AREAS:  # an area's title is the first thing on its page
            assert texts[page - 1].split("\n")[0] == title


def test_the_running_heads_of_an_areas_pages_name_its_centre(parts_pdf):
    outline, texts = outline_of(parts_pdf), page_texts(parts_pdf)
    centre = outline[2][2][1][2]
    first_area = next(page for title, page, _ in centre if title == AREAS[0])
    end = outline[3][1]  # the investment part's title page
    heads = [running_head(texts[page - 1]) for page in range(first_area, end)]
    assert heads and all(CENTRE in head for head in heads), heads
    assert f"{CENTRE} – {AREAS[0]}" in heads  # a right-hand page: centre and area
    assert f"Käyttötalousosa – {CENTRE}" in heads  # a left-hand one: part and centre
    # A part's title page and a free-text chapter's pages carry the part.
    assert running_head(texts[outline[1][1] - 1]) == "Alkusanat"


def test_the_part_titles_are_the_top_headings_of_the_structure(parts_pdf):
    tagged = read_tagged(parts_pdf)
    top = [element.text.strip() for element in tagged.root.find("H1")]
    assert top == ["Sisällys", *PARTS]
    assert [element.text.strip() for element in tagged.root.find("H2")][:2] == [
        "Kaupunginjohtajan katsaus",
        "Käyttötalouden perusteet",
    ]
    assert set(AREAS) <= {element.text.strip() for element in tagged.root.find("H3")}
    assert sequence_problems(tagged.pdf) == []


def test_a_split_falls_where_a_right_hand_page_opens(tmp_path):
    from kkpdf.build import compile_document

    book = compile_document(parts_book(tmp_path / "book"), DiagnosticSink())
    split = split_point(book, 0)
    assert split is not None and not book.chapters[split].section
    opening = {part.start for part in book.parts} | {2}  # the centre opens a page
    assert split in opening


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("whole")
    sources = parts_book(folder / "book")
    book, laid_out = lay_out_book(sources, split_weight=10**9)
    assert not laid_out.more
    (folder / "whole.pdf").write_bytes(finished(book, laid_out))
    return sources, folder / "whole.pdf"


def renders(pdf: Path, folder: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(folder / pdf.stem)],
                   check=True)  # fmt: skip
    return sorted(folder.glob(f"{pdf.stem}-*.png"))


# Split before a part, before a chapter inside a part, and before the last part.
@pytest.mark.parametrize("split", [1, 2, 6])
def test_laid_out_in_two_it_is_the_same_book(whole, split, tmp_path, monkeypatch):
    import kkpdf.layout.book

    sources, whole_pdf = whole
    monkeypatch.setattr(kkpdf.layout.book, "split_point", lambda book, weight: split)
    book, laid_out = lay_out_book(sources, split_weight=0)
    (joined,) = laid_out.more
    assert joined.shift == 0  # the first part ends on a left-hand page: nothing moves
    parted = tmp_path / "parted.pdf"
    parted.write_bytes(finished(book, laid_out))
    assert outline_of(parted) == outline_of(whole_pdf)
    ours, theirs = renders(parted, tmp_path), renders(whole_pdf, tmp_path)
    assert len(ours) == len(theirs)
    for mine, other in zip(ours, theirs, strict=True):
        difference = ImageChops.difference(Image.open(mine).convert("RGB"),
                                           Image.open(other).convert("RGB"))  # fmt: skip
        assert difference.getbbox() is None, mine.name


@pytest.mark.parametrize(("depth", "shown", "left_out"), [
    (2, [CENTRE, "Kaupunginjohtajan katsaus"], ["Toimintaperiaatteet", AREAS[0]]),
    (4, [AREAS[0], "Vastuualueen tehtävät"], []),
])  # fmt: skip
def test_contents_depth_says_how_many_levels_the_contents_show(tmp_path, depth, shown, left_out):
    from tests.conftest import PARTS as FIXTURE, built_without_errors

    declared = (FIXTURE / "parts.yaml").read_text(encoding="utf-8")
    declared = declared.replace("contents_depth: 3", f"contents_depth: {depth}")
    pdf = built_without_errors(parts_book(tmp_path / "book", declared), tmp_path / "book.pdf")
    contents = page_texts(pdf)[2]
    assert all(title in contents for title in [*PARTS, *shown])
    assert not any(title in contents for title in left_out)
    # The outline holds every heading whatever the depth of the contents.
    assert "Vastuualueen tehtävät" in str(outline_of(pdf))
