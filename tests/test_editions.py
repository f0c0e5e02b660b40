"""The editions built together: the same figures by construction, each in its language.

The PDFs are read back as a reader (or a screen reader) gets them, through their
structure tree, and compared table by table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kkpdf.cli import EXIT_ENVIRONMENT, EXIT_OK, EXIT_SOURCE_ERRORS, main
from tests.conftest import copy_book
from tests.tagged import read_tagged, table_rows

BILINGUAL = Path(__file__).resolve().parent / "fixtures" / "bilingual"
# A figure as printed: digits grouped by no-break spaces, a minus sign, a decimal comma.
FIGURE = re.compile(r"^[−-]?\d{1,3}(?:[\u00a0 ]\d{3})*(?:,\d+)?(?: %)?$")


def figures(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A table's figures row by row: what is a figure or blank, without the row labels."""
    return [tuple(cell for cell in row[1:] if not cell or FIGURE.match(cell)) for row in rows]


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    book = copy_book(BILINGUAL, tmp_path_factory.mktemp("bilingual") / "src")
    assert main(["build", str(book)]) == EXIT_OK
    output = book.parent / "output"
    return output / "testikirja.pdf", output / "testbok.pdf"


def test_building_writes_every_edition_under_its_own_name(editions):
    finnish, swedish = editions
    assert finnish.exists() and swedish.exists()


def test_each_edition_says_its_language(editions):
    for path, language in zip(editions, ("fi-FI", "sv-FI"), strict=True):
        tagged = read_tagged(path)
        assert str(tagged.pdf.Root.Lang) == language
        with tagged.pdf.open_metadata() as meta:
            assert meta.get("dc:language") == {language}


def test_every_figure_of_every_table_is_the_same_in_both_editions(editions):
    finnish, swedish = (table_rows(path) for path in editions)
    assert len(finnish) == len(swedish) >= 2
    numbers = [figures(rows) for rows in finnish]
    assert numbers == [figures(rows) for rows in swedish]
    assert ("1 000", "2 000", "3 000") in numbers[0]  # the figures are read, not skipped


def test_the_swedish_edition_prints_swedish_labels_and_headings(editions):
    _, swedish = editions
    finance = table_rows(swedish)[0]
    labels = [row[0] for row in finance[1:]]
    assert labels == ["Försäljningsintäkter", "Verksamhetsintäkter", "Verksamhetskostnader",
                      "Verksamhetsbidrag externt", "Avskrivningar och nedskrivningar"]  # fmt: skip
    assert finance[0][1:] == ("BOKSLUT 2021", "BUDGET 2022 inkl. ändringar", "BUDGET 2023")
    text = " ".join(p.text for pieces in read_tagged(swedish).pieces.values() for p in pieces)
    assert "sida 4 / 4" in text.replace("\u00a0", " ") and "Innehåll" in text
    for finnish in ("Toimintatuotot", "TALOUSARVIO", "sivu", "Sisällys", "Testikeskus"):
        assert finnish not in text


def test_an_edition_with_errors_keeps_every_edition_from_being_written(tmp_path, capsys):
    book = copy_book(BILINGUAL, tmp_path / "src")
    (book / "luvut" / "01.sv.md").unlink()
    output = tmp_path / "output"
    output.mkdir()
    (output / "testikirja.pdf").write_bytes(b"the last good one")
    assert main(["build", str(book)]) == EXIT_SOURCE_ERRORS
    assert (output / "testikirja.pdf").read_bytes() == b"the last good one"
    assert not (output / "testbok.pdf").exists()
    err = capsys.readouterr().err
    # The data the editions share is checked by both and reported once.
    assert err.count("has no Swedish text: luvut/01.sv.md is missing") == 1


def test_one_edition_is_built_on_its_own(tmp_path):
    book = copy_book(BILINGUAL, tmp_path / "src")
    assert main(["build", str(book), "--edition", "sv"]) == EXIT_OK
    assert [p.name for p in (tmp_path / "output").iterdir()] == ["testbok.pdf"]


def test_one_output_file_for_two_editions_is_refused(tmp_path, capsys):
    book = copy_book(BILINGUAL, tmp_path / "src")
    assert main(["build", str(book), "-o", str(tmp_path / "x.pdf")]) == EXIT_ENVIRONMENT
    assert "-o names one file, and the book has 2 editions" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_an_edition_the_book_lacks_is_an_error_naming_those_it_has(tmp_path, capsys):
    book = copy_book(BILINGUAL, tmp_path / "src")
    assert main(["build", str(book), "--edition", "en"]) == EXIT_SOURCE_ERRORS
    assert "the book has no edition 'en'; its editions are fi, sv" in capsys.readouterr().err


def test_a_draft_boxes_the_missing_translation_in_each_editions_words(tmp_path):
    book = copy_book(BILINGUAL, tmp_path / "src")
    (book / "luvut" / "01.sv.md").unlink()
    assert main(["build", str(book), "--draft"]) == EXIT_OK
    for name, words in (("testikirja-luonnos.pdf", "KÄÄNNÖS PUUTTUU"),
                        ("testbok-utkast.pdf", "ÖVERSÄTTNING SAKNAS")):  # fmt: skip
        pieces = read_tagged(tmp_path / "output" / name).pieces
        drawn = [p for page in pieces.values() for p in page if words in p.text]
        assert drawn and all(p.artifact for p in drawn)


