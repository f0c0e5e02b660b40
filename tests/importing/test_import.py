"""`kkpdf import`: the example exports give the town's data byte for byte; a changed
figure gives one changed line and one line of review; a malformed export gives
diagnostics at its cells and leaves every file as it was."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from kkpdf.cli import main
from kkpdf.parse.yaml_tree import YamlMap, load_yaml
from kkpdf.rollover.edits import TextEdits, refill
from tests.conftest import TOWN, copy_book

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
XLSX = EXAMPLES / "talous-2023.xlsx"
CSV = EXAMPLES / "talous-2023.csv"
ODS = EXAMPLES / "talous-2023.ods"
XLSX_MAPPING = EXAMPLES / "talous-xlsx.yaml"
CSV_MAPPING = EXAMPLES / "talous-csv.yaml"
DATA = TOWN / "data" / "talous.yaml"


def run(args, capsys):
    status = main([str(a) for a in args])
    printed = capsys.readouterr()
    return status, printed.out, printed.err


def scrambled(book: Path) -> Path:
    """The book with every figure of talous.yaml replaced by 1, in the same columns."""
    data = book / "data" / "talous.yaml"
    text = data.read_text(encoding="utf-8")
    tree = load_yaml(text, data)
    assert isinstance(tree, YamlMap)
    edits = TextEdits(text)
    for _, table in tree.entries:
        for _, figures in table.get("rows").entries:
            refill(edits, figures, ["1"] * len(figures.items))
    data.write_text(edits.applied(), encoding="utf-8")
    return data


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and time of writing."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


@pytest.mark.parametrize(
    ("export", "mapping"), [(XLSX, XLSX_MAPPING), (CSV, CSV_MAPPING), (ODS, XLSX_MAPPING)]
)
def test_the_example_export_gives_the_hand_written_data_byte_for_byte(
    tmp_path, capsys, export, mapping
):
    book = copy_book(TOWN, tmp_path / "town")
    data = scrambled(book)
    assert data.read_bytes() != DATA.read_bytes()

    status, out, err = run(["import", export, book, "--mapping", mapping], capsys)

    assert status == 0, err
    assert data.read_bytes() == DATA.read_bytes()
    assert len(out.splitlines()) == 195  # the town has no figure 1: each one changed
    assert "195 figures imported, 195 figures changed; wrote 1 file" in err.splitlines()[-1]
    # Every file but the data file is as it was.
    assert state(book).keys() == state(TOWN).keys()


def test_the_unchanged_data_gives_no_change_and_writes_nothing(tmp_path, capsys):
    book = copy_book(TOWN, tmp_path / "town")
    before = state(book)

    status, out, err = run(["import", XLSX, book, "--mapping", XLSX_MAPPING], capsys)

    assert status == 0, err
    assert out == ""
    assert "195 figures imported, 0 figures changed; wrote 0 files" in err
    assert state(book) == before


def changed_export(tmp_path: Path, sheet: str, cell: str, value: object) -> Path:
    workbook = openpyxl.load_workbook(XLSX)
    workbook[sheet][cell] = value
    changed = tmp_path / "talous-2023-muutettu.xlsx"
    workbook.save(changed)
    return changed


def test_one_changed_figure_changes_one_line_and_is_reviewed(tmp_path, capsys):
    book = copy_book(TOWN, tmp_path / "town")
    # Poistot of Sivistyskeskus, TA 2023: 1 300 000 exported positive. A memo row, in no
    # sum; the income statement's, in thousands, is the same.
    export = changed_export(tmp_path, "Sivistyskeskus", "E8", 1300400.4)

    status, out, err = run(["import", export, book, "--mapping", XLSX_MAPPING], capsys)

    assert status == 0, err
    old = DATA.read_text(encoding="utf-8").splitlines()
    new = (book / "data" / "talous.yaml").read_text(encoding="utf-8").splitlines()
    differ = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert differ == [(
        "    poistot_ja_arvonalentumiset:   [ -1 200 000,  -1 250 000,  -1 300 000,  -1 350 000,  "
        "-1 400 000]",
        "    poistot_ja_arvonalentumiset:   [ -1 200 000,  -1 250 000,  -1 300 400,  -1 350 000,  "
        "-1 400 000]",
    )]  # fmt: skip
    assert out.splitlines() == [
        f"{book / 'data' / 'talous.yaml'}:85:64: Sivistyskeskus (esimerkki), Poistot ja "
        "arvonalentumiset, TA 2023: −1\u00a0300\u00a0000 → −1\u00a0300\u00a0400 "
        f"(from {export}:Sivistyskeskus!E8)"
    ]
    assert "1 figure changed; wrote 1 file" in err


def test_a_dry_run_reviews_and_writes_nothing(tmp_path, capsys):
    book = copy_book(TOWN, tmp_path / "town")
    export = changed_export(tmp_path, "Sivistyskeskus", "E8", 1300400)
    before = state(book)

    status, out, err = run(["import", export, book, "--mapping", XLSX_MAPPING, "--dry-run"],
                           capsys)  # fmt: skip

    assert status == 0, err
    assert "−1\u00a0300\u00a0000 → −1\u00a0300\u00a0400" in out
    assert "--dry-run: 1 file would change, nothing written" in err
    assert state(book) == before


def test_figures_that_would_fail_the_checks_are_not_written(tmp_path, capsys):
    book = copy_book(TOWN, tmp_path / "town")
    # Toimintakulut of Kaupunginkansliakeskus, TA 2023, no longer the sum of its parts.
    export = changed_export(tmp_path, "Kaupunginkansliakeskus", "E15", 5000000)
    before = state(book)

    status, out, err = run(["import", export, book, "--mapping", XLSX_MAPPING], capsys)

    assert status == 1
    assert out == ""
    assert f"{export}:1:1: error: with the imported figures the sources would not pass the " \
        "checks" in err  # fmt: skip
    # The check's errors, and their candidates, at the data file's lines.
    assert f"{book / 'data' / 'talous.yaml'}:20:61: error: Toimintakulut TA 2023" in err
    assert f"  {book / 'data' / 'talous.yaml'}:15:61: candidate: Henkilöstökulut" in err
    assert "kkpdf-import-" not in err
    assert state(book) == before


def test_diagnostics_name_the_cell_in_json(tmp_path, capsys):
    book = copy_book(TOWN, tmp_path / "town")
    export = changed_export(tmp_path, "Sivistyskeskus", "B4", "Palvelujen ostot ")
    before = state(book)

    status, out, _ = run(["import", export, book, "--mapping", XLSX_MAPPING, "--format",
                          "json"], capsys)  # fmt: skip

    assert status == 1
    found = [d for d in json.loads(out) if d["severity"] == "error"]
    assert found[0]["file"] == str(export)
    assert found[0]["cell"] == "Sivistyskeskus!B4"
    assert (found[0]["line"], found[0]["column"]) == (4, 2)
    assert state(book) == before


def test_a_plain_build_does_not_load_the_spreadsheet_reader():
    import subprocess
    import sys

    code = ("import sys, kkpdf.cli as cli\n"
            "cli._load_building(); cli._load_checking()\n"
            "print('python_calamine' in sys.modules, 'kkpdf.importing.readers' in sys.modules)\n"
            "cli._load_importing()\n"
            "print('python_calamine' in sys.modules)\n")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    assert done.stdout.split() == ["False", "False", "True"]


def test_the_example_exports_are_what_the_script_makes(tmp_path):
    """The committed exports are reproducible from the town's data (kkpdf.devtools.exports)."""
    from kkpdf.devtools import exports
    from kkpdf.importing.readers import read_export

    assert exports.main([str(tmp_path)]) == 0
    for kept in (XLSX, CSV, ODS):
        assert (tmp_path / kept.name).read_bytes() == kept.read_bytes()
    # The workbook and the OpenDocument spreadsheet hold the same values in the same cells.
    workbook, opendocument = read_export(XLSX), read_export(ODS)
    assert [(s.name, [[c.value for c in row] for row in s.rows]) for s in workbook.sheets] == [
        (s.name, [[c.value for c in row] for row in s.rows]) for s in opendocument.sheets
    ]


def test_a_stop_asked_for_before_the_writing_writes_nothing(tmp_path):
    from kkpdf import DEFAULT_FONTS
    from kkpdf.diagnostics import DiagnosticSink
    from kkpdf.importing.run import import_export
    from kkpdf.interrupts import Interrupted, StopFlag

    book = copy_book(TOWN, tmp_path / "town")
    scrambled(book)
    before = state(book)
    stop = StopFlag()
    stop.request(15)
    with pytest.raises(Interrupted):
        import_export(XLSX, XLSX_MAPPING, book, DEFAULT_FONTS, DiagnosticSink(),
                      checkpoint=stop.checkpoint)  # fmt: skip
    assert state(book) == before
