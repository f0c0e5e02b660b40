"""A generated town-sized book: ordinary sources that `kkpdf build` reads like any other.

Each centre gets an overview chapter (text, its finance table, key-goal tables)
and a chapter per responsibility area (text, lists, its finance table). Figures
are drawn at random and made consistent: every total is the sum of its parts and
every centre the sum of its areas, so the checks pass. Sentences are taken from
the shipped chapters, so hyphenation meets real Finnish.

    python -m kkpdf.devtools.generate OUT_DIR --centres 30
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent.parent.parent / "sources"
YEARS = [2021, 2022, 2023, 2024, 2025]
AREA_YEARS = YEARS[:3]
REVENUE = ["myyntituotot", "maksutuotot", "tuet_ja_avustukset", "muut_toimintatuotot"]
COSTS = [
    "henkilostokulut",
    "palveluiden_ostot",
    "aineet_tarvikkeet_ja_tavarat",
    "avustukset",
    "muut_toimintakulut",
]
THEMES = [
    "ELINVOIMAINEN KAUPUNKI",
    "HYVINVOIVAT ASUKKAAT",
    "SUJUVA PÄÄTÖKSENTEKO",
    "ARVOSTETTU HENKILÖSTÖ",
]


def sentences(sources: Path) -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((sources / "luvut").glob("*.md")))
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"^(#+|-|\d+\.)\s.*$", " ", text, flags=re.M)
    found = re.findall(r"[A-ZÄÖ][^.!?]{30,220}[.!?]", " ".join(text.split()))
    return sorted({sentence for sentence in found if "{" not in sentence})  # no references


def figures(rng: random.Random, width: int) -> dict[str, list[int]]:
    rows = {key: [rng.randint(0, 300) * 100 for _ in range(width)] for key in REVENUE}
    rows.update({key: [-rng.randint(100, 30000) * 100 for _ in range(width)] for key in COSTS})
    return rows


def complete(rows: dict[str, list[int]], width: int) -> dict[str, list[int | None]]:
    total = {
        "toimintatuotot": [sum(rows[k][i] for k in REVENUE) for i in range(width)],
        "toimintakulut": [sum(rows[k][i] for k in COSTS) for i in range(width)],
    }
    total["toimintakate"] = [
        total["toimintatuotot"][i] + total["toimintakulut"][i] for i in range(width)
    ]
    blank: list[int | None] = [None] * width
    order = [
        *REVENUE,
        "toimintatuotot",
        "valmistus_omaan_kayttoon",
        *COSTS,
        "toimintakulut",
        "toimintakate",
    ]
    merged = {**rows, **total, "valmistus_omaan_kayttoon": blank}
    return {key: merged[key] for key in order}


def yaml_row(key: str, values: list[int | None]) -> str:
    cells = ", ".join("~".rjust(12) if v is None else f"{v:>12,}".replace(",", " ") for v in values)
    return f"    {key + ':':<30} [{cells}]"


def generate_book(target: Path, centres: int, seed: int = 2023, template: Path = SHIPPED) -> None:
    rng = random.Random(seed)
    said = sentences(template)
    if target.exists():
        shutil.rmtree(target)
    (target / "luvut").mkdir(parents=True)
    (target / "data").mkdir()
    shutil.copy(template / "data" / "tilikartta.yaml", target / "data" / "tilikartta.yaml")
    shutil.copy(template / "sanasto.txt", target / "sanasto.txt")

    def paragraph(count: int) -> str:
        return " ".join(rng.choice(said) for _ in range(count))

    units, finance, goals, chapters = [], [], [], []
    for c in range(1, centres + 1):
        centre = f"keskus_{c:02d}"
        areas = [f"{centre}_alue_{a}" for a in range(1, 5)]
        units.append(f"{centre}:\n  name: Keskus {c}\n  parts: [{', '.join(areas)}]\n")
        area_rows = [figures(rng, len(YEARS)) for _ in areas]
        summed = {
            k: [sum(r[k][i] for r in area_rows) for i in range(len(YEARS))] for k in area_rows[0]
        }
        finance.append(
            f"{centre}:\n  years: {YEARS}\n  binding: true\n  rows:\n"
            + "\n".join(yaml_row(k, v) for k, v in complete(summed, 5).items())
        )
        overview = [
            f"# Keskus {c}\n",
            paragraph(4),
            "## Toimintaperiaatteet\n",
            paragraph(6),
            f"Keskukseen kuuluvat seuraavat vastuualueet:\n\n```{{unit-list}} {centre}\n```",
            "## Riskiarvio\n",
            paragraph(5),
            "## Toimintaa varten käytettävissä olevat ulkoiset määrärahat\n",
            f"```{{finance-table}} {centre}\n```",
            "## Avaintavoitteet\n",
        ]
        for t in range(2):
            key = f"{centre}_teema_{t}"
            overview += [f"### {t + 1}. {THEMES[(c + t) % 4]}\n", f"```{{goal-table}} {key}\n```"]
            rows = []
            for _ in range(4):
                cells = {col: paragraph(rng.randint(1, 2)) for col in ("centre", "area", "actions")}
                cells["responsible"] = "Keskuksen esihenkilöt"
                rows.append(
                    "    - " + "\n      ".join(f"{k}: >-\n        {v}" for k, v in cells.items())
                )
            goals.append(f"  {key}:\n" + "\n".join(rows))
        chapters.append((f"{c:02d}-0-{centre}.md", "\n\n".join(overview)))
        for a, (area, rows) in enumerate(zip(areas, area_rows, strict=True), start=1):
            units.append(f"{area}:\n  name: Keskus {c} alue {a}\n")
            area_figures = {k: v[:3] for k, v in rows.items()}
            finance.append(
                f"{area}:\n  years: {AREA_YEARS}\n  rows:\n"
                + "\n".join(yaml_row(k, v) for k, v in complete(area_figures, 3).items())
            )
            items = "\n".join(f"- {rng.choice(said)[:-1].lower()}" for _ in range(4))
            body = [
                f"# Keskus {c} alue {a}\n",
                "## Vastuualueen tehtävät\n",
                paragraph(8),
                paragraph(6),
                "## Toiminnan painopisteet\n",
                f"Painopisteet ovat\n\n{items}",
                "## Toimintaympäristön muutokset\n",
                paragraph(7),
                "## Riskiarvio\n",
                paragraph(5),
                "## Määrärahat\n",
                f"```{{finance-table}} {area}\n```",
            ]
            chapters.append((f"{c:02d}-{a}-{area}.md", "\n\n".join(body)))

    for name, text in chapters:
        (target / "luvut" / name).write_text(text + "\n", encoding="utf-8")
    (target / "data" / "yksikot.yaml").write_text("\n".join(units), encoding="utf-8")
    (target / "data" / "talous.yaml").write_text("\n\n".join(finance) + "\n", encoding="utf-8")
    columns = (template / "data" / "avaintavoitteet.yaml").read_text(encoding="utf-8")
    start, end = (re.search(rf"^{key}:", columns, re.M).start() for key in ("columns", "tables"))
    columns = columns[start:end]
    (target / "data" / "avaintavoitteet.yaml").write_text(
        columns + "tables:\n" + "\n".join(goals) + "\n", encoding="utf-8"
    )
    book = (template / "book.yaml").read_text(encoding="utf-8")
    book = re.sub(
        r"chapters:\n(  - .*\n)+",
        "chapters:\n" + "".join(f"  - luvut/{name}\n" for name, _ in chapters),
        book,
    )
    book = book.replace("subtitle: Kaupunginkansliakeskus", "subtitle: Generoitu kaupunki")
    (target / "book.yaml").write_text(book, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--centres", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    generate_book(args.target, args.centres, args.seed)


if __name__ == "__main__":
    main()
