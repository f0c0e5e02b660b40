"""samebytes builds a book in editions one edition at a time, and pairs each with the
other version's: the first with the first (or a book in one language), the others
by their code."""

from __future__ import annotations

from kkpdf.devtools.generate import generate_book
from kkpdf.devtools.samebytes import editions, verdict
from tests.conftest import MINIMAL


def test_a_book_in_editions_is_built_one_edition_at_a_time(tmp_path):
    generate_book(tmp_path / "kaupunki", centres=1, seed=1)
    assert editions(tmp_path, "kaupunki") == {"": ["--edition", "fi"], "sv": ["--edition", "sv"]}
    assert editions(MINIMAL.parent, MINIMAL.name) == {"": []}


def test_only_a_book_both_versions_build_alike_is_the_same():
    assert verdict("ab12", "ab12") == "same"
    assert verdict("absent", "ab12") == "new"
    assert verdict("ab12", "cd34") == "DIFFERENT"
    assert verdict("ab12", "absent") == "DIFFERENT"  # an edition the working tree lost
    assert verdict("failed", "failed") == "DIFFERENT"
    assert verdict("absent", "failed") == "DIFFERENT"
