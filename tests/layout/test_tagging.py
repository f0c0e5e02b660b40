"""The structure tree of the built book, read back and compared with the document model.

What a screen reader gets: every element in the order of the sources, headings,
lists and tables as the model has them, text that reads as written (hyphenated
line ends joined), page furniture as artifacts, another language marked.
"""

from __future__ import annotations

import itertools
import re

import pytest
from pikepdf import Name

from kkpdf.build import build_pdf
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import Chart, FinanceTable, GoalTable, Heading, ListBlock, Paragraph
from kkpdf.money import format_figure
from kkpdf.walk import inline_text
from tests.conftest import FONTS, LONG_WORDS, MINIMAL, copy_book
from tests.tagged import (
    SOFT_LINE_END,
    Tagged,
    language_spans,
    normalise,
    read_tagged,
    sequence_problems,
)


@pytest.fixture(scope="module")
def tagged(shipped_pdf):
    return read_tagged(shipped_pdf)


@pytest.fixture(scope="module")
def long_book(long_pdf):
    return read_tagged(long_pdf)


@pytest.fixture(scope="module")
def stress_book(stress_pdf):
    path, english = stress_pdf
    return read_tagged(path), english


def model_blocks(book, kinds):
    return [b for chapter in book.chapters for b in chapter.blocks if isinstance(b, kinds)]


def outside_tables(element: Tagged):
    """Elements under `element`, not descending into tables and the contents."""
    for child in element.children:
        yield child
        if child.kind not in ("Table", "TOC"):
            yield from outside_tables(child)


def expected_reading(blocks):
    """(kind, text) of the headings and paragraphs of the model, in source order."""
    for block in blocks:
        if isinstance(block, Heading):
            yield f"H{block.level}", inline_text(block.children)
        elif isinstance(block, Paragraph):
            yield "P", inline_text(block.children)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from expected_reading(item.blocks)
        elif isinstance(block, Chart):
            yield "P", block.title  # over its Figure


def test_the_catalogue_and_pages_say_the_file_is_tagged(tagged, shipped_book):
    root = tagged.pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == shipped_book.info.language == "fi-FI"
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert Name.Document == root.StructTreeRoot.K.S
    parents = dict(zip(*[iter(root.StructTreeRoot.ParentTree.Nums)] * 2, strict=True))
    for number, page in enumerate(tagged.pdf.pages):
        assert page.Tabs == Name.S
        used = {p.mcid for p in tagged.pieces[number] if p.mcid is not None}
        if used:
            # Every identifier the page uses has its element in the parent tree.
            assert len(parents[int(page.StructParents)]) >= max(used) + 1


def test_every_piece_of_text_is_tagged_or_an_artifact(tagged):
    loose = [(n, p.text) for n, found in tagged.pieces.items() for p in found
             if p.mcid is None and not p.artifact and p.text.strip()]  # fmt: skip
    assert loose == []
    furniture = {p.text.strip() for found in tagged.pieces.values() for p in found if p.artifact}
    assert "sivu 4 / 13" in furniture  # page numbers are artifacts, not text
    assert "Loviisan kaupunki" in furniture  # the running foot
    assert not any(p.artifact and p.mcid is not None for f in tagged.pieces.values() for p in f)


def test_headings_are_the_models_in_order_without_skipped_levels(tagged, shipped_book):
    found = [(e.kind, normalise(e.text)) for e in tagged.root.walk() if e.kind[1:].isdigit()]
    expected = [("H1", shipped_book.info.labels.contents)] + [
        (f"H{h.level}", inline_text(h.children)) for h in model_blocks(shipped_book, Heading)
    ]
    assert found == expected
    levels = [int(kind[1:]) for kind, _ in found]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_the_chapters_read_in_the_order_of_the_sources(tagged, shipped_book):
    sections = [e for e in tagged.root.children if e.kind == "Sect"]
    assert len(sections) == len(shipped_book.chapters)
    for section, chapter in zip(sections, shipped_book.chapters, strict=True):
        found = [(e.kind, normalise(e.text)) for e in outside_tables(section)
                 if e.kind == "P" or e.kind[1:].isdigit()]  # fmt: skip
        expected = [(kind, normalise(text)) for kind, text in expected_reading(chapter.blocks)]
        assert found == expected


def test_a_word_broken_at_a_line_end_reads_as_one_word(tagged):
    hyphenated = [p for f in tagged.pieces.values() for p in f if "\u00ad" in p.text]
    assert hyphenated, "the book has hyphenated line ends"
    for piece in hyphenated:
        # A soft hyphen ends a line; it never stands inside running text.
        assert piece.text.rstrip().endswith("\u00ad"), piece.text
    words = normalise(tagged.root.text).split()
    assert "taloudellisia" in words and "taloudelli-" not in tagged.root.text


