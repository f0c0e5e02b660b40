"""A book laid out in two parts reads, looks and navigates as the book laid out whole."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import time
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from kkpdf.diagnostics import DiagnosticSink, Span, StageFailed
from kkpdf.interrupts import Interrupted
from kkpdf.layout.parts import Part, PartLayout, PartPdf, run_parts, split_point
from kkpdf.structure import Element, Structure
from tests.conftest import FONTS, finished, lay_out_book, two_chapter_book
from tests.tagged import read_tagged, sequence_problems

WHOLE = 10**9  # a split weight no book reaches


@pytest.fixture(scope="module", params=["in place", "moved"])
def pair(request, tmp_path_factory) -> tuple[Path, Path]:
    """The same book laid out whole and in two parts, as finished PDFs."""
    folder = tmp_path_factory.mktemp("pair")
    sources = two_chapter_book(folder / "book", 1 if request.param == "in place" else 2)
    made = []
    for name, weight in (("whole", WHOLE), ("parts", 0)):
        book, laid_out = lay_out_book(sources, split_weight=weight)
        assert len(laid_out.more) == (name == "parts")
        made.append(folder / f"{name}.pdf")
        made[-1].write_bytes(finished(book, laid_out))
    return made[0], made[1]


def test_every_page_shows_the_same(pair, tmp_path):
    whole, parts = pair
    for pdf in pair:
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / pdf.stem)],
                       check=True)  # fmt: skip
    renders = sorted(tmp_path.glob("whole-*.png"))
    assert len(renders) == len(PdfReader(whole).pages) == len(PdfReader(parts).pages) >= 6
    for render in renders:
        other = render.with_name(render.name.replace("whole", "parts"))
        difference = ImageChops.difference(Image.open(render).convert("RGB"),
                                           Image.open(other).convert("RGB"))  # fmt: skip
        assert difference.getbbox() is None, render.name


def test_the_text_and_its_structure_are_the_same(pair):
    whole, parts = (read_tagged(pdf) for pdf in pair)

    def shape(element):
        return (element.kind, element.attributes, element.text,
                [shape(child) for child in element.children])  # fmt: skip

    assert shape(parts.root) == shape(whole.root)
    assert sequence_problems(parts.pdf) == []


def test_outline_and_contents_lead_to_the_same_pages(pair):
    def places(pdf: Path):
        reader = PdfReader(pdf)

        def outline(items):
            """Each entry's title, page and whether it opens closed; its children nested."""
            return [
                outline(item) if isinstance(item, list)
                else (item.title, reader.get_destination_page_number(item),
                      item.get("/Count", 0) < 0)
                for item in items
            ]  # fmt: skip

        links = [
            (number, reader.get_page_number(annotation.get_object()["/Dest"][0]))
            for number, page in enumerate(reader.pages)
            for annotation in page.get("/Annots", [])
        ]
        return outline(reader.outline), links

    whole, parts = (places(pdf) for pdf in pair)
    assert parts == whole
    # The contents, two chapters, the second's two sections nested below it.
    titles = [[t for t, _, _ in e] if isinstance(e, list) else e[0] for e in whole[0]]
    assert titles == ["Sisällys", "Keskus", "Toinen luku", ["Talous", "Tavoitteet"]]
    assert len(whole[1]) == 4  # a link on each line of the contents


def test_each_font_subset_has_a_tag_of_its_own(pair):
    _, parts = pair
    with pikepdf.open(parts) as document:
        fonts = {}
        for page in document.pages:
            for font in page.obj.Resources.Font.values():
                fonts[font.objgen] = font
        tags = [str(font.BaseFont) for font in fonts.values()]
        programs = {font.FontDescriptor.FontFile2.read_raw_bytes() for font in fonts.values()}
    assert len(fonts) > 4  # each part brings its own subsets of the faces
    assert len(set(tags)) == len(programs) == len(fonts)
    assert not any(tag.startswith("/AAAAAA+") for tag in tags)


