"""An import from start to end: read, match, edit, check, and write or refuse.

Nothing is written unless every step passed: the mapping, the export, each figure,
and the checks of the sources as they would be with the imported figures, run in a
scratch copy as `kkpdf next-year` runs them. A data file is written whole or not at
all (`files.write_atomically`).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from kkpdf.build import check_sources, compile_sources
from kkpdf.diagnostics import DiagnosticSink, Rule, Span, StageFailed
from kkpdf.files import links_to_leave, path_in_sources, write_atomically
from kkpdf.importing.mapping import read_mapping
from kkpdf.importing.matching import Chart, check_mapping, figures
from kkpdf.importing.readers import ExportProblem, read_export
from kkpdf.importing.writing import Change, DataFile, edited_files
from kkpdf.interrupts import no_stop
from kkpdf.messages import Message, tr, tr_plural
from kkpdf.rollover import files_done

# The rules this module reports.
UNREADABLE = Rule("import.unreadable")
SOURCES = Rule("import.sources")
RECHECK = Rule("import.recheck")

NOTHING_WRITTEN = tr("nothing written; the data files are as they were")


@dataclass(frozen=True)
class Imported:
    """What an import did (or, in a dry run, would do)."""

    figures: int  # read from the export
    changes: tuple[Change, ...]
    files: tuple[Path, ...]  # the data files changed
    written: bool

    def summary(self) -> Message:
        changed = tr_plural("{count} figure changed", "{count} figures changed",
                            len(self.changes))  # fmt: skip
        done = files_done(len(self.files), self.written)
        return tr("{figures} imported, {changed}; {done}", changed=changed, done=done,
                  figures=tr_plural("{count} figure", "{count} figures", self.figures))  # fmt: skip


def import_export(
    export: Path,
    mapping_path: Path,
    sources: Path,
    fonts_dir: Path,
    sink: DiagnosticSink,
    *,
    dry_run: bool = False,
    checkpoint: Callable[[], None] = no_stop,
) -> Imported:
    """Import the figures of `export` into the data of the book in `sources`.

    Raises `StageFailed` when anything stops it; the problems are in `sink` and no
    file has been written. `checkpoint` is asked last before anything is written.
    """
    mapping = read_mapping(mapping_path, sink)
    compiling = DiagnosticSink()
    try:
        book = compile_sources(sources, compiling).book
    except StageFailed:
        book = None
    if book is None or compiling.has_errors():
        sink.diagnostics.extend(compiling.errors)
        sink.error(Span(sources / "book.yaml"),
                   tr("the sources have errors, so no figures are imported into them"),
                   rule=SOURCES, hint=tr("correct them until `kkpdf check` reads them, then "
                                         "import again"))  # fmt: skip
        raise StageFailed("import", detail=NOTHING_WRITTEN)
    chart = Chart.of(book)
    if mapping is not None:
        check_mapping(mapping, chart, sink)
    try:
        workbook = read_export(export)
    except ExportProblem as problem:
        sink.error(Span(export), problem.message, rule=UNREADABLE, hint=problem.hint)
        raise StageFailed("import", detail=NOTHING_WRITTEN) from None
    if mapping is None or sink.has_errors():
        raise StageFailed("import", detail=NOTHING_WRITTEN)
    found = figures(workbook, mapping, chart, sink)
    if sink.has_errors():
        raise StageFailed("import", detail=NOTHING_WRITTEN)
    files, changes = edited_files(found)
    changed = [file for file in files if file.encoded != file.original]
    if changed:
        _recheck(sources, changed, fonts_dir, export, sink)
    checkpoint()
    if not dry_run:
        for file in changed:
            write_atomically(file.path, file.encoded)
    return Imported(len(found), tuple(changes), tuple(f.path for f in changed), not dry_run)


def _recheck(
    root: Path, files: list[DataFile], fonts_dir: Path, export: Path, sink: DiagnosticSink
) -> None:
    """The sources with the imported figures checked in a scratch copy; their errors are
    reported at the data files' lines as they would be, and nothing is written."""
    with tempfile.TemporaryDirectory(prefix="kkpdf-import-") as scratch:
        copy = Path(scratch) / "sources"
        shutil.copytree(root, copy, symlinks=False, ignore=links_to_leave(root))
        for file in files:
            (copy / path_in_sources(file.path, root)).write_bytes(file.encoded)
        checking = DiagnosticSink()
        with contextlib.suppress(StageFailed):
            check_sources(copy, fonts_dir, checking)
        if not checking.has_errors():
            return

        def moved(span: Span) -> Span:  # from the scratch copy to the sources' own file
            return replace(span, path=root / path_in_sources(span.path, copy))

        sink.diagnostics += [
            replace(error, span=moved(error.span),
                    notes=tuple(replace(n, span=moved(n.span)) for n in error.notes),
                    candidates=tuple(replace(c, span=moved(c.span)) for c in error.candidates))
            for error in checking.errors
        ]  # fmt: skip
    sink.error(Span(export), tr("with the imported figures the sources would not pass the checks"),
               rule=RECHECK, hint=tr("the errors in the data files are at the lines they would "
                                     "have with the imported figures; correct the export or the "
                                     "mapping"))  # fmt: skip
    raise StageFailed("import", detail=NOTHING_WRITTEN)
