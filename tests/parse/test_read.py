"""Reading the sources: encodings, line ends, and nothing outside the sources folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kkpdf.diagnostics import DiagnosticSink, StageFailed
from kkpdf.parse.read import decode_text, read_sources


def test_byte_order_mark_and_crlf_are_handled():
    assert decode_text(b"\xef\xbb\xbfa: 1\r\nb: 2\rc: 3\n") == "a: 1\nb: 2\nc: 3\n"


def test_a_file_edited_in_windows_builds(minimal_book):
    book = minimal_book()
    for path in book.rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    sink = DiagnosticSink()
    sources = read_sources(book, sink)
    assert not sink.diagnostics
    assert "\r" not in sources.book.text


def test_a_latin_1_file_is_an_error_with_its_line(minimal_book):
    book = minimal_book()
    (book / "luvut" / "01.md").write_bytes("# Keskus\n\nHyvää päivää\n".encode("latin-1"))
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        read_sources(book, sink)
    (error,) = sink.errors
    assert error.span.path == book / "luvut" / "01.md"
    assert (error.span.line, error.message) == (3, "the file is not UTF-8 (byte 0xe4)")
    assert "UTF-8" in error.hint


def test_a_symbolic_link_out_of_the_sources_is_refused(minimal_book, tmp_path):
    book = minimal_book()
    secret = tmp_path / "salainen.md"
    secret.write_text("# Salaisuus\n", encoding="utf-8")
    chapter = book / "luvut" / "01.md"
    chapter.unlink()
    os.symlink(secret, chapter)
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        read_sources(book, sink)
    (error,) = sink.errors
    assert error.message == "'luvut/01.md' is outside the sources folder"


def test_book_yaml_itself_may_not_point_outside(minimal_book, tmp_path):
    book = minimal_book()
    elsewhere = tmp_path / "muu.yaml"
    (book / "book.yaml").rename(elsewhere)
    os.symlink(elsewhere, book / "book.yaml")
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        read_sources(book, sink)
    assert [e.message for e in sink.errors] == ["'book.yaml' is outside the sources folder"]


def test_an_absolute_path_is_refused(minimal_book):
    book = minimal_book()
    text = (book / "book.yaml").read_text(encoding="utf-8")
    (book / "book.yaml").write_text(text.replace("luvut/01.md", "/etc/passwd"), encoding="utf-8")
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        read_sources(book, sink)
    assert [e.message for e in sink.errors] == ["'/etc/passwd' is outside the sources folder"]


@pytest.mark.parametrize("given", ["book", "./book", "book/", "book/../book", "."])
def test_a_relative_sources_folder_reads_like_an_absolute_one(minimal_book, monkeypatch, given):
    book = minimal_book()
    monkeypatch.chdir(book if given == "." else book.parent)
    sink = DiagnosticSink()
    sources = read_sources(Path(given), sink)
    assert sink.diagnostics == []
    assert len(sources.chapters) == 1 and set(sources.data) >= {"finance", "units"}


def test_a_folder_that_is_not_there_is_named(tmp_path):
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        read_sources(tmp_path / "puuttuu", sink)
    (error,) = sink.errors
    assert "does not exist" in error.message and error.rule.id == "read.missing"


def test_a_missing_file_is_named_with_its_reference(minimal_book):
    book = minimal_book()
    (book / "luvut" / "01.md").unlink()
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        read_sources(book, sink)
    (error,) = sink.errors
    assert error.message == "file 'luvut/01.md' not found"
    assert error.span.path == book / "book.yaml" and error.span.line > 1
