"""The `kkpdf` command.

Exit status: 0 success, 1 the sources have errors, 2 usage or environment problem.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import getpass
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from kkpdf.cli.importing import import_command
from kkpdf.cli.options import PASSPHRASE_VARIABLE, parser
from kkpdf.cli.outcome import EXIT_ENVIRONMENT, EXIT_OK, EXIT_SOURCE_ERRORS, Outcome, editions
from kkpdf.cli.review import comments_command, diff_command
from kkpdf.clock import process_start
from kkpdf.diagnostics import (
    SEVERITY_WORDS,
    DiagnosticSink,
    EnvironmentProblem,
    Severity,
    StageFailed,
    counted,
    render_json,
    visible,
)
from kkpdf.interrupts import Interrupted, StopFlag
from kkpdf.messages import (
    CatalogMissing,
    Language,
    Message,
    Seconds,
    chosen_language,
    listed,
    load_language,
    shown,
    tr,
    tr_plural,
)

if TYPE_CHECKING:
    from kkpdf.build import BuildSession

ERROR = SEVERITY_WORDS[Severity.ERROR]


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


# Each command's modules with native code, imported before the signal handlers are
# set, so that a signal during their start-up ends the process quietly (the
# default). Import statements rather than names for importlib, so that a renamed
# module fails here, at once, for every command that names it (tests/test_cli.py).


def _load_building() -> None:
    import libvoikko  # noqa: F401
    import lxml.etree  # noqa: F401 - pikepdf writes the XMP metadata with it
    import pikepdf.models.metadata  # noqa: F401
    import yaml  # noqa: F401

    import kkpdf.build
    import kkpdf.build.editions
    import kkpdf.layout.book
    import kkpdf.pdf.finish  # noqa: F401


def _load_checking() -> None:
    import yaml  # noqa: F401

    import kkpdf.build
    import kkpdf.parse.fonts  # noqa: F401


def _load_spelling() -> None:
    import libvoikko  # noqa: F401
    import yaml  # noqa: F401

    import kkpdf.build
    import kkpdf.language.spelling  # noqa: F401


def _load_rolling() -> None:
    import kkpdf.rollover  # noqa: F401


def _load_comparing() -> None:
    import yaml  # noqa: F401

    import kkpdf.build
    import kkpdf.proof.changes  # noqa: F401


def _load_signing() -> None:
    import pypdf  # noqa: F401

    import kkpdf.pdf.finish
    import kkpdf.publish.archive
    import kkpdf.publish.signing  # noqa: F401


def _load_reviewing() -> None:
    import pikepdf  # noqa: F401

    import kkpdf.pdf.review  # noqa: F401


def _load_importing() -> None:
    import python_calamine  # noqa: F401

    import kkpdf.importing.run  # noqa: F401


def _load_watching() -> None:
    import watchfiles  # noqa: F401


PRELOADS = {
    "build": (_load_building,),
    "watch": (_load_building, _load_watching),
    "archive": (_load_building, _load_signing),
    "check": (_load_checking,),
    "spell": (_load_spelling,),
    "diff": (_load_comparing,),
    "next-year": (_load_checking, _load_rolling),
    "import": (_load_checking, _load_importing),
    "sign": (_load_signing,),
    "comments": (_load_reviewing,),
    "verify": (_load_building, _load_signing),
}


def run() -> NoReturn:
    """The process's entry (`kkpdf`, `python -m kkpdf`): one command, then exit.

    The cycle collector stays off: its passes over a build's millions of objects
    find nothing worth freeing before the process ends (0.1 s of a 300-page build),
    and freezing what is left spares the exit's own pass. `watch`, which lives on,
    turns it back on. The summary line's seconds count from the process's start.
    """
    gc.disable()
    status = main(started=process_start())
    gc.freeze()
    sys.exit(status)


def main(
    argv: list[str] | None = None,
    started: float | None = None,
    arguments: argparse.ArgumentParser | None = None,
) -> int:
    """One command; `started` is the `time.perf_counter()` reading its seconds count
    from (None: from here); `arguments` the command line's parser, if made already
    (the build server makes it once: 0.014 s)."""
    started = time.perf_counter() if started is None else started
    args = (arguments or parser()).parse_args(argv)
    try:
        language = load_language(chosen_language(args.lang, os.environ))
    except CatalogMissing as err:
        print(f"kkpdf: error: {err}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    for load in PRELOADS.get(args.command, ()):
        load()
    stop = StopFlag()
    previous = {sig: signal.signal(sig, stop.request) for sig in STOP_SIGNALS}
    try:
        status = _main(args, language, stop, started)
        stop.checkpoint()  # a signal near the end still ends the command as interrupted
        return status
    except Interrupted as interrupted:
        stopped = tr("interrupted ({signal}); no partial PDF is left behind", signal=interrupted)
        print(f"kkpdf: {stopped.render(language)}", file=sys.stderr)
        return 128 + interrupted.signum
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _main(args: argparse.Namespace, language: Language, stop: StopFlag, started: float) -> int:
    sink = DiagnosticSink()
    try:
        status, summary = _run(args, sink, stop, language)
    except StageFailed as failed:
        status = EXIT_SOURCE_ERRORS
        summary = tr("no PDF written; the previous one, if any, is kept")
        if failed.detail:
            summary = tr("{checked}; {outcome}", checked=failed.detail, outcome=summary)
    except EnvironmentProblem as err:
        _report(args, sink, language)
        print(visible(f"kkpdf: {ERROR.render(language)}: {shown(err, language)}"), file=sys.stderr)
        return EXIT_ENVIRONMENT
    _report(args, sink, language)
    line = summary_line(sink, summary, time.perf_counter() - started)
    print(visible(f"kkpdf: {line.render(language)}"), file=sys.stderr)
    return status


def summary_line(sink: DiagnosticSink, outcome: Message, seconds: float) -> Message:
    """What a command ends with: the problems counted, what it did, how long it took."""
    return tr(
        "{counted}; {outcome} ({seconds} s)",
        counted=counted(sink),
        outcome=outcome,
        seconds=Seconds(seconds),
    )


def _run(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    _check_paths(args)
    commands = {
        "check": _check,
        "build": _build,
        "sign": _sign,
        "verify": _verify,
        "archive": _archive,
        "watch": _watch,
        "spell": _spell,
        "diff": diff_command,
        "next-year": _next_year,
        "comments": comments_command,
        "import": import_command,
    }
    return commands[args.command](args, sink, stop, language)


# Options that name a revision or a folder, as text rather than a Path.
PATH_TEXTS = ("since", "old", "new")
# The arguments given by place rather than by an option's name.
POSITIONAL = ("sources", "book", "signed", "pdfs", "old", "new", "export")


def _check_paths(args: argparse.Namespace) -> None:
    """Every path the command line gives can be one (see kkpdf.files.argument_problem)."""
    from kkpdf.files import argument_problem

    for option, value in vars(args).items():
        values = value if isinstance(value, (list, tuple)) else (value,)
        for path in values:
            if isinstance(path, str) and option in PATH_TEXTS:
                path = Path(path)
            if isinstance(path, Path) and (problem := argument_problem(path)):
                raise EnvironmentProblem(
                    tr("{option}: {problem}; {hint}", hint=problem.hint,
                       option=option if option in POSITIONAL else "--" + option.replace("_", "-"),
                       problem=problem.message)
                )  # fmt: skip


def _check(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    from kkpdf.build import collector_paused
    from kkpdf.build.editions import check_editions
    from kkpdf.cache import cache_folder

    with collector_paused():
        summary = check_editions(args.sources, args.fonts, sink, editions(args, every=True),
                                 stop.checkpoint, cache_folder())  # fmt: skip
    return EXIT_OK, summary.described()


def _build(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    import tempfile

    from kkpdf.build import BuildSession, DraftRequest
    from kkpdf.build.editions import build_editions
    from kkpdf.cache import cache_folder
    from kkpdf.files import OutputProblem

    session = BuildSession(checkpoint=stop.checkpoint, store=cache_folder())
    with tempfile.TemporaryDirectory(prefix="kkpdf-since-") as scratch, session:
        draft = None
        if args.report and not (args.draft or args.since):
            raise OutputProblem(tr("--report lists a draft's findings and changes: add --draft, "
                                   "or leave --report out"))  # fmt: skip
        if args.draft or args.since or args.comments:
            from kkpdf.pdf.review import reviewers_comments
            from kkpdf.proof.revisions import revision_of, sources_at, working_revision

            since = sources_at(args.since, args.sources, Path(scratch)) if args.since else None
            revisions = None
            if args.since:
                revisions = (revision_of(args.since, args.sources), working_revision(args.sources))
            comments = tuple(reviewers_comments(args.comments, args.sources, sink))
            draft = DraftRequest(datetime.datetime.now().astimezone(), since, revisions=revisions,
                                 report=args.report, comments=comments)  # fmt: skip
        results = build_editions(args.sources, args.output, args.fonts, sink,
                                 editions(args, every=True), environ=os.environ, draft=draft,
                                 embed_sources=args.embed_sources, validate=args.validate,
                                 session=session)  # fmt: skip
    written: list[object] = [_written(r.output, r.pages) for r in results]
    written += [r.report for r in results if r.report is not None]
    return EXIT_OK, tr("{checked}; wrote {books}", checked=results[0].summary.described(),
                       books=listed(written))  # fmt: skip


def _written(output: Path, pages: int) -> Message:
    return tr_plural("{output} ({count} page)", "{output} ({count} pages)", pages, output=output)


def _next_year(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    from kkpdf.build import collector_paused
    from kkpdf.rollover import roll_to_next_year

    try:
        with collector_paused():
            rolled = roll_to_next_year(args.sources, args.fonts, sink, dry_run=args.dry_run)
    except StageFailed:
        return EXIT_SOURCE_ERRORS, tr("nothing written; the sources are as they were")
    return EXIT_OK, rolled.summary(args.sources)


def _spell(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    from kkpdf.build import compile_sources
    from kkpdf.language.spelling import spell_book

    unknown = []
    for edition in editions(args, every=True):  # each in its language, with its word list
        compiled = compile_sources(args.sources, sink, edition=edition, checkpoint=stop.checkpoint)
        unknown += spell_book(compiled.book, compiled.sources, sink, stop.checkpoint)
    status = EXIT_SOURCE_ERRORS if sink.has_errors() else EXIT_OK
    return status, tr_plural("{count} unknown word", "{count} unknown words", len(unknown))


def _watch(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    """Rebuild on every change, reusing what the last build parsed and hyphenated; each
    build reports to a sink of its own, as it goes."""
    from watchfiles import watch

    from kkpdf.build import BuildSession
    from kkpdf.cache import cache_folder

    gc.enable()  # a long-lived process; each build still pauses it (collector_paused)
    session = BuildSession(checkpoint=stop.checkpoint, store=cache_folder())
    try:
        # A save between the first build and the watcher's start raises no event: each
        # second without one, the files' times say whether the book is still current.
        state = _sources_state(args.sources)
        _watched_build(args, session, language)
        for changes in watch(args.sources, stop_event=stop, raise_interrupt=False,
                             yield_on_timeout=True, rust_timeout=1000):  # fmt: skip
            now = _sources_state(args.sources)
            if changes or now != state:
                state = now
                _watched_build(args, session, language)
    finally:
        session.close()
    return EXIT_OK, tr("stopped watching")


def _sources_state(root: Path) -> dict[Path, int]:
    """Each file under `root` with the time it was last written."""
    state = {}
    for path in root.rglob("*"):
        with contextlib.suppress(OSError):  # gone between listing and asking
            state[path] = path.stat().st_mtime_ns
    return state


def _watched_build(args: argparse.Namespace, session: BuildSession, language: Language) -> None:
    from kkpdf.build import build_pdf

    sink = DiagnosticSink()
    started = time.perf_counter()
    try:
        # No child processes beside the file watcher's thread; the bytes are the same.
        result = build_pdf(args.sources, args.output, args.fonts, sink, environ=os.environ,
                           session=session, fork=False,
                           edition=editions(args, every=False)[0])  # fmt: skip
        outcome = tr("wrote {book}", book=_written(result.output, result.pages))
    except StageFailed:
        outcome = tr("no PDF written; the previous one is kept")
    except EnvironmentProblem as err:
        outcome = tr("{error}: {problem}", error=ERROR, problem=err)
    _report(args, sink, language)
    line = summary_line(sink, outcome, time.perf_counter() - started)
    print(visible(f"kkpdf watch: {line.render(language)}"), file=sys.stderr, flush=True)


def _sign(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    from kkpdf.files import write_atomically
    from kkpdf.publish.signing import http_timestamper, read_input, sign_book

    book, p12 = read_input(args.book), read_input(args.p12)
    timestamper = http_timestamper(args.timestamp_url) if args.timestamp_url else None
    signed = sign_book(
        book,
        p12,
        _passphrase(),
        reason=args.reason,
        location=args.location,
        timestamper=timestamper,
    )
    stop.checkpoint()
    write_atomically(args.output, signed)
    level = "B-T" if timestamper else "B-B"
    return EXIT_OK, tr("signed (PAdES baseline {level}) into {output}", level=level,
                       output=args.output)  # fmt: skip


def _archive(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    from kkpdf.files import output_folder
    from kkpdf.publish.archive import make_archive
    from kkpdf.publish.signing import http_timestamper, read_input

    p12, passphrase = read_input(args.p12), _passphrase()
    timestamper = http_timestamper(args.timestamp_url) if args.timestamp_url else None
    root = args.output or output_folder(args.sources) / "archive"
    folders = [
        make_archive(args.sources, args.fonts, root, sink, p12=p12, passphrase=passphrase,
                     environ=dict(os.environ),
                     reason=args.reason, location=args.location, timestamper=timestamper,
                     edition=edition)
        for edition in editions(args, every=True)
    ]  # fmt: skip
    return EXIT_OK, tr("archived into {folders}", folders=listed(folders))


def _passphrase() -> bytes | None:
    """From the environment, else a prompt; a command line would leave it in the history."""
    value = os.environ.get(PASSPHRASE_VARIABLE)
    if value is None and sys.stdin.isatty():
        value = getpass.getpass("passphrase of the certificate file: ")
    return value.encode("utf-8") if value else None


def _verify(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    from kkpdf.publish.signing import load_trust_roots, read_input, verify_book

    signed = read_input(args.signed)
    roots = load_trust_roots(args.trust) if args.trust else None
    rebuild = None
    if args.sources is not None:
        from kkpdf.build import build_book
        from kkpdf.parse.read import edition_in

        def rebuild(date: datetime.datetime, embed_sources: bool, language: str) -> bytes:
            edition = edition_in(args.sources, language)  # the signed book's edition
            return build_book(args.sources, args.fonts, sink, embed_sources=embed_sources,
                              date=date, edition=edition).pdf  # fmt: skip

    verification = verify_book(signed, trust_roots=roots, rebuild=rebuild)
    for line in verification.lines:
        print(line)
    if verification.passed:
        return EXIT_OK, tr("{book}: every check holds", book=args.signed)
    failed = len(verification.failures)
    return EXIT_SOURCE_ERRORS, tr_plural(
        "{book}: {count} check failed", "{book}: {count} checks failed", failed, book=args.signed
    )


def _report(args: argparse.Namespace, sink: DiagnosticSink, language: Language) -> None:
    diagnostics = sink.sorted()
    # In JSON the diagnostics are the output, except where a command prints its own.
    if args.format == "json" and args.command not in ("diff", "comments"):
        print(render_json(diagnostics, language))
    elif args.format == "sarif":  # for code scanning: relative to where it runs, the checkout
        from kkpdf.diagnostics import render_sarif

        print(render_sarif(diagnostics, Path.cwd(), language))
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format(language), file=sys.stderr)