def model_lists(blocks):
    """Every list of the model in document order, nested ones and those in cells too."""
    for block in blocks:
        if isinstance(block, ListBlock):
            yield block
            for item in block.items:
                yield from model_lists(item.blocks)
        elif isinstance(block, GoalTable):
            for row in block.rows:
                for cell in row.cells:
                    yield from model_lists(cell.blocks)


def test_lists_are_the_models_with_labels_and_bodies(tagged, shipped_book):
    expected = [lst for chapter in shipped_book.chapters for lst in model_lists(chapter.blocks)]
    found = tagged.root.find("L")
    assert len(found) == len(expected) > 0
    for listed, model in zip(found, expected, strict=True):
        assert [item.kind for item in listed.children] == ["LI"] * len(model.items)
        for number, (item, model_item) in enumerate(
            zip(listed.children, model.items, strict=True), start=model.start
        ):
            label, body = item.children
            assert (label.kind, body.kind) == ("Lbl", "LBody")
            assert label.text.strip() == (f"{number}." if model.ordered else "–")
            texts = [inline_text(b.children) for b in model_item.blocks if isinstance(b, Paragraph)]
            assert normalise(body.text).startswith(normalise(" ".join(texts)))


def test_finance_tables_have_captions_headers_and_scoped_cells(tagged, shipped_book):
    tables = [t for t in tagged.root.find("Table") if t.children[0].kind == "Caption"]
    models = model_blocks(shipped_book, FinanceTable)
    assert len(tables) == len(models)
    currency = shipped_book.info.labels.currency
    for table, model in zip(tables, models, strict=True):
        caption, head, body = table.children
        assert normalise(caption.text) == normalise(f"{model.unit.name} {model.note}")
        (header_row,) = head.children
        assert [normalise(c.text) for c in header_row.children] == [
            currency,
            *(normalise(c.heading) for c in model.columns),
        ]
        assert {c.attributes["Scope"] for c in header_row.children} == {"Column"}
        assert len(body.children) == len(model.rows)
        for row, model_row in zip(body.children, model.rows, strict=True):
            label, *figures = row.children
            assert (label.kind, label.attributes["Scope"]) == ("TH", "Row")
            assert normalise(label.text) == normalise(model_row.account.label)
            assert [f.kind for f in figures] == ["TD"] * len(model_row.cells)
            assert [normalise(f.text) for f in figures] == [
                normalise(format_figure(c.value)) if c.value is not None else ""
                for c in model_row.cells
            ]


def test_goal_tables_have_header_cells_and_their_texts(tagged, shipped_book):
    tables = [t for t in tagged.root.find("Table") if t.children[0].kind == "THead"]
    models = model_blocks(shipped_book, GoalTable)
    assert len(tables) == len(models)
    for table, model in zip(tables, models, strict=True):
        head, body = table.children
        assert [normalise(c.text) for c in head.children[0].children] == list(model.headings)
        for row, model_row in zip(body.children, model.rows, strict=True):
            assert [normalise(c.text) for c in row.children] == [
                normalise(" ".join(inline_text(b.children) for b in cell.blocks))
                for cell in model_row.cells
            ]


def test_a_table_that_breaks_across_pages_is_one_table(long_book):
    (table,) = long_book.root.find("Table")[1:]  # after the finance table
    pages = {page for element in table.walk() for page, _ in element.content}
    assert len(pages) > 1
    head, body = table.children
    assert len(head.children) == 1 and len(body.children) == 43
    # The header row repeated on the next page is page furniture, read once.
    repeated = [p for n in sorted(pages)[1:] for p in long_book.pieces[n]
                if p.artifact and p.text.strip() == "Tavoite"]  # fmt: skip
    assert repeated


def test_a_paragraph_that_breaks_across_pages_is_one_paragraph(long_book):
    (paragraph,) = [p for p in long_book.root.find("P") if len(p.text) > 2000]
    assert len({page for page, _ in paragraph.content}) == 2
    words = normalise(paragraph.text).split()
    assert words == [LONG_WORDS[(n * 7) % len(LONG_WORDS)] for n in range(500)]


def test_both_pages_of_a_split_paragraph_end_lines_with_soft_hyphens(long_book):
    """The second page's piece is broken anew by ReportLab: its hyphens at line
    ends must stay soft (read as one word), and the text's own stay hard."""
    (paragraph,) = [p for p in long_book.root.find("P") if len(p.text) > 2000]
    texts = {page: "" for page, _ in paragraph.content}
    for page, mcid in paragraph.content:
        texts[page] += "".join(p.text for p in long_book.pieces[page] if p.mcid == mcid)
    for text in texts.values():
        assert SOFT_LINE_END.search(text), "no line of this page ends inside a word"
        assert not re.search(r"[^\W\d_]-\s", text.replace("ICT-", "ICT")), "a hard hyphen"


