"""The example exports of `kkpdf import`: the town book's operating figures as a
finance system would export them, in tests/fixtures/import/.

    python -m kkpdf.devtools.exports [FOLDER]

The workbook has a sheet per unit, named as the finance system shortens them, with a
title merged over the columns above the headings, account numbers in a column of
their own, the labels the system uses and costs positive; the accounts' year has
cents. The CSV has the same figures in one sheet with a unit column, as Finnish Excel
saves it: `;` between fields, a decimal comma, digits grouped by no-break spaces and
Windows-1252. The OpenDocument spreadsheet has the workbook's sheets, its title not
merged (the zip is written here, with fixed times, so that its bytes are the same
every time). The mappings beside them (written by hand) bring both back to the
figures of tests/fixtures/town/data/talous.yaml, byte for byte.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from kkpdf.build import compile_sources
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import FinanceTable

TOWN = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "town"
FOLDER = TOWN.parent / "import"
DATA_FILE = "talous.yaml"

# The finance system's account numbers and labels for the chart's rows.
EXPORT_ROWS = {
    "myyntituotot": ("3000-3099", "Myyntituotot"),
    "maksutuotot": ("3100-3199", "Maksutuotot"),
    "tuet_ja_avustukset": ("3200-3299", "Tuet ja avustukset"),
    "muut_toimintatuotot": ("3300-3499", "Muut toimintatuotot"),
    "toimintatuotot": ("", "TOIMINTATUOTOT YHTEENSÄ"),
    "joista_sisaiset": ("", "joista sisäiset"),
    "valmistus_omaan_kayttoon": ("3500-3599", "Valmistus omaan käyttöön"),
    "henkilostokulut": ("4000-4299", "Henkilöstökulut"),
    "palveluiden_ostot": ("4300-4499", "Palvelujen ostot"),
    "aineet_tarvikkeet_ja_tavarat": ("4500-4599", "Aineet, tarvikkeet ja tavarat"),
    "avustukset": ("4700-4799", "Avustukset"),
    "muut_toimintakulut": ("4800-4999", "Muut toimintakulut"),
    "toimintakulut": ("", "TOIMINTAKULUT YHTEENSÄ"),
    "toimintakate": ("", "TOIMINTAKATE"),
    "poistot_ja_arvonalentumiset": ("6800-6899", "Poistot ja arvonalentumiset"),
    "sisaiset_erat": ("", "Sisäiset erät netto"),
    "laskennalliset_erat": ("", "Laskennalliset erät netto"),
}
# The rows a finance system exports positive: the costs, their totals, the depreciation.
POSITIVE_COSTS = {"henkilostokulut", "palveluiden_ostot", "aineet_tarvikkeet_ja_tavarat",
                  "avustukset", "muut_toimintakulut", "toimintakulut",
                  "poistot_ja_arvonalentumiset"}  # fmt: skip
# The sheets' names: at most 31 characters, as the finance system shortens them.
SHEETS = {
    "kaupunginkansliakeskus": "Kaupunginkansliakeskus",
    "kaupunginkansliapalvelut": "Kaupunginkansliapalvelut",
    "tieto_ja_viestintateknologiapalvelut": "Tietohallinto",
    "talouspalvelut": "Talouspalvelut",
    "sivistyskeskus": "Sivistyskeskus",
    "tekninen_keskus": "Tekninen keskus",
}
HEADINGS = {-2: "TP {year}", -1: "TA {year} muutoksineen", 0: "TA {year}", 1: "TS {year}",
            2: "TS {year}"}  # fmt: skip
# The cents of the accounts' year, which the import rounds away: 38 cents toward zero,
# and in one cell half a euro, which rounds away from zero to the figure.
CENTS = Decimal("0.38")
HALF = ("palveluiden_ostot", 2021)
MOMENT = datetime.datetime(2023, 1, 16, 9, 30)
STAMP = MOMENT.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"


def tables() -> tuple[int, list[FinanceTable]]:
    """The budget year and the town's operating tables, in the order of the data file."""
    compiled = compile_sources(TOWN, DiagnosticSink())
    book = compiled.book
    found = [t for t in book.finance_tables if t.span.path.name == DATA_FILE]
    return book.info.budget_year, found


def amount(table: FinanceTable, row: str, year: int, value: int | None) -> Decimal | None:
    """A figure as the finance system exports it."""
    if value is None:
        return None
    exported = Decimal(-value if row in POSITIVE_COSTS else value)
    if year != table.columns[0].year or exported == 0:
        return exported
    cents = Decimal("0.50") if (row, year) == HALF else CENTS
    return exported - cents if exported > 0 else exported + cents  # rounds back away from zero


