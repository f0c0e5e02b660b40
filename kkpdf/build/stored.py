"""Documents kept from an earlier build of the same sources (`kkpdf.cache`).

Parsing the chapters and data and building the document model is the same work
for the same texts with the same code: a build that finds it done (an edit of one
edition leaves the other as it was; a check before a build; a second build) reads
the model, and the diagnostics it gave, from the cache instead. An entry is named
by the texts of every source file of the edition, their paths, and kkpdf's code
(`kkpdf.code_files`) with the parsers' versions; a book that failed to parse is
never kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import markdown_it
import mdit_py_plugins
import yaml

from kkpdf import code_files
from kkpdf.cache import entry_key, read_entry, write_entry
from kkpdf.diagnostics import Diagnostic, DiagnosticSink
from kkpdf.model import Book
from kkpdf.parse.read import SourceSet

KIND = "documents"
# A few editions' worth of recent versions; older ones are deleted as new ones come.
KEPT = 24


class StoredDocuments:
    """The document models kept in `folder` (None: nothing is kept)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._code: str | None = None

    def book(
        self, sources: SourceSet, sink: DiagnosticSink, make: Callable[[DiagnosticSink], Book]
    ) -> Book:
        """The edition's model: kept, or made by `make` (then kept if it parsed),
        with the diagnostics it gave in `sink` either way."""
        if self.folder is None:
            return make(sink)
        key = self.key(sources)
        stored = read_entry(self.folder, KIND, key)
        if _whole(stored):
            book, diagnostics = stored  # type: ignore[misc]
            sink.diagnostics.extend(diagnostics)
            return book
        own = DiagnosticSink()
        try:
            book = make(own)
        finally:
            sink.diagnostics.extend(own.diagnostics)
        write_entry(self.folder, KIND, key, (book, tuple(own.diagnostics)), keep=KEPT)
        return book

    def key(self, sources: SourceSet) -> str:
        files = [sources.book, *sources.chapters, *(f for fs in sources.data.values() for f in fs)]
        roles = [f"{role}:{len(found)}" for role, found in sources.data.items()]
        return entry_key(
            "document",
            self.code(),
            str(sources.root),
            sources.edition.code,
            ",".join(sources.edition.codes),
            *roles,
            *(part for file in files for part in (str(file.path), file.text)),
        )

    def code(self) -> str:
        """kkpdf's code and the parsers' versions, once per session."""
        if self._code is None:
            versions = (markdown_it.__version__, mdit_py_plugins.__version__, yaml.__version__)
            self._code = entry_key(*versions, *(f"{p}:{s}:{m}" for p, s, m in code_files()))
        return self._code


def _whole(stored: object) -> bool:
    return (
        isinstance(stored, tuple)
        and len(stored) == 2
        and isinstance(stored[0], Book)
        and all(isinstance(d, Diagnostic) for d in stored[1])
    )
