"""Thousands: an export in thousands of euros (the mapping's `scale`), and a table in
thousands (the table's `scale`), each rounded once, half away from zero."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TOWN, copy_book
from tests.importing.test_import import run

MAPPING = """\
table_column: A
label_column: B
scale: {scale}
signs: {{cost: -1, poistot_ja_arvonalentumiset: -1}}
"""


def imported(tmp_path: Path, capsys, scale: int, csv: str) -> tuple[int, str, str, Path]:
    book = copy_book(TOWN, tmp_path / "town")
    export, mapping = tmp_path / "vienti.csv", tmp_path / "mapping.yaml"
    export.write_text(csv, encoding="utf-8-sig")
    mapping.write_text(MAPPING.format(scale=scale), encoding="utf-8")
    status, out, err = run(["import", export, book, "--mapping", mapping], capsys)
    return status, out, err, book


def test_an_export_in_thousands_is_multiplied_before_it_is_rounded(tmp_path, capsys):
    csv = "Yksikkö;Nimike;TA 2023\nSivistyskeskus (esimerkki);Poistot ja arvonalentumiset;1 300,4\n"
    status, out, err, book = imported(tmp_path, capsys, 1000, csv)
    assert status == 0, err
    assert "TA 2023: −1\u00a0300\u00a0000 → −1\u00a0300\u00a0400" in out
    data = (book / "data" / "talous.yaml").read_text(encoding="utf-8")
    assert "[ -1 200 000,  -1 250 000,  -1 300 400,  -1 350 000,  -1 400 000]" in data


def test_euros_into_a_table_in_thousands_round_half_away_from_zero(tmp_path, capsys):
    # Verotulot TA 2023 is 35 000 (thousands): 34 999 500,00 € is 35 000 thousand.
    csv = "Yksikkö;Nimike;TA 2023\nTuloslaskelma;Verotulot;34 999 500,00\n"
    status, out, err, _ = imported(tmp_path, capsys, 1, csv)
    assert status == 0, err
    assert out == ""
    assert "1 figure imported, 0 figures changed" in err
    csv = "Yksikkö;Nimike;TA 2023\nTuloslaskelma;Verotulot;34 999 499,99\n"
    status, out, err, _ = imported(tmp_path / "2", capsys, 1, csv)
    assert status == 0, err  # within the rounding the income statement's sums allow
    assert out.endswith("Tuloslaskelma, Verotulot, TA 2023: 35\u00a0000 → 34\u00a0999 "
                        f"(from {tmp_path / '2' / 'vienti.csv'}:C2)\n")  # fmt: skip
