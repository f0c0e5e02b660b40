"""The seed chapter (tests/fixtures/seed.txt) read independently of kkpdf.

The seed is the chapter as extracted from the published budget, HTML and layout
debris included. These helpers read its text and its finance tables with plain
string handling, so that the tests compare kkpdf against a second reading.
"""

from __future__ import annotations

import re
from pathlib import Path

SEED = Path(__file__).parent / "fixtures" / "seed.txt"
SEED_SOURCES = Path(__file__).parent / "fixtures" / "seed-2023"

# Seed text → what the shipped sources print instead.
TYPOS = {
    "Vastuhenkilö": "Vastuuhenkilö",
    "vastualueet": "vastuualueet",
    "työnantajakuva parantaminen": "työnantajakuvan parantaminen",
    "Riski-arvio": "Riskiarvio",
    "kokonais kuvan": "kokonaiskuvan",
    "rakeenteelliset": "rakenteelliset",
    "puhelinvaihd palvelusta": "puhelinvaihdepalvelusta",
    "Nopeampoinen": "Nopeatempoinen",
    "geopolittisen": "geopoliittisen",
    "osaavaan työvoiman": "osaavan työvoiman",
    "työpaikka-merkkiä": "työpaikka -merkkiä",
}
# Misspelt unit names: the names come from the units file, so even the seed tree
# prints them right.
UNIT_NAMES = {
    "viestintäteknikkapalvelut": "viestintäteknologiapalvelut",
    "Talousoalvelut": "Talouspalvelut",
}
# Extraction debris, and seed lines the sources split into a heading and a sentence.
RESTRUCTURED = {
    "AVAIN-TAVOITTEET": "AVAINTAVOITTEET",
    "Vastuualueen toiminnan painopisteet": "Toiminnan painopisteet",
    "(ulkoinen toimintakate on sitova kaupunginvaltuustoon nähden)": "",
    "Henkilöstöpäällikkö ja työhyvinvointikoordinaattori Viestintä-": (
        "Henkilöstöpäällikkö ja työhyvinvointikoordinaattori\nViestintä-"
    ),
}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def _is_figure_line(line: str) -> bool:
    cells = line.split("\t")
    return line.startswith("\t") or (
        len(cells) > 1 and all(re.fullmatch(r"(<i>)?-?[\d ]*(</i>)?", c) for c in cells[1:])
    )


def seed_text_pieces(corrections: dict[str, str]) -> list[str]:
    """Every paragraph, heading, list item and cell paragraph of the seed's text."""
    pieces = []
    for line in seed_lines():
        if not line.strip() or _is_figure_line(line) or line.startswith("--"):
            continue
        if re.fullmatch(r"[^\t\d]+( -[\d ]+)+", line):  # the last table, flattened to one line
            continue
        line = re.sub(r"^(- |\d+\. )", "", line)  # list markers are markup, not text
        for old, new in corrections.items():
            line = line.replace(old, new)
        for cell in line.split("\t"):
            for paragraph in re.split(r"</p>\s*<p>|\n", cell):
                text = normalise(re.sub(r"</?(p|i)>", "", paragraph))
                if text:
                    pieces.append(text)
    return pieces


def _figure(text: str) -> int | None:
    text = text.strip()
    return int(text.replace(" ", "")) if text else None


SeedTable = list[tuple[str, list[int | None]]]


def seed_tables() -> dict[str, SeedTable]:
    """Unit name → rows (label, figures) as the seed prints them; blank cells are None."""
    tables: dict[str, SeedTable] = {}
    lines = seed_lines()
    for index, header in enumerate(lines):
        if "TILINPÄÄTÖS" not in header:
            continue
        above = [
            line.strip()
            for line in lines[:index]
            if line.strip() and not line.startswith("Vastuualueen tuloarvio")
        ]
        name = UNIT_NAMES.get(above[-1], above[-1])
        width = header.count("TILINPÄÄTÖS") + header.count("TALOUSARVIO")
        width += header.count("SUUNNITELMA")
        rows = []
        for row in lines[index + 1 :]:
            if row.startswith("Kaupunkistrategiasta") or row.startswith("Vastuualueen avain"):
                break
            label = re.sub(r"</?i>", "", row.split("\t")[0]).strip()
            if not label or label.startswith("--") or label.startswith("Vastuualueen tuloarvio"):
                continue
            if "\t" in row:
                cells = [re.sub(r"</?i>", "", c) for c in row.split("\t")[1:]]
            else:  # "Toimintakulut -777 478 -820 300 -714 529"
                label = re.sub(r"[ \d-]+$", "", row).strip()
                cells = re.findall(r"-?\d{1,3}(?: \d{3})*", row[len(label) :])
            figures = [_figure(c) for c in cells]
            rows.append((label, (figures + [None] * width)[:width]))
        tables[name] = rows
    return tables
