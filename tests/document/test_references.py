"""Placeholders: {unit:key} and {row:key} print names from the data, {budget_year} and
its kin the book's years."""

from __future__ import annotations

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.document.references import year_words
from kkpdf.walk import block_text, located_text
from tests.conftest import MINIMAL
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


def test_the_years_are_filled_in_headings_paragraphs_list_items_and_key_goal_cells(minimal_book):
    chapter = (
        "# Talousarvio {budget_year}\n\nVuosille {plan_years}, edellinen {previous_year}.\n\n"
        "- seuraava {next_year}\n\n```{finance-table} keskus\n```\n\n```{goal-table} teema\n```\n"
    )
    goals = (
        "columns:\n  goal: Tavoite\ntables:\n  teema:\n"
        "    - goal: Vuonna {budget_year} [in {next_year}]{lang=en}.\n"
    )
    book = compiled(minimal_book({"luvut/01.md": chapter, "data/tavoitteet.yaml": goals}))
    texts = [t for block in book.chapters[0].blocks for t, _ in block_text(block)]
    assert texts[:3] == [
        "Talousarvio 2023",
        "Vuosille 2023\u20132025, edellinen 2022.",
        "seuraava 2024",
    ]
    assert "Vuonna 2023 in 2024." in texts


def test_book_yaml_texts_take_the_years(minimal_book):
    book_yaml = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("title: Testikirja 2023", "title: Testikirja {budget_year}"),
        ("subtitle: Testikeskus", 'subtitle: "Suunnitelma {plan_years}"'),
        ("subject: Testikirja", "subject: >-\n  Testi\n  {previous_year}"),
        ("keywords: [testi]", "keywords: [testi, '{next_year}']"),
        ("output: testikirja.pdf", "output: kirja-{budget_year}.pdf"),
        ("page: sivu {page} / {pages}", "page: sivu {page} / {pages} ({budget_year})"),
        ("currency: euroa", "currency: euroa {budget_year}"),
    ):
        assert old in book_yaml
        book_yaml = book_yaml.replace(old, new)
    info = compiled(minimal_book({"book.yaml": book_yaml})).info
    assert (info.title, info.subtitle, info.subject) == (
        "Testikirja 2023",
        "Suunnitelma 2023\u20132025",
        "Testi 2022",
    )
    assert info.keywords == ("testi", "2024")
    assert info.output_name == "kirja-2023.pdf"
    assert info.labels.page == "sivu {page} / {pages} (2023)"
    assert info.labels.currency == "euroa 2023"


def test_year_words_follow_the_budget_year():
    assert year_words(2031) == {
        "budget_year": "2031",
        "plan_years": "2031\u20132033",
        "previous_year": "2030",
        "next_year": "2032",
    }


def test_a_misspelt_placeholder_in_folded_yaml_is_placed_on_its_line(minimal_book):
    book_yaml = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    book_yaml = book_yaml.replace("subject: Testikirja", "subject: >-\n  Testi\n  {previos_year}")
    sink = DiagnosticSink()
    compile_document(minimal_book({"book.yaml": book_yaml}), sink)
    (error,) = sink.errors
    assert (error.span.line, error.span.column, error.span.end) == (7, 3, (7, 17))
    assert str(error.message) == "{previos_year} is no placeholder (did you mean 'previous_year'?)"
    assert str(error.hint) == (
        "the placeholders here are {budget_year}, {plan_years}, {previous_year}, {next_year}"
    )


def test_braces_that_hold_no_placeholder_print_as_written(minimal_book):
    chapter = (
        "# Keskus\n\nJoukko {1, 2} ja { a } ja {a b} ja [English {x-y}]{lang=en} {budget_year}.\n"
    )
    book = compiled(minimal_book({"luvut/01.md": chapter}))
    (paragraph,) = [t for t, _ in block_text(book.chapters[0].blocks[1])]
    assert paragraph == "Joukko {1, 2} ja { a } ja {a b} ja English {x-y} 2023."
