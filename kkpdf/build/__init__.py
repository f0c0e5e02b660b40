"""The pipeline: read → parse → document → checks → layout → post-processing.

Each stage is one call; each stops the build at its boundary when it has
reported errors, so nothing is laid out from sources with known problems.
"""

from __future__ import annotations

import datetime
import gc
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kkpdf.build.stored import StoredDocuments
from kkpdf.checks import CheckSummary, check_document
from kkpdf.diagnostics import DiagnosticSink, Rule, StageFailed, book_language
from kkpdf.document import build_document
from kkpdf.files import path_in_sources
from kkpdf.interrupts import no_stop
from kkpdf.messages import Joined, tr, tr_plural
from kkpdf.model import Book, primary_language
from kkpdf.parse.book import ParseCache, parse_sources
from kkpdf.parse.read import SourceSet, read_sources
from kkpdf.pdf.dates import DateProblem, document_date

if TYPE_CHECKING:
    from kkpdf.language.hyphenation import Hyphenation
    from kkpdf.pdf.pdfa import Attachment
    from kkpdf.proof.changes import Change
    from kkpdf.proof.comments import Comment
    from kkpdf.proof.draft import DraftMarks
    from kkpdf.proof.revisions import Revision


# The rule this module reports.
NO_EARLIER = Rule("proof.no-earlier-edition")


@dataclass(frozen=True)
class BuildResult:
    """What `build_pdf` wrote: where, how many pages, what was checked."""

    output: Path
    pages: int
    summary: CheckSummary
    report: Path | None = None  # a draft's findings and changes, for a spreadsheet


@dataclass(frozen=True)
class CompiledSources:
    """The sources as read and the document model made from them."""

    sources: SourceSet
    book: Book


def compile_sources(
    sources: Path,
    sink: DiagnosticSink,
    cache: ParseCache | None = None,
    edition: str | None = None,
    checkpoint: Callable[[], None] = no_stop,
    stored: StoredDocuments | None = None,
) -> CompiledSources:
    """The first three stages: sources on disk to the document model (not yet checked).

    `edition` is a code book.yaml lists under `editions:` ("sv"); None is the first.
    `checkpoint` is asked between the stages and within them (see kkpdf.interrupts).
    `stored` keeps the model of these very texts from an earlier build (stages 2–3).
    """
    source_set = read_sources(sources, sink, edition)
    checkpoint()

    def make(own: DiagnosticSink) -> Book:
        parsed = parse_sources(source_set, own, cache, checkpoint)
        checkpoint()
        return build_document(parsed, own, checkpoint)

    book = stored.book(source_set, sink, make) if stored is not None else make(sink)
    return CompiledSources(source_set, book)


def compile_document(sources: Path, sink: DiagnosticSink, edition: str | None = None) -> Book:
    return compile_sources(sources, sink, edition=edition).book


def changes_since(
    earlier: Path, book: Book, sink: DiagnosticSink, earlier_sink: DiagnosticSink | None = None
) -> list[Change]:
    """What changed in `book` since the same edition of an earlier version of its sources
    (whose diagnostics go to `earlier_sink`, else `sink`); nothing, with a warning, if that
    version had no such edition. A version in one language is a later one's first edition."""
    from kkpdf.parse.read import listed_editions
    from kkpdf.proof.changes import compare_books

    edition, codes = book.edition, listed_editions(earlier)
    if edition.code and edition.code not in codes and (codes or not edition.first):
        sink.warning(
            book.info.span,
            tr(
                "the version to compare with has no {language} edition, so nothing "
                "is marked as changed",
                language=edition.language_name,
            ),
            rule=NO_EARLIER,
            hint=tr("compare with a version that has it"),
        )
        return []
    code = edition.code if edition.code in codes else None
    return compare_books(compile_document(earlier, earlier_sink or sink, code), book)


def compare_versions(
    old: Path, new: Path, sink: DiagnosticSink, edition: str | None = None
) -> list[Change]:
    """What changed in an edition (the first if None) between two versions of the sources."""
    return changes_since(old, compile_document(new, sink, edition), sink)


