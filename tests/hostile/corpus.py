"""What any input may end in, judged in one place for the hostile corpus.

An input ends in a book, or in diagnostics and a non-zero exit: never in another
exception, never with an empty complaint, and never with a file written or
removed outside the book's `output/` folder. Each class of hostile input (wrong
YAML types, deep nesting, sizes, names) has its own test module that generates
inputs with hypothesis and hands each to `run_kkpdf`.
"""

from __future__ import annotations

import contextlib
import io
import os
import time
from dataclasses import dataclass
from pathlib import Path

from kkpdf.cli import main

# A hang detector, not a speed limit: far above what any input of the corpus takes
# (speed is measured by `make bench`), low enough to end a run that never would.
HANG_SECONDS = 120


@dataclass(frozen=True)
class Run:
    """What one command did: its exit status, what it printed, how long it took."""

    status: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if ": error: " in line]


def files_under(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` (symlinks not followed), by path, with size and mtime."""
    found = {}
    for root, _dirs, names in os.walk(folder, followlinks=False):
        for name in names:
            path = Path(root) / name
            with contextlib.suppress(OSError):
                stat = path.lstat()
                found[str(path.relative_to(folder))] = (stat.st_size, stat.st_mtime_ns)
    return found


def run_kkpdf(args: list[str], workspace: Path, output: Path) -> Run:
    """Runs kkpdf in-process on `args`; checks what any input must end in.

    `workspace` is the folder that holds everything the run may see (the sources,
    the output folder); nothing in it but under `output` may change.
    """
    before = {path: entry for path, entry in files_under(workspace).items()
              if not (workspace / path).is_relative_to(output)}  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(args)  # any exception but SystemExit fails the test with it
    run = Run(status, out.getvalue(), err.getvalue(), time.perf_counter() - started)
    after = {path: entry for path, entry in files_under(workspace).items()
             if not (workspace / path).is_relative_to(output)}  # fmt: skip
    assert after == before, f"files changed outside {output}: {set(after) ^ set(before)}"
    assert run.seconds < HANG_SECONDS, f"took {run.seconds:.0f} s"
    if status != 0:
        assert run.errors, f"exit {status} and no error said why:\n{run.stderr}"
        assert all(line.split(": error: ", 1)[1].strip() for line in run.errors)
    assert "Traceback" not in run.stderr
    return run
