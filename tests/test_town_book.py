"""The example whole book, built and read back: every part's tables are in the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from kkpdf.model import ComputedTable, FinanceTable, GoalTable
from kkpdf.money import format_number
from tests.layout.test_book_parts import outline_of
from tests.tagged import read_tagged


@pytest.fixture(scope="module")
def text(town_pdf: Path) -> str:
    # Figures are grouped by no-break spaces; the text extraction may give plain ones.
    pages = "\n".join(page.extract_text() for page in PdfReader(town_pdf).pages)
    return pages.replace("\u00a0", " ")


def test_the_computed_tables_print_what_the_model_computed(town_book, text):
    for table in town_book.computed_tables:
        assert table.caption in text
        for line in table.lines:
            for value in line.values:
                if value is not None:
                    printed = format_number(value, line.decimals).replace("\u00a0", " ")
                    assert printed in text, (table.key, line.key)


def test_ratios_print_with_a_decimal_comma(text):
    assert "Vuosikate, % poistoista" in text
    assert "91,9" in text


def test_the_statements_print_in_thousands_under_their_own_caption(town_book, text):
    assert "Tuloslaskelma" in text and "Rahoituslaskelma" in text
    assert "1 000 euroa" in text
    assert "Tuloslaskelman rivit ovat sitovia" in text
    # A statement has no binding-row note of a unit's table unless it says so.
    assert text.count("Sävytetty rivi on sitova kaupunginvaltuustoon nähden.") == 4


def test_every_table_is_a_real_table_with_header_scopes(town_book, town_pdf):
    tagged = read_tagged(town_pdf)
    tables = tagged.root.find("Table")
    kinds = (FinanceTable, ComputedTable, GoalTable)
    placed = sum(isinstance(b, kinds) for chapter in town_book.chapters for b in chapter.blocks)
    assert len(tables) == placed
    for table in tables:
        headers = table.find("TH")
        assert headers and all(th.attributes.get("Scope") in ("Column", "Row") for th in headers)


def test_the_contents_list_the_four_statutory_parts_and_the_outline_nests_three_deep(town_pdf):
    outline = outline_of(town_pdf)
    parts = [title for title, _, _ in outline[1:]]
    assert parts == ["Yleisperustelut", "Tuloslaskelmaosa", "Käyttötalousosa", "Investointiosa",
                     "Rahoitusosa"]  # fmt: skip
    operating = outline[3][2]
    centre = next(children for title, _, children in operating
                  if title == "Kaupunginkansliakeskus")  # fmt: skip
    areas = [title for title, _, _ in centre]
    assert "Talouspalvelut" in areas  # part › centre › area
    contents = PdfReader(town_pdf).pages[2].extract_text()
    for title in parts:
        assert title in contents
    # Each part and each chapter opens a right-hand (odd) page.
    assert all(page % 2 == 1 for _, page, _ in outline[1:])
    assert all(page % 2 == 1 for _, _, chapters in outline[1:] for _, page, _ in chapters)
