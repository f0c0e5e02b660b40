"""Hostile names: every book.yaml value and command-line argument that becomes a path,
given NULs, control characters, bidi overrides, `..`, absolute paths, names too long,
bytes that are not UTF-8 and symlink loops. Each run ends in a book or in diagnostics,
and writes nothing outside output/ (tests/hostile/corpus.py judges)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from kkpdf.diagnostics import visible
from tests.conftest import MINIMAL, ROOT, copy_book
from tests.hostile.corpus import run_kkpdf

BOOK_YAML = (MINIMAL / "book.yaml").read_text(encoding="utf-8")

# The pieces a hostile name is made of, and plain text between them.
PIECES = st.sampled_from([
    "\0", "\x1b[2J", "\n", "\r", "\t", "\x7f", "\u0085", "\u202e", "\u2066", "\u200f",
    "..", "/", "\\", "./", "../", "/etc/", "~", " ", ".", "-",
    os.fsdecode(b"\xff"), os.fsdecode(b"caf\xe9"),
    "a" * 256, "ä" * 130, "x/" * 40,
])  # fmt: skip
NAMES = st.lists(
    st.one_of(PIECES, st.text(st.characters(codec="utf-8"), max_size=6)), min_size=1, max_size=4
).map("".join)

# Where a name goes in book.yaml: a chapter, a data file, the output name, the labels
# that a draft's file name is made of.
PLACES = {
    "chapter": ("  - luvut/01.md\n", "  - luvut/01.md\n  - {name}\n"),
    "data": ("accounts: data/tilit.yaml", "accounts: [data/tilit.yaml, {name}]"),
    "output": ("output: testikirja.pdf", "output: {name}"),
    "draft": ("draft: LUONNOS", "draft: {name}"),
    "changes": ("changes: Muutokset", "changes: {name}"),
}


def book_with(folder: Path, place: str, name: str) -> Path:
    """The minimal book with `name` at `place`, and a file of that name in luvut/ where
    one can be made there (so that the name is read, not only refused)."""
    old, new = PLACES[place]
    quoted = json.dumps(name)  # a YAML double-quoted scalar: escapes for everything
    text = BOOK_YAML.replace(old, new.format(name=quoted))
    if place == "chapter":
        text = text.replace(f"  - {quoted}\n", f"  - {json.dumps('luvut/' + name)}\n")
    book = copy_book(MINIMAL, folder / "book", {"book.yaml": text})
    if "/" not in name and name not in ("", ".", ".."):
        # Where no file system has the name, the name alone is judged.
        with contextlib.suppress(OSError, ValueError):
            (book / "luvut" / name).write_text("# Luku\n\nTeksti.\n", encoding="utf-8")
    return book


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(["chapter", "data", "output"]), name=NAMES)
def test_a_hostile_name_in_book_yaml_is_checked_or_diagnosed(place, name):
    with tempfile.TemporaryDirectory() as folder:
        book = book_with(Path(folder), place, name)
        run = run_kkpdf(["check", str(book)], Path(folder), book.parent / "output")
        for line in run.stderr.splitlines():
            assert visible(line) == line, f"printed as it is: {line!r}"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(["output", "draft", "changes"]), name=NAMES)
def test_a_draft_named_by_hostile_labels_stays_in_the_output_folder(place, name):
    with tempfile.TemporaryDirectory() as folder:
        book = book_with(Path(folder), place, name)
        run_kkpdf(["build", "--draft", str(book)], Path(folder), book.parent / "output")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, option=st.sampled_from(["-o", "--report", "--comments", "sources"]))
@example(name="/", option="--report")  # the folder "/" has no name to give a suffix to
@example(name="/", option="-o")
@example(name="../kirja", option="-o")  # written where it is asked to be, beside output/
def test_a_hostile_path_on_the_command_line_ends_in_a_message(name, option):
    with tempfile.TemporaryDirectory() as folder:
        book = copy_book(MINIMAL, Path(folder) / "book")
        output = book.parent / "output"
        argument = str(output / name) if option != "sources" else name
        args = ["build", "--draft", str(book), option, argument]
        if option == "sources":
            args = ["check", name]
        elif option == "--comments":
            args = ["build", "--draft", str(book), "--comments", argument]
        # A name that climbs out of output/ ("../x") names the folder it is written to.
        target = Path(os.path.normpath(argument))
        allowed = output if target.is_relative_to(output) else target.parent
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(folder)  # a relative name lands in the workspace, not the checkout
            run_kkpdf(args, Path(folder), allowed)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda luvut: os.symlink("02.md", luvut / "02.md"), "leads back to itself"),
        (lambda luvut: (os.symlink("03.md", luvut / "02.md"), os.symlink("02.md", luvut / "03.md")),
         "leads back to itself"),
        (lambda luvut: os.symlink("/etc/hostname", luvut / "02.md"), "outside the sources folder"),
        (lambda luvut: os.symlink(luvut, luvut / "kansio"), None),
    ],
    ids=["itself", "a pair", "outside", "a folder"],
)  # fmt: skip
def test_a_symlink_chapter_is_diagnosed(tmp_path, make, expected):
    book = copy_book(MINIMAL, tmp_path / "book")
    make(book / "luvut")
    name = "02.md" if expected else "kansio/kansio/01.md"
    text = BOOK_YAML.replace("  - luvut/01.md\n", f"  - luvut/01.md\n  - luvut/{name}\n")
    (book / "book.yaml").write_text(text, encoding="utf-8")
    run = run_kkpdf(["check", str(book)], tmp_path, book.parent / "output")
    if expected is None:  # a loop of folders is a path like any other: luvut/01.md again
        return
    assert run.status == 1 and expected in run.errors[0], run.stderr


def test_a_sources_folder_not_named_in_utf8_gives_valid_json_and_text(tmp_path):
    """A real process, whose standard output encodes strictly (in-process it would not)."""
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9\xe2\x80\xae"))
    book = copy_book(MINIMAL, folder, {"data/talous.yaml": "keskus: [\n"})

    def check(*options: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "kkpdf", "check", os.fsencode(book),
                               *options], cwd=ROOT, capture_output=True)  # fmt: skip

    run = check("--format", "json")
    assert run.returncode == 1 and b"Traceback" not in run.stderr
    (diagnostic,) = json.loads(run.stdout.decode("utf-8"))
    assert diagnostic["file"].endswith("/caf\\xe9\u202e/data/talous.yaml")
    sarif = json.loads(check("--format", "sarif").stdout.decode("utf-8"))
    assert sarif["runs"][0]["results"]
    text = check().stderr.decode("utf-8")
    assert "/caf\\xe9\\u202e/data/talous.yaml:2:1: error:" in text and "\u202e" not in text