def compile_partners(
    sources: Path,
    book: Book,
    sink: DiagnosticSink,
    cache: ParseCache | None = None,
    checkpoint: Callable[[], None] = no_stop,
    stored: StoredDocuments | None = None,
) -> tuple[Book, ...]:
    """The book's other editions, for the checks to compare it with.

    Their own problems are theirs to report when they are built; one that cannot be
    made is named here, as it cannot be compared.
    """
    from kkpdf.checks.translations import UNCOMPARED

    partners = []
    for partner in book.edition.partners:
        own = DiagnosticSink()
        try:
            compiled = compile_sources(sources, own, cache, partner.code, checkpoint, stored)
            partners.append(compiled.book)
        except StageFailed:
            sink.warning(
                book.info.span,
                tr_plural(
                    "the {language} edition cannot be compared with this one: it has "
                    "{count} error(s) of its own",
                    "the {language} edition cannot be compared with this one: it has "
                    "{count} error(s) of its own",
                    len(own.errors),
                    language=partner.language_name,
                ),
                rule=UNCOMPARED,
                hint=tr(
                    "build it to see them: kkpdf build {sources} --edition {edition}",
                    sources=sources,
                    edition=partner.code,
                ),
            )
    return tuple(partners)


@dataclass(frozen=True)
class CheckedBook:
    """The model after every check passed, with what the checks needed."""

    sources: SourceSet
    book: Book
    font_coverage: frozenset[int]
    summary: CheckSummary


class BuildSession:
    """What one build can hand to the next (watch mode): parsed chapters, hyphenation.

    Fonts are registered with ReportLab once per process in any case.
    """

    def __init__(self, checkpoint: Callable[[], None] = no_stop, store: Path | None = None) -> None:
        self.parse_cache = ParseCache()
        self.stored = StoredDocuments(store)  # None: no document models kept
        self._hyphenators: dict[str, Hyphenation] = {}  # by primary language subtag
        # Called where the build may stop on request (see kkpdf.interrupts).
        self.checkpoint = checkpoint

    def hyphenator(self, language: str) -> Hyphenation:
        """The hyphenator for `language` (a tag such as "sv-FI"), made once per session,
        with the words earlier builds hyphenated (`kkpdf.cache`)."""
        from kkpdf.cache import cache_folder
        from kkpdf.language.hyphenation import hyphenator_for

        primary = primary_language(language)
        if primary not in self._hyphenators:
            self._hyphenators[primary] = hyphenator_for(language, cache_folder())
        return self._hyphenators[primary]

    def close(self) -> None:
        for hyphenator in self._hyphenators.values():
            hyphenator.close()
        self._hyphenators.clear()

    def __enter__(self) -> BuildSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def check_sources(
    sources: Path,
    fonts_dir: Path,
    sink: DiagnosticSink,
    *,
    session: BuildSession | None = None,
    draft: bool = False,
    edition: str | None = None,
    compare: bool = True,
) -> CheckedBook:
    """Stages 1–4: the document model, with every check run over it. Without `compare`,
    the other editions are left for the caller to compare it with."""
    from kkpdf.cache import cache_folder
    from kkpdf.language.languages import report_unserved
    from kkpdf.parse.fonts import FAMILY, book_coverage

    cache = session.parse_cache if session else None
    stored = session.stored if session else None
    checkpoint = session.checkpoint if session else no_stop
    compiled = compile_sources(sources, sink, cache, edition, checkpoint, stored)
    source_set, book = compiled.sources, compiled.book
    partners = compile_partners(sources, book, sink, cache, checkpoint, stored) if compare else ()
    report_unserved(book.info.language, source_set, sink)
    checkpoint()
    coverage = book_coverage(fonts_dir, cache_folder())
    summary = check_document(book, sink, font_coverage=coverage, font_name=FAMILY, draft=draft,
                             partners=partners, checkpoint=checkpoint)  # fmt: skip
    return CheckedBook(source_set, book, coverage, summary)


@dataclass(frozen=True)
class DraftRequest:
    """A draft instead of the book: made at `made` (the clock: a draft is not archived),
    compared with the sources `since` when given; its report also written to `report`
    (.csv or .xlsx) when given."""

    made: datetime.datetime
    since: Path | None = None
    # What a proof compares: the revision of `since` and the sources' own.
    revisions: tuple[Revision, Revision] | None = None
    report: Path | None = None
    comments: tuple[Comment, ...] = ()  # reviewers' comments on an earlier copy, to carry


@dataclass(frozen=True)
class BuiltBook:
    """The finished PDF as bytes, not yet written, and the book it came from."""

    pdf: bytes
    book: Book
    pages: int
    summary: CheckSummary
    report: bytes = b""  # the draft's report for a spreadsheet, if one was asked for


