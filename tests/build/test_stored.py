"""Document models kept from an earlier build: the same model and diagnostics for the
same texts, a new one for changed texts, none for a book that does not parse."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from kkpdf.build import compile_sources
from kkpdf.build.stored import KIND, StoredDocuments
from kkpdf.cache import read_entry, write_entry
from kkpdf.diagnostics import DiagnosticSink, Severity, StageFailed
from tests.conftest import MINIMAL, ROOT, copy_book, outside_env


def compiled(book, store):
    sink = DiagnosticSink()
    result = compile_sources(book, sink, stored=StoredDocuments(store))
    return result.book, sink.diagnostics


def entries(store):
    return sorted((store / KIND).glob("*.pickle")) if (store / KIND).exists() else []


def test_the_same_texts_give_the_kept_model_and_its_diagnostics(tmp_path):
    # The tables not placed in the chapter are warnings of the document stage.
    book = copy_book(MINIMAL, tmp_path / "book", {"luvut/01.md": "# Keskus\n\nTeksti.\n"})
    store = tmp_path / "cache"
    fresh, said = compiled(book, None)
    made, made_said = compiled(book, store)
    assert (made, made_said) == (fresh, said)
    assert said and all(d.severity is Severity.WARNING for d in said)
    [entry] = entries(store)
    # What a later build gets is what is kept: a kept diagnostic more shows.
    key, (model, kept) = pickle.loads(entry.read_bytes())
    marker = kept[0]
    entry.write_bytes(pickle.dumps((key, (model, (*kept, marker)))))
    again, again_said = compiled(book, store)
    assert again == fresh
    assert again_said == [*said, marker]


def test_a_changed_text_is_a_new_model(tmp_path):
    book = copy_book(MINIMAL, tmp_path / "book")
    store = tmp_path / "cache"
    before, _ = compiled(book, store)
    chapter = next((book / "luvut").glob("*.md"))
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nUusi kappale.\n", encoding="utf-8")
    after, _ = compiled(book, store)
    assert after != before
    assert after == compiled(book, None)[0]
    assert len(entries(store)) == 2


def test_a_book_that_does_not_parse_is_reported_and_not_kept(tmp_path):
    book = copy_book(MINIMAL, tmp_path / "book", {"data/talous.yaml": "keskus: [1, 2\n"})
    store = tmp_path / "cache"
    for _ in range(2):
        sink = DiagnosticSink()
        with pytest.raises(StageFailed):
            compile_sources(book, sink, stored=StoredDocuments(store))
        assert sink.errors and "talous.yaml" in str(sink.errors[0].span.path)
    assert entries(store) == []


def test_a_damaged_entry_is_made_again(tmp_path):
    book = copy_book(MINIMAL, tmp_path / "book")
    store = tmp_path / "cache"
    fresh, said = compiled(book, store)
    [entry] = entries(store)
    entry.write_bytes(entry.read_bytes()[:50])
    assert compiled(book, store) == (fresh, said)
    # An entry of the right name holding something else is made again too.
    key = entry.stem
    write_entry(store, KIND, key, ("not a book", ()))
    assert compiled(book, store) == (fresh, said)
    assert read_entry(store, KIND, key)[0] == fresh


def test_the_key_covers_every_text_path_and_edition(tmp_path):
    book = copy_book(MINIMAL, tmp_path / "book")
    stored = StoredDocuments(tmp_path / "cache")
    sink = DiagnosticSink()
    sources = compile_sources(book, sink).sources
    key = stored.key(sources)
    assert stored.key(sources) == key
    data = sources.data["finance"][0]
    changed = type(data)(data.path, data.text + "\n")
    moved = type(data)(data.path.with_name("muu.yaml"), data.text)
    for other in (changed, moved):
        variant = type(sources)(**{**vars(sources), "data": {**sources.data, "finance": (other,)}})
        assert stored.key(variant) != key
    edition = type(sources.edition)("sv", ("fi", "sv"))
    assert stored.key(type(sources)(**{**vars(sources), "edition": edition})) != key


def test_two_builds_of_the_command_say_the_same_and_write_the_same(tmp_path):
    env = {**outside_env(), "KKPDF_CACHE_DIR": str(tmp_path / "cache")}
    runs = []
    for name in ("first", "second"):
        output = tmp_path / f"{name}.pdf"
        command = [sys.executable, "-m", "kkpdf", "build", "sources", "--edition", "fi"]
        done = subprocess.run([*command, "-o", str(output)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stderr
        runs.append((done.stderr.splitlines()[:-1], output.read_bytes()))
    assert runs[0] == runs[1]
    assert len(entries(tmp_path / "cache")) == 2  # the Finnish edition and the Swedish compared


def test_an_edition_and_a_role_are_each_part_of_the_key(tmp_path):
    book = copy_book(MINIMAL, tmp_path / "book")
    stored = StoredDocuments(tmp_path / "cache")
    sources = compile_sources(book, DiagnosticSink()).sources
    edition = type(sources.edition)
    finnish = type(sources)(**{**vars(sources), "edition": edition("fi", ("fi", "sv"))})
    swedish = type(sources)(**{**vars(sources), "edition": edition("sv", ("fi", "sv"))})
    assert stored.key(finnish) != stored.key(swedish)
    # The same file read as another part of the book is another book.
    moved = {("summaries" if role == "finance" else role): files
             for role, files in sources.data.items()}  # fmt: skip
    assert stored.key(type(sources)(**{**vars(sources), "data": moved})) != stored.key(sources)
