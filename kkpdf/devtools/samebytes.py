"""Same bytes: do two versions of kkpdf write the same PDFs from the same sources?

A change that only moves code (a refactoring) must not change one byte of any
book. This builds a fixed set of books with a git revision of kkpdf and with the
working tree, and compares their SHA-256 digests:

    python -m kkpdf.devtools.samebytes BASE      # e.g. HEAD~5, main, a tag
    make samebytes BASE=HEAD~5

The books: the shipped book, its draft, its proof against the published 2023
figures, the book with its sources attached, the draft of the published figures
(which have errors, so only a draft builds), and the generated 315-page whole
book, which is laid out in two parts. Each version generates that book itself,
from its own shipped sources (the generated chapters are made of their
sentences), so that sources that say the same in other words (a year written as
{budget_year}) compare as the same book; a revision whose generator makes another
book (one older than the whole book, issue 14) differs there by construction.
Both versions run in this virtual environment
through the command line, the one interface both are sure to share, with
SOURCE_DATE_EPOCH fixed so that neither reads a date from git (a draft still
prints the minute it was made: see `compare`). Exit status 0 when
every book is the same, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = "tests/fixtures/seed-2023"
GENERATED_CENTRES = 24  # 315 pages, as in make bench


# The generated book's folder, in each version's own tree (see `generate`).
GENERATED = "output/samebytes-generated"


def cases() -> dict[str, list[str]]:
    """Each book's `kkpdf build` arguments but the output file."""
    return {
        "shipped": ["build", "sources"],
        "shipped draft": ["build", "sources", "--draft"],
        "shipped proof": ["build", "sources", "--draft", "--since", SEED],
        "shipped with sources": ["build", "sources", "--embed-sources"],
        "seed draft": ["build", SEED, "--draft"],
        "generated 315 pages": ["build", GENERATED],
    }


def generate(tree: Path) -> None:
    """The 315-page whole book, made by the version in `tree` from its own shipped sources."""
    environ = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-m", "kkpdf.devtools.generate", str(tree / GENERATED),
               "--centres", str(GENERATED_CENTRES)]  # fmt: skip
    subprocess.run(command, cwd=tree, env=environ, check=True, stdout=subprocess.DEVNULL)


def digest(tree: Path, arguments: list[str], target: Path) -> str:
    """Builds one case with the kkpdf of `tree`, run from `tree`."""
    environ = {**os.environ, "PYTHONPATH": str(tree), "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "kkpdf", *arguments, "-o", str(target)]
    done = subprocess.run(command, cwd=tree, env=environ, capture_output=True, text=True)
    if done.returncode != 0 or not target.exists():
        print(f"{tree}: {' '.join(arguments)} failed ({done.returncode}):\n{done.stderr}",
              file=sys.stderr)  # fmt: skip
        return "failed"
    return hashlib.sha256(target.read_bytes()).hexdigest()


def compare(base: Path, out: Path) -> dict[str, tuple[str, str]]:
    """Each case's digests, old and new. A draft prints the clock's minute, so the
    two builds of a case run back to back, and a pair that differs is built again
    once: only a real difference is seen twice."""
    result = {}
    for name, arguments in cases().items():
        target = out / (name.replace(" ", "-") + ".pdf")
        for _ in range(2):
            pair = digest(base, arguments, target), digest(ROOT, arguments, target)
            if pair[0] == pair[1]:
                break
        result[name] = pair
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the git revision to compare the working tree with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kkpdf-samebytes-") as folder:
        work = Path(folder)
        base_tree = work / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                        str(base_tree), args.base], check=True)  # fmt: skip
        try:
            for tree in (base_tree, ROOT):
                generate(tree)
            pairs = compare(base_tree, work)
        finally:
            shutil.rmtree(ROOT / GENERATED, ignore_errors=True)
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(base_tree)], check=False)  # fmt: skip
    same = True
    for name, (old, new) in pairs.items():
        verdict = "same" if old == new != "failed" else "DIFFERENT"
        same = same and verdict == "same"
        print(f"{verdict:<9} {name:<22} {old[:16]} {new[:16]}")
    print(f"{args.base} and the working tree: " + ("the same bytes" if same else "NOT the same"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
