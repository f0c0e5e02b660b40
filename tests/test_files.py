"""Files: a file written whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kkpdf.files import OutputProblem, path_in_sources, write_atomically


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


def test_the_written_file_is_readable_by_everyone_who_may_read_the_folder(tmp_path):
    # mkstemp makes its file private (0600); a published book is not.
    target = tmp_path / "uusi" / "kirja.pdf"
    old_mask = os.umask(0o077)
    try:
        write_atomically(target, b"new")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_an_unwritable_folder_is_named(tmp_path):
    folder = tmp_path / "lukittu"
    folder.write_text("a file, not a folder")
    with pytest.raises(OutputProblem, match=f"cannot write to {folder}"):
        write_atomically(folder / "kirja.pdf", b"new")


@pytest.mark.parametrize(
    ("path", "root", "inside"),
    [
        ("sources/luvut/01.md", "sources", "luvut/01.md"),
        ("sources/book.yaml", "sources", "book.yaml"),
        ("/srv/kirja/luvut/01.md", "/srv/kirja", "luvut/01.md"),
        ("/srv/kirja/luvut/01.md", "/srv/kirja/", "luvut/01.md"),
        ("luvut/01.md", ".", "luvut/01.md"),
        ("/a/b.md", "/", "a/b.md"),
        ("other/luvut/01.md", "sources", "01.md"),  # outside: its name alone
        ("sourcesx/01.md", "sources", "01.md"),  # a folder whose name only starts alike
    ],
)
def test_a_path_inside_the_sources_is_named_from_the_sources_folder(path, root, inside):
    assert path_in_sources(Path(path), Path(root)) == inside
