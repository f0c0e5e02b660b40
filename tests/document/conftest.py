"""The document stage's tests build the shipped book, or the minimal one with changes."""

from __future__ import annotations

import pytest

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink


def compiled(path):
    sink = DiagnosticSink()
    book = compile_document(path, sink)
    assert not sink.errors, [d.format() for d in sink.errors]
    return book


def blocks_of(book, kind):
    return [b for c in book.chapters for b in c.blocks if isinstance(b, kind)]


@pytest.fixture(scope="module")
def shipped(shipped_book):
    return shipped_book
