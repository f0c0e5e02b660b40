"""The commands a proofreader uses besides a draft: what changed, and the comments made."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from kkpdf.cli.outcome import EXIT_OK, EXIT_SOURCE_ERRORS, Outcome, editions
from kkpdf.diagnostics import DiagnosticSink, Span, json_text, visible
from kkpdf.interrupts import StopFlag
from kkpdf.messages import Language, tr, tr_plural


def diff_command(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    import tempfile

    from kkpdf.build import compare_versions
    from kkpdf.proof.revisions import sources_at

    with tempfile.TemporaryDirectory(prefix="kkpdf-diff-") as scratch:
        old = sources_at(args.old, args.sources, Path(scratch) / "old")
        new = (
            sources_at(args.new, args.sources, Path(scratch) / "new") if args.new else args.sources
        )
        changes = compare_versions(old, new, sink, editions(args, every=False)[0])
    # Positions in the repository ("HEAD~1:sources/luvut/01.md"), not in the folders
    # the revisions were read into, which are gone by now.
    versions = ((old, args.old), (new, args.new))
    changes = [
        replace(c, span=_in_repository(c.span, versions, args.sources),
                moved_from=c.moved_from and _in_repository(c.moved_from, versions, args.sources))
        for c in changes
    ]  # fmt: skip
    sink.diagnostics[:] = [
        replace(d, span=_in_repository(d.span, versions, args.sources)) for d in sink.diagnostics
    ]
    # The changed texts are the sources' own: printed escaped, as diagnostics are.
    if args.format == "json":
        print(json_text([change.as_json(language) for change in changes]))
    else:
        for change in changes:
            said = (change.kind.word.render(language), change.describe().render(language))
            print(visible(f"{change.span}: {said[0]}: {said[1]}"))
    status = EXIT_SOURCE_ERRORS if sink.has_errors() else EXIT_OK
    return status, tr_plural("{count} change", "{count} changes", len(changes))


def _in_repository(
    span: Span, versions: tuple[tuple[Path, str | None], ...], sources: Path
) -> Span:
    """`span` as a revision's position (`rev:path`) if it lies in a revision read out."""
    for folder, revision in versions:
        if revision and not Path(revision).is_dir() and span.path.is_relative_to(folder):
            relative = (sources / span.path.relative_to(folder)).as_posix()
            return replace(span, path=Path(f"{revision}:{relative}"))
    return span


def comments_command(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    from kkpdf.files import write_atomically
    from kkpdf.pdf.review import ReviewProblem, reviewers_comments
    from kkpdf.proof.comments import FORMATS

    if args.format == "xlsx" and args.output is None:
        raise ReviewProblem(tr("a workbook is not for the terminal: give -o FILE.xlsx"))
    comments = reviewers_comments(args.pdfs, args.sources, sink)
    written = FORMATS[args.format](comments, language)
    if args.output is not None:
        write_atomically(args.output, written)
    else:
        sys.stdout.buffer.write(written)
        sys.stdout.flush()
    status = EXIT_SOURCE_ERRORS if sink.has_errors() else EXIT_OK
    return status, tr_plural("{count} comment", "{count} comments", len(comments))
