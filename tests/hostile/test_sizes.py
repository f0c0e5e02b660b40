"""Inputs too large to lay out in reasonable time (#19): a source file over the limit is
refused unread, a paragraph, heading, list item or label over the limit where it is
written, with its size and the limit. Their times are measured by `make bench`
(kkpdf.devtools.hostile_bench), not asserted here."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kkpdf.checks.sizes import PARAGRAPH_CHARS
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.money import format_number
from kkpdf.parse.read import MAX_FILE_BYTES, read_sources
from tests.conftest import MINIMAL, copy_book
from tests.hostile.corpus import run_kkpdf

CHAPTER = (MINIMAL / "luvut/01.md").read_text(encoding="utf-8")
ACCOUNTS = (MINIMAL / "data/tilit.yaml").read_text(encoding="utf-8")
TOO_LONG = "characters long; the book lays out at most 20\u00a0000 characters in one paragraph"


def words(size: int) -> str:
    """`size` characters of words of Finnish, no word too wide for a column."""
    return ("talousarvio " * (size // 12 + 1))[:size].strip().ljust(size, "x")


# Where the text goes, and the line it starts on there.
PLACES = {
    "paragraph": lambda text: ({"luvut/01.md": CHAPTER.replace("Keskukseen kuuluvat:", text)},
                               "luvut/01.md:3:1"),
    "list item": lambda text: ({"luvut/01.md": CHAPTER.replace("Keskukseen kuuluvat:",
                                                               "- lyhyt\n- " + text)},
                               "luvut/01.md:4:"),
    "heading": lambda text: ({"luvut/01.md": CHAPTER.replace("## Talous", "## " + text)},
                             "luvut/01.md:8:1"),
    "label": lambda text: ({"data/tilit.yaml": ACCOUNTS.replace("label: Myyntituotot",
                                                                f"label: {text}")},
                           "data/tilit.yaml:1:"),
}  # fmt: skip


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(place=st.sampled_from(sorted(PLACES)),
       size=st.sampled_from([PARAGRAPH_CHARS - 1, PARAGRAPH_CHARS, PARAGRAPH_CHARS + 1,
                             5 * PARAGRAPH_CHARS]))  # fmt: skip
def test_text_over_the_limit_is_refused_where_it_is_written(place, size, tmp_path_factory):
    files, where = PLACES[place](words(size))
    workspace = tmp_path_factory.mktemp("sizes")
    book = copy_book(MINIMAL, workspace / "book", files)
    run = run_kkpdf(["check", str(book)], workspace, book / "output")
    refused = [line for line in run.errors if TOO_LONG in line]
    if size > PARAGRAPH_CHARS:
        assert len(refused) == 1, run.stderr
        assert f"{book}/{where}" in refused[0]
        assert f"this text is {format_number(size)} characters" in refused[0]
    else:
        assert not refused and run.status == 0, run.stderr


@pytest.mark.parametrize("name", ["luvut/01.md", "data/talous.yaml"])
def test_a_source_file_over_the_limit_is_refused_unread(name, tmp_path):
    book = copy_book(MINIMAL, tmp_path / "book")
    with (book / name).open("r+b") as file:  # sparse: nothing is written but the size
        file.truncate(MAX_FILE_BYTES + 1)
    run = run_kkpdf(["check", str(book)], tmp_path, book / "output")
    assert run.status == 1
    assert [line for line in run.errors if line.startswith(f"{book}/{name}:1:1: error: ")] == [
        f"{book}/{name}:1:1: error: the file is 11 MB; a source file may be at most 10 MB"
    ]
    # Unread: a file of NUL bytes would otherwise be reported as YAML or text.
    assert not [line for line in run.errors if re.search(r"YAML|UTF-8|NUL", line)]


def test_a_source_file_at_the_limit_is_read(tmp_path):
    book = copy_book(MINIMAL, tmp_path / "book")
    with (book / "luvut/01.md").open("r+b") as file:
        file.truncate(MAX_FILE_BYTES)
    sink = DiagnosticSink()
    sources = read_sources(book, sink)  # only read: 10 MB of markup takes long to parse
    assert not sink.diagnostics and len(sources.chapters[0].text) == MAX_FILE_BYTES


def test_a_word_too_wide_is_named_by_its_start(tmp_path):
    word = "x" * 5_000
    chapter = CHAPTER.replace("Keskukseen kuuluvat:", f"Sana {word} loppuu.")
    book = copy_book(MINIMAL, tmp_path / "book", {"luvut/01.md": chapter})
    pdf = book / "output" / "kirja.pdf"
    run = run_kkpdf(["build", str(book), "-o", str(pdf)], tmp_path, book / "output")
    assert run.status == 1
    [error] = run.errors
    assert f"error: '{'x' * 119}\u2026' is wider than its column" in error