def test_a_child_process_makes_the_same_bytes(tmp_path):
    sources = two_chapter_book(tmp_path / "book", 2)
    in_turn = finished(*lay_out_book(sources, split_weight=0, fork=False))
    forked = finished(*lay_out_book(sources, split_weight=0, fork=True))
    assert forked == in_turn


@pytest.mark.parametrize("fork", [False, True])
def test_a_word_too_wide_in_the_second_part_is_reported_at_its_source(tmp_path, fork):
    from kkpdf.build import compile_document
    from kkpdf.language.hyphenation import Hyphenator
    from kkpdf.layout.book import layout_document
    from kkpdf.layout.fonts import load_fonts

    sources = two_chapter_book(tmp_path / "book", 1)
    chapter = sources / "luvut" / "02.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n" + "x" * 200 + "\n", "utf-8")
    sink = DiagnosticSink()
    book = compile_document(sources, sink)
    hyphenator = Hyphenator()
    try:
        with pytest.raises(StageFailed):
            layout_document(book, load_fonts(FONTS), hyphenator, sink, fork=fork, split_weight=0)
    finally:
        hyphenator.close()
    (error,) = sink.errors
    assert error.rule.id == "layout.too-wide"
    assert error.span.path.name == "02.md" and error.span.line > 10


def test_a_small_book_is_laid_out_whole(shipped_book):
    assert split_point(shipped_book) is None


def test_the_split_is_at_a_chapter_opening_a_page(tmp_path):
    from kkpdf.build import compile_document

    book = compile_document(two_chapter_book(tmp_path / "book", 2), DiagnosticSink())
    assert split_point(book, 0) == 1
    assert split_point(book, 10**9) is None


class _Stub(Part):
    """A part that lays out nothing, or fails the way it is told to."""

    def __init__(self, failure: BaseException | None = None) -> None:
        self.failure = failure

    def lay_out(self) -> PartLayout:
        if self.failure is not None:
            raise self.failure
        return PartLayout(3, {"h": 2})

    def finish(self, first_page: int, total: int, pages_of: dict[str, int]) -> PartPdf:
        return PartPdf(b"%d %d %d" % (first_page, total, pages_of["h"]),
                       Structure(Element("Document")), 0.0)  # fmt: skip


def test_the_parts_learn_each_others_numbers():
    _, (first, second) = run_parts(_Stub(), _Stub(), fork=True)
    # The second part's place "h" (its page 2) is page 5 of the book of 6 pages.
    assert (first.pdf, second.pdf) == (b"1 6 5", b"4 6 5")


def test_a_stop_in_the_child_stops_the_parent():
    with pytest.raises(Interrupted):
        run_parts(_Stub(), _Stub(Interrupted(2)), fork=True)


def test_a_failure_in_the_child_is_reported_with_its_traceback():
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        run_parts(_Stub(), _Stub(ZeroDivisionError()), fork=True)


def test_a_child_that_dies_is_named_with_its_exit_status():
    class Dies(_Stub):
        def lay_out(self) -> PartLayout:
            os._exit(3)

    with pytest.raises(RuntimeError, match="exit status 3"):
        run_parts(_Stub(), Dies(), fork=True)


def test_a_stop_while_waiting_for_the_child_kills_it():
    class Slow(_Stub):
        def lay_out(self) -> PartLayout:
            time.sleep(60)
            return super().lay_out()

    def stop() -> None:
        raise Interrupted(15)

    with pytest.raises(Interrupted):
        run_parts(_Stub(), Slow(), fork=True, checkpoint=stop)
    assert multiprocessing.active_children() == []


def test_what_did_not_fit_in_a_part_stops_both_before_they_finish():
    class TooTall(_Stub):
        def lay_out(self) -> PartLayout:
            return PartLayout(1, {}, too_tall=(Span(Path("luvut/02.md"), 3), "P"))

    layouts, pdfs = run_parts(_Stub(), TooTall(), fork=True)
    assert pdfs == [] and layouts[1].too_tall is not None
