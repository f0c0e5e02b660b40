"""The example whole book, built and read back: every part's tables are in the PDF."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from kkpdf.build import DraftRequest, build_pdf
from kkpdf.checks.ties import TIE
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import Chart, ComputedTable, FinanceTable, GoalTable, walk_blocks
from kkpdf.money import format_number
from tests.conftest import FONTS, TOWN, copy_book
from tests.tagged import annotations, outline_of, read_tagged
from tests.test_charts import figures


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


def test_the_whole_book_is_reproducible_wherever_it_is_built(tmp_path):
    digests = []
    for place in ("first", "second/deeper"):
        sources = copy_book(TOWN, tmp_path / place / "town")
        result = build_pdf(sources, tmp_path / place / "kirja.pdf", FONTS, DiagnosticSink(),
                           environ={"SOURCE_DATE_EPOCH": "1671019200"})  # fmt: skip
        digests.append(hashlib.sha256(result.output.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_a_draft_of_the_whole_book_marks_a_tie_that_fails_where_it_stands(tmp_path):
    sources = copy_book(TOWN, tmp_path / "town")
    statements = sources / "data" / "laskelmat.yaml"
    statements.write_text(
        statements.read_text(encoding="utf-8").replace(
            "investointimenot:                     [-4 500, -5 200, -5 820",
            "investointimenot:                     [-4 500, -5 200, -5 920",
        ),
        encoding="utf-8",
    )
    made = datetime.datetime(2022, 12, 1, 9, 0, tzinfo=datetime.UTC)
    sink = DiagnosticSink()
    result = build_pdf(sources, tmp_path / "luonnos.pdf", FONTS, sink, draft=DraftRequest(made))
    # The cash-flow total over it fails too; the tie says where the figure should come from.
    [tie] = [d for d in sink.errors if d.rule is TIE]
    assert (tie.span.line, tie.span.column) == (58, 60)
    reader = PdfReader(result.output)
    notes = [(page, str(a.get("/Contents", ""))) for page, a in annotations(reader, "/Highlight")]
    assert any("Investointimenot TA 2023" in note for _, note in notes), notes


@pytest.mark.parametrize("edition", ["fi", "sv"])
def test_each_edition_draws_its_charts_as_figures_whose_alt_text_has_every_figure(
    edition, town_book, town_pdf, town_swedish_pdf
):
    charts = [block for chapter in town_book.chapters for block in walk_blocks(chapter.blocks)
              if isinstance(block, Chart)]  # fmt: skip
    assert [chart.table for chart in charts] == ["kayttotalous", "tuloslaskelma"]
    with pikepdf.open(town_pdf if edition == "fi" else town_swedish_pdf) as pdf:
        alts = [str(figure.Alt).replace("\u00a0", " ") for figure in figures(pdf)]
        images = [name for page in pdf.pages
                  for name, xobject in page.Resources.get("/XObject", {}).items()
                  if xobject.get("/Subtype") == "/Image"]  # fmt: skip
    assert len(alts) == len(charts) and not images
    for chart, alt in zip(charts, alts, strict=True):
        for line in chart.series:  # the figures are the same in either edition
            for value in line.values:
                assert format_number(value, 0).replace("\u00a0", " ") in alt, (chart.table, value)
