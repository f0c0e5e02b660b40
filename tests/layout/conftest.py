"""A layout context for the tests that make flowables without laying out a book."""

from __future__ import annotations

import pytest

from kkpdf import DEFAULT_FONTS
from kkpdf.language.hyphenation import Hyphenator
from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.fonts import load_fonts


@pytest.fixture(scope="module")
def ctx(shipped_book):
    """The shipped book's fonts, styles and labels, with hyphenation and no draft marks."""
    fonts = load_fonts(DEFAULT_FONTS)
    hyphenator = Hyphenator()
    yield LayoutContext(fonts, st.make_styles(fonts), hyphenator, shipped_book.info.labels)
    hyphenator.close()
