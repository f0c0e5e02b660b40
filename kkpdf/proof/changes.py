"""What changed between two versions of the book, compared as document models.

The chapters' texts are compared in `text_changes` (added, removed, reworded,
moved; chapter files renamed), the figures and the texts the data prints in
tables in `data_changes` (figures, rows, year columns, labels and captions).
"""

from __future__ import annotations

from kkpdf.model import Book
from kkpdf.proof.change_model import (
    BLANK as BLANK,
    KIND_WORDS as KIND_WORDS,
    Change as Change,
    ChangeKind as ChangeKind,
)
from kkpdf.proof.data_changes import compare_data
from kkpdf.proof.text_changes import SIMILAR as SIMILAR, compare_chapters
from kkpdf.proof.word_edits import WordEdit as WordEdit


def compare_books(old: Book, new: Book) -> list[Change]:
    """Every change from `old` to `new`: the chapters' first, in the new book's order,
    then the data's."""
    return compare_chapters(old, new) + compare_data(old, new)
