"""The corpus's judge itself: it passes a book and a diagnosed input, and fails a
run that writes outside `output/`."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL, copy_book
from tests.hostile.corpus import run_kkpdf


def test_a_book_and_a_diagnosed_input_both_pass(tmp_path):
    book = copy_book(MINIMAL, tmp_path / "book")
    assert run_kkpdf(["check", str(book)], tmp_path, book / "output").status == 0
    (book / "data/talous.yaml").write_text("keskus: [\n", encoding="utf-8")
    run = run_kkpdf(["check", str(book)], tmp_path, book / "output")
    assert run.status != 0 and "talous.yaml:2:1: error: invalid YAML" in run.errors[0]


def test_a_file_written_outside_the_output_folder_fails_the_run(tmp_path):
    book = copy_book(MINIMAL, tmp_path / "book")
    elsewhere = tmp_path / "elsewhere.pdf"
    with pytest.raises(AssertionError, match="outside"):
        run_kkpdf(["build", str(book), "-o", str(elsewhere)], tmp_path, book / "output")
