"""A book's editions built together: each in a process of its own, written only together.

The editions share their data, so each reports the same problems of it; they are
reported once. See kkpdf.parse.editions for what an edition is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kkpdf.build import (
    BuildResult,
    BuildSession,
    DraftRequest,
    build_book,
    build_pdf,
    check_sources,
    target_path,
)
from kkpdf.checks import CheckSummary
from kkpdf.checks.translations import EditionShape, compare_editions, edition_shape
from kkpdf.diagnostics import (
    Diagnostic,
    DiagnosticSink,
    EnvironmentProblem,
    Rule,
    Span,
    StageFailed,
)
from kkpdf.interrupts import Interrupted, no_stop, run_at_once
from kkpdf.messages import Message, tr
from kkpdf.pdf.finish import outline_openings


def check_editions(
    sources: Path,
    fonts_dir: Path,
    sink: DiagnosticSink,
    editions: tuple[str | None, ...],
    checkpoint: Callable[[], None] = no_stop,
    store: Path | None = None,
) -> CheckSummary:
    """`check_sources` for each edition, one after the other; a diagnostic of the data the
    editions share is reported once. Stops, after the last, if any had errors.
    `checkpoint` is asked all along (see kkpdf.interrupts); `store` keeps the document
    models (see kkpdf.build.stored)."""
    summaries, failures = [], []
    # One session: an edition's chapters parsed to compare it with another are not parsed
    # again to check it.
    with BuildSession(checkpoint, store) as session:
        for edition in editions:
            own = DiagnosticSink()
            try:
                checked = check_sources(sources, fonts_dir, own, session=session, edition=edition)
                summaries.append(checked.summary)
            except StageFailed as failed:
                failures.append(failed)
            sink.merge(own.diagnostics)
    if failures:
        raise failures[0]
    return summaries[0]


# The rule this module reports: always a warning.
PAGES = Rule("editions.pages")


@dataclass(frozen=True)
class EditionOutcome:
    """What building one edition gave, as data a child process can send back."""

    diagnostics: tuple[Diagnostic, ...]
    built: tuple[Path, bytes, int, CheckSummary] | None = None  # where, the PDF, pages, checks
    # Where the contents, parts and chapters open (the outline's first level): (title, page).
    openings: tuple[tuple[str, int], ...] = ()
    book_span: Span | None = None  # book.yaml, for what is said of the edition as a whole
    language_name: Message | str = ""  # as messages name it (Edition.language_name)
    shape: EditionShape | None = None  # what the editions are compared by, after a final build
    problem: Message | str = ""  # an EnvironmentProblem's message
    stopped: int = 0  # the signal that stopped it


def build_editions(
    sources: Path,
    output: Path | None,
    fonts_dir: Path,
    sink: DiagnosticSink,
    editions: tuple[str | None, ...],
    *,
    environ: Mapping[str, str] | None = None,
    draft: DraftRequest | None = None,
    embed_sources: bool = False,
    validate: bool = False,
    session: BuildSession | None = None,
) -> tuple[BuildResult, ...]:
    """`build_pdf` for each edition (None: the first), each in a process of its own, all
    written only if all succeed, so that the editions on disk come from the same
    sources. A diagnostic of the data the editions share is reported once.
    """
    from kkpdf.files import OutputProblem, write_atomically

    report = draft.report if draft is not None else None
    if report is not None:
        _check_report(report, len(editions))
    if len(editions) == 1:
        return (build_pdf(sources, output, fonts_dir, sink, environ=environ, draft=draft,
                          embed_sources=embed_sources, validate=validate, session=session,
                          edition=editions[0]),)  # fmt: skip
    if output is not None:
        raise OutputProblem(
            tr("-o names one file, and the book has {count} editions: give --edition "
               "with -o, or leave -o out to write each edition under its name in book.yaml",
               count=len(editions))
        )  # fmt: skip
    checkpoint = session.checkpoint if session else no_stop

    store = session.stored.folder if session else None

    def work(code: str | None) -> Callable[[], EditionOutcome]:
        return lambda: _edition(sources, fonts_dir, code, environ, draft, embed_sources,
                                validate, checkpoint, store)  # fmt: skip

    outcomes = run_at_once([work(code) for code in editions], checkpoint)
    for outcome in outcomes:
        sink.merge(outcome.diagnostics)
    for outcome in outcomes:
        if outcome.stopped:
            raise Interrupted(outcome.stopped)
        if outcome.problem:
            raise EnvironmentProblem(outcome.problem)
    if any(outcome.built is None for outcome in outcomes):
        raise StageFailed("editions")
    if draft is None:
        compare_built(outcomes, sink)
    for outcome in outcomes[1:]:
        compare_pages(outcomes[0], outcome, sink)
    results = []
    for outcome in outcomes:
        assert outcome.built is not None
        target, pdf, pages, summary = outcome.built
        checkpoint()
        write_atomically(target, pdf)
        results.append(BuildResult(target, pages, summary))
    return tuple(results)


def _check_report(report: Path, editions: int) -> None:
    """Refuse, before any building, a report file a draft cannot be written to."""
    from kkpdf.files import OutputProblem
    from kkpdf.proof.export import report_format

    report_format(report)
    if editions > 1:
        raise OutputProblem(
            tr("--report names one file, and the book has {count} editions: give --edition "
               "with --report", count=editions)
        )  # fmt: skip


def _edition(
    sources: Path,
    fonts_dir: Path,
    code: str | None,
    environ: Mapping[str, str] | None,
    draft: DraftRequest | None,
    embed_sources: bool,
    validate: bool,
    checkpoint: Callable[[], None],
    store: Path | None,
) -> EditionOutcome:
    sink = DiagnosticSink()
    try:
        with BuildSession(checkpoint, store) as session:
            # The editions use the cores; their layouts stay in one process each.
            # A draft compares the editions itself, to box the differences on its pages;
            # the final editions are compared once all are built (`compare_built`).
            built = build_book(sources, fonts_dir, sink, environ=environ, draft=draft,
                               embed_sources=embed_sources, validate=validate, session=session,
                               fork=False, edition=code, compare=draft is not None)  # fmt: skip
            target = target_path(sources, None, built, draft)
            openings = outline_openings(built.pdf)
    except StageFailed:
        return EditionOutcome(tuple(sink.diagnostics))
    except EnvironmentProblem as problem:
        # The message itself, to be shown in the user's language (a Message pickles).
        said = problem.args[0] if problem.args else str(problem)
        return EditionOutcome(tuple(sink.diagnostics), problem=said)
    except Interrupted as stopped:
        return EditionOutcome(tuple(sink.diagnostics), stopped=stopped.signum)
    return EditionOutcome(tuple(sink.diagnostics), (target, built.pdf, built.pages, built.summary),
                          openings, built.book.info.span, built.book.edition.language_name,
                          edition_shape(built.book))  # fmt: skip


def compare_built(outcomes: list[EditionOutcome], sink: DiagnosticSink) -> None:
    """Compare the built editions with each other, as `check_sources` would have; stop
    if they differ. Each edition compiled only itself: the comparison costs nothing more."""
    shapes = {o.shape.edition.code: o.shape for o in outcomes if o.shape is not None}
    reported = len(sink.errors)
    for shape in shapes.values():
        others = tuple(shapes[p.code] for p in shape.edition.partners if p.code in shapes)
        compare_editions(shape, others, sink)
    if len(sink.errors) > reported:
        raise StageFailed("editions")


def compare_pages(first: EditionOutcome, other: EditionOutcome, sink: DiagnosticSink) -> None:
    """Warn where an edition's contents, parts or chapters open on another page than the
    first edition's: the town publishes its editions page for page alike."""
    for (title, page), (other_title, other_page) in zip(
        first.openings, other.openings, strict=False
    ):
        if page != other_page:
            assert other.book_span is not None
            sink.warning(
                other.book_span,
                tr(
                    "the {language} edition's '{title}' opens on page {page}, "
                    "the {first_language} edition's '{first_title}' on page {first_page}",
                    language=other.language_name,
                    title=other_title,
                    page=other_page,
                    first_language=first.language_name,
                    first_title=title,
                    first_page=page,
                ),
                rule=PAGES,
                hint=tr(
                    "the editions are no longer page for page alike: shorten the longer "
                    "text before it, or lengthen the shorter"
                ),
            )
            return  # the pages after it are off by as much; one warning says it
