"""A check run on its own over the minimal book with some files replaced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink


def printed(diagnostics, sources: Path) -> list[str]:
    """The diagnostics as a user reads them, paths relative to the sources."""
    return [d.format().replace(f"{sources}/", "") for d in diagnostics]


@pytest.fixture
def run_check(minimal_book):
    """Factory: `check(book, sink)` over the minimal book with `overrides`; the sources
    themselves must compile without an error. `run.rules` are then the rule ids
    reported, which tools and drafts go by."""

    def run(check: Callable, overrides: dict[str, str] | None = None) -> list[str]:
        sources = minimal_book(overrides)
        sink = DiagnosticSink()
        book = compile_document(sources, sink)
        assert not sink.diagnostics, printed(sink.diagnostics, sources)
        check(book, sink)
        run.rules = [d.rule.id for d in sink.diagnostics]
        return printed(sink.diagnostics, sources)

    return run
