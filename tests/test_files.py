"""Files: a file written whole or not at all, and where the output goes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kkpdf.files import OutputProblem, output_folder, path_in_sources, write_atomically


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


def test_missing_folders_on_the_way_are_made(tmp_path):
    target = tmp_path / "a" / "b" / "kirja.pdf"
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_file_can_be_written_again_into_its_folder(tmp_path):
    target = tmp_path / "kirja.pdf"
    write_atomically(target, b"first")
    write_atomically(target, b"second")
    assert target.read_bytes() == b"second"


def test_while_the_bytes_are_written_the_folder_shows_only_a_hidden_part_file(
    tmp_path, monkeypatch
):
    # A viewer or a sync tool watching the folder must not pick up a half-written
    # PDF under a name it would open.
    seen = []
    real_fsync = os.fsync

    def look(descriptor):
        seen.extend(os.listdir(tmp_path))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", look)
    write_atomically(tmp_path / "kirja.pdf", b"new")
    (name,) = seen
    assert name.startswith(".kirja.pdf.") and name.endswith(".part")


def test_the_bytes_are_on_disk_before_the_file_replaces_the_old_one(tmp_path, monkeypatch):
    # After a power cut the target is the old file or the whole new one.
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(
        os, "fsync", lambda fd: (synced.append(os.fstat(fd).st_size), real_fsync(fd))
    )
    write_atomically(tmp_path / "kirja.pdf", b"12345")
    assert synced == [5]


def test_an_interrupted_write_leaves_the_old_file_and_no_part_file(tmp_path, monkeypatch):
    target = tmp_path / "kirja.pdf"
    target.write_bytes(b"old")

    def interrupt(descriptor):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    # Ctrl-C is not a write problem: it goes on as itself.
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new")
    assert os.listdir(tmp_path) == ["kirja.pdf"]
    assert target.read_bytes() == b"old"


def test_a_failed_write_names_the_file_and_the_reason(tmp_path):
    target = tmp_path / "kirja.pdf"
    target.mkdir()
    with pytest.raises(OutputProblem) as caught:
        write_atomically(target, b"new")
    assert str(caught.value) == f"cannot write {target}: Is a directory"


def test_a_folder_that_cannot_be_made_is_named_with_the_reason(tmp_path):
    blocker = tmp_path / "lukittu"
    blocker.write_text("a file, not a folder")
    with pytest.raises(OutputProblem) as caught:
        write_atomically(blocker / "kirja.pdf", b"new")
    assert str(caught.value) == f"cannot write to {blocker}: File exists"


def test_a_folder_whose_parent_is_a_file_is_named(tmp_path):
    blocker = tmp_path / "lukittu"
    blocker.write_text("a file, not a folder")
    with pytest.raises(OutputProblem) as caught:
        write_atomically(blocker / "sisä" / "kirja.pdf", b"new")
    assert str(caught.value) == f"cannot write to {blocker / 'sisä'}: Not a directory"


def test_a_path_in_an_empty_root_is_itself():
    # Path("") is the working folder: every relative path is inside it.
    assert path_in_sources(Path("luvut/01.md"), Path("")) == "luvut/01.md"


def test_an_interrupt_just_after_the_rename_goes_on_as_itself(tmp_path, monkeypatch):
    # Ctrl-C can arrive when the part file is already gone: clearing up must not
    # turn it into a "file not found".
    real_replace = os.replace

    def replace_then_interrupt(source, target):
        real_replace(source, target)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    target = tmp_path / "kirja.pdf"
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["kirja.pdf"]


def test_the_output_folder_is_beside_the_sources_folder(tmp_path, monkeypatch):
    assert output_folder(Path("sources")) == Path("output")
    assert output_folder(Path("/kirjat/2024/sources")) == Path("/kirjat/2024/output")
    assert output_folder(Path("kirjat/sources/")) == Path("kirjat/output")
    (tmp_path / "project" / "sources").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "project" / "sources")
    assert output_folder(Path(".")) == tmp_path / "project" / "output"
    assert output_folder(Path("..")) == tmp_path / "output"
