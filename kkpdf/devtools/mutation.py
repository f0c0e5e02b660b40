"""The kill rate of mutation testing, module by module: `make mutate` prints it.

mutmut (configured in pyproject.toml, `[tool.mutmut]`) puts small bugs into the
core modules one at a time and runs the tests that reach each. It keeps what it
found in `mutants/`, next to a copy of the code, and tests again only the
functions that changed since, so a second run during work takes seconds. This
reads those results:

    python -m kkpdf.devtools.mutation [--min 85] [--survivors]

A mutant is *caught* when a test failed (or it ran into the time limit, which a
test run with the bug would too). The rate is caught / (all − skipped), where
skipped are lines marked `# pragma: no mutate` (each with its reason beside it:
an equivalent mutant, one that no test could tell apart). Writes
output/mutation.json; exits 1 when a module is below `--min`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CAUGHT = {1, 3, 36, 24, -24, 152, 255}  # a failing test, or the time limit
SURVIVED = {0}
NOT_REACHED = {5, 33}  # no test reaches the mutated line
SKIPPED = {34}


def results(mutants: Path) -> dict[str, dict[str, int | None]]:
    """Module path → mutant name → mutmut's exit code for it (None: not yet run)."""
    found = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        module = meta.relative_to(mutants).as_posix().removesuffix(".meta")
        found[module] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return found


def summary(codes: dict[str, int | None]) -> dict[str, int | float]:
    count = Counter(
        "caught" if code in CAUGHT else
        "survived" if code in SURVIVED else
        "not reached" if code in NOT_REACHED else
        "skipped" if code in SKIPPED else
        "not run" if code is None else "other"
        for code in codes.values()
    )  # fmt: skip
    counted = len(codes) - count["skipped"]
    rate = round(100 * count["caught"] / counted, 1) if counted else 100.0
    return {"mutants": len(codes), **count, "rate": rate}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min", type=float, default=85.0, help="the least rate per module")
    parser.add_argument("--survivors", action="store_true", help="list every survivor")
    parser.add_argument("--mutants", type=Path, default=ROOT / "mutants")
    parser.add_argument("--output", type=Path, default=ROOT / "output" / "mutation.json")
    args = parser.parse_args()
    found = results(args.mutants)
    if not found:
        print("no mutation results: run `make mutate` (mutmut run) first", file=sys.stderr)
        return 2
    table = {module: summary(codes) for module, codes in found.items()}
    total = summary({f"{m}:{k}": c for m, codes in found.items() for k, c in codes.items()})
    line = "{:<34} {:>7} {:>7} {:>8} {:>9} {:>6}"
    print(line.format("module", "mutants", "caught", "survived", "unreached", "rate"))
    for module, row in [*table.items(), ("all", total)]:
        cells = (row["mutants"], row.get("caught", 0), row.get("survived", 0),
                 row.get("not reached", 0), f"{row['rate']}%")  # fmt: skip
        print(line.format(module, *cells))
    below = [module for module, row in table.items() if row["rate"] < args.min]
    if args.survivors:
        for codes in found.values():
            for name, code in codes.items():
                if code not in CAUGHT | SKIPPED:
                    print(f"  {name}  (exit {code}; `mutmut show {name}` shows the change)")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"modules": table, "all": total}, indent=2) + "\n")
    if below:
        print(f"below {args.min:g} %: {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
