"""`make bench`'s hostile inputs: how the time of `kkpdf check` and `kkpdf build` grows
with what a hostile or mistaken source holds (issue #19).

Each case is the shipped book with one thing made large: a paragraph of N characters
in its last chapter, or N rows the chart of accounts does not know among N accounts it
does (N unknown keys, each with its "did you mean" among N choices). The sizes are
chosen around the limits README.md's "Limits" gives, so that the figures show the
time within a limit and what a refused input costs.

    python -m kkpdf.devtools.hostile_bench [--quick]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kkpdf.devtools.generate import SHIPPED

CHAPTER = "luvut/04-talouspalvelut.md"
# Paragraph sizes in characters: a long one of a real book, the limit, and beyond it.
PARAGRAPHS = (5_000, 20_000, 200_000, 1_000_000)
UNKNOWN_KEYS = (3_000,)
SEED = 19


def long_paragraph(sources: Path, size: int) -> None:
    """The shipped book with a paragraph of `size` characters, of its own words, at the
    end of its last chapter."""
    shutil.copytree(SHIPPED, sources)
    chapter = sources / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    words = re.findall(r"[a-zåäö]{3,}", text)
    rng = random.Random(SEED)
    paragraph: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(words)
        paragraph.append(word)
        length += len(word) + 1
    chapter.write_text(f"{text}\n{' '.join(paragraph)[:size]}\n", encoding="utf-8")


def unknown_keys(sources: Path, count: int) -> None:
    """The shipped book whose chart of accounts has `count` more rows and whose first
    table has `count` rows the chart does not know."""
    shutil.copytree(SHIPPED, sources)
    rng = random.Random(SEED)

    def key() -> str:
        return "_".join(
            "".join(rng.choices("abdehijklmnoprstuvy", k=rng.randint(4, 9))) for _ in range(2)
        )

    accounts = sources / "data/tilikartta.yaml"
    added = "".join(f"{key()}: {{label: Tili {n}, kind: cost}}\n" for n in range(count))
    accounts.write_text(accounts.read_text(encoding="utf-8") + added, encoding="utf-8")
    finance = sources / "data/talous.yaml"
    text = finance.read_text(encoding="utf-8")
    rows = "".join(f"    {key()}: [1, 2, 3, 4, 5]\n" for _ in range(count))
    finance.write_text(text.replace("  rows:\n", "  rows:\n" + rows, 1), encoding="utf-8")


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and exit status of one fresh process."""
    started = time.perf_counter()
    status = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            check=False).returncode  # fmt: skip
    return time.perf_counter() - started, status


def hostile_cases(work: Path, quick: bool = False) -> list[dict[str, object]]:
    """Each case's wall time: `kkpdf build` of a long paragraph, `kkpdf check` of unknown
    keys, in the first edition; exit 0 is a book, 1 a refusal."""
    kkpdf = [sys.executable, "-m", "kkpdf"]
    results: list[dict[str, object]] = []
    sizes = PARAGRAPHS[:2] if quick else PARAGRAPHS
    for size in sizes:
        sources = work / f"paragraph-{size}"
        long_paragraph(sources, size)
        out = ["-o", str(work / f"paragraph-{size}.pdf")]
        wall, status = timed([*kkpdf, "build", str(sources), "--edition", "fi", *out])
        results.append({"case": f"build, a paragraph of {size} characters",
                        "wall_s": round(wall, 2), "exit": status})  # fmt: skip
    for count in UNKNOWN_KEYS:
        sources = work / f"unknown-{count}"
        unknown_keys(sources, count)
        wall, status = timed([*kkpdf, "check", str(sources), "--edition", "fi"])
        results.append({"case": f"check, {count} unknown row keys",
                        "wall_s": round(wall, 2), "exit": status})  # fmt: skip
    for result in results:
        print(f"  {result['case']:<45} {result['wall_s']:>8.2f} s  exit {result['exit']}",
              file=sys.stderr)  # fmt: skip
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the small cases only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kkpdf-hostile-") as folder:
        hostile_cases(Path(folder), args.quick)


if __name__ == "__main__":
    main()
