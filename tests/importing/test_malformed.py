"""Malformed exports and mappings: each problem is reported at its sheet and cell, or at
the mapping's line, and the data files are left as they were, bytes and times."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.conftest import TOWN, copy_book
from tests.importing.test_import import XLSX, XLSX_MAPPING, run, state


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return copy_book(TOWN, tmp_path / "town")


def export_with(tmp_path: Path, change) -> Path:
    workbook = openpyxl.load_workbook(XLSX)
    change(workbook["Sivistyskeskus"])
    path = tmp_path / "vienti.xlsx"
    workbook.save(path)
    return path


def refused(book: Path, export: Path, capsys, mapping: Path = XLSX_MAPPING) -> list[str]:
    """The errors of an import that must fail, with the book checked to be untouched."""
    before = state(book)
    status, out, err = run(["import", export, book, "--mapping", mapping], capsys)
    assert status == 1, err
    assert out == ""
    assert state(book) == before
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("kkpdf: ")
    assert "nothing written; the data files are as they were" in err.splitlines()[-1]
    return [line for line in err.splitlines() if ": error: " in line or line.startswith("  ")]


def test_merged_cells_among_the_figures(book, tmp_path, capsys):
    export = export_with(tmp_path, lambda sheet: sheet.merge_cells("C5:D5"))
    errors = refused(book, export, capsys)
    assert errors[0] == (f"{export}:Sivistyskeskus!C5: error: cells C5:D5 are merged: one value "
                         "shown over several cells")  # fmt: skip


def test_merged_title_above_the_headings_is_no_problem(book, tmp_path, capsys):
    # The example's own sheets have their title merged over row 1.
    status, _, err = run(["import", XLSX, book, "--mapping", XLSX_MAPPING], capsys)
    assert status == 0, err


def test_text_in_a_figure_column(book, tmp_path, capsys):
    def change(sheet):
        sheet["D4"] = "noin 2,1 milj."

    errors = refused(book, export_with(tmp_path, change), capsys)
    assert errors[0].endswith(":Sivistyskeskus!D4: error: 'noin 2,1 milj.' is not an amount")


def test_a_number_written_as_finnish_text_is_read(book, tmp_path, capsys):
    def change(sheet):
        sheet["D4"] = "2 150 000,00"  # as it was, but as text

    status, out, err = run(["import", export_with(tmp_path, change), book, "--mapping",
                            XLSX_MAPPING], capsys)  # fmt: skip
    assert status == 0, err
    assert out == ""


def test_a_heading_without_a_year(book, tmp_path, capsys):
    def change(sheet):
        sheet["F3"] = "TS"

    errors = refused(book, export_with(tmp_path, change), capsys)
    assert errors[0].endswith(":Sivistyskeskus!F3: error: the heading 'TS' names no year")


def test_figures_under_no_heading(book, tmp_path, capsys):
    def change(sheet):
        sheet["H4"] = 12

    errors = refused(book, export_with(tmp_path, change), capsys)
    assert errors[0].endswith(":Sivistyskeskus!H3: error: the heading '' names no year")


def test_two_columns_of_one_year(book, tmp_path, capsys):
    def change(sheet):
        sheet["G3"] = "TS 2024"

    errors = refused(book, export_with(tmp_path, change), capsys)
    assert errors[0].endswith(":Sivistyskeskus!G3: error: a second column of the year 2024")
    assert errors[1].endswith(":Sivistyskeskus!F3: note: the first is here")


def test_a_duplicate_row(book, tmp_path, capsys):
    def change(sheet):
        for column in "ABCDEFG":
            sheet[f"{column}9"] = sheet[f"{column}4"].value

    errors = refused(book, export_with(tmp_path, change), capsys)
    assert errors[0].endswith(
        ":Sivistyskeskus!B9: error: 'TOIMINTATUOTOT YHTEENSÄ' is the row 'toimintatuotot' of "
        "table 'sivistyskeskus' a second time"
    )
    assert errors[1].endswith(":Sivistyskeskus!B4: note: the first is here")


def test_a_duplicate_row_in_json_names_both_cells(book, tmp_path, capsys):
    import json

    def change(sheet):
        for column in "ABCDEFG":
            sheet[f"{column}9"] = sheet[f"{column}4"].value

    status, out, _ = run(["import", export_with(tmp_path, change), book, "--mapping",
                          XLSX_MAPPING, "--format", "json"], capsys)  # fmt: skip
    assert status == 1
    (error,) = [d for d in json.loads(out) if d["severity"] == "error"]
    assert (error["cell"], error["rule"]) == ("Sivistyskeskus!B9", "import.duplicate")
    (note,) = error["notes"]
    assert (note["cell"], note["line"], note["column"]) == ("Sivistyskeskus!B4", 4, 2)


def test_a_label_of_no_row_suggests_the_nearest(book, tmp_path, capsys):
    def change(sheet):
        sheet["A4"], sheet["B4"] = None, "Palvelujen ostot "

    errors = refused(book, export_with(tmp_path, change), capsys)
    assert errors[0].endswith(
        ":Sivistyskeskus!B4: error: 'Palvelujen ostot ' matches no row of the chart of accounts "
        "(did you mean 'Palveluiden ostot'?)"
    )


def test_a_row_the_table_does_not_have(book, tmp_path, capsys):
    def change(sheet):
        sheet["A9"], sheet["B9"], sheet["C9"] = "3000-3099", "Myyntituotot", 5

    errors = refused(book, export_with(tmp_path, change), capsys)
    assert errors[0].endswith(
        ":Sivistyskeskus!B9: error: 'Myyntituotot' is the row 'myyntituotot', which table "
        "'sivistyskeskus' does not have"
    )


def test_a_figure_for_a_year_the_table_does_not_have(book, tmp_path, capsys):
    workbook = openpyxl.load_workbook(XLSX)
    workbook["Talouspalvelut"]["F3"] = "TS 2024"
    workbook["Talouspalvelut"]["F4"] = 1
    export = tmp_path / "vienti.xlsx"
    workbook.save(export)
    errors = refused(book, export, capsys)
    assert errors[0].endswith(":Talouspalvelut!F4: error: table 'talouspalvelut' has no year 2024")


def test_a_sheet_of_no_table_is_listed(book, tmp_path, capsys):
    workbook = openpyxl.load_workbook(XLSX)
    workbook.create_sheet("Yhteenveto")
    export = tmp_path / "vienti.xlsx"
    workbook.save(export)
    status, _, err = run(["import", export, book, "--mapping", XLSX_MAPPING], capsys)
    assert status == 0, err
    assert f"{export}:Yhteenveto!A1: warning: sheet 'Yhteenveto' is no table of the book, so " \
        "its figures are not imported" in err  # fmt: skip


def test_an_ignored_row_is_listed(book, tmp_path, capsys):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(XLSX_MAPPING.read_text(encoding="utf-8")
                       + 'ignore_rows: ["6800-6899"]\n', encoding="utf-8")  # fmt: skip
    status, _, err = run(["import", XLSX, book, "--mapping", mapping], capsys)
    assert status == 0, err
    assert f"{XLSX}:Sivistyskeskus!B8: note: row 'Poistot ja arvonalentumiset' is not imported " \
        "(ignore_rows)" in err  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("label_column: B\nsheeets: {}\n", "2:1: error: unknown key 'sheeets' in the mapping "
                                            "(did you mean 'sheets'?)"),
        ("sheets: {}\n", "1:1: error: 'label_column:' is missing in the mapping"),
        ("label_column: 7\n", "1:15: error: 'label_column' must be a column's letters, such as B"),
        ("label_column: B7\n", "1:15: error: 'B7' is not a column's letters"),
        ("label_column: B\nscale: 100\n", "2:8: error: 'scale' is 100, not 1 or 1000"),
        ("label_column: B\nsheets: {Sivistyskeskus: sivistys}\n",
         "2:26: error: the book has no finance table 'sivistys' (did you mean 'sivistyskeskus'?)"),
        ("label_column: B\nrows: {Nimike: palvelujen_ostot}\n",
         "2:16: error: the chart of accounts has no row 'palvelujen_ostot' (did you mean "
         "'palveluiden_ostot'?)"),
        ("label_column: B\nsigns: {costs: -1}\n",
         "2:16: error: 'costs' is neither a kind of row nor a row's key (did you mean 'cost'?)"),
        ("label_column: B\nsigns: {cost: minus}\n", "2:15: error: 'cost' must be 1 or -1"),
        ("- a\n", "1:1: error: the mapping is not a mapping of keys to values"),
        ("label_column: [B\n", "error: invalid YAML"),
    ],
)  # fmt: skip
def test_a_wrong_mapping_is_reported_at_its_line(book, tmp_path, capsys, text, expected):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(text, encoding="utf-8")
    errors = refused(book, XLSX, capsys, mapping)
    assert any(line.startswith(str(mapping)) and expected in line for line in errors), errors


def test_a_row_of_no_figures_and_no_row_is_a_heading_listed_as_a_note(book, tmp_path, capsys):
    def change(sheet):
        sheet["B9"] = "Käyttötalous"  # a section's heading, as exports have them

    export = export_with(tmp_path, change)
    status, _, err = run(["import", export, book, "--mapping", XLSX_MAPPING], capsys)
    assert status == 0, err
    assert f"{export}:Sivistyskeskus!B9: note: row 'Käyttötalous' has no figures and is no row " \
        "of the chart of accounts, so it is not imported" in err  # fmt: skip


def test_a_row_of_no_figures_that_the_table_does_not_have_is_listed(book, tmp_path, capsys):
    def change(sheet):
        sheet["B9"] = "Myyntituotot"

    export = export_with(tmp_path, change)
    status, _, err = run(["import", export, book, "--mapping", XLSX_MAPPING], capsys)
    assert status == 0, err
    assert f"{export}:Sivistyskeskus!B9: note: row 'Myyntituotot' has no figures, and table " \
        "'sivistyskeskus' has no row 'myyntituotot', so it is not imported" in err  # fmt: skip


def test_a_sheet_the_mapping_names_and_the_export_has_not(book, tmp_path, capsys):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(XLSX_MAPPING.read_text(encoding="utf-8").replace(
        "Tietohallinto:", "Tietohallinnto:"), encoding="utf-8")  # fmt: skip
    errors = refused(book, XLSX, capsys, mapping)
    # The export's note on the sheet it then has unmapped sorts before or after this
    # by the files' paths, which depend on where the checkout is.
    assert (f"{mapping}:7:19: error: the export has no sheet 'Tietohallinnto' "
            "(did you mean 'Tietohallinto'?)") in errors  # fmt: skip


def test_headings_in_another_row_than_the_mapping_says(book, tmp_path, capsys):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(XLSX_MAPPING.read_text(encoding="utf-8").replace(
        "header_row: 3", "header_row: 2"), encoding="utf-8")  # fmt: skip
    errors = refused(book, XLSX, capsys, mapping)
    assert errors[0].endswith(":Kaupunginkansliakeskus!A2: error: no heading in row 2 names a year")


def test_an_ignored_column_is_listed(book, tmp_path, capsys):
    def change(sheet):
        sheet["H3"], sheet["H4"] = "Muutos %", 2.2

    export = export_with(tmp_path, change)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(XLSX_MAPPING.read_text(encoding="utf-8") + "ignore_columns: [h]\n",
                       encoding="utf-8")  # fmt: skip
    status, _, err = run(["import", export, book, "--mapping", mapping], capsys)
    assert status == 0, err
    assert f"{export}:Sivistyskeskus!H3: note: column H is not imported (ignore_columns)" in err


def test_with_json_the_review_goes_to_the_standard_error(book, tmp_path, capsys):
    import json

    def change(sheet):
        sheet["E8"] = 1300400

    export = export_with(tmp_path, change)
    status, out, err = run(["import", export, book, "--mapping", XLSX_MAPPING, "--format",
                            "json", "--dry-run"], capsys)  # fmt: skip
    assert status == 0, err
    assert [d["severity"] for d in json.loads(out)] == ["note"]  # the sheet 'Ohje'
    assert (
        "Poistot ja arvonalentumiset, TA 2023: −1\u00a0300\u00a0000 → −1\u00a0300\u00a0400" in err
    )


def test_a_unit_the_csv_names_and_the_book_has_not(book, tmp_path, capsys):
    from tests.importing.test_import import CSV, CSV_MAPPING

    text = CSV.read_bytes().decode("cp1252").replace("Talouspalvelut;", "Talouspalvelu;", 1)
    export = tmp_path / "vienti.csv"
    export.write_bytes(text.encode("cp1252"))
    row = next(i for i, line in enumerate(text.splitlines(), 1) if "Talouspalvelu;" in line)
    errors = refused(book, export, capsys, CSV_MAPPING)
    assert errors[0] == (f"{export}:A{row}: error: 'Talouspalvelu' names no table of the book "
                         "(did you mean 'talouspalvelut'?)")  # fmt: skip


def test_an_account_number_stored_as_a_number_is_read_as_written(book, tmp_path, capsys):
    def change(sheet):
        sheet["A8"] = 6800  # Poistot, by the account number alone
        sheet["B8"] = None

    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(XLSX_MAPPING.read_text(encoding="utf-8")
                       + '  "6800": poistot_ja_arvonalentumiset\n', encoding="utf-8")  # fmt: skip
    status, out, err = run(["import", export_with(tmp_path, change), book, "--mapping", mapping],
                           capsys)  # fmt: skip
    assert status == 0, err
    assert out == ""