def build_book(
    sources: Path,
    fonts_dir: Path,
    sink: DiagnosticSink,
    *,
    embed_sources: bool = False,
    environ: Mapping[str, str] | None = None,
    date: datetime.datetime | None = None,
    validate: bool = False,
    session: BuildSession | None = None,
    draft: DraftRequest | None = None,
    fork: bool = True,
    edition: str | None = None,
    compare: bool = True,
) -> BuiltBook:
    """Every stage but writing: the finished PDF/A as bytes.

    The date written into the PDF is `date` if given, else the one
    `kkpdf.pdf.dates.document_date` finds (SOURCE_DATE_EPOCH from `environ`, …).
    `embed_sources` attaches the book's YAML files (PDF/A-3a instead of PDF/A-2a);
    `validate` runs the PDF/A validator over the finished bytes; `session` carries
    what an earlier build of the same process can lend this one; `fork` lets a long
    book's layout use a child process (the bytes are the same without); `edition` is
    the edition to build (see `compile_sources`); `compare` as for `check_sources`.
    """

    own_session = session is None
    session = session or BuildSession()
    try:
        with collector_paused():
            return _build_book(sources, fonts_dir, sink, session, embed_sources, environ, date,
                               validate, draft, fork, edition, compare)  # fmt: skip
    finally:
        if own_session:
            session.close()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for one build, on again after it.

    A build makes millions of small objects and frees them by reference counting;
    the collector's passes over them find nothing, and their cost grows faster
    than the book (0.6 s of 3.9 s at 300 pages, 2 s of 9.7 s at 600). Peak
    memory is the same either way.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build_book(
    sources: Path,
    fonts_dir: Path,
    sink: DiagnosticSink,
    session: BuildSession,
    embed_sources: bool,
    environ: Mapping[str, str] | None,
    date: datetime.datetime | None,
    validate: bool,
    draft: DraftRequest | None,
    fork: bool,
    edition: str | None,
    compare: bool,
) -> BuiltBook:
    from kkpdf.cache import cache_folder
    from kkpdf.files import OutputProblem
    from kkpdf.language.languages import tool_or_error
    from kkpdf.layout.book import layout_document
    from kkpdf.layout.fonts import load_fonts
    from kkpdf.pdf.finish import finish_pdf

    checked = check_sources(sources, fonts_dir, sink, session=session, draft=draft is not None,
                            edition=edition, compare=compare)  # fmt: skip
    session.checkpoint()
    info = checked.book.info
    if date is None:
        try:
            date = document_date(sources, info.approved, environ or {})
        except DateProblem as err:
            raise OutputProblem(err.args[0]) from None  # a Message: see DateProblem
    marks = _draft_marks(checked, draft, sink, session.checkpoint) if draft else None
    fonts = load_fonts(fonts_dir, cache=cache_folder())
    hyphenator = tool_or_error(lambda: session.hyphenator(info.language), checked.sources, sink)
    result = layout_document(checked.book, fonts, hyphenator, sink, marks,
                             checkpoint=session.checkpoint,
                             fork=fork and _cores() > 1)  # fmt: skip
    session.checkpoint()
    attachments = _yaml_sources(checked.sources) if embed_sources else ()
    pdf = finish_pdf(result.pdf, info, result.structure, date=date, attachments=attachments,
                     validate=validate, conforming=draft is None, more=result.more,
                     navigation=result.navigation,
                     label=marks.identity if marks is not None else None,
                     checkpoint=session.checkpoint)  # fmt: skip
    report = b""
    if draft is not None and draft.report is not None and marks is not None:
        from kkpdf.proof.export import export_report
        from kkpdf.proof.report import in_page_order

        lines = in_page_order(marks.report, result.pages_of)  # as the report's pages list them
        report = export_report(lines, draft.report, info.labels.check_report, marks.language)
    return BuiltBook(pdf, checked.book, result.pages, checked.summary, report)


