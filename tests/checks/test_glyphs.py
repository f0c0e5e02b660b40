"""Every printed character must be in the font, or the PDF silently lacks it."""

from __future__ import annotations

import pytest

from kkpdf.build import compile_document
from kkpdf.checks.glyphs import check_glyphs
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.parse.fonts import FAMILY, book_coverage
from tests.conftest import FONTS, MINIMAL, SOURCES, TOWN, copy_book

TABLES = "\n```{finance-table} keskus\n```\n\n```{goal-table} teema\n```\n"


@pytest.fixture(scope="module")
def coverage():
    return book_coverage(FONTS)


def glyphs(run_check, coverage, chapter: str) -> list[str]:
    def check(book, sink):
        check_glyphs(book, sink, coverage, FAMILY)
        spans.extend(d.span for d in sink.diagnostics)

    spans: list = []
    printed = run_check(check, {"luvut/01.md": chapter + TABLES})
    return list(zip(printed, spans, strict=True))


def test_a_missing_character_is_named_and_pointed_at_by_its_own_column(run_check, coverage):
    [(line, span)] = glyphs(run_check, coverage, "# Keskus\n\nTalvella sataa ☃ lunta.\n")
    assert line == (
        "luvut/01.md:3:16: error: character '☃' (U+2603 SNOWMAN) is not in the font "
        f"{FAMILY}, so it would be missing from the PDF"
        "\n  hint: replace it with a character the font has, or remove it"
    )
    assert (span.line, span.column, span.end) == (3, 16, (3, 17))  # the one character
    assert run_check.rules == ["glyphs.missing"]


def test_a_character_without_a_unicode_name_is_called_unnamed(run_check, coverage):
    [(line, _)] = glyphs(run_check, coverage, "# Keskus\n\nMerkki \ue000 tässä.\n")
    assert line.startswith(
        "luvut/01.md:3:8: error: character '\ue000' (U+E000 unnamed character) is not in the font"
    )


def test_each_missing_character_once_per_text_at_its_first_place(run_check, coverage):
    chapter = "# Keskus\n\nSataa ☃ ja \ue000 ja ☃.\n\nToinen ☃.\n"
    found = [line.split(" is not")[0] for line, _ in glyphs(run_check, coverage, chapter)]
    assert found == [
        "luvut/01.md:3:7: error: character '☃' (U+2603 SNOWMAN)",
        "luvut/01.md:3:12: error: character '\ue000' (U+E000 unnamed character)",
        "luvut/01.md:5:8: error: character '☃' (U+2603 SNOWMAN)",
    ]


def test_line_ends_inside_a_paragraph_are_not_characters_to_draw(run_check, coverage):
    chapter = "# Keskus\n\nEnsimmäinen rivi\ntoinen rivi.\n\n- kohta\n  jatkuu\n"
    assert glyphs(run_check, coverage, chapter) == []


def test_any_character_the_font_lacks_is_reported_even_a_plain_letter(run_check, coverage):
    # Only line ends and tabs are exempt: with a font without "X", an X is missing.
    [(line, _)] = glyphs(run_check, coverage - {ord("X")}, "# Keskus\n\nX\tY.\n")
    assert line.startswith("luvut/01.md:3:1: error: character 'X' (U+0058 LATIN CAPITAL LETTER X)")


def test_every_missing_character_is_reported_when_texts_share_a_place(run_check, coverage):
    # The book's title and subtitle are placed at the same point of book.yaml: the
    # snowman is reported once there, and the subtitle's other character all the same.
    book = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    book = book.replace("title: Testikirja 2023", "title: Testikirja ☃ 2023")
    book = book.replace("subtitle: Testikeskus", "subtitle: Testikeskus ☃ \ue000")
    printed = run_check(lambda b, sink: check_glyphs(b, sink, coverage, FAMILY),
                        {"book.yaml": book})  # fmt: skip
    assert [line.split(" is not")[0].split(": error: ")[1] for line in printed] == [
        "character '☃' (U+2603 SNOWMAN)",
        "character '\ue000' (U+E000 unnamed character)",
    ]


@pytest.mark.parametrize("book", [SOURCES, TOWN], ids=["shipped", "town"])
def test_a_label_printed_by_several_tables_is_reported_once_where_it_is_written(
    book, tmp_path, coverage
):
    # Toimintatuotot is a row of every finance table, and in the town's summary it heads
    # a column: the snowman in its label is the chart of accounts' to fix, once.
    sources = copy_book(book, tmp_path / "src")
    accounts = sources / "data" / "tilikartta.yaml"
    text = accounts.read_text(encoding="utf-8")
    assert text.count("  label: Toimintatuotot\n") == 1
    accounts.write_text(text.replace("  label: Toimintatuotot\n", "  label: Toiminta☃tuotot\n"),
                        encoding="utf-8")  # fmt: skip
    sink = DiagnosticSink()
    book = compile_document(sources, sink)
    printing = [t for t in book.finance_tables if t.row("toimintatuotot")]
    assert len(printing) > 1, "the label is printed by several tables"

    check_glyphs(book, sink, coverage, FAMILY)

    [diagnostic] = sink.diagnostics
    line = text.split("\n").index("  label: Toimintatuotot") + 1
    assert diagnostic.span.path == accounts
    assert (diagnostic.span.line, diagnostic.span.column) == (line, len("  label: Toiminta") + 1)
