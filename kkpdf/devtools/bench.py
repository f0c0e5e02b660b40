"""`make bench`: how long kkpdf takes, in fresh processes, on three sizes of book.

For the shipped book and generated whole books of about 300 and 600 pages
(24 and 48 centres, with the statements, investments, summaries and ties: see
`kkpdf.devtools.generate`), it runs `kkpdf build` several times, each in a new
process, and reports the medians of wall time, CPU time and peak memory, with
pages and pages per second. It also times `kkpdf check` alone on the 300-page
book, and a plain ReportLab build of the same flowables (no checks, no contents,
no post-processing), so that the cost of the pipeline over ReportLab shows as a
ratio. Each case is shown beside the earlier figures of README.md's "Speed"
table. Then the hostile inputs of `kkpdf.devtools.hostile_bench` are timed once each
(a paragraph of up to 1 000 000 characters, 3 000 unknown row keys). Results go to
output/bench.json and to the terminal.

A book in two editions (`editions: [fi, sv]`, as the generated ones are) is built
both ways: its first edition alone (`--edition fi`), which is the case the earlier
figures measured, and every edition at once (`kkpdf build SOURCES`, each edition
in a process of its own), the build a user runs. The wall time of each, from the
process's start to its exit, gives the ratio of two editions over one, for the
shipped book and the 300-page one. A book in one language has no second case; it
is listed as skipped.

Every case has a cache folder of its own (`kkpdf.cache`: the fonts' parse, the
hyphenated words), never the user's. It is warm, filled by one untimed run before
the timed ones, except in the cases of the shipped book "with a cold cache", whose
folder is deleted before every run: the first build after the cache is cleared.

Every case runs the `kkpdf` command as `make pdf` does (the venv's entry point),
with the build server off (`kkpdf.server`), except the cases "served", which turn
it on: two untimed runs start it and wait for it, and the timed ones are served.
The servers are ended when the benchmark is done.

    python -m kkpdf.devtools.bench [--runs 5] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kkpdf.cache import CACHE_VARIABLE
from kkpdf.devtools.generate import SHIPPED, generate_book
from kkpdf.devtools.hostile_bench import hostile_cases
from kkpdf.devtools.servers import stop_servers
from kkpdf.parse.read import listed_editions
from kkpdf.server.client import MODE_VARIABLE

ROOT = Path(__file__).resolve().parent.parent.parent
# README.md's "Speed" table: the range of the medians of three runs of `make bench`,
# wall seconds, and the pages, measured when the generated books held the centres
# and areas alone (307 and 612 pages); they are whole books now, a few pages longer.
EARLIER = {
    "build shipped": ((0.41, 0.44), 13),
    "build town-300": ((1.80, 1.97), 307),
    "build town-600": ((3.30, 3.57), 612),
    "check town-300": ((0.288, 0.297), None),
    "plain ReportLab town-300": ((1.55, 1.59), None),
}
# The books built in every edition as well as in the first, for the ratio of the two.
EDITION_BOOKS = ("shipped", "town-300")
EDITIONS = ", every edition"
# The books built with a cold cache as well as a warm one.
COLD_BOOKS = ("shipped",)
COLD = ", cold cache"
# The books built by the build server as well.
SERVED_BOOKS = ("shipped",)
SERVED = ", served"


def run(command: list[str], cache: Path | None = None, served: bool = False) -> dict[str, float]:
    """One fresh process: wall and CPU seconds, peak resident memory in MB, its stderr;
    with `cache` as its cache folder, asking the build server when `served`. The CPU
    time and memory of a served build are the client's alone."""
    env = {**os.environ, MODE_VARIABLE: "on" if served else "off"}
    if cache is not None:
        env[CACHE_VARIABLE] = str(cache)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               cwd=ROOT, text=True, env=env)  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    err = process.stderr.read() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err}")
    # One "(N pages)" per edition written.
    pages = [int(found) for found in re.findall(r"\((\d+) pages\)", err)]
    # The yardstick reads the model first; that is not ReportLab's work, so it is left out.
    model = re.search(r"^model: ([\d.]+) s$", err, re.M)
    spent = float(model.group(1)) if model else 0.0
    return {
        "wall_s": wall - spent,
        "cpu_s": usage.ru_utime + usage.ru_stime - spent,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "pages": sum(pages),
    }


