"""The shipped sources hold the whole seed chapter: every sentence and every figure.

The seed (tests/fixtures/seed.txt) is the chapter as it was extracted from the
published budget, HTML and layout debris included. Its text is compared with
what the book prints, after the corrections listed below; its finance tables
are compared cell by cell with the tables in sources/data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kkpdf.model import FinanceTable
from kkpdf.money import parse_figure
from kkpdf.walk import printed_text

SEED = Path(__file__).parent / "fixtures" / "seed.txt"

# Seed text → what the sources say instead: plain typos fixed, and seed lines the
# sources split into a heading and a sentence. Nothing else may differ.
CORRECTIONS = {
    "Vastuhenkilö": "Vastuuhenkilö",
    "vastualueet": "vastuualueet",
    "viestintäteknikkapalvelut": "viestintäteknologiapalvelut",
    "työnantajakuva parantaminen": "työnantajakuvan parantaminen",
    "Riski-arvio": "Riskiarvio",
    "kokonais kuvan": "kokonaiskuvan",
    "rakeenteelliset": "rakenteelliset",
    "puhelinvaihd palvelusta": "puhelinvaihdepalvelusta",
    "Nopeampoinen": "Nopeatempoinen",
    "geopolittisen": "geopoliittisen",
    "osaavaan työvoiman": "osaavan työvoiman",
    "Talousoalvelut": "Talouspalvelut",
    "työpaikka-merkkiä": "työpaikka -merkkiä",
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


def is_figure_line(line: str) -> bool:
    cells = line.split("\t")
    return line.startswith("\t") or (
        len(cells) > 1 and all(re.fullmatch(r"(<i>)?-?[\d ]*(</i>)?", c) for c in cells[1:])
    )


def seed_text_pieces() -> list[str]:
    pieces = []
    for line in seed_lines():
        if not line.strip() or is_figure_line(line) or line.startswith("--"):
            continue
        if re.fullmatch(r"[^\t\d]+( -[\d ]+)+", line):  # the last table, flattened to one line
            continue
        line = re.sub(r"^(- |\d+\. )", "", line)  # list markers are markup, not text
        for old, new in CORRECTIONS.items():
            line = line.replace(old, new)
        for cell in line.split("\t"):
            for paragraph in re.split(r"</p>\s*<p>|\n", cell):
                text = normalise(re.sub(r"</?(p|i)>", "", paragraph))
                if text:
                    pieces.append(text)
    return pieces


@pytest.fixture(scope="module")
def book(shipped_book):
    return shipped_book


def test_every_sentence_of_the_seed_is_printed(book):
    printed = normalise(" ".join(text for text, _ in printed_text(book)))
    pieces = seed_text_pieces()
    assert len(pieces) > 150
    missing = [piece for piece in pieces if piece not in printed]
    assert not missing


def seed_tables() -> dict[str, list[tuple[str, list[int | None]]]]:
    """Unit name → rows (label, figures) as the seed prints them."""
    tables: dict[str, list[tuple[str, list[int | None]]]] = {}
    lines = seed_lines()
    for index, header in enumerate(lines):
        if "TILINPÄÄTÖS" not in header:
            continue
        above = [
            line.strip()
            for line in lines[:index]
            if line.strip() and not line.startswith("Vastuualueen tuloarvio")
        ]
        name = CORRECTIONS.get(above[-1], above[-1])
        rows = []
        for row in lines[index + 1 :]:
            if row.startswith("Kaupunkistrategiasta") or row.startswith("Vastuualueen avain"):
                break
            label = re.sub(r"</?i>", "", row.split("\t")[0]).strip()
            if not label or label.startswith("--") or label.startswith("Vastuualueen tuloarvio"):
                continue
            if "\t" in row:
                cells = [re.sub(r"</?i>", "", c).strip() for c in row.split("\t")[1:]]
            else:  # "Toimintakulut -777 478 -820 300 -714 529"
                label = re.sub(r"[ \d-]+$", "", row).strip()
                cells = re.findall(r"-?\d{1,3}(?: \d{3})*", row[len(label) :])
            rows.append((label, [parse_figure(c) if c else None for c in cells]))
        tables[name] = rows
    return tables


def test_every_figure_of_the_seed_is_in_the_data(book):
    tables = {
        block.unit.name: block
        for chapter in book.chapters
        for block in chapter.blocks
        if isinstance(block, FinanceTable)
    }
    seed = seed_tables()
    assert set(seed) == set(tables)
    for name, rows in seed.items():
        table = tables[name]
        width = len(table.columns)
        printed = [(row.account.label, [c.value for c in row.cells]) for row in table.rows]
        expected = [(label, (cells + [None] * width)[:width]) for label, cells in rows]
        assert printed == expected, name