def _cores() -> int:
    """The cores this process may run on (not the machine's, in a container)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _draft_marks(
    checked: CheckedBook,
    draft: DraftRequest,
    sink: DiagnosticSink,
    checkpoint: Callable[[], None],
) -> DraftMarks:
    from kkpdf.checks.translations import TRANSLATION_RULES
    from kkpdf.files import OutputProblem
    from kkpdf.language.spelling import spell_book
    from kkpdf.proof.carry import carried
    from kkpdf.proof.draft import draft_marks

    unknown = spell_book(checked.book, checked.sources, sink, checkpoint)
    changes = []
    if draft.since is not None:
        old_sink = DiagnosticSink()  # the old version's warnings are not this draft's business
        try:
            changes = changes_since(draft.since, checked.book, sink, old_sink)
        except StageFailed:
            reasons = Joined(tuple(old_sink.errors[:3]))
            raise OutputProblem(
                tr("the version to compare with cannot be read: {reasons}", reasons=reasons)
            ) from None
    made, labels = draft.made, checked.book.info.labels
    stamp = f"{labels.draft} {made.day}.{made.month}.{made.year} {made.hour:02}.{made.minute:02}"
    if draft.revisions is not None:
        base, new = draft.revisions
        stamp += f" · {labels.changes.lower()} {base.name}..{new.name}"
    boxed = {rule: checked.book.info.labels.missing_translation for rule in TRANSLATION_RULES}
    language = book_language(checked.book.info.language)  # the draft's, the edition's
    identity = stamp
    if draft.revisions is not None:
        base, new = draft.revisions
        identity = f"{stamp.split(' · ')[0]} · {labels.changes.lower()} {base}..{new}"
    marks = draft_marks(checked.book, stamp, sink.diagnostics, {u.word for u in unknown}, changes,
                        boxed, language=language, identity=identity)  # fmt: skip
    return carried(marks, checked.book, draft.comments, sink) if draft.comments else marks


def build_pdf(
    sources: Path,
    output: Path | None,
    fonts_dir: Path,
    sink: DiagnosticSink,
    *,
    embed_sources: bool = False,
    environ: Mapping[str, str] | None = None,
    validate: bool = False,
    session: BuildSession | None = None,
    draft: DraftRequest | None = None,
    fork: bool = True,
    edition: str | None = None,
) -> BuildResult:
    """Build and write; the PDF replaces the previous one only when every stage succeeds,
    and so does a draft's report for a spreadsheet (`DraftRequest.report`).

    Without `output`, the book goes to the project's `output/` under its name in
    book.yaml, and a draft under that name with "-luonnos" (the draft label) added:
    a draft never takes the book's name, and an `output` that would is refused.
    """
    from kkpdf.files import write_atomically

    built = build_book(
        sources,
        fonts_dir,
        sink,
        embed_sources=embed_sources,
        environ=environ,
        validate=validate,
        session=session,
        draft=draft,
        fork=fork,
        edition=edition,
    )
    target = target_path(sources, output, built, draft)
    if session is not None:
        session.checkpoint()
    write_atomically(target, built.pdf)
    report = draft.report if draft is not None else None
    if report is not None:
        write_atomically(report, built.report)
    return BuildResult(target, built.pages, built.summary, report)


def target_path(
    sources: Path, output: Path | None, built: BuiltBook, draft: DraftRequest | None
) -> Path:
    """Where the book goes: `output`, else output/ under its name; a draft's name is the
    book's with the draft label added ("-luonnos"), and never the book's own."""
    from kkpdf.files import OutputProblem, output_folder

    final = name = built.book.info.output_name
    labels = built.book.info.labels
    if draft is not None:  # a draft never takes the place of the book
        name = f"{Path(final).stem}-{labels.draft.lower()}.pdf"
        if draft.revisions is not None:  # a proof is named by what it compares
            base, new = draft.revisions
            name = f"{Path(final).stem}-{labels.changes.lower()}-{base.name}..{new.name}.pdf"
        if output is not None and output.name == final:
            raise OutputProblem(
                tr("a draft is not written under the book's own file name {name}: "
                   "give -o another name, such as {example}, or leave -o out",
                   name=final, example=output.with_name(name))
            )  # fmt: skip
    return output or output_folder(sources) / name


def _yaml_sources(sources: SourceSet) -> tuple[Attachment, ...]:
    """book.yaml and the data files, named by their path inside the sources folder."""
    from kkpdf.pdf.pdfa import Attachment

    files = [sources.book, *(f for role in sources.data.values() for f in role)]
    return tuple(
        Attachment(path_in_sources(source.path, sources.root), source.text.encode("utf-8"))
        for source in files
    )
