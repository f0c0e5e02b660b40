"""Directives: a chapter places a unit's list of parts by the unit's key."""

from __future__ import annotations

import pytest

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.document.directives import FEW_KEYS
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


def _unknown_key(minimal_book, chapter: str, overrides: dict[str, str] | None = None):
    sink = DiagnosticSink()
    compile_document(minimal_book({"luvut/01.md": chapter, **(overrides or {})}), sink)
    [diagnostic] = [d for d in sink.errors if d.rule.id == "markup.unknown-reference"]
    return str(diagnostic.message), str(diagnostic.hint)


@pytest.mark.parametrize(
    ("name", "key", "message", "hint"),
    [
        (
            "finance-table",
            "keskuss",
            "no finance table 'keskuss' (did you mean 'keskus'?)",
            "the finance tables are: keskus",
        ),
        (
            "goal-table",
            "teemaa",
            "no key-goal table 'teemaa' (did you mean 'teema'?)",
            "the key-goal tables are: teema",
        ),
        (
            "investment-table",
            "teema",
            "no computed table 'teema'",
            "'teema' is a key-goal table, placed with ```{goal-table} teema",
        ),
        (
            "summary-table",
            "keskus",
            "no computed table 'keskus'",
            "'keskus' is a finance table, placed with ```{finance-table} keskus",
        ),
        (
            "unit-list",
            "alue_aa",
            "no unit 'alue_aa' (did you mean 'alue_a'?)",
            "the units are: keskus, alue_a, alue_b",
        ),
    ],
)
def test_a_key_no_table_has_names_the_closest_and_the_keys(minimal_book, name, key, message, hint):
    chapter = f"# Keskus\n\n```{{{name}}} {key}\n```\n"
    assert _unknown_key(minimal_book, chapter) == (message, hint)


def test_of_many_keys_the_hint_says_how_many_and_where(minimal_book):
    units = "".join(f"alue_{n}:\n  name: Alue {n}\n" for n in range(FEW_KEYS + 1))
    chapter = "# Keskus\n\n```{unit-list} alue\n```\n"
    message, hint = _unknown_key(minimal_book, chapter, {"data/yksikot.yaml": units})
    assert message.startswith("no unit 'alue' (did you mean 'alue_")
    assert hint == f"there are {FEW_KEYS + 1} units, each under its key in yksikot.yaml"


def test_a_unit_without_a_table_is_not_offered_as_a_unit_list(minimal_book):
    chapter = "# Keskus\n\n```{finance-table} alue_a\n```\n"
    message, hint = _unknown_key(minimal_book, chapter)
    assert message.startswith("no finance table 'alue_a'")
    assert hint == "the finance tables are: keskus"
