"""Spelling: the seed's misspellings are found, correct Finnish and listed names are not."""

from __future__ import annotations

import json
import re

import pytest

from kkpdf.build import compile_sources
from kkpdf.cli import main
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.language.spelling import Speller, check_spelling
from tests.conftest import SOURCES
from tests.seed import SEED_SOURCES, TYPOS

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@pytest.fixture(scope="module")
def speller():
    speller = Speller()
    yield speller
    speller.close()


def unknown(folder, speller):
    sink = DiagnosticSink()
    compiled = compile_sources(folder, sink)
    return check_spelling(compiled.book, compiled.sources, speller, sink), sink


def test_the_shipped_book_has_no_unknown_word(speller):
    found, _ = unknown(SOURCES, speller)
    assert found == []


def test_the_published_chapter_shows_its_misspellings(speller):
    found, sink = unknown(SEED_SOURCES, speller)
    flagged = {entry.word for entry in found}
    # Only words that the sources correct may be flagged: nothing correct is.
    corrected = set()
    for wrong, right in TYPOS.items():
        corrected |= set(WORD.findall(wrong)) - set(WORD.findall(right))
    assert flagged <= corrected
    misspelt = {"Vastuhenkilö", "vastualueet", "kokonais", "rakeenteelliset", "puhelinvaihd",
                "Nopeampoinen", "geopolittisen", "työpaikka-merkkiä"}  # fmt: skip
    assert flagged >= misspelt
    for entry in found:
        line = entry.span.path.read_text(encoding="utf-8").split("\n")[entry.span.line - 1]
        assert line[entry.span.column - 1 :].startswith(entry.word)
    suggestions = {entry.word: entry.suggestions for entry in found}
    assert "geopoliittisen" in suggestions["geopolittisen"]
    assert all(d.rule.id == "spelling.unknown" for d in sink.diagnostics)


def test_the_word_list_is_what_makes_names_right(minimal_book, speller):
    chapter = "# Keskus\n\nAsiakaspalvelu Lovinfo palvelee.\n\n```{finance-table} keskus\n```\n"
    book = minimal_book({"luvut/01.md": chapter})
    assert [e.word for e in unknown(book, speller)[0]] == ["Lovinfo"]
    book_yaml = (book / "book.yaml").read_text(encoding="utf-8")
    (book / "book.yaml").write_text(book_yaml.replace(
        "  goals: data/tavoitteet.yaml\n", "  goals: data/tavoitteet.yaml\n  words: sanat.txt\n"),
        encoding="utf-8")  # fmt: skip
    (book / "sanat.txt").write_text("# nimet\nLovinfo\n", encoding="utf-8")
    assert unknown(book, speller)[0] == []


def test_the_command_prints_json(capsys):
    status = main(["spell", str(SEED_SOURCES), "--format", "json"])
    assert status == 0
    diagnostics = json.loads(capsys.readouterr().out)
    assert {d["message"].split("'")[1] for d in diagnostics} >= {"geopolittisen"}
    assert all(d["severity"] == "warning" for d in diagnostics)


def test_a_missing_dictionary_says_what_to_install():
    from kkpdf.language.voikko import VoikkoUnavailable

    with pytest.raises(VoikkoUnavailable, match="apt-get install libvoikko1 voikko-fi"):
        Speller(language="xx")


def test_text_marked_as_another_language_is_not_checked_as_finnish(minimal_book, speller):
    chapter = (
        "# Keskus\n\n[Covenant of Mayors]{lang=en} ja Covenant alkavat.\n\n"
        "```{finance-table} keskus\n```\n"
    )
    book = minimal_book({"luvut/01.md": chapter})
    # The same word outside the span is still Voikko's to judge.
    assert [e.word for e in unknown(book, speller)[0]] == ["Covenant"]


@pytest.mark.parametrize(
    "cell",
    [
        '"Teemme \\"työtä\\" Lovinfo\n  ja muuta."',  # double-quoted, over two lines
        "'Teemme ''työtä'' Lovinfo ja muuta.'",  # single-quoted, with an escaped quote
        ">-\n        Teemme työtä\n        Lovinfo ja muuta.",  # folded
        "|\n        Teemme työtä,\n        *Lovinfo* ja muuta.",  # literal, with markup
        "Teemme työtä\n        Lovinfo ja muuta.",  # plain, over two lines
    ],
)
def test_a_word_in_a_goal_cell_is_placed_however_the_yaml_is_written(minimal_book, speller, cell):
    goals = (
        "columns:\n  goal: Tavoite\n  means: Keino\ntables:\n  teema:\n"
        f"    - goal: Hyvä tavoite.\n      means: {cell}\n"
    )
    book = minimal_book({"data/tavoitteet.yaml": goals})
    (entry,) = unknown(book, speller)[0]
    lines = entry.span.path.read_text(encoding="utf-8").split("\n")
    assert entry.span.path.name == "tavoitteet.yaml"
    assert lines[entry.span.line - 1][entry.span.column - 1 : entry.span.end[1] - 1] == "Lovinfo"
