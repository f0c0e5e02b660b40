"""A book in parts: the chapters stay one flat tuple, the parts say how they group,
and a section's headings are one level deeper than its file writes them."""

from __future__ import annotations

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import Heading
from tests.conftest import SOURCES, parts_book


def headings(chapter) -> list[int]:
    return [block.level for block in chapter.blocks if isinstance(block, Heading)]


def test_the_parts_hold_the_chapters_in_book_order(tmp_path):
    sink = DiagnosticSink()
    book = compile_document(parts_book(tmp_path / "book"), sink)
    assert not sink.errors
    assert [(p.title, p.start, p.stop) for p in book.parts] == [
        ("Alkusanat", 0, 1),
        ("Käyttötalousosa", 1, 6),
        ("Investointiosa", 6, 7),
    ]
    names = [chapter.span.path.name for chapter in book.chapters]
    assert names[2:6] == [
        "01-kaupunginkansliakeskus.md",
        "02-kaupunginkansliapalvelut.md",
        "03-tieto-ja-viestintateknologiapalvelut.md",
        "04-talouspalvelut.md",
    ]
    assert [chapter.section for chapter in book.chapters] == [False] * 3 + [True] * 3 + [False]
    assert book.info.contents_depth == 3


def test_a_part_title_is_placed_at_its_title_in_book_yaml(tmp_path):
    sources = parts_book(tmp_path / "book")
    book = compile_document(sources, DiagnosticSink())
    lines = (sources / "book.yaml").read_text(encoding="utf-8").split("\n")
    for part in book.parts:
        line = lines[part.span.line - 1]
        assert line[part.span.column - 1 : part.span.end_column - 1] == part.title
        assert line.lstrip().startswith("- title: ")


def test_a_section_is_one_level_below_the_same_file_as_a_chapter(tmp_path):
    whole = compile_document(parts_book(tmp_path / "book"), DiagnosticSink())
    alone = compile_document(SOURCES, DiagnosticSink())
    for area in range(1, 4):  # the shipped book's areas are chapters of their own
        section = whole.chapters[2 + area]
        assert section.span.path.name == alone.chapters[area].span.path.name
        assert headings(section) == [level + 1 for level in headings(alone.chapters[area])]
    assert headings(whole.chapters[2]) == headings(alone.chapters[0])  # the centre


def test_a_book_of_chapters_has_no_parts(shipped_book):
    assert shipped_book.parts == ()
    assert not any(chapter.section for chapter in shipped_book.chapters)


def test_a_part_title_may_name_the_year_by_placeholder(tmp_path):
    from tests.conftest import PARTS

    declared = (PARTS / "parts.yaml").read_text(encoding="utf-8")
    declared = declared.replace("title: Investointiosa", "title: Investoinnit {plan_years}")
    declared = declared.replace("title: Alkusanat", "title: Alkusanat {vuosi}")
    sink = DiagnosticSink()
    book = compile_document(parts_book(tmp_path / "book", declared), sink)
    assert book.parts[2].title == "Investoinnit 2023\u20132025"
    (error,) = sink.errors
    assert str(error.message).startswith("{vuosi} is no placeholder")
    assert error.span == book.parts[0].span
