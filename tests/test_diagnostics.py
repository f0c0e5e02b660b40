"""Diagnostics as tools read them: JSON with every fact, SARIF for code scanning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kkpdf import __version__
from kkpdf.diagnostics import (
    Candidate,
    Diagnostic,
    EnvironmentProblem,
    FigureFacts,
    Note,
    Rule,
    Severity,
    Span,
    book_language,
    render_json,
    render_sarif,
    visible,
)
from kkpdf.messages import tr

SUM = Rule("figures.sum", draft_shows=True)
UNPLACED = Rule("document.unplaced")

DATA = Path("sources/data/talous.yaml")


def wrong_total() -> Diagnostic:
    """A figure that does not add up, with a consequence elsewhere and two suspects."""
    return Diagnostic(
        Severity.ERROR,
        Span(DATA, 12, 40, 12, 47),
        tr("Toimintakate TA 2024 is −808 300, its parts give −820 300 (difference 12 000)"),
        SUM,
        hint=tr("correct the figure or its parts"),
        figure=FigureFacts("keskus", "toimintakate", "TALOUSARVIO 2024", 2024, -820300, -808300),
        notes=(Note(Span(DATA, 30, 38), tr("so Toimintakate ulkoinen TA 2024 differs")),),
        candidates=(
            Candidate(Span(DATA, 9, 40), "keskus", "myyntituotot", 2024, 12000),
            Candidate(Span(Path("sources/data/tulot ä.yaml"), 4, 21), "hanke", "tuet", 2024, 5),
        ),
    )


def test_json_gives_the_notes_and_candidates_each_at_its_place():
    (facts,) = json.loads(render_json([wrong_total()]))
    assert facts["notes"] == [
        {"file": str(DATA), "line": 30, "column": 38,
         "message": "so Toimintakate ulkoinen TA 2024 differs"},
    ]  # fmt: skip
    assert facts["candidates"] == [
        {"file": str(DATA), "line": 9, "column": 40, "table": "keskus",
         "row": "myyntituotot", "year": 2024, "actual": 12000},
        {"file": "sources/data/tulot ä.yaml", "line": 4, "column": 21, "table": "hanke",
         "row": "tuet", "year": 2024, "actual": 5},
    ]  # fmt: skip
    assert (facts["column"], facts["heading"], facts["difference"]) == (
        40, "TALOUSARVIO 2024", 12000)  # fmt: skip


def test_json_leaves_out_notes_and_candidates_a_diagnostic_has_none_of():
    plain = Diagnostic(
        Severity.WARNING, Span(DATA), tr("not placed"), UNPLACED, hint=tr("place it")
    )
    assert set(json.loads(render_json([plain]))[0]) == {
        "severity", "file", "line", "column", "end_line", "end_column", "rule", "message", "hint"
    }  # fmt: skip


def sarif(diagnostics: list[Diagnostic], base: Path) -> dict:
    log = json.loads(render_sarif(diagnostics, base))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("/sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    return run


def test_sarif_names_the_tool_and_each_rule_it_reports_once(tmp_path):
    unplaced = Diagnostic(Severity.WARNING, Span(DATA, 1, 1, 1, 7), tr("not placed"), UNPLACED)
    run = sarif([wrong_total(), unplaced, wrong_total()], tmp_path)
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("kkpdf", __version__)
    assert driver["rules"] == [{"id": "figures.sum"}, {"id": "document.unplaced"}]
    # Each result names its rule by id and by its index among the driver's rules.
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [
        ("figures.sum", 0), ("document.unplaced", 1), ("figures.sum", 0)]  # fmt: skip
    assert [r["level"] for r in run["results"]] == ["error", "warning", "error"]


def test_sarif_levels_are_the_severities():
    each = [Diagnostic(s, Span(DATA), tr("m"), UNPLACED) for s in Severity]
    assert [r["level"] for r in sarif(each, Path.cwd())["results"]] == [
        "error", "warning", "note"]  # fmt: skip


def test_a_sarif_result_gives_the_message_with_its_hint_and_the_region(tmp_path):
    (result,) = sarif([wrong_total()], tmp_path)["results"]
    assert result["message"]["text"] == (
        "Toimintakate TA 2024 is −808 300, its parts give −820 300 (difference 12 000)\n"
        "hint: correct the figure or its parts"
    )
    (location,) = result["locations"]
    assert location["physicalLocation"]["region"] == {
        "startLine": 12, "startColumn": 40, "endLine": 12, "endColumn": 47}  # fmt: skip
    assert result["properties"] == {
        "hint": "correct the figure or its parts",
        "table": "keskus", "row": "toimintakate", "heading": "TALOUSARVIO 2024", "year": 2024,
        "expected": -820300, "actual": -808300, "difference": 12000,
        "candidates": [
            {"table": "keskus", "row": "myyntituotot", "year": 2024, "actual": 12000},
            {"table": "hanke", "row": "tuet", "year": 2024, "actual": 5},
        ],
    }  # fmt: skip


def test_a_point_is_a_region_that_ends_where_it_starts(tmp_path):
    point = Diagnostic(Severity.WARNING, Span(DATA, 3, 5), tr("here"), UNPLACED)
    (result,) = sarif([point], tmp_path)["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 5}  # fmt: skip
    assert "properties" not in result and "relatedLocations" not in result
    assert result["message"]["text"] == "here"


def test_sarif_places_files_relative_to_the_working_folder(tmp_path):
    inside = Diagnostic(Severity.ERROR, Span(tmp_path / "sources" / "kirja ä.md", 2), tr("m"), SUM)
    relative = Diagnostic(Severity.ERROR, Span(DATA, 2), tr("m"), SUM)
    elsewhere = Diagnostic(Severity.ERROR, Span(Path("/elsewhere/book.yaml"), 2), tr("m"), SUM)
    run = sarif([inside, relative, elsewhere], tmp_path)
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    places = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert places == [
        {"uri": "sources/kirja%20%C3%A4.md", "uriBaseId": "%SRCROOT%"},
        {"uri": "sources/data/talous.yaml", "uriBaseId": "%SRCROOT%"},
        {"uri": "file:///elsewhere/book.yaml"},
    ]


def test_sarif_gives_notes_and_candidates_as_related_locations_with_their_message(tmp_path):
    (result,) = sarif([wrong_total()], tmp_path)["results"]
    related = [
        (place["id"], place["physicalLocation"]["artifactLocation"]["uri"],
         place["physicalLocation"]["region"]["startLine"], place["message"]["text"])
        for place in result["relatedLocations"]
    ]  # fmt: skip
    assert related == [
        (0, "sources/data/talous.yaml", 30, "so Toimintakate ulkoinen TA 2024 differs"),
        (1, "sources/data/talous.yaml", 9, "candidate: keskus, myyntituotot 2024: 12000"),
        (2, "sources/data/tulot%20%C3%A4.yaml", 4, "candidate: hanke, tuet 2024: 5"),
    ]


def test_sarif_of_no_diagnostics_is_one_run_with_no_results(tmp_path):
    run = sarif([], tmp_path)
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_a_diagnostic_refuses_a_text_no_catalog_can_translate():
    with pytest.raises(TypeError, match="must be a Message"):
        Diagnostic(Severity.ERROR, Span(DATA), "plain", SUM)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a Message"):
        Diagnostic(Severity.ERROR, Span(DATA), tr("m"), SUM, hint="plain")  # type: ignore[arg-type]


def test_a_books_language_without_its_catalog_is_a_problem_of_the_machine(tmp_path):
    assert book_language("sv-FI").translate("error") == "fel"
    with pytest.raises(EnvironmentProblem, match="run 'make setup'"):
        book_language("fi-FI", tmp_path)


# --- names no terminal shows as they are ------------------------------------------

HOSTILE = Path("sources/caf\udce9/\u202etxt.md\0")  # a byte not UTF-8, a bidi override, a NUL


def hostile() -> Diagnostic:
    return Diagnostic(Severity.ERROR, Span(HOSTILE, 3, 1), tr("file '{path}' not found",
                      path="a\x1b[2Jb"), UNPLACED, hint=tr("x\u2066y"))  # fmt: skip


def test_visible_escapes_what_a_terminal_would_act_on_or_hide():
    assert visible("a\0b\u202ec\udcffd\x85e\tf") == "a\\u0000b\\u202ec\\xffd\\u0085e\\u0009f"
    assert visible("Talousarvio 2024 – ääkköset €") == "Talousarvio 2024 – ääkköset €"


def test_a_diagnostic_in_text_shows_every_unseen_character_escaped():
    text = hostile().format()
    assert text == (
        "sources/caf\\xe9/\\u202etxt.md\\u0000:3:1: error: file 'a\\u001b[2Jb' not found\n"
        "  hint: x\\u2066y"
    )
    text.encode("utf-8")  # printable on any UTF-8 terminal


def test_json_and_sarif_of_a_name_not_in_utf8_are_valid_utf8_json(tmp_path):
    for text in (render_json([hostile()]), render_sarif([hostile()], tmp_path)):
        data = json.loads(text.encode("utf-8"))  # strict: no lone surrogate anywhere
        assert "\u202e" not in text and "\0" not in text  # escaped as JSON escapes
    (entry,) = json.loads(render_json([hostile()]))
    # What JSON can hold it keeps (a NUL, the override); a byte not UTF-8 reads as \xe9.
    assert entry["file"] == "sources/caf\\xe9/\u202etxt.md\0"
    assert entry["message"] == "file 'a\x1b[2Jb' not found"
    assert data["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"] == "sources/caf%E9/%E2%80%AEtxt.md%00"  # fmt: skip
