"""Reading exports: the example workbook and CSV, the encodings and marks of Finnish
CSV, and what is not an export, each refused with what to do."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from kkpdf.importing import readers
from kkpdf.importing.readers import ExportProblem, read_export
from tests.importing.test_import import CSV, XLSX


def test_the_example_workbook_keeps_each_cell_where_it_stands():
    workbook = read_export(XLSX)
    names = [sheet.name for sheet in workbook.sheets]
    assert names[:3] == ["Ohje", "Kaupunginkansliakeskus", "Kaupunginkansliapalvelut"]
    sheet = workbook.sheets[1]
    assert sheet.cell(3, 3).value == "TP 2021"
    assert sheet.cell(12, 2).value == "Palvelujen ostot"
    # Half a euro below the figure, as the finance system keeps it, and exact.
    assert sheet.cell(12, 3).value == Decimal("1987063.5")
    assert sheet.cell(12, 4).value == Decimal("2110480")
    assert str(sheet.cell(12, 3).span) == f"{XLSX}:Kaupunginkansliakeskus!C12"
    assert sheet.cell(5, 3).value is None  # Maksutuotot, blank
    assert [(str(a), str(b)) for a, b in sheet.merged] == [
        (f"{XLSX}:Kaupunginkansliakeskus!A1", f"{XLSX}:Kaupunginkansliakeskus!G1")
    ]
    assert sheet.cell(500, 500).value is None  # beyond the data: empty


def test_the_example_csv_is_read_as_windows_1252_with_finnish_numbers():
    (sheet,) = read_export(CSV).sheets
    assert sheet.name == ""
    assert sheet.cell(1, 1).value == "Yksikkö"
    assert sheet.cell(10, 2).value == "4300-4499 Palvelujen ostot"
    assert sheet.cell(10, 3).value == Decimal("1987063.50")
    assert str(sheet.cell(10, 3).span) == f"{CSV}:C10"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Nimike;TA 2023\nMyyntituotot;−1 234,5\n".encode("utf-8-sig"), Decimal("-1234.5")),
        ("Nimike;TA 2023\nMyyntituotot;-1\u00a0234,5\n".encode(), Decimal("-1234.5")),
        ("Nimike;TA 2023\nKäyttö;1\u00a0234\n".encode("cp1252"), Decimal(1234)),
        (b'Nimike;TA 2023\r\n"Muut; kulut";"7"\r\n', Decimal(7)),
    ],
)  # fmt: skip
def test_csv_encodings_and_marks(tmp_path, data, expected):
    path = tmp_path / "vienti.csv"
    path.write_bytes(data)
    (sheet,) = read_export(path).sheets
    assert sheet.cell(1, 2).value == "TA 2023"
    assert sheet.cell(2, 2).value == expected


def test_a_cp1252_label_is_read_as_written(tmp_path):
    path = tmp_path / "vienti.csv"
    path.write_bytes("Käyttö;Henkilöstökulut\n".encode("cp1252"))
    assert read_export(path).sheets[0].cell(1, 2).value == "Henkilöstökulut"


def refusal(path: Path) -> str:
    with pytest.raises(ExportProblem) as raised:
        read_export(path)
    assert raised.value.hint is not None or "empty" not in str(raised.value.message)
    return str(raised.value.message)


def test_what_is_not_an_export_is_refused(tmp_path):
    (tmp_path / "vienti.txt").write_text("x", encoding="utf-8")
    assert refusal(tmp_path / "vienti.txt") == "'.txt' is not a kind of export kkpdf reads"
    (tmp_path / "tyhja.xlsx").write_bytes(b"")
    assert refusal(tmp_path / "tyhja.xlsx") == "the export is empty"
    (tmp_path / "teksti.xlsx").write_text("Nimike;TA 2023\n", encoding="utf-8")
    assert refusal(tmp_path / "teksti.xlsx").startswith("cannot read the export as a spreadsheet: ")
    assert refusal(tmp_path / "puuttuu.xlsx").startswith("cannot read the export: ")
    (tmp_path / "nul.csv").write_bytes(b"a;\x00b\n")
    assert refusal(tmp_path / "nul.csv") == "the export is not a CSV text: it has NUL bytes"
    (tmp_path / "binary.csv").write_bytes(b"a;\x81\x8d\n")
    assert refusal(tmp_path / "binary.csv") == (
        "the export is not text in UTF-8 or Windows-1252 (byte 3)"
    )


def test_an_export_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "valtava.csv"
    with path.open("wb") as file:
        file.truncate(readers.MAX_BYTES + 1)  # sparse: nothing is written
    assert refusal(path) == "the export is 50 MB; an export of a budget's figures is far smaller"


def test_a_sheet_of_millions_of_cells_is_refused_before_it_is_read(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = 1
    workbook.active["XFD1048576"] = 1  # a small file that says it spans the whole sheet
    path = tmp_path / "valtava.xlsx"
    workbook.save(path)
    assert path.stat().st_size < 100_000
    assert refusal(path) == "the export's sheets are too large to read"


def test_a_zip_that_is_no_workbook_is_refused(tmp_path):
    path = tmp_path / "vienti.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "text/plain")
    assert refusal(path).startswith("cannot read the export as a spreadsheet: ")
