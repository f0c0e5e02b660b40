"""Directives: a chapter places a unit's list of parts by the unit's key."""

from __future__ import annotations

from kkpdf.model import ListBlock
from kkpdf.walk import block_text
from tests.document.conftest import compiled


def test_unit_list_is_generated_from_the_units(shipped):
    first_chapter = shipped.chapters[0]
    lists = [b for b in first_chapter.blocks if isinstance(b, ListBlock)]
    texts = [text for text, _ in block_text(lists[0])]
    assert texts == [
        "kaupunginkansliapalvelut (HR, viestintä, asiakaspalvelutoimisto, käännös, arkisto "
        "ja kanslia)",
        "tieto- ja viestintäteknologiapalvelut",
        "talouspalvelut.",
    ]


def test_renaming_a_unit_renames_its_list_item_and_table(minimal_book):
    units = (
        "keskus:\n  name: Keskus\n  parts: [alue_a, alue_b]\n"
        "alue_a:\n  name: Uusi nimi\nalue_b:\n  name: Alue B\n"
    )
    book = compiled(minimal_book({"data/yksikot.yaml": units}))
    (unit_list,) = [b for b in book.chapters[0].blocks if isinstance(b, ListBlock)]
    assert next(t for t, _ in block_text(unit_list)) == "uusi nimi"
