"""Files: a file written whole or not at all."""

from __future__ import annotations

import os

import pytest

from kkpdf.files import OutputProblem, write_atomically


def test_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "kirja.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["kirja.pdf"]


def test_a_failed_write_leaves_no_partial_file(tmp_path):
    # A folder where the PDF should go: the final rename fails after the bytes are written.
    target = tmp_path / "kirja.pdf"
    target.mkdir()
    (target / "keep").write_text("x")
    with pytest.raises(OutputProblem, match="cannot write"):
        write_atomically(target, b"new")
    assert os.listdir(tmp_path) == ["kirja.pdf"]
    assert (target / "keep").read_text() == "x"
