"""A draft's report as a reader hears it: a table with column headings, one row a line."""

from __future__ import annotations

import csv

import pytest

from kkpdf.cli import main
from kkpdf.messages import load_language
from tests.seed import SEED_SOURCES
from tests.tagged import normalise, read_tagged

FINNISH = load_language("fi")


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    pdf, report = folder / "luonnos.pdf", folder / "raportti.csv"
    assert (
        main(["build", str(SEED_SOURCES), "--draft", "-o", str(pdf), "--report", str(report)]) == 0
    )
    rows = list(csv.reader(report.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    return read_tagged(pdf), rows[1:]


def report_table(tagged):
    (section,) = [
        s
        for s in tagged.root.find("Sect")
        if s.children and normalise(s.children[0].text) == "Tarkistusraportti"
    ]
    # The heading, what the draft is, the legend, the table.
    heading, identity, legend, table = section.children
    assert (heading.kind, identity.kind, legend.kind, table.kind) == ("H1", "P", "L", "Table")
    return table


def test_the_report_is_a_table_whose_header_cells_head_their_columns(draft):
    tagged, _ = draft
    head, body = report_table(tagged).children
    assert (head.kind, body.kind) == ("THead", "TBody")
    (row,) = head.children  # repeated on each page, but read once: the others are artifacts
    assert [cell.kind for cell in row.children] == ["TH"] * 4
    assert {cell.attributes["Scope"] for cell in row.children} == {"Column"}
    assert [normalise(cell.text) for cell in row.children] == [
        FINNISH.translate(text) for text in ("page", "kind", "place", "finding / hint")
    ]


def test_each_row_is_a_line_of_the_export_with_a_link_to_its_page(draft):
    tagged, rows = draft
    _, body = report_table(tagged).children
    assert len(body.children) == len(rows) > 10
    for row, line in zip(body.children, rows, strict=True):
        page, kind, place, finding = row.children
        (link,) = page.find("Link")
        assert link.annotations and normalise(link.text) == line[0]
        # A place too long for its column is read as its lines: "01.md: 3:1".
        assert [normalise(kind.text), "".join(place.text.split())] == [line[1], ":".join(line[3:6])]
        hint = f" {FINNISH.translate('hint')}: {line[7]}" if line[7] else ""
        assert normalise(finding.text) == normalise(line[6] + hint)


@pytest.mark.parametrize("code", ["fi", "sv"])
def test_every_kind_word_fits_its_column(code):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from kkpdf import DEFAULT_FONTS
    from kkpdf.diagnostics import SEVERITY_WORDS
    from kkpdf.layout.fonts import load_fonts
    from kkpdf.layout.reports import KIND_WIDTH, PADDING
    from kkpdf.layout.styles import make_styles
    from kkpdf.proof.changes import KIND_WORDS

    fonts = load_fonts(DEFAULT_FONTS)
    style = make_styles(fonts).report_kind
    language = load_language(code)
    words = [w for kind in (*SEVERITY_WORDS.values(), *KIND_WORDS.values())
             for w in kind.render(language).split()]  # fmt: skip
    widest = max(stringWidth(word, style.fontName, style.fontSize) for word in words)
    assert widest <= KIND_WIDTH - 2 * PADDING
