"""A draft's report read back from the PDF and from its exports: page order, headings,
hints, and the same lines with the pages where the marked places really are."""

from __future__ import annotations

import csv
import re

import pytest
from pypdf import PdfReader

from kkpdf.cli import main
from kkpdf.messages import load_language
from tests.conftest import MINIMAL, copy_book
from tests.seed import SEED_SOURCES
from tests.tagged import annotations, normalise

FINNISH, SWEDISH = load_language("fi"), load_language("sv")
BILINGUAL = MINIMAL.parent / "bilingual"
COLUMNS = ("page", "kind", "kind id", "file", "line", "column", "text", "hint")
HEADINGS = ("page", "kind", "place", "finding / hint")


def report_pages(reader: PdfReader, title: str) -> list[str]:
    """The text of the report's pages, which end the draft."""
    texts = [normalise(page.extract_text()) for page in reader.pages]
    first = next(n for n, text in enumerate(texts) if title in text)
    return texts[first:]


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The seed's draft with its report as CSV, and again with it as XLSX."""
    folder = tmp_path_factory.mktemp("report")
    for suffix in ("csv", "xlsx"):
        pdf, report = folder / f"{suffix}.pdf", folder / f"raportti.{suffix}"
        argv = ["build", str(SEED_SOURCES), "--draft", "-o", str(pdf), "--report", str(report)]
        assert main(argv) == 0
    return folder


def csv_rows(folder) -> list[list[str]]:
    data = (folder / "raportti.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    return list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=";"))


def xlsx_rows(folder) -> list[list[object]]:
    from openpyxl import load_workbook

    sheet = load_workbook(folder / "raportti.xlsx").active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def links(reader: PdfReader, pages: int) -> list[tuple[int, int, str]]:
    """The report's links, in the order drawn: the page each leads to, the page number
    its line says, and what it describes."""
    found = []
    for number, link in annotations(reader, "/Link"):
        if number > len(reader.pages) - pages:
            destination = reader.pages.index(link["/Dest"][0].get_object()) + 1
            said = str(link["/Contents"])
            found.append((destination, int(said.split(":")[0]), said))
    return found


def test_the_report_lists_findings_in_the_order_of_the_pages(seed):
    reader = PdfReader(seed / "csv.pdf")
    pages = report_pages(reader, "Tarkistusraportti")
    drawn = links(reader, len(pages))
    assert len(drawn) == 19  # 3 errors, 2 notes of them, 14 warnings (8 misspellings)
    assert all(destination == said for destination, said, _ in drawn)  # its page, and a link
    in_order = [destination for destination, _, _ in drawn]
    assert in_order == sorted(in_order) and len(set(in_order)) >= 6
    # The text of the pages in the same order: each line's text after the one before.
    text, at = " ".join(pages), 0
    for row in csv_rows(seed)[1:]:
        at = text.index(normalise(row[6])[:40], at) + 1  # ValueError if not after it


def test_the_headings_are_in_the_books_language_on_every_page_of_the_report(seed):
    reader = PdfReader(seed / "csv.pdf")
    pages = report_pages(reader, "Tarkistusraportti")
    assert len(pages) >= 2, "the seed's report is long enough to repeat its header"
    said = " ".join(FINNISH.translate(h) for h in HEADINGS)
    assert said != " ".join(HEADINGS)
    assert all(said in page for page in pages)


def test_a_hint_stands_under_its_finding(seed):
    pages = " ".join(report_pages(PdfReader(seed / "csv.pdf"), "Tarkistusraportti"))
    hinted = [row for row in csv_rows(seed)[1:] if row[7]]
    assert len(hinted) >= 15
    for row in hinted:
        assert normalise(f"{row[6]} {FINNISH.translate('hint')}: {row[7]}") in pages


def test_the_exports_list_the_reports_lines_with_the_pages_where_they_stand(seed):
    reader = PdfReader(seed / "csv.pdf")
    drawn = links(reader, len(report_pages(reader, "Tarkistusraportti")))
    rows, workbook = csv_rows(seed), xlsx_rows(seed)
    assert rows[0] == [FINNISH.translate(column) for column in COLUMNS]
    assert [[str(value) for value in row] for row in workbook] == rows
    assert all(isinstance(row[0], int) for row in workbook[1:])  # a number, to sort by
    # Line by line the report's: its page, and its place in the description of its link.
    assert [int(row[0]) for row in rows[1:]] == [page for page, _, _ in drawn]
    assert [f"{row[3]}:{row[4]}:{row[5]}" for row in rows[1:]] == [
        said.split(" ")[1] for _, _, said in drawn
    ]
    # An unknown word is on the page the line gives.
    texts = [re.sub(r"[\s\u00ad]", "", page.extract_text()) for page in reader.pages]
    unknown = FINNISH.translate("unknown word '{word}'{suggestions}").split("'")[0]
    words = [
        (int(row[0]), re.search(r"'([^']+)'", row[6])[1])
        for row in rows[1:]
        if row[6].startswith(unknown)
    ]
    assert len(words) == 8
    for page, word in words:
        assert word in texts[page - 1], (page, word)


def test_the_swedish_edition_heads_its_report_in_swedish(tmp_path):
    book = copy_book(BILINGUAL, tmp_path / "kirja")
    figures = book / "data" / "talous.yaml"
    text = figures.read_text(encoding="utf-8")
    broken = text.replace("toimintakate:   [-4 000,", "toimintakate:   [-4 100,")
    assert broken != text  # a sum that no longer adds up: an error a draft shows
    figures.write_text(broken, encoding="utf-8")
    pdf, report = tmp_path / "utkast.pdf", tmp_path / "rapport.csv"
    argv = ["build", str(book), "--edition", "sv", "--draft", "-o", str(pdf), "--report",
            str(report)]  # fmt: skip
    assert main(argv) == 0
    said = " ".join(SWEDISH.translate(h) for h in HEADINGS)
    assert said != " ".join(HEADINGS)
    title = "Granskningsrapport"  # the Swedish check_report label of the book
    pages = report_pages(PdfReader(pdf), title)
    assert said in pages[0]
    header = report.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(";")[:2] == [SWEDISH.translate("page"), SWEDISH.translate("kind")]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--draft", "--report", "raportti.pdf"], "neither a .csv nor an .xlsx"),
        (["--report", "raportti.csv"], "add --draft"),
    ],
)
def test_a_report_that_cannot_be_written_is_refused_before_building(tmp_path, capsys, argv,
                                                                     said):  # fmt: skip
    output = tmp_path / "luonnos.pdf"
    status = main(["build", str(MINIMAL), "-o", str(output), *argv])
    assert status == 2 and said in capsys.readouterr().err
    assert not output.exists()


def test_a_report_names_one_file_so_a_book_in_editions_needs_one(tmp_path, capsys):
    book = copy_book(BILINGUAL, tmp_path / "kirja")
    status = main(["build", str(book), "--draft", "--report", str(tmp_path / "r.xlsx")])
    assert status == 2 and "give --edition" in capsys.readouterr().err
    assert not (tmp_path / "output").exists()
