"""`kkpdf next-year`: the sources rolled on to the following budget year, in place.

book.yaml gets the next budget year and loses its approval date; every finance
table's years move on by one, the figures that carry over move with their years
and the rest are blanked (`finance.py` says which and why); an `unresolved:`
entry whose figure is gone goes too. The files are edited as text, by the spans
of the YAML nodes (`edits.py`), so comments, key order and the columns of figures
stay as they were. Each blank cell is listed as a note at its new place.

Only sources that pass `kkpdf check` are rolled, and the rolled sources are
checked in a scratch copy before any file is replaced; a file is written whole
or not at all (`files.write_atomically`).

A room of its own after `build`: it runs the checks of the whole pipeline before
and after, and edits the sources, which no stage of a build does.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kkpdf.build import check_sources
from kkpdf.diagnostics import DiagnosticSink, Rule, Span, StageFailed
from kkpdf.document.columns import build_column_templates
from kkpdf.files import path_in_sources, write_atomically
from kkpdf.messages import Message, tr, tr_plural
from kkpdf.model import Book
from kkpdf.parse.read import SourceSet
from kkpdf.parse.yaml_tree import YamlMap, YamlScalar, load_yaml
from kkpdf.rollover.book import literal_years, roll_book
from kkpdf.rollover.computed import roll_years
from kkpdf.rollover.edits import TextEdits
from kkpdf.rollover.finance import (
    TablePlan,
    computed_blanks,
    fill_ins,
    plan_tables,
    roll_finance_file,
    short_heading,
)

# The rules this module reports.
UNCHECKED = Rule("rollover.unchecked")
RECHECK = Rule("rollover.recheck")
FILL_IN = Rule("rollover.fill-in")
LITERAL_YEAR = Rule("rollover.literal-year")
APPROVAL = Rule("rollover.approval")
UNRESOLVED_REMOVED = Rule("rollover.unresolved-removed")

BOM = b"\xef\xbb\xbf"
# What a refused roll got through (the command's summary).
NOTHING_WRITTEN = tr("nothing written")


@dataclass(frozen=True)
class Rollover:
    """What a roll did (or, in a dry run, would do)."""

    old_year: int
    new_year: int
    files: tuple[Path, ...]  # the files changed
    tables: int
    fill_in: int  # cells left blank for new figures
    written: bool

    def summary(self, sources: Path) -> Message:
        done = files_done(len(self.files), self.written)
        return tr(
            "{sources} rolled from {old} to {new}: {tables} moved on, {cells} to fill in; {done}",
            sources=sources,
            old=self.old_year,
            new=self.new_year,
            tables=tr_plural("{count} finance table", "{count} finance tables", self.tables),
            cells=tr_plural("{count} cell", "{count} cells", self.fill_in),
            done=done,
        )


def files_done(files: int, written: bool) -> Message:
    """What a command that edits the sources did with them: wrote them, or (with
    --dry-run) would have."""
    if written:
        return tr_plural("wrote {count} file", "wrote {count} files", files)
    return tr_plural("--dry-run: {count} file would change, nothing written",
                     "--dry-run: {count} files would change, nothing written", files)  # fmt: skip


def roll_to_next_year(
    sources: Path, fonts_dir: Path, sink: DiagnosticSink, *, dry_run: bool = False
) -> Rollover:
    """Roll the book in `sources` to its next budget year; the notes go to `sink`.

    Raises `StageFailed` when the sources do not pass the checks (their errors and
    the refusal are in `sink`), and when the rolled sources would not.
    """
    checking = DiagnosticSink()
    try:
        checked = check_sources(sources, fonts_dir, checking)
    except StageFailed:
        # The checks' warnings are the old book's business; its errors say why not.
        sink.diagnostics.extend(checking.errors)
        sink.error(
            Span(sources / "book.yaml"),
            tr("the sources have errors, so they are not rolled to the next year"),
            rule=UNCHECKED,
            hint=tr("correct them until `kkpdf check` passes, then roll again"),
        )
        raise StageFailed("next-year", detail=NOTHING_WRITTEN) from None
    book, source_set = checked.book, checked.sources
    old = book.info.budget_year
    plans = plan_tables(book)

    texts: dict[Path, str] = {}
    book_edits = TextEdits(source_set.book.text)
    roll_book(book_edits, source_set.book_tree, old)
    texts[source_set.book.path] = book_edits.applied()
    removed: dict[Path, dict[str, int]] = {}
    for source in source_set.data.get("finance", ()):
        tree = load_yaml(source.text, source.path)
        edits = TextEdits(source.text)
        removed[source.path] = (
            roll_finance_file(edits, tree, plans) if isinstance(tree, YamlMap) else {}
        )
        texts[source.path] = edits.applied()

    blank_projects: list[tuple[Path, str, list[int]]] = []
    blanks = computed_blanks(book, plans)
    for role in ("summaries", "investments"):
        for source in source_set.data.get(role, ()):
            tree = load_yaml(source.text, source.path)
            edits = TextEdits(source.text)
            if isinstance(tree, YamlMap):
                blank_projects += [(source.path, key, years) for key, years in
                                   roll_years(edits, tree, blanks)]  # fmt: skip
            texts[source.path] = edits.applied()

    _recheck(source_set.root, texts, fonts_dir, sink)
    for path, key, years in blank_projects:
        shown = ", ".join(str(year) for year in years)
        tree = load_yaml(texts[path], path)
        for found, _ in tree.entries if isinstance(tree, YamlMap) else ():
            if found.value == key:
                sink.note(
                    found.span,
                    tr(
                        "the projects of '{table}' have no figures for {years} yet",
                        table=key,
                        years=shown,
                    ),
                    rule=FILL_IN,
                    hint=tr("fill in each project's spending and income for {years}", years=shown),
                )
    fill_in = _notes(texts, source_set, book, plans, removed, sink)
    changed = {path: text for path, text in texts.items() if text != _original(source_set, path)}
    if not dry_run:
        for path, text in changed.items():
            write_atomically(path, _encoded(text, path.read_bytes()))
    return Rollover(old, old + 1, tuple(changed), len(plans), fill_in, not dry_run)


def _original(source_set: SourceSet, path: Path) -> str:
    files = [source_set.book, *(f for role in source_set.data.values() for f in role)]
    return next(f.text for f in files if f.path == path)


def _recheck(root: Path, texts: dict[Path, str], fonts_dir: Path, sink: DiagnosticSink) -> None:
    """The rolled sources checked in a scratch copy: nothing is replaced that fails."""
    with tempfile.TemporaryDirectory(prefix="kkpdf-next-year-") as scratch:
        copy = Path(scratch) / "sources"
        shutil.copytree(root, copy)
        for path, text in texts.items():
            (copy / path_in_sources(path, root)).write_text(text, encoding="utf-8")
        rolled = DiagnosticSink()
        try:
            check_sources(copy, fonts_dir, rolled)
        except StageFailed:
            first = rolled.errors[0]
            where = f"{path_in_sources(first.span.path, copy)}:{first.span.line}"
            sink.error(
                Span(root / "book.yaml"),
                tr(
                    "the rolled sources would not pass the checks ({where}: {problem}); nothing "
                    "was written",
                    where=where,
                    problem=first.message,
                ),
                rule=RECHECK,
                hint=tr("roll the book by hand this time, and report this with the sources"),
            )
            raise StageFailed("next-year", detail=NOTHING_WRITTEN) from None


def _notes(
    texts: dict[Path, str],
    source_set: SourceSet,
    book: Book,
    plans: dict[str, TablePlan],
    removed: dict[Path, dict[str, int]],
    sink: DiagnosticSink,
) -> int:
    """Notes at their places in the rolled texts: each cell to fill in (their number is
    returned), the approval date to give, and years written as digits."""
    old = book.info.budget_year
    new = old + 1
    book_path = source_set.book.path
    book_tree = load_yaml(texts[book_path], book_path)
    assert isinstance(book_tree, YamlMap)  # it was one before the year changed
    approved = book_tree.get("approved")
    if approved is not None:
        sink.note(approved.span, tr("approved: cleared; give the date the council approves "
                                    "the {year} budget", year=new), rule=APPROVAL)  # fmt: skip
    output, before = book_tree.get("output"), source_set.book_tree.get("output")
    moved = isinstance(output, YamlScalar) and isinstance(before, YamlScalar)
    if moved and output.value != before.value:  # type: ignore[union-attr]
        sink.note(
            output.span,  # type: ignore[union-attr]
            tr("output: the file name had {old} written in it and now has {new}", old=old, new=new),
            rule=LITERAL_YEAR,
            hint=tr("write {{budget_year}} in the name, and it follows the year"),
        )
    for key, node, year in literal_years(book_tree, old):
        sink.note(
            node.span,
            tr(
                "{key} has the year {year} written as digits, which stays as it is",
                key=key,
                year=year,
            ),
            rule=LITERAL_YEAR,
            hint=tr(
                "write {{budget_year}}, {{plan_years}}, {{previous_year}} or {{next_year}} "
                "where the year is the budget's, and it follows the year"
            ),
        )
    templates = build_column_templates(book_tree, DiagnosticSink())
    names = {table.key: table.caption for table in book.finance_tables}
    labels = {account.key: account.label for account in book.accounts}
    count = 0
    for path, tables in removed.items():
        tree = load_yaml(texts[path], path)
        if not isinstance(tree, YamlMap):
            continue
        for key, _ in tree.entries:
            if entries := tables.get(str(key.value), 0):
                sink.note(
                    key.span,
                    tr_plural(
                        "{count} 'unresolved' entry of '{table}' removed with the figures "
                        "they excused",
                        "{count} 'unresolved' entries of '{table}' removed "
                        "with the figures they excused",
                        entries,
                        table=key.value,
                    ),
                    rule=UNRESOLVED_REMOVED,
                )
        for node, cell in fill_ins(tree, plans):
            sink.note(
                node.span,
                tr(
                    "fill in {table}, {row} {column}: {reason}",
                    table=names.get(cell.table, cell.table),
                    row=labels.get(cell.row, cell.row),
                    column=short_heading(templates, cell.year, new),
                    reason=cell.reason,
                ),
                rule=FILL_IN,
            )
            count += 1
    return count


def _encoded(text: str, raw: bytes) -> bytes:
    """The text as the file had it: with its byte-order mark and CRLF line ends, if any."""
    if b"\r\n" in raw:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return BOM + data if raw.startswith(BOM) else data
