"""Spreadsheet cells' names, and a span that names one in text, JSON and SARIF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from kkpdf.diagnostics import DiagnosticSink, Rule, Span, render_json, render_sarif
from kkpdf.importing.cells import cell_name, column_letters, column_number
from kkpdf.importing.grid import cell_span
from kkpdf.messages import tr


@pytest.mark.parametrize(("number", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"),
                                                 (703, "AAA"), (16384, "XFD")])  # fmt: skip
def test_column_letters(number, letters):
    assert column_letters(number) == letters
    assert column_number(letters) == number
    assert column_number(letters.lower()) == number


@given(st.integers(1, 18_278))
def test_letters_and_numbers_round_trip(number):
    assert column_number(column_letters(number)) == number


@pytest.mark.parametrize("text", ["", "A1", "1", "AAAA", "Ä", "A B"])
def test_what_is_no_column(text):
    assert column_number(text) is None


def test_a_cell_is_named_with_its_sheet_quoted_where_it_must_be():
    assert cell_name("Sivistys", 14, 4) == "Sivistys!D14"
    assert cell_name("Tekninen keskus", 8, 5) == "'Tekninen keskus'!E8"
    assert cell_name("Jim's", 1, 1) == "'Jim''s'!A1"
    assert cell_name("", 3, 2) == "B3"  # a CSV's one sheet


def test_a_span_of_a_cell_in_text_json_and_sarif(tmp_path):
    export = Path("talous-2024.xlsx")
    sink = DiagnosticSink()
    sink.error(Span(export, 14, 4, cell="Sivistys!D14"), tr("the first is here"), rule=Rule("x"))
    sink.error(Span(Path("talous.yaml"), 3, 5), tr("the first is here"), rule=Rule("x"))
    first, second = sink.diagnostics
    assert first.format().startswith("talous-2024.xlsx:Sivistys!D14: error: ")
    assert second.format().startswith("talous.yaml:3:5: error: ")
    assert str(cell_span(Path("a.csv"), "", 2, 3)) == "a.csv:C2"
    assert str(cell_span(Path("a.ods"), "Tekninen keskus", 2, 3)) == "a.ods:'Tekninen keskus'!C2"

    found = json.loads(render_json(sink.diagnostics))
    assert (found[0]["cell"], found[0]["line"], found[0]["column"]) == ("Sivistys!D14", 14, 4)
    assert "cell" not in found[1]

    results = json.loads(render_sarif(sink.diagnostics, tmp_path))["runs"][0]["results"]
    logical = results[0]["locations"][0]["logicalLocations"]
    assert logical == [{"fullyQualifiedName": "Sivistys!D14"}]
    assert "logicalLocations" not in results[1]["locations"][0]
