"""The `kkpdf` command.

Exit status: 0 success, 1 the sources have errors, 2 usage or environment problem.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import getpass
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from kkpdf.diagnostics import DiagnosticSink, EnvironmentProblem, StageFailed, render_json
from kkpdf.interrupts import Interrupted, StopFlag

if TYPE_CHECKING:
    from kkpdf.build import BuildSession

EXIT_OK, EXIT_SOURCE_ERRORS, EXIT_ENVIRONMENT = 0, 1, 2
PASSPHRASE_VARIABLE = "KKPDF_P12_PASSPHRASE"


def _parser() -> argparse.ArgumentParser:
    from kkpdf import DEFAULT_FONTS

    parser = argparse.ArgumentParser(prog="kkpdf", description="Compile a budget book to PDF.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="check the sources and write the PDF")
    check = commands.add_parser("check", help="check the sources without writing a PDF")
    spell = commands.add_parser("spell", help="check the spelling of the book's language")
    diff = commands.add_parser(
        "diff", help="what changed between two versions: git revisions or source folders"
    )
    diff.add_argument("old", help="a git revision (e.g. HEAD~3, a tag) or a sources folder")
    diff.add_argument("new", nargs="?", help="the same; default: the sources as they are now")
    diff.add_argument(
        "--sources",
        type=Path,
        default=Path("sources"),
        help="the sources folder whose history is meant (default: sources)",
    )
    diff.add_argument("--format", choices=("text", "json"), default="text")
    next_year = commands.add_parser(
        "next-year",
        help="roll the sources on to the next budget year, in place, and list the cells to fill in",
    )
    next_year.add_argument(
        "--dry-run", action="store_true", help="list what would change, and write nothing"
    )
    watch = commands.add_parser("watch", help="build, then build again on every save")
    watch.add_argument("-o", "--output", type=Path, help="the PDF to write")
    for command in (build, check, watch, spell, next_year):
        command.add_argument(
            "sources",
            nargs="?",
            type=Path,
            default=Path("sources"),
            help="the folder that holds book.yaml (default: sources)",
        )
        command.add_argument(
            "--fonts",
            type=Path,
            default=DEFAULT_FONTS,
            help="the folder with the TrueType fonts (default: %(default)s)",
        )
        command.add_argument(
            "--format", choices=("text", "json", "sarif"), default="text",
            help="how diagnostics are printed (sarif: SARIF 2.1.0, for code scanning)",
        )  # fmt: skip
    build.add_argument(
        "--embed-sources",
        action="store_true",
        help="attach the book's YAML files to the PDF (PDF/A-3a instead of PDF/A-2a)",
    )
    build.add_argument(
        "--draft",
        action="store_true",
        help="a draft for proofreading: built even with errors in the figures, each problem "
        "marked where it stands and listed at the end",
    )
    build.add_argument(
        "--since",
        help="with a draft, mark what changed since this git revision or sources folder",
    )
    build.add_argument(
        "--validate",
        action="store_true",
        help="run the PDF/A validator over the written file (the archive always does)",
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        help="the PDF to write (default: output/ beside the sources folder, and the name in "
        "book.yaml; a draft's name ends in -luonnos)",
    )

    sign = commands.add_parser(
        "sign",
        help="sign a built book (PAdES); the passphrase comes from "
        f"{PASSPHRASE_VARIABLE} or a prompt, never from the command line",
    )
    sign.add_argument("book", type=Path, help="the PDF to sign")
    sign.add_argument("-o", "--output", type=Path, required=True, help="the signed PDF to write")

    archive = commands.add_parser(
        "archive",
        help="build, sign and file the book with its sources, check report and digests",
    )
    archive.add_argument(
        "sources", nargs="?", type=Path, default=Path("sources"), help="the sources folder"
    )
    for command in (sign, archive):
        command.add_argument("--p12", type=Path, required=True, help="the signer's PKCS#12 file")
        command.add_argument(
            "--reason", help="why it is signed, e.g. 'Kaupunginvaltuuston hyväksymä'"
        )
        command.add_argument("--location", help="where it is signed, e.g. 'Loviisa'")
        command.add_argument("--timestamp-url", help="a timestamp server (RFC 3161): PAdES B-T")
    archive.add_argument("-o", "--output", type=Path,
                         help="the folder (default: output/archive by the sources)")  # fmt: skip
    archive.add_argument("--fonts", type=Path, default=DEFAULT_FONTS, help=argparse.SUPPRESS)

    verify = commands.add_parser("verify", help="check a signed book")
    verify.add_argument("signed", type=Path, help="the signed PDF")
    verify.add_argument("--trust", type=Path, help="the root certificate to trust (PEM or DER)")
    verify.add_argument(
        "--sources", type=Path, help="also check that the signed book is what these sources build"
    )
    verify.add_argument("--fonts", type=Path, default=DEFAULT_FONTS, help=argparse.SUPPRESS)
    for command in (build, check, watch, spell, diff, archive):
        command.add_argument(
            "--edition",
            metavar="CODE",
            help="the edition: a code book.yaml lists under 'editions:' (fi, sv), or 'all' "
            "(default: every edition; the first for diff and watch)",
        )
    for command in (sign, verify, archive):
        command.set_defaults(format="text")
    return parser


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


# Each command's modules with native code, imported before the signal handlers are
# set, so that a signal during their start-up ends the process quietly (the
# default). Import statements rather than names for importlib, so that a renamed
# module fails here, at once, for every command that names it (tests/test_cli.py).


def _load_building() -> None:
    import libvoikko  # noqa: F401
    import pikepdf.models.metadata  # noqa: F401
    import PIL.ImageCms  # noqa: F401
    import yaml  # noqa: F401

    import kkpdf.build
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
    "sign": (_load_signing,),
    "verify": (_load_building, _load_signing),
}


def run() -> NoReturn:
    """The process's entry (`kkpdf`, `python -m kkpdf`): one command, then exit.

    The cycle collector stays off: its passes over a build's millions of objects
    find nothing worth freeing before the process ends (0.1 s of a 300-page build),
    and freezing what is left spares the exit's own pass. `watch`, which lives on,
    turns it back on.
    """
    gc.disable()
    status = main()
    gc.freeze()
    sys.exit(status)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    for load in PRELOADS.get(args.command, ()):
        load()
    stop = StopFlag()
    previous = {sig: signal.signal(sig, stop.request) for sig in STOP_SIGNALS}
    try:
        status = _main(args, stop)
        stop.checkpoint()  # a signal near the end still ends the command as interrupted
        return status
    except Interrupted as interrupted:
        print(f"kkpdf: interrupted ({interrupted}); no partial PDF is left behind",
              file=sys.stderr)  # fmt: skip
        return 128 + interrupted.signum
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _main(args: argparse.Namespace, stop: StopFlag) -> int:
    sink = DiagnosticSink()
    started = time.perf_counter()
    try:
        status, summary = _run(args, sink, stop)
    except StageFailed as failed:
        checked = f"{failed.detail}; " if failed.detail else ""
        status = EXIT_SOURCE_ERRORS
        summary = f"{checked}no PDF written; the previous one, if any, is kept"
    except EnvironmentProblem as err:
        _report(args, sink)
        print(f"kkpdf: error: {err}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    _report(args, sink)
    errors, warnings = len(sink.errors), len(sink.warnings)
    elapsed = time.perf_counter() - started
    print(
        f"kkpdf: {errors} error(s), {warnings} warning(s); {summary} ({elapsed:.2f} s)",
        file=sys.stderr,
    )
    return status


def _run(args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag) -> tuple[int, str]:
    commands = {
        "check": _check,
        "build": _build,
        "sign": _sign,
        "verify": _verify,
        "archive": _archive,
        "watch": _watch,
        "spell": _spell,
        "diff": _diff,
        "next-year": _next_year,
    }
    return commands[args.command](args, sink, stop)


def _editions(args: argparse.Namespace, every: bool) -> tuple[str | None, ...]:
    from kkpdf.parse.read import chosen_editions

    return chosen_editions(args.sources, getattr(args, "edition", None), every)


def _check(args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag) -> tuple[int, str]:
    from kkpdf.build import collector_paused
    from kkpdf.build.editions import check_editions

    with collector_paused():
        summary = check_editions(args.sources, args.fonts, sink, _editions(args, every=True))
    return EXIT_OK, str(summary)


def _build(args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag) -> tuple[int, str]:
    import tempfile

    from kkpdf.build import BuildSession, DraftRequest
    from kkpdf.build.editions import build_editions
    from kkpdf.proof.revisions import sources_at

    session = BuildSession(checkpoint=stop.checkpoint)
    with tempfile.TemporaryDirectory(prefix="kkpdf-since-") as scratch, session:
        draft = None
        if args.draft or args.since:
            since = sources_at(args.since, args.sources, Path(scratch)) if args.since else None
            draft = DraftRequest(datetime.datetime.now().astimezone(), since)
        results = build_editions(args.sources, args.output, args.fonts, sink,
                                 _editions(args, every=True), environ=os.environ, draft=draft,
                                 embed_sources=args.embed_sources, validate=args.validate,
                                 session=session)  # fmt: skip
    wrote = " and ".join(f"{r.output} ({r.pages} pages)" for r in results)
    return EXIT_OK, f"{results[0].summary}; wrote {wrote}"


def _diff(args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag) -> tuple[int, str]:
    import json
    import tempfile

    from kkpdf.build import compare_versions
    from kkpdf.proof.revisions import sources_at

    with tempfile.TemporaryDirectory(prefix="kkpdf-diff-") as scratch:
        old = sources_at(args.old, args.sources, Path(scratch) / "old")
        new = (
            sources_at(args.new, args.sources, Path(scratch) / "new") if args.new else args.sources
        )
        changes = compare_versions(old, new, sink, _editions(args, every=False)[0])
    if args.format == "json":
        print(json.dumps([c.as_json() for c in changes], ensure_ascii=False, indent=2))
    else:
        for change in changes:
            print(f"{change.span}: {change.kind.value}: {change.describe()}")
    status = EXIT_SOURCE_ERRORS if sink.has_errors() else EXIT_OK
    return status, f"{len(changes)} change(s)"


def _next_year(args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag) -> tuple[int, str]:
    from kkpdf.build import collector_paused
    from kkpdf.rollover import roll_to_next_year

    try:
        with collector_paused():
            rolled = roll_to_next_year(args.sources, args.fonts, sink, dry_run=args.dry_run)
    except StageFailed:
        return EXIT_SOURCE_ERRORS, "nothing written; the sources are as they were"
    return EXIT_OK, rolled.summary(args.sources)


def _spell(args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag) -> tuple[int, str]:
    from kkpdf.build import compile_sources
    from kkpdf.language.spelling import spell_book

    unknown = []
    for edition in _editions(args, every=True):  # each in its language, with its word list
        compiled = compile_sources(args.sources, sink, edition=edition)
        unknown += spell_book(compiled.book, compiled.sources, sink)
    status = EXIT_SOURCE_ERRORS if sink.has_errors() else EXIT_OK
    return status, f"{len(unknown)} unknown word(s)"


def _watch(args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag) -> tuple[int, str]:
    """Rebuild on every change, reusing what the last build parsed and hyphenated."""
    from watchfiles import watch

    from kkpdf.build import BuildSession

    gc.enable()  # a long-lived process; each build still pauses it (collector_paused)
    session = BuildSession(checkpoint=stop.checkpoint)
    try:
        _watched_build(args, session)
        for _changes in watch(args.sources, stop_event=stop, raise_interrupt=False):
            _watched_build(args, session)
    finally:
        session.close()
    return EXIT_OK, "stopped watching"


def _watched_build(args: argparse.Namespace, session: BuildSession) -> None:
    from kkpdf.build import build_pdf

    sink = DiagnosticSink()
    started = time.perf_counter()
    try:
        # No child processes beside the file watcher's thread; the bytes are the same.
        result = build_pdf(args.sources, args.output, args.fonts, sink, environ=os.environ,
                           session=session, fork=False,
                           edition=_editions(args, every=False)[0])  # fmt: skip
        outcome = f"wrote {result.output} ({result.pages} pages)"
    except StageFailed:
        outcome = "no PDF written; the previous one is kept"
    except EnvironmentProblem as err:
        outcome = f"error: {err}"
    _report(args, sink)
    elapsed = time.perf_counter() - started
    print(f"kkpdf watch: {len(sink.errors)} error(s), {len(sink.warnings)} warning(s); "
          f"{outcome} ({elapsed:.2f} s)", file=sys.stderr, flush=True)  # fmt: skip


def _sign(args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag) -> tuple[int, str]:
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
    return EXIT_OK, f"signed (PAdES baseline {level}) into {args.output}"


def _archive(args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag) -> tuple[int, str]:
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
        for edition in _editions(args, every=True)
    ]  # fmt: skip
    return EXIT_OK, f"archived into {' and '.join(map(str, folders))}"


def _passphrase() -> bytes | None:
    """From the environment, else a prompt; a command line would leave it in the history."""
    value = os.environ.get(PASSPHRASE_VARIABLE)
    if value is None and sys.stdin.isatty():
        value = getpass.getpass("passphrase of the certificate file: ")
    return value.encode("utf-8") if value else None


def _verify(args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag) -> tuple[int, str]:
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
        return EXIT_OK, f"{args.signed}: every check holds"
    return EXIT_SOURCE_ERRORS, f"{args.signed}: {len(verification.failures)} check(s) failed"


def _report(args: argparse.Namespace, sink: DiagnosticSink) -> None:
    diagnostics = sink.sorted()
    # In JSON the diagnostics are the output, except where a command prints its own.
    if args.format == "json" and args.command != "diff":
        print(render_json(diagnostics))
    elif args.format == "sarif":  # for code scanning: relative to where it runs, the checkout
        from kkpdf.diagnostics import render_sarif

        print(render_sarif(diagnostics, Path.cwd()))
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format(), file=sys.stderr)