def summarise(name: str, samples: list[dict[str, float]]) -> dict[str, object]:
    result: dict[str, object] = {"case": name, "runs": len(samples)}
    for key in ("wall_s", "cpu_s", "peak_rss_mb"):
        result[key] = round(statistics.median(s[key] for s in samples), 3)
    pages = samples[0]["pages"]
    result["pages"] = pages
    result["passes"] = 1 if pages else 0  # kkpdf lays out once (see kkpdf.layout.pages)
    result["pages_per_s"] = round(pages / result["wall_s"], 1) if pages else None
    earlier = ""
    if name in EARLIER:
        (low, high), then = EARLIER[name]
        result["earlier_wall_s"], result["earlier_pages"] = [low, high], then
        earlier = f"  earlier {low}–{high} s" + (f", {then} pages" if then else "")
    print(f"  {name:<42} {result['wall_s']:>7.3f} s wall {result['cpu_s']:>7.3f} s cpu "
          f"{result['peak_rss_mb']:>7.1f} MB {pages:>5} pages{earlier}",
          file=sys.stderr)  # fmt: skip
    return result


def bench_cases(
    kkpdf: list[str], books: dict[str, Path], work: Path
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Each case's command line, and what is skipped, and why: `kkpdf build` of each book
    in its first edition, and of the EDITION_BOOKS in every edition; `kkpdf check` and
    plain ReportLab on the 300-page book. A book in editions is built and checked in its
    first with --edition, so that the case times what the earlier figures did. The
    COLD_BOOKS' builds are also timed with a cold cache (the name ends in COLD)."""
    cases, skipped = {}, {}
    for name, sources in books.items():
        output = ["-o", str(work / f"{name}.pdf")]
        cases[f"build {name}"] = [*kkpdf, "build", str(sources), *first_edition(sources), *output]
        if name in COLD_BOOKS:
            cases[f"build {name}{COLD}"] = cases[f"build {name}"]
        if name in SERVED_BOOKS:
            cases[f"build {name}{SERVED}"] = cases[f"build {name}"]
        if name not in EDITION_BOOKS:
            continue
        if listed_editions(sources):
            # No -o: each edition goes to output/ beside the sources, under its own name.
            cases[f"build {name}{EDITIONS}"] = [*kkpdf, "build", str(sources)]
            if name in COLD_BOOKS:
                cases[f"build {name}{EDITIONS}{COLD}"] = cases[f"build {name}{EDITIONS}"]
            if name in SERVED_BOOKS:
                cases[f"build {name}{EDITIONS}{SERVED}"] = cases[f"build {name}{EDITIONS}"]
        else:
            skipped[f"build {name}{EDITIONS}"] = (
                "its book.yaml lists no editions: one language only"
            )
    # `kkpdf check` checks every edition by default; the earlier figures are of one.
    town = books["town-300"]
    cases["check town-300"] = [*kkpdf, "check", str(town), *first_edition(town)]
    plain = [sys.executable, "-m", "kkpdf.devtools.yardstick", str(town)]
    cases["plain ReportLab town-300"] = [*plain, str(work / "plain.pdf")]
    return cases, skipped


def first_edition(sources: Path) -> list[str]:
    """The options that choose the book's first edition; none for a book in one language."""
    listed = listed_editions(sources)
    return ["--edition", listed[0]] if listed else []


def edition_ratios(walls: dict[str, float]) -> dict[str, float | None]:
    """Every edition's wall time over the first edition's, per book (None if skipped)."""
    ratios: dict[str, float | None] = {}
    for name in EDITION_BOOKS:
        every = walls.get(f"build {name}{EDITIONS}")
        ratios[name] = round(every / walls[f"build {name}"], 2) if every else None
    return ratios


def timed(
    cases: dict[str, list[str]], caches: dict[str, Path], runs: int
) -> dict[str, list[dict[str, float]]]:
    """`runs` samples of every case, after the untimed runs that fill its cache (and
    start its server, then wait for it)."""
    for name, command in cases.items():
        served = name.endswith(SERVED)
        for _ in range(2 if served else 0 if name.endswith(COLD) else 1):
            run(command, caches[name], served)
    # Round by round, every case once: the machine's speed drifts over minutes,
    # and the drift then falls on every case alike, not on whichever ran last.
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, command in cases.items():
            if name.endswith(COLD):
                shutil.rmtree(caches[name], ignore_errors=True)
            samples[name].append(run(command, caches[name], name.endswith(SERVED)))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one run each, for a smoke test")
    parser.add_argument("--output", type=Path, default=ROOT / "output" / "bench.json")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    # The entry point `make pdf` runs, beside the interpreter in the venv.
    kkpdf = [str(Path(sys.executable).with_name("kkpdf"))]
    with tempfile.TemporaryDirectory(prefix="kkpdf-bench-") as folder:
        work = Path(folder)
        # A copy of the shipped book, so that its editions, which a build writes to
        # output/ beside the sources, are not written over the project's own.
        books = {"shipped": work / "shipped" / "sources"}
        shutil.copytree(SHIPPED, books["shipped"])
        for name, centres in (("town-300", 24), ("town-600", 48)):
            books[name] = work / name
            generate_book(books[name], centres)
        cases, skipped = bench_cases(kkpdf, books, work)
        caches = {name: work / "cache" / str(number) for number, name in enumerate(cases)}
        try:
            samples = timed(cases, caches, runs)
        finally:
            for name in cases:
                if name.endswith(SERVED):
                    stop_servers(CACHE_VARIABLE, str(caches[name]))
        print(f"kkpdf benchmark, medians of {runs} fresh processes", file=sys.stderr)
        results = [summarise(name, samples[name]) for name in cases]
        for name, why in skipped.items():
            print(f"  {name:<42} skipped: {why}", file=sys.stderr)
            results.append({"case": name, "skipped": why})
        # Hostile inputs (issue #19): how time grows with a paragraph's size, and the
        # "did you mean" of thousands of unknown keys; one run each, they are not tuned.
        print("hostile inputs, one fresh process each", file=sys.stderr)
        hostile = hostile_cases(work, args.quick)
    by_case = {r["case"]: r for r in results if "skipped" not in r}
    summary = {
        "growth_600_over_300": round(
            by_case["build town-600"]["wall_s"] / by_case["build town-300"]["wall_s"], 2
        ),
        "pipeline_over_plain_reportlab": round(
            by_case["build town-300"]["wall_s"] / by_case["plain ReportLab town-300"]["wall_s"], 2
        ),
    }
    print(
        f"  600 pages cost {summary['growth_600_over_300']} × 300 pages; the pipeline "
        f"{summary['pipeline_over_plain_reportlab']} × plain ReportLab",
        file=sys.stderr,
    )
    cold = {name: round(float(by_case[f"build {name}{COLD}"]["wall_s"])
                        / float(by_case[f"build {name}"]["wall_s"]), 2)
            for name in COLD_BOOKS if f"build {name}{COLD}" in by_case}  # fmt: skip
    summary["cold_over_warm"] = cold
    served = {name: round(float(by_case[f"build {name}{SERVED}"]["wall_s"])
                          / float(by_case[f"build {name}"]["wall_s"]), 2)
              for name in SERVED_BOOKS if f"build {name}{SERVED}" in by_case}  # fmt: skip
    summary["served_over_own_process"] = served
    print("  served over its own process, wall: " + "; ".join(f"{name} {ratio} ×"
          for name, ratio in served.items()) + " (goal: ≤ 0.5 ×)", file=sys.stderr)  # fmt: skip
    print("  cold cache over warm, wall: " + "; ".join(f"{name} {ratio} ×"
          for name, ratio in cold.items()), file=sys.stderr)  # fmt: skip
    ratios = edition_ratios({name: float(r["wall_s"]) for name, r in by_case.items()})
    summary["every_edition_over_one"] = ratios
    print("  every edition over one, wall: " + "; ".join(
        f"{name} {ratio} ×" if ratio else f"{name} skipped" for name, ratio in ratios.items()
    ) + " (goal on two cores: ≤ 1.3 ×)", file=sys.stderr)  # fmt: skip
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"results": results, "summary": summary,
                                       "hostile": hostile,
                                       "python": sys.version.split()[0],
                                       "cpus": os.cpu_count()}, indent=2) + "\n")  # fmt: skip
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
