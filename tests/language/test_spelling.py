"""Spelling: the seed's misspellings are found, correct Finnish and listed names are not."""

from __future__ import annotations

import json
import re

import pytest

from kkpdf.build import compile_sources
from kkpdf.cli import main
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.language.languages import UnknownLanguage
from kkpdf.language.spelling import Speller, SwedishSpeller, check_spelling, speller_for
from kkpdf.language.swedish import SwedishUnavailable
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


# --- Swedish, and the book's language ---------------------------------------------------


@pytest.fixture(scope="module")
def swedish():
    speller = SwedishSpeller()
    yield speller
    speller.close()


SWEDISH_CHAPTER = """# Centralen

{text}

```{{finance-table}} keskus
```
"""


def test_the_swedish_speller_knows_common_words_and_flags_a_misspelt_one(swedish):
    for word in ("verksamhetsbidrag", "personalkostnader", "budgetförslaget", "staden",
                 "välfärdsområdet", "avskrivningar", "Lovisa", "kommunen", "och"):  # fmt: skip
        assert swedish.knows(word), word
    assert not swedish.knows("verksamhetsbidrg")
    assert "verksamhetsbidrag" in swedish.suggest("verksamhetsbidrg")


def test_the_swedish_fixture_has_no_unknown_word(minimal_sv_book, swedish):
    assert unknown(minimal_sv_book(), swedish)[0] == []


def test_a_swedish_book_is_checked_in_swedish_and_its_finnish_span_is_not(minimal_sv_book, swedish):
    text = (
        "Verksamhetsbidraget heter [toimintakate ja Kaupunginkansliakeskus]{lang=fi} på "
        "finska, men verksamhetsbidrg är fel och Kaupunginkansliakeskus också."
    )
    book = minimal_sv_book({"luvut/01.md": SWEDISH_CHAPTER.format(text=text)})
    found = unknown(book, swedish)[0]
    # The Finnish word outside the span is the Swedish speller's to judge.
    assert [e.word for e in found] == ["verksamhetsbidrg", "Kaupunginkansliakeskus"]
    line = (book / "luvut/01.md").read_text(encoding="utf-8").split("\n")[found[1].span.line - 1]
    assert line.rfind("Kaupunginkansliakeskus") == found[1].span.column - 1


def test_a_span_in_the_books_own_language_is_checked(minimal_sv_book, swedish):
    text = "Staden heter [Lovisa och verksamhetsbidrg]{lang=sv-FI} på svenska."
    book = minimal_sv_book({"luvut/01.md": SWEDISH_CHAPTER.format(text=text)})
    (entry,) = unknown(book, swedish)[0]
    line = (book / "luvut/01.md").read_text(encoding="utf-8").split("\n")[entry.span.line - 1]
    assert entry.word == "verksamhetsbidrg"
    assert line.index("verksamhetsbidrg") == entry.span.column - 1


def test_a_finnish_book_leaves_its_swedish_span_alone(minimal_book, speller):
    chapter = (
        "# Keskus\n\n[Lovisa stad och verksamhetsbidraget]{lang=sv} on kaupungin nimi, ja "
        "[Lovisa]{lang=sv-FI} myös.\n\n```{finance-table} keskus\n```\n"
    )
    book = minimal_book({"luvut/01.md": chapter})
    assert unknown(book, speller)[0] == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # Abbreviations the dictionary knows with their full stops are right, though
        # "bl", "o", "s" and "inkl" alone are not words.
        ("Kostnaderna bl.a. för lokaler, inkl. hyror, o.s.v. stiger.", []),
        # Without the full stops they are unknown.
        ("Kostnaderna bl.a för lokaler, inkl hyror stiger.", ["bl", "inkl"]),
    ],
)
def test_swedish_abbreviations_are_known_with_their_full_stops(
    minimal_sv_book, swedish, text, flagged
):
    book = minimal_sv_book({"luvut/01.md": SWEDISH_CHAPTER.format(text=text)})
    assert [e.word for e in unknown(book, swedish)[0]] == flagged


def test_the_command_checks_a_swedish_book_in_swedish(minimal_sv_book, capsys):
    text = "Verksamhetsbidraget och verksamhetsbidrg."
    book = minimal_sv_book({"luvut/01.md": SWEDISH_CHAPTER.format(text=text)})
    assert main(["spell", str(book), "--format", "json"]) == 0
    diagnostics = json.loads(capsys.readouterr().out)
    spelling = [d for d in diagnostics if d["rule"] == "spelling.unknown"]
    assert [d["message"].split("'")[1] for d in spelling] == ["verksamhetsbidrg"]


@pytest.mark.parametrize(
    ("language", "kind"),
    [("fi-FI", Speller), ("sv-FI", SwedishSpeller), ("sv-SE", SwedishSpeller)],
)
def test_the_language_picks_the_speller(language, kind):
    speller = speller_for(language)
    try:
        assert type(speller) is kind
        assert speller.language == language[:2]
    finally:
        speller.close()


def test_an_unknown_language_has_no_speller():
    with pytest.raises(UnknownLanguage, match=r"'de-DE'; spelling is available for: fi, sv"):
        speller_for("de-DE")


def test_a_missing_swedish_dictionary_says_what_to_install():
    with pytest.raises(SwedishUnavailable, match="no dictionary xx_XX or yy_YY") as caught:
        SwedishSpeller(dictionaries=("xx_XX", "yy_YY"))
    assert "apt-get install libenchant-2-2 hunspell-sv" in str(caught.value)


def test_the_swedish_dictionary_of_finland_comes_first():
    speller = SwedishSpeller()
    try:
        assert speller.dictionary == "sv_FI"
    finally:
        speller.close()


def test_the_command_names_a_language_it_has_no_speller_for(minimal_book, capsys):
    book = minimal_book()
    book_yaml = (book / "book.yaml").read_text(encoding="utf-8")
    (book / "book.yaml").write_text(book_yaml.replace("language: fi-FI", "language: de-DE"),
                                    encoding="utf-8")  # fmt: skip
    assert main(["spell", str(book), "--format", "json"]) == 1
    (error,) = json.loads(capsys.readouterr().out)
    assert error["rule"] == "language.unsupported"
    assert (
        error["message"]
        == "no spelling for the language 'de-DE'; spelling is available for: fi, sv"
    )
    line = (book / "book.yaml").read_text(encoding="utf-8").split("\n")[error["line"] - 1]
    assert line.startswith("language: de-DE")