def rows(table: FinanceTable) -> list[tuple[str, str, list[Decimal | None]]]:
    """(account number, label, amounts) for each row of a table."""
    found = []
    for row in table.rows:
        number, label = EXPORT_ROWS[row.account.key]
        figures = [amount(table, row.account.key, column.year, cell.value)
                   for column, cell in zip(table.columns, row.cells, strict=True)]  # fmt: skip
        found.append((number, label, figures))
    return found


def headings(table: FinanceTable, budget: int) -> list[str]:
    return [HEADINGS[c.year - budget].format(year=c.year) for c in table.columns]


def workbook(budget: int, found: list[FinanceTable]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.properties.created = book.properties.modified = MOMENT
    book.remove(book.active)
    guide = book.create_sheet("Ohje")
    guide.append(["Talousjärjestelmän raportti: käyttötalous yksiköittäin, euroa"])
    for table in found:
        sheet = book.create_sheet(SHEETS[table.key])
        titles = headings(table, budget)
        sheet.append([f"{SHEETS[table.key]}: talousarvio {budget}"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2 + len(titles))
        sheet.append([])
        sheet.append(["Tili", "Nimike", *titles])
        for number, label, amounts in rows(table):
            numbers = [None if a is None else _spreadsheet_number(a) for a in amounts]
            sheet.append([number or None, label, *numbers])
    out = io.BytesIO()
    book.save(out)
    return _fixed_times(out.getvalue())


def _fixed_times(workbook: bytes) -> bytes:
    """The zip of a workbook with each part's time fixed, so that the same figures are
    the same bytes: openpyxl stamps the parts, and the workbook's `modified`, with the
    time it writes them."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as made, zipfile.ZipFile(out, "w") as fixed:
        for info in made.infolist():
            part = zipfile.ZipInfo(info.filename, date_time=MOMENT.timetuple()[:6])
            data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + STAMP, made.read(info))
            fixed.writestr(part, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def opendocument(budget: int, found: list[FinanceTable]) -> bytes:
    """The workbook's sheets as an OpenDocument spreadsheet (the title not merged), made
    by hand: its content is one XML part, and a zip written here has fixed times."""
    sheets = [("Ohje", [["Talousjärjestelmän raportti: käyttötalous yksiköittäin, euroa"]])]
    for table in found:
        body: list[list[object]] = [[f"{SHEETS[table.key]}: talousarvio {budget}"], [],
                                    ["Tili", "Nimike", *headings(table, budget)]]  # fmt: skip
        body += [[number or None, label, *amounts] for number, label, amounts in rows(table)]
        sheets.append((SHEETS[table.key], body))
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join("<table:table-row>" + "".join(map(_ods_cell, row)) + "</table:table-row>"
                  for row in body)
        + "</table:table>"
        for name, body in sheets
    )  # fmt: skip
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content office:version="1.2"'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest manifest:version="1.2"'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_TYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # The media type first and stored, as OpenDocument asks, so that it can be sniffed.
        for name, data, method in (("mimetype", ODS_TYPE, zipfile.ZIP_STORED),
                                   ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
                                   ("content.xml", content, zipfile.ZIP_DEFLATED)):  # fmt: skip
            info = zipfile.ZipInfo(name, date_time=MOMENT.timetuple()[:6])
            archive.writestr(info, data.encode("utf-8"), compress_type=method)
    return out.getvalue()


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, Decimal):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{_finnish(value)}</text:p></table:table-cell>")  # fmt: skip
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>' \
        "</table:table-cell>"  # fmt: skip


def _spreadsheet_number(value: Decimal) -> int | float:
    """The number a spreadsheet stores: a whole number as one, else the nearest double."""
    return int(value) if value == value.to_integral_value() else float(value)


def csv_text(budget: int, found: list[FinanceTable]) -> bytes:
    years = sorted({column.year for table in found for column in table.columns})
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Yksikkö", "Nimike",
                     *(HEADINGS[year - budget].format(year=year) for year in years)])  # fmt: skip
    for table in found:
        own = [column.year for column in table.columns]
        for number, label, amounts in rows(table):
            by_year = dict(zip(own, amounts, strict=True))
            writer.writerow([SHEETS[table.key], f"{number} {label}".strip(),
                             *(_finnish(by_year.get(year)) for year in years)])  # fmt: skip
    return out.getvalue().encode("cp1252")


def _finnish(value: Decimal | None) -> str:
    """1 987 063,50: a no-break space between groups of digits and a decimal comma."""
    if value is None:
        return ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", "\u00a0")
    return ("-" if value < 0 else "") + grouped + ("," + fraction if fraction else "")


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else FOLDER
    budget, found = tables()
    (folder / f"talous-{budget}.xlsx").write_bytes(workbook(budget, found))
    (folder / f"talous-{budget}.csv").write_bytes(csv_text(budget, found))
    (folder / f"talous-{budget}.ods").write_bytes(opendocument(budget, found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