def test_a_proof_compares_each_edition_with_its_own_earlier_text(tmp_path):
    from kkpdf.build import compare_versions
    from kkpdf.diagnostics import DiagnosticSink

    old = copy_book(BILINGUAL, tmp_path / "old")
    chapter = (BILINGUAL / "luvut" / "01.sv.md").read_text(encoding="utf-8")
    reworded = chapter.replace("Till centralen hör:", "Centralen har:")
    new = copy_book(BILINGUAL, tmp_path / "new", {"luvut/01.sv.md": reworded})
    sink = DiagnosticSink()
    (change,) = compare_versions(old, new, sink, "sv")
    assert (change.kind.value, change.span.path.name) == ("reworded", "01.sv.md")
    assert compare_versions(old, new, sink, "fi") == []
    assert not sink.diagnostics


def test_a_proof_against_a_version_in_one_language_marks_the_first_edition_only(tmp_path):
    from kkpdf.build import compare_versions
    from kkpdf.diagnostics import DiagnosticSink
    from tests.conftest import MINIMAL

    sink = DiagnosticSink()
    assert compare_versions(MINIMAL, BILINGUAL, sink, "fi") == []  # the same Finnish text
    assert not sink.diagnostics
    assert compare_versions(MINIMAL, BILINGUAL, sink, "sv") == []
    (warning,) = sink.warnings
    assert str(warning.message) == (
        "the version to compare with has no Swedish edition, so nothing is marked as changed"
    )


def test_an_edition_whose_chapter_opens_on_another_page_is_warned_of():
    from kkpdf.build.editions import PAGES, EditionOutcome, compare_pages
    from kkpdf.diagnostics import DiagnosticSink, Span

    book_yaml = Span(BILINGUAL / "book.yaml")
    finnish = EditionOutcome((), openings=(("Sisällys", 3), ("Keskus", 4), ("Talous", 9)),
                             book_span=book_yaml, language_name="Finnish")  # fmt: skip
    swedish = EditionOutcome((), openings=(("Innehåll", 3), ("Centralen", 4), ("Ekonomi", 10)),
                             book_span=book_yaml, language_name="Swedish")  # fmt: skip
    sink = DiagnosticSink()
    compare_pages(finnish, finnish, sink)
    assert not sink.diagnostics
    compare_pages(finnish, swedish, sink)
    (warning,) = sink.warnings
    assert warning.rule is PAGES and warning.span == book_yaml
    assert str(warning.message) == (
        "the Swedish edition's 'Ekonomi' opens on page 10, the Finnish edition's 'Talous' on page 9"
    )


def test_the_editions_of_the_bilingual_book_open_alike(editions):
    from kkpdf.pdf.finish import outline_openings

    finnish, swedish = (outline_openings(path.read_bytes()) for path in editions)
    assert [page for _, page in finnish] == [page for _, page in swedish] == [3, 4]
    assert [title for title, _ in swedish] == ["Innehåll", "Centralen"]


@pytest.mark.parametrize("book", ["shipped", "town"])
def test_every_figure_of_the_real_books_is_the_same_in_both_editions(
    book, shipped_pdf, shipped_swedish_pdf, town_pdf, town_swedish_pdf
):
    finnish, swedish = {"shipped": (shipped_pdf, shipped_swedish_pdf),
                        "town": (town_pdf, town_swedish_pdf)}[book]  # fmt: skip
    finnish_tables, swedish_tables = table_rows(finnish), table_rows(swedish)
    assert len(finnish_tables) == len(swedish_tables)
    numbers = [figures(rows) for rows in finnish_tables]
    assert numbers == [figures(rows) for rows in swedish_tables]
    assert sum(1 for rows in numbers for row in rows for cell in row if cell) > 80


@pytest.mark.parametrize("sources", ["shipped", "town"])
def test_every_row_label_the_swedish_book_prints_is_a_swedish_one(
    sources, shipped_swedish_pdf, town_swedish_pdf
):
    from kkpdf.build import compile_document
    from kkpdf.diagnostics import DiagnosticSink
    from tests.conftest import SOURCES, TOWN

    folder, pdf = {"shipped": (SOURCES, shipped_swedish_pdf),
                   "town": (TOWN, town_swedish_pdf)}[sources]  # fmt: skip
    finnish, swedish = (compile_document(folder, DiagnosticSink(), code) for code in ("fi", "sv"))
    swedish_words = {a.label for a in swedish.accounts} | {u.name for u in swedish.units}
    finnish_words = {a.label for a in finnish.accounts} | {u.name for u in finnish.units}
    printed = {row[0] for rows in table_rows(pdf) for row in rows[1:] if row and row[0]}
    labels = {label for label in printed if label in swedish_words | finnish_words}
    assert len(labels) >= 10
    assert not labels & (finnish_words - swedish_words)


def test_editions_built_unlike_each_other_are_named_in_both_and_neither_written(tmp_path, capsys):
    chapter = (BILINGUAL / "luvut" / "01.sv.md").read_text(encoding="utf-8")
    book = copy_book(BILINGUAL, tmp_path / "src",
                     {"luvut/01.sv.md": chapter.replace("## Mål", "### Mål")})  # fmt: skip
    assert main(["build", str(book)]) == EXIT_SOURCE_ERRORS
    err = capsys.readouterr().err
    assert "01.sv.md:13:1: error: this chapter has a level-3 heading 'Mål'" in err
    assert "01.md:13:1: error: this chapter has a level-2 heading 'Tavoitteet'" in err
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir())
