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
book (one older than the whole book, issue 14) differs there by construction. So
does one older than the generated Swedish edition: the Finnish edition prints the
same, but the Swedish texts beside the Finnish ones in book.yaml move the parts'
titles down, and a heading's bookmark name is made from its line.
Both versions run in this virtual environment
through the command line, the one interface both are sure to share, with
SOURCE_DATE_EPOCH fixed so that neither reads a date from git (a draft still
prints the minute it was made: see `compare`).

A book in editions (`editions: [fi, sv]`) is built one edition at a time with
`--edition`, since `-o` names one file. Its first edition is compared with the
other version's first edition, or with its book in one language, and its other
editions by their code; an edition that only the working tree has is listed as
new, with nothing to compare it with. Exit status 0 when every book both versions
build is the same, 1 otherwise.
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

from kkpdf.parse.read import listed_editions

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


def editions(tree: Path, sources: str) -> dict[str, list[str]]:
    """The editions of the book `sources` in `tree`, each with the arguments that choose
    it: the first under "" (as a book in one language is), the others by their code."""
    listed = listed_editions(tree / sources)
    if not listed:
        return {"": []}
    return {("" if n == 0 else code): ["--edition", code] for n, code in enumerate(listed)}


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
    """Each case's digests, old and new, edition by edition ("absent" where a version's
    book lacks the edition). A draft prints the clock's minute, so the two builds of a
    case run back to back, and a pair that differs is built again once: only a real
    difference is seen twice."""
    result = {}
    for name, arguments in cases().items():
        old, new = (editions(tree, arguments[1]) for tree in (base, ROOT))
        for code in {**old, **new}:
            label = f"{name} {code}".strip()
            target = out / (label.replace(" ", "-") + ".pdf")
            for _ in range(2):
                pair = tuple(
                    digest(tree, arguments + chosen[code], target) if code in chosen
                    else "absent" for tree, chosen in ((base, old), (ROOT, new))
                )  # fmt: skip
                if pair[0] == pair[1]:
                    break
            result[label] = pair
    return result


def verdict(old: str, new: str) -> str:
    """The verdict on a pair of digests: same, new (an edition the base has not) or
    DIFFERENT."""
    if old == new not in ("failed", "absent"):
        return "same"
    return "new" if old == "absent" and new != "failed" else "DIFFERENT"


def compile_catalogs(tree: Path) -> None:
    """The message catalogs of a checked-out revision, as `make setup` compiles them."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for source in sorted(tree.glob("kkpdf/locale/*/LC_MESSAGES/kkpdf.po")):
        with source.open("rb") as po:
            catalog = read_po(po)
        with source.with_suffix(".mo").open("wb") as mo:
            write_mo(mo, catalog)


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
            compile_catalogs(base_tree)  # not in git: `make setup` makes them
            for tree in (base_tree, ROOT):
                generate(tree)
            pairs = compare(base_tree, work)
        finally:
            shutil.rmtree(ROOT / GENERATED, ignore_errors=True)
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(base_tree)], check=False)  # fmt: skip
    verdicts = {name: verdict(*pair) for name, pair in pairs.items()}
    for name, (old, new) in pairs.items():
        print(f"{verdicts[name]:<9} {name:<25} {old[:16]} {new[:16]}")
    same = "DIFFERENT" not in verdicts.values()
    added = sum(v == "new" for v in verdicts.values())
    print(f"{args.base} and the working tree: " + ("the same bytes" if same else "NOT the same")
          + (f"; {added} edition(s) only the working tree has" if added else ""))  # fmt: skip
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
