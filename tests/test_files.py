"""Files: a file written whole or not at all, and where the output goes."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from kkpdf.files import (
    OutputProblem,
    argument_problem,
    file_name_problem,
    links_to_leave,
    output_folder,
    path_in_sources,
    source_path_problem,
    write_atomically,
)


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


# --- names that become paths ------------------------------------------------------


def _rule(problem) -> str | None:
    return problem.rule.id if problem is not None else None


@pytest.mark.parametrize(
    ("reference", "rule"),
    [
        ("luvut/01.md", None),
        ("luvut/ääkköset.md", None),
        ("luvut/\0.md", "files.name-character"),
        ("luvut/\x1b[31m.md", "files.name-character"),
        ("luvut/\u202edm.md", "files.name-character"),
        ("luvut/caf\udce9.md", "files.name-encoding"),
        ("luvut/" + "a" * 252 + ".md", None),  # 255 bytes: the most a name may have
        ("luvut/" + "a" * 253 + ".md", "files.name-length"),
        ("luvut/" + "ä" * 127 + ".md", "files.name-length"),  # 254 + 3 bytes
        ("/".join(["kansio"] * 700) + "/01.md", "files.name-length"),
        ("../salaisuus.md", "read.outside"),
        ("luvut/../../salaisuus.md", "read.outside"),
        ("/etc/passwd", "read.outside"),
        ("luvut/puuttuu.md", None),  # not found: the reader says so
    ],
)
def test_a_source_path_is_judged_before_the_disk_is_asked(tmp_path, reference, rule):
    (tmp_path / "luvut").mkdir()
    (tmp_path / "luvut" / "01.md").write_text("# A\n")
    assert _rule(source_path_problem(reference, tmp_path)) == rule


def test_a_symlink_loop_and_a_link_out_of_the_sources_are_named(tmp_path):
    root = tmp_path / "sources"
    root.mkdir()
    os.symlink("itse.md", root / "itse.md")
    os.symlink("b.md", root / "a.md")
    os.symlink("a.md", root / "b.md")
    (tmp_path / "salainen.md").write_text("x")
    os.symlink(tmp_path / "salainen.md", root / "ulos.md")
    (root / "oikea.md").write_text("x")
    os.symlink("oikea.md", root / "linkki.md")
    loop = source_path_problem("itse.md", root)
    assert _rule(loop) == "files.symlink-loop"
    assert str(loop.message) == "'itse.md' is a symbolic link that leads back to itself"
    assert _rule(source_path_problem("a.md", root)) == "files.symlink-loop"
    out = source_path_problem("ulos.md", root)
    assert _rule(out) == "read.outside" and "symbolic link" in str(out.message)
    assert source_path_problem("linkki.md", root) is None


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("testikirja.pdf", None),
        ("talousarvio 2024 – ääkköset.pdf", None),
        ("kirja\0.pdf", "files.name-character"),
        ("kirja\u202efdp.pdf", "files.name-character"),
        ("kirja\n.pdf", "files.name-character"),
        ("../kirja.pdf", "files.name-folder"),
        ("/../../x", "files.name-folder"),
        ("a\\b.pdf", "files.name-folder"),
        ("..", "files.name-folder"),
        ("k" * 256, "files.name-length"),
    ],
)
def test_a_name_in_the_output_folder_is_one_file_name(name, rule):
    assert _rule(file_name_problem(name)) == rule


@pytest.mark.parametrize(
    ("path", "rule"),
    [
        (Path("sources"), None),
        (Path("/tmp/caf\udce9/sources"), None),  # a folder not named in UTF-8 is still one
        (Path("/tmp/x\u202e/kirja.pdf"), None),  # the user's own file, whatever its name
        (Path("sour\0ces"), "files.name-character"),
        (Path("output") / ("k" * 300 + ".pdf"), "files.name-length"),
    ],
)
def test_a_path_on_the_command_line_is_refused_only_where_no_file_could_have_it(path, rule):
    assert _rule(argument_problem(path)) == rule


def test_a_copy_of_the_sources_leaves_out_links_out_loops_and_folders_it_is_in(tmp_path):
    root = tmp_path / "sources"
    (root / "luvut").mkdir(parents=True)
    (root / "luvut" / "01.md").write_text("# A\n")
    (tmp_path / "salainen.md").write_text("x")
    os.symlink(tmp_path / "salainen.md", root / "luvut" / "ulos.md")
    os.symlink("itse.md", root / "luvut" / "itse.md")
    os.symlink("puuttuu.md", root / "luvut" / "tyhjä.md")
    os.symlink(root, root / "luvut" / "ylös")
    os.symlink("01.md", root / "luvut" / "sama.md")  # inside: copied as the file
    copy = tmp_path / "copy"
    shutil.copytree(root, copy, symlinks=False, ignore=links_to_leave(root))
    assert sorted(p.name for p in (copy / "luvut").iterdir()) == ["01.md", "sama.md"]
    assert (copy / "luvut" / "sama.md").read_text() == "# A\n"
