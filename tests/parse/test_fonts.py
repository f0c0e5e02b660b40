"""The checks' reading of the fonts' cmaps agrees with ReportLab's, glyph for glyph."""

from __future__ import annotations

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
