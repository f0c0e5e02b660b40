"""The `kkpdf` command.

Exit status: 0 success, 1 the sources have errors, 2 usage or environment problem.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from kkpdf.diagnostics import DiagnosticSink, EnvironmentProblem, StageFailed, render_json

EXIT_OK, EXIT_SOURCE_ERRORS, EXIT_ENVIRONMENT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    from kkpdf.build import DEFAULT_FONTS

    parser = argparse.ArgumentParser(prog="kkpdf", description="Compile a budget book to PDF.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="check the sources and write the PDF")
    check = commands.add_parser("check", help="check the sources without writing a PDF")
    for command in (build, check):
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
            "--format", choices=("text", "json"), default="text", help="how diagnostics are printed"
        )
    build.add_argument(
        "--embed-sources",
        action="store_true",
        help="attach the book's YAML files to the PDF (PDF/A-3b instead of PDF/A-2b)",
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        help="the PDF to write (default: output/ and the name in book.yaml)",
    )
    return parser


class Interrupted(BaseException):
    """A signal arrived; raised where the build is, so that it unwinds.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` stops it
    before the unfinished output file is removed. The signal is in the class, not in
    the arguments: ReportLab re-raises exceptions with a message of its own.
    """

    signum = signal.SIGINT


class Terminated(Interrupted):
    signum = signal.SIGTERM


def _interrupt(signum: int, frame: object) -> None:
    raise Terminated() if signum == signal.SIGTERM else Interrupted()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return _main(args)
    except Interrupted as interrupted:
        print(
            f"kkpdf: interrupted ({interrupted.signum.name}); no partial PDF is left behind",
            file=sys.stderr,
        )
        return 128 + interrupted.signum
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _main(args: argparse.Namespace) -> int:
    sink = DiagnosticSink()
    started = time.perf_counter()
    try:
        status, summary = _run(args, sink)
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


def _run(args: argparse.Namespace, sink: DiagnosticSink) -> tuple[int, str]:
    from kkpdf.build import build_pdf, check_sources

    if args.command == "check":
        checked = check_sources(args.sources, args.fonts, sink)
        return EXIT_OK, str(checked.summary)
    result = build_pdf(
        args.sources,
        args.output,
        args.fonts,
        sink,
        embed_sources=args.embed_sources,
        environ=os.environ,
    )
    return EXIT_OK, f"{result.summary}; wrote {result.output} ({result.pages} pages)"


def _report(args: argparse.Namespace, sink: DiagnosticSink) -> None:
    diagnostics = sink.sorted()
    if args.format == "json":
        print(render_json(diagnostics))
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format(), file=sys.stderr)
