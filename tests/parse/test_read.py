"""Reading the sources: encodings, line ends, and nothing outside the sources folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from kkpdf.diagnostics import DiagnosticSink, Severity, StageFailed
from kkpdf.parse.read import (
    MAX_FILE_BYTES,
    SourceReadError,
    decode_text,
    listed_editions,
    read_sources,
)
from tests.conftest import MINIMAL, SOURCES, copy_book


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
    assert (error.span.line, str(error.message)) == (3, "the file is not UTF-8 (byte 0xe4)")
    assert "UTF-8" in str(error.hint)


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
    assert str(error.message) == (
        "'luvut/01.md' is a symbolic link to a file outside the sources folder"
    )


def test_book_yaml_itself_may_not_point_outside(minimal_book, tmp_path):
    book = minimal_book()
    elsewhere = tmp_path / "muu.yaml"
    (book / "book.yaml").rename(elsewhere)
    os.symlink(elsewhere, book / "book.yaml")
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        read_sources(book, sink)
    assert [str(e.message) for e in sink.errors] == [
        "'book.yaml' is a symbolic link to a file outside the sources folder"
    ]


def test_an_absolute_path_is_refused(minimal_book):
    book = minimal_book()
    text = (book / "book.yaml").read_text(encoding="utf-8")
    (book / "book.yaml").write_text(text.replace("luvut/01.md", "/etc/passwd"), encoding="utf-8")
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        read_sources(book, sink)
    assert [str(e.message) for e in sink.errors] == ["'/etc/passwd' is outside the sources folder"]


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
    assert "does not exist" in str(error.message) and error.rule.id == "read.missing"


def test_a_missing_file_is_named_with_its_reference(minimal_book):
    book = minimal_book()
    (book / "luvut" / "01.md").unlink()
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        read_sources(book, sink)
    (error,) = sink.errors
    assert str(error.message) == "file 'luvut/01.md' not found"
    assert error.span.path == book / "book.yaml" and error.span.line > 1


BOOK = (MINIMAL / "book.yaml").read_text(encoding="utf-8")


def failing_read(book: Path) -> list[tuple[str, str, str, str | None]]:
    """What reading reports, as (place, rule, message, hint), when it stops."""
    sink = DiagnosticSink()
    with pytest.raises(StageFailed) as caught:
        read_sources(book, sink)
    assert str(caught.value) == "read reported errors"  # the stage that stopped is named
    assert all(d.severity is Severity.ERROR for d in sink.diagnostics)
    return [
        (str(d.span), d.rule.id, str(d.message), d.hint and str(d.hint)) for d in sink.diagnostics
    ]


def with_book(minimal_book, old: str, new: str) -> Path:
    assert old in BOOK
    return minimal_book({"book.yaml": BOOK.replace(old, new)})


def line_of(text: str, book: str = BOOK) -> int:
    return book[: book.index(text)].count("\n") + 1


def test_the_sources_read_are_sorted_by_role(minimal_book):
    goals = "  goals: data/tavoitteet.yaml\n"
    book = minimal_book(
        {
            "book.yaml": BOOK.replace(goals, goals + "  words: data/sanat.txt\n"),
            "data/sanat.txt": "kaupunginkanslia\n",
        }
    )
    sink = DiagnosticSink()
    sources = read_sources(book, sink)
    assert sink.diagnostics == []
    assert sources.root == book
    assert sources.book.path == book / "book.yaml"
    assert sources.book_tree.get("title").value == "Testikirja 2023"
    assert [c.path for c in sources.chapters] == [book / "luvut" / "01.md"]
    assert sources.chapters[0].text == (MINIMAL / "luvut" / "01.md").read_text(encoding="utf-8")
    assert {role: [f.path.name for f in files] for role, files in sources.data.items()} == {
        "accounts": ["tilit.yaml"],
        "units": ["yksikot.yaml"],
        "finance": ["talous.yaml"],
        "goals": ["tavoitteet.yaml"],
        "words": ["sanat.txt"],
    }
    assert sources.data["words"][0].text == "kaupunginkanslia\n"


def test_without_a_word_list_there_is_no_words_role(minimal_book):
    sources = read_sources(minimal_book(), DiagnosticSink())
    assert set(sources.data) == {"accounts", "units", "finance", "goals"}


def test_a_role_may_list_several_files_in_order(minimal_book):
    book = with_book(minimal_book, "chapters:\n  - luvut/01.md\n",
                     "chapters:\n  - luvut/02.md\n  - luvut/01.md\n")  # fmt: skip
    (book / "luvut" / "02.md").write_text("# Toinen\n", encoding="utf-8")
    sources = read_sources(book, DiagnosticSink())
    assert [c.path.name for c in sources.chapters] == ["02.md", "01.md"]


def test_a_sources_folder_that_is_a_file_is_named_with_a_hint(tmp_path):
    root = tmp_path / "book.yaml"
    root.write_text("title: x\n", encoding="utf-8")
    assert failing_read(root) == [
        (
            f"{root}:1:1",
            "read.missing",
            f"sources folder '{root}' does not exist",
            "give the folder that holds book.yaml, e.g. 'kkpdf build sources'",
        )
    ]


def test_a_missing_book_yaml_is_named_with_the_folder_paths_are_relative_to(tmp_path):
    assert failing_read(tmp_path) == [
        (
            f"{tmp_path / 'book.yaml'}:1:1",
            "read.missing",
            "file 'book.yaml' not found",
            f"check the name; paths are relative to {tmp_path}",
        )
    ]


def test_a_missing_chapter_is_reported_where_book_yaml_names_it(minimal_book):
    book = minimal_book()
    (book / "luvut" / "01.md").unlink()
    line = line_of("  - luvut/01.md")
    assert failing_read(book) == [
        (
            f"{book / 'book.yaml'}:{line}:5",
            "read.missing",
            "file 'luvut/01.md' not found",
            f"check the name; paths are relative to {book}",
        )
    ]


def test_a_folder_named_as_a_chapter_is_not_found(minimal_book):
    book = with_book(minimal_book, "  - luvut/01.md\n", "  - luvut\n")
    ((_, rule, message, _),) = failing_read(book)
    assert (rule, message) == ("read.missing", "file 'luvut' not found")


def test_invalid_yaml_in_book_yaml_is_reported_with_its_place_and_hint(minimal_book):
    book = minimal_book({"book.yaml": "title: x\nchapters: [luvut/01.md\n"})
    ((place, rule, message, hint),) = failing_read(book)
    assert (place, rule) == (f"{book / 'book.yaml'}:3:1", "yaml.syntax")
    assert message.startswith("invalid YAML: ")
    assert hint == "check the indentation and that every 'key: value' has a space after the colon"


@pytest.mark.parametrize("text", ["", "- luvut/01.md\n", "kirja\n"])
def test_a_book_yaml_that_is_not_a_mapping_is_reported(minimal_book, text):
    book = minimal_book({"book.yaml": text})
    assert failing_read(book) == [
        (
            f"{book / 'book.yaml'}:1:1",
            "book.shape",
            "book.yaml must be a mapping of keys such as 'title:' and 'chapters:'",
            None,
        )
    ]


def test_missing_chapters_are_reported_at_the_book_with_a_hint(minimal_book):
    book = with_book(minimal_book, "chapters:\n  - luvut/01.md\n", "")
    assert failing_read(book) == [
        (
            f"{book / 'book.yaml'}:{line_of('title:')}:1",  # where the mapping begins
            "book.missing-key",
            "'chapters:' is missing",
            "add 'chapters:' with the file path(s), relative to the sources folder",
        )
    ]


def test_missing_data_is_reported_with_the_keys_it_needs(minimal_book):
    book = with_book(minimal_book, "data:\n", "other:\n")
    assert failing_read(book) == [
        (
            f"{book / 'book.yaml'}:1:1",
            "book.data",
            "book.yaml needs a 'data:' mapping naming the data files",
            "give the keys accounts, units, finance, goals",
        )
    ]


def test_data_that_is_not_a_mapping_is_reported_where_it_stands(minimal_book):
    book = minimal_book({"book.yaml": "chapters: luvut/01.md\ndata: [data/talous.yaml]\n"})
    assert failing_read(book) == [
        (
            f"{book / 'book.yaml'}:2:7",
            "book.data",
            "book.yaml needs a 'data:' mapping naming the data files",
            "give the keys accounts, units, finance, goals",
        )
    ]


def test_a_missing_data_role_is_reported_at_the_data_mapping(minimal_book):
    book = with_book(minimal_book, "  units: data/yksikot.yaml\n", "")
    assert failing_read(book) == [
        (
            f"{book / 'book.yaml'}:{line_of('  accounts:')}:3",
            "book.missing-key",
            "'units:' is missing",
            "add 'units:' with the file path(s), relative to the sources folder",
        )
    ]


def test_an_unknown_data_key_is_reported_at_the_key_with_the_known_ones(minimal_book):
    book = with_book(minimal_book, "  goals: data/tavoitteet.yaml\n",
                     "  goals: data/tavoitteet.yaml\n  goal: data/tavoitteet.yaml\n")  # fmt: skip
    assert failing_read(book) == [
        (
            f"{book / 'book.yaml'}:{line_of('  goals:') + 1}:3",
            "book.data",
            "unknown key 'goal' under 'data:' in book.yaml",
            "the keys are: accounts, units, finance, goals, investments, summaries, ties, words",
        )
    ]


@pytest.mark.parametrize("entry", ["''", "1", "[luvut/01.md]", "{a: b}", "~"])
def test_a_listed_entry_that_is_not_a_path_is_reported_and_the_rest_read(minimal_book, entry):
    # The good chapter after the bad entry is still read: one run names every problem.
    book = with_book(minimal_book, "chapters:\n  - luvut/01.md\n",
                     f"chapters:\n  - {entry}\n  - luvut/02.md\n")  # fmt: skip
    line = line_of("chapters:") + 1
    assert failing_read(book) == [
        (f"{book / 'book.yaml'}:{line}:5", "book.path", "'chapters' must list file paths", None),
        (
            f"{book / 'book.yaml'}:{line + 1}:5",
            "read.missing",
            "file 'luvut/02.md' not found",
            f"check the name; paths are relative to {book}",
        ),
    ]


def test_an_empty_list_of_files_is_reported_where_it_stands(minimal_book):
    book = with_book(minimal_book, "chapters:\n  - luvut/01.md\n", "chapters: []\n")
    assert failing_read(book) == [
        (
            f"{book / 'book.yaml'}:{line_of('chapters:')}:11",
            "book.missing-key",
            "'chapters:' names no files",
            None,
        )
    ]


def test_a_single_file_may_be_named_without_a_list(minimal_book):
    book = with_book(minimal_book, "chapters:\n  - luvut/01.md\n", "chapters: luvut/01.md\n")
    sources = read_sources(book, DiagnosticSink())
    assert [c.path for c in sources.chapters] == [book / "luvut" / "01.md"]


def test_a_path_out_by_dot_dot_is_refused_with_the_hint(minimal_book, tmp_path):
    (tmp_path / "salainen.md").write_text("# Salaisuus\n", encoding="utf-8")
    book = with_book(minimal_book, "  - luvut/01.md\n", "  - ../salainen.md\n")
    assert failing_read(book) == [
        (
            f"{book / 'book.yaml'}:{line_of('  - luvut/01.md')}:5",
            "read.outside",
            "'../salainen.md' is outside the sources folder",
            "keep every chapter and data file inside the sources folder and refer to it "
            "by a relative path",
        )
    ]


def test_an_absolute_path_inside_the_sources_is_refused_too(minimal_book):
    # The book must build wherever the sources folder is copied to.
    book = minimal_book()
    text = (book / "book.yaml").read_text(encoding="utf-8")
    absolute = str(book / "luvut" / "01.md")
    (book / "book.yaml").write_text(text.replace("luvut/01.md", absolute), encoding="utf-8")
    ((_, rule, message, _),) = failing_read(book)
    assert (rule, message) == ("read.outside", f"'{absolute}' is outside the sources folder")


def test_a_symbolic_link_inside_the_sources_is_read(minimal_book):
    book = minimal_book()
    chapter = book / "luvut" / "01.md"
    chapter.rename(book / "luvut" / "oikea.md")
    os.symlink("oikea.md", chapter)
    sources = read_sources(book, DiagnosticSink())
    assert sources.chapters[0].text.startswith("# ")


def test_a_latin_1_data_file_is_reported_at_its_own_line_with_the_hint(minimal_book):
    book = minimal_book()
    (book / "data" / "tilit.yaml").write_bytes("a: 1\nb: 2\nnimi: Pää\n".encode("latin-1"))
    assert failing_read(book) == [
        (
            f"{book / 'data' / 'tilit.yaml'}:3:1",
            "read.encoding",
            "the file is not UTF-8 (byte 0xe4)",
            "save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8)",
        )
    ]


def test_a_file_that_cannot_be_read_is_named_with_the_reason(minimal_book, monkeypatch):
    # Tests run as root here, where permissions do not stop a read: fail the read itself.
    book = minimal_book()
    chapter = book / "luvut" / "01.md"
    real = Path.read_bytes

    def refuse(path):
        if path == chapter:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert failing_read(book) == [
        (
            f"{book / 'book.yaml'}:{line_of('  - luvut/01.md')}:5",
            "read.io",
            "cannot read 'luvut/01.md': Permission denied",
            None,
        )
    ]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"a\r\nb", "a\nb"),
        (b"a\rb\r", "a\nb\n"),
        (b"a\r\r\nb", "a\n\nb"),
        (b"\xef\xbb\xbf", ""),
        (b"x\xef\xbb\xbf", "x\ufeff"),  # a mark is dropped only at the start
        ("Hyvää\n".encode(), "Hyvää\n"),
    ],
)
def test_text_is_decoded_with_one_kind_of_line_end(raw, text):
    assert decode_text(raw) == text


@pytest.mark.parametrize(("raw", "line", "byte"), [(b"\xff", 1, "ff"), (b"a\nb\n\xc3(", 3, "c3")])
def test_a_byte_that_is_not_utf_8_is_named_with_its_line(raw, line, byte):
    with pytest.raises(SourceReadError) as caught:
        decode_text(raw)
    assert (str(caught.value), caught.value.line) == (
        f"the file is not UTF-8 (byte 0x{byte})",
        line,
    )


@given(st.text())
def test_decoding_gives_back_any_text_without_carriage_returns(text):
    decoded = decode_text(text.encode("utf-8"))
    assert "\r" not in decoded
    assert decoded.replace("\n", "") == text.removeprefix("\ufeff").replace("\r", "").replace(
        "\n", ""
    )


def test_a_book_file_too_large_lists_no_editions_and_is_refused_unread(tmp_path):
    book = copy_book(SOURCES, tmp_path / "book")
    text = (book / "book.yaml").read_text(encoding="utf-8")
    assert listed_editions(book) == ("fi", "sv")
    padding = "#" * 99 + "\n"
    (book / "book.yaml").write_text(text + padding * (MAX_FILE_BYTES // 100), encoding="utf-8")
    assert listed_editions(book) == ()
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        read_sources(book, sink)
    assert any("a source file may be at most 10 MB" in str(d.message) for d in sink.errors)
