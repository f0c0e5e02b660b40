"""`kkpdf import`: the finance system's figures from a spreadsheet export into the data."""

from __future__ import annotations

import argparse
import sys

from kkpdf.cli.outcome import EXIT_OK, EXIT_SOURCE_ERRORS, Outcome
from kkpdf.diagnostics import DiagnosticSink, StageFailed, visible
from kkpdf.interrupts import StopFlag
from kkpdf.messages import Language


def import_command(
    args: argparse.Namespace, sink: DiagnosticSink, stop: StopFlag, language: Language
) -> Outcome:
    from kkpdf.build import collector_paused
    from kkpdf.importing.run import NOTHING_WRITTEN, import_export

    try:
        with collector_paused():
            imported = import_export(args.export, args.mapping, args.sources, args.fonts, sink,
                                     dry_run=args.dry_run, checkpoint=stop.checkpoint)  # fmt: skip
    except StageFailed:
        return EXIT_SOURCE_ERRORS, NOTHING_WRITTEN
    # The review is for people: where the diagnostics are a tool's JSON or SARIF on the
    # standard output, it goes to the standard error instead.
    review = sys.stdout if args.format == "text" else sys.stderr
    for change in imported.changes:
        print(visible(f"{change.span}: {change.describe().render(language)}"), file=review)
    return EXIT_OK, imported.summary()