def test_contents_entries_link_to_their_headings_with_a_description(tagged, shipped_book):
    (contents,) = tagged.root.find("TOC")
    headings = [h for h in model_blocks(shipped_book, Heading) if h.level <= 3]
    assert len(contents.children) == len(headings)
    parents = dict(zip(*[iter(tagged.pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2, strict=True))
    for entry, heading in zip(contents.children, headings, strict=True):
        (link,) = entry.children
        (annotation,) = link.annotations
        assert link.kind == "Link" and annotation.Subtype == Name.Link
        assert str(annotation.Contents) == inline_text(heading.children)
        assert Name.Link == parents[int(annotation.StructParent)].S


def test_text_in_another_language_is_marked_with_it(tagged):
    spans = language_spans(tagged.pdf)
    assert {lang for lang, _ in spans} == {"en"}
    assert normalise(" ".join(text for _, text in spans)) == "Covenant of Mayors"


def test_a_span_in_another_language_broken_across_lines_is_marked_on_each(tmp_path):
    name = "Covenant of Mayors for Climate and Energy Europe"
    chapter = (
        f"# Keskus\n\n{'Aloitamme nyt ' * 7}[{name}]{{lang=en}} -toimet.\n\n"
        "```{finance-table} keskus\n```\n\n```{goal-table} teema\n```\n"
    )
    sources = copy_book(MINIMAL, tmp_path / "book", {"luvut/01.md": chapter})
    sink = DiagnosticSink()
    build_pdf(sources, tmp_path / "kirja.pdf", FONTS, sink)
    spans = language_spans(read_tagged(tmp_path / "kirja.pdf").pdf)
    assert len(spans) == 2  # the line ends inside the name: closed there, opened again
    assert {lang for lang, _ in spans} == {"en"}
    assert normalise(" ".join(text for _, text in spans)) == name


def test_marked_sequences_balance_and_never_nest(tagged, long_book, stress_book):
    for book in (tagged, long_book, stress_book[0]):
        assert sequence_problems(book.pdf) == []


def test_a_span_longer_than_a_page_keeps_its_language_on_every_page(stress_book):
    book, english = stress_book
    spans = language_spans(book.pdf)
    assert {lang for lang, _ in spans} == {"en"}
    text = normalise(" ".join(text for _, text in spans))
    # The contents line and the heading, then the paragraph.
    assert text == "Covenant of Mayors Covenant of Mayors " + english
    (paragraph,) = [p for p in book.root.find("P") if english[:40] in normalise(p.text)]
    assert len({page for page, _ in paragraph.content}) >= 3


def test_a_heading_in_another_language_is_marked_and_so_is_its_contents_line(stress_book):
    book, _ = stress_book
    (heading,) = book.root.find("H2")
    assert normalise(heading.text) == "Covenant of Mayors -ohjelma"
    contents_pages = {
        page for e in book.root.find("TOC") for x in e.walk() for page, _ in x.content
    }
    marked_on = {
        n for n, page in enumerate(book.pdf.pages) if b"/Lang" in page.Contents.read_bytes()
    }
    assert contents_pages <= marked_on


def test_an_empty_list_item_keeps_its_label(stress_book):
    book, _ = stress_book
    first = book.root.find("L")[0]
    assert [normalise(item.text) for item in first.children[:1]] == ["–"]
    assert any(item.find("L") for item in first.children)  # the nested list


def test_a_space_before_emphasis_survives_hyphenation(stress_book):
    book, _ = stress_book
    assert "Toiminnallisuus kohta ja kaupunginkanslia jatkuu." in [
        normalise(p.text) for p in book.root.find("P")
    ]


def test_cells_split_inside_a_row_read_as_written(long_book, long_pdf):
    """Paragraphs and list items split inside table rows keep their words whole:
    ReportLab broke the pieces again and dropped hyphens ("epalvelut")."""
    from kkpdf.build import compile_document

    book = compile_document(long_pdf.parent / "book", DiagnosticSink())
    (model,) = [b for c in book.chapters for b in c.blocks if isinstance(b, GoalTable)]
    (table,) = long_book.root.find("Table")[1:]
    _, body = table.children
    split_rows = 0
    for row, model_row in zip(body.children, model.rows, strict=True):
        for cell, model_cell in zip(row.children, model_row.cells, strict=True):
            expected = " ".join(_cell_text(block) for block in model_cell.blocks)
            # A line may end at a word's own hyphen ("e-" / "palvelut"); the text
            # has no hyphen followed by a space, so none is compared.
            found = normalise(cell.text).replace("– ", "").replace("- ", "-")
            assert found == normalise(expected)
        split_rows += len({page for e in row.walk() for page, _ in e.content}) > 1
    assert split_rows >= 2


def _cell_text(block) -> str:
    if isinstance(block, ListBlock):
        return " ".join(_cell_text(b) for item in block.items for b in item.blocks)
    return inline_text(block.children)
