"""The checks' reading of the fonts' cmaps agrees with ReportLab's, glyph for glyph."""

from __future__ import annotations

import pickle

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from kkpdf.parse.fonts import FACES, FontProblem, book_coverage, covered_characters
from tests.conftest import FONTS

NON_CHARACTER = 0xFFFF  # ReportLab lists the cmap's closing sentinel; no text has it


@pytest.mark.parametrize("file_name", [file for _, file in FACES.values()])
def test_the_coverage_is_reportlabs(file_name):
    ours = covered_characters(FONTS / file_name)
    theirs = frozenset(TTFont("probe", str(FONTS / file_name)).face.charToGlyph)
    assert ours == theirs - {NON_CHARACTER}
    assert {0x2212, 0x00A0, 0x00AD, ord("ä"), ord("€")} <= ours


def test_a_missing_or_broken_font_names_the_file(tmp_path):
    with pytest.raises(FontProblem, match=r"Lato-Regular\.ttf is missing"):
        book_coverage(tmp_path)
    for _, file_name in FACES.values():
        (tmp_path / file_name).write_bytes(b"not a font")
    with pytest.raises(FontProblem, match="not a TrueType font"):
        book_coverage(tmp_path)


def test_the_coverage_is_kept_in_the_cache_and_read_from_it(tmp_path):
    fresh = book_coverage(FONTS)
    assert book_coverage(FONTS, tmp_path) == fresh  # made, and stored
    entries = sorted((tmp_path / "coverage").iterdir())
    assert len(entries) == len(FACES)
    # A stored set is what a later build uses: one without "ä" takes it out.
    for entry in entries:
        stored_key, points = pickle.loads(entry.read_bytes())
        entry.write_bytes(pickle.dumps((stored_key, points - {ord("ä")})))
    assert book_coverage(FONTS, tmp_path) == fresh - {ord("ä")}


def test_a_damaged_coverage_entry_is_made_again(tmp_path):
    book_coverage(FONTS, tmp_path)
    for entry in (tmp_path / "coverage").iterdir():
        entry.write_bytes(b"\x80damaged")
    assert book_coverage(FONTS, tmp_path) == book_coverage(FONTS)


def test_a_broken_font_is_an_error_whatever_the_cache_holds(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for _, file_name in FACES.values():
        (fonts / file_name).write_bytes(b"not a font")
    with pytest.raises(FontProblem, match="not a TrueType font"):
        book_coverage(fonts, tmp_path / "cache")
    assert not (tmp_path / "cache" / "coverage").exists()
