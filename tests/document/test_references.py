"""References: {unit:key} and {row:key} in the text print names from the data."""

from __future__ import annotations

from kkpdf.walk import block_text, located_text
from tests.document.conftest import compiled


def test_a_name_referred_to_by_key_follows_the_data(minimal_book):
    chapter = "# {unit:keskus}\n\nRivi {row:poistot} kuuluu {unit:alue_a}an.\n"
    units = "keskus:\n  name: Uusi keskus\n  parts: [alue_a]\nalue_a:\n  name: Alue A\n"
    book = compiled(minimal_book({"luvut/01.md": chapter, "data/yksikot.yaml": units}))
    heading, paragraph = book.chapters[0].blocks[:2]
    assert [t for t, _ in block_text(heading)] == ["Uusi keskus"]
    assert [t for t, _ in block_text(paragraph)] == [
        "Rivi Poistot ja arvonalentumiset kuuluu Alue Aan."
    ]


def test_text_before_a_reference_keeps_its_place_and_text_after_it_has_the_blocks(minimal_book):
    chapter = "# Keskus\n\nAlku ja {unit:alue_a} loppu tähän.\n"
    units = "keskus:\n  name: Keskus\n  parts: [alue_a]\nalue_a:\n  name: Alue A\n"
    book = compiled(minimal_book({"luvut/01.md": chapter, "data/yksikot.yaml": units}))
    (piece,) = [p for p in located_text(book) if p.text.startswith("Alku")]
    assert piece.text == "Alku ja Alue A loppu tähän."
    assert (piece.place(5, 2).line, piece.place(5, 2).column) == (3, 6)  # "ja"
    assert piece.place(15, 5) == piece.span  # "loppu": after the name, placed at its block
