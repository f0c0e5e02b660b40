"""Hostile exports and mappings for `kkpdf import`: each ends in an error at its file
and a non-zero exit, never a traceback, and no file of the book changes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kkpdf.importing import readers
from tests.conftest import TOWN, copy_book
from tests.hostile.corpus import run_kkpdf
from tests.importing.test_import import XLSX, XLSX_MAPPING


def imported(tmp_path: Path, export: Path, mapping: Path = XLSX_MAPPING) -> list[str]:
    book = tmp_path / "town"
    if not book.exists():
        copy_book(TOWN, book)
    run = run_kkpdf(["import", str(export), str(book), "--mapping", str(mapping)], tmp_path,
                    book / "output")  # fmt: skip
    assert run.status == 1
    return run.errors


def sparse(path: Path) -> None:
    with path.open("wb") as file:
        file.truncate(readers.MAX_BYTES + 1)


def far_cells(path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active["A1"], workbook.active["XFD1048576"] = 1, 2
    workbook.save(path)


MAKERS = {
    "missing.xlsx": lambda path: None,
    "folder.xlsx": lambda path: path.mkdir(),
    "text.xlsx": lambda path: path.write_text("Nimike;TA 2023\n", encoding="utf-8"),
    "empty.ods": lambda path: path.write_bytes(b""),
    "empty.csv": lambda path: path.write_bytes(b""),
    "huge.csv": sparse,
    "huge.xlsx": sparse,
    "far.xlsx": far_cells,
    "pdf.xls": lambda path: path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8),
    "export.pdf": lambda path: path.write_bytes(b"%PDF-1.7\n"),
    "nul.csv": lambda path: path.write_bytes(b"Nimike;\x00\n"),
}


@pytest.mark.parametrize("name", MAKERS)
def test_an_export_that_cannot_be_read_is_an_error_at_it(tmp_path, name):
    export = tmp_path / name
    MAKERS[name](export)
    errors = imported(tmp_path, export)
    assert errors[0].startswith(f"{export}:1:1: error: ")


@pytest.mark.parametrize(
    "text", ["", "label_column: B\n\t", "label_column: *x\n", "label_column: !!binary B\n",
             "sheets: " + "[" * 500 + "\n", "\xff"],
)  # fmt: skip
def test_a_mapping_that_cannot_be_read_is_an_error_at_it(tmp_path, text):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_bytes(text.encode("latin-1"))
    errors = imported(tmp_path, XLSX, mapping)
    assert errors[0].startswith(f"{mapping}:")


def test_a_missing_mapping_is_an_error_at_it(tmp_path):
    errors = imported(tmp_path, XLSX, tmp_path / "missing.yaml")
    assert errors[0].startswith(f"{tmp_path / 'missing.yaml'}:1:1: error: cannot read the mapping")


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(min_size=1, max_size=2000),
    suffix=st.sampled_from([".csv", ".xlsx", ".xls", ".ods"]),
)
def test_any_bytes_are_read_or_refused(tmp_path, data, suffix):
    export = tmp_path / f"vienti{suffix}"
    export.write_bytes(data)
    book = tmp_path / "town"
    if not book.exists():
        copy_book(TOWN, book)
    run_kkpdf(["import", str(export), str(book), "--mapping", str(XLSX_MAPPING), "--dry-run"],
              tmp_path, book / "output")  # fmt: skip


@pytest.mark.parametrize("label", ["1" + " " * 100_000 + "x", " ".join(["1"] * 50_000),
                                   "Palvelujen ostot" * 6_000])  # fmt: skip
def test_a_label_of_a_hundred_thousand_characters_is_named_at_once(tmp_path, label):
    export = tmp_path / "vienti.csv"
    export.write_text(f"Yksikkö;Nimike;TA 2023\nSivistyskeskus;{label};1\n", encoding="utf-8")
    book = copy_book(TOWN, tmp_path / "town")
    run = run_kkpdf(["import", str(export), str(book), "--mapping",
                     str(TOWN.parent / "import" / "talous-csv.yaml")], tmp_path,
                    book / "output")  # fmt: skip
    assert run.status == 1
    assert run.errors[0].startswith(f"{export}:B2: error: ")
    assert run.seconds < 10
