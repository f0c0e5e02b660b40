"""The yardstick for the benchmark: the book's flowables through plain ReportLab.

Reads the model with kkpdf's own stages, then lays out the body once with plain
ReportLab (`kkpdf.layout.plain`): no checks, no contents, no page decoration, no
PDF/A. The time to read the model is printed so that the benchmark can leave it
out. What the full build costs beyond the rest is the cost of kkpdf's pipeline.

    python -m kkpdf.devtools.yardstick SOURCES OUT.pdf
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kkpdf import DEFAULT_FONTS
from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.layout.plain import lay_out_plainly


def main() -> None:
    sources, output = Path(sys.argv[1]), Path(sys.argv[2])
    started = time.perf_counter()
    book = compile_document(sources, DiagnosticSink())
    print(f"model: {time.perf_counter() - started:.4f} s", file=sys.stderr)
    pages = lay_out_plainly(book, DEFAULT_FONTS, output)
    print(f"plain ReportLab: ({pages} pages)", file=sys.stderr)


if __name__ == "__main__":
    main()
