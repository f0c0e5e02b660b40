"""A generated town-sized book: ordinary sources that `kkpdf build` reads like any other.

It is a whole book (see README.md, "The whole book"). Each centre gets an
overview chapter (text, its finance table, key-goal tables) and a chapter per
responsibility area (text, lists, its finance table). Before them come a summary
chapter (the operating economy by centre and the key ratios) and the income
statement with a water utility outside the operating part; after them the
investments (a few projects per centre, in groups) and the cash-flow statement
with the loans. Figures are drawn at random and made consistent by construction:
every total is the sum of its parts, every centre the sum of its areas, and the
statements, in thousands, are the operating part's, the utility's and the
investments' figures rounded to thousands, so every check and every tie passes.
Sentences are taken from the shipped chapters, so hyphenation meets real Finnish.

The book has two editions, Finnish and Swedish (`editions: [fi, sv]`): every text
has its `_sv` beside it, and every chapter its `.sv.md` built block for block like
the Finnish one (see `kkpdf.devtools.swedish`). The Swedish words are drawn from a
random generator of their own, so the Finnish edition is the book it was before.

    python -m kkpdf.devtools.generate OUT_DIR --centres 30
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

import yaml

from kkpdf.devtools import swedish
from kkpdf.devtools.book_parts import (
    OPERATING,
    SUMMARIES,
    TIES,
    YEARS,
    add,
    grouped,
    investments,
    statement_tables,
    yaml_row,
)

ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED = ROOT / "sources"
# The chart of accounts of the example whole book: the shipped one and JHS 192's
# statement rows.
ACCOUNTS = ROOT / "tests" / "fixtures" / "town" / "data" / "tilikartta.yaml"
AREA_YEARS = YEARS[:3]
REVENUE = ["myyntituotot", "maksutuotot", "tuet_ja_avustukset", "muut_toimintatuotot"]
COSTS = [
    "henkilostokulut",
    "palveluiden_ostot",
    "aineet_tarvikkeet_ja_tavarat",
    "avustukset",
    "muut_toimintakulut",
]
# The Swedish edition's key goals and word list, beside the Finnish ones.
GOALS_SV = f"avaintavoitteet.{swedish.SWEDISH}.yaml"
WORDS_SV = f"sanasto.{swedish.SWEDISH}.txt"
THEMES = [
    "ELINVOIMAINEN KAUPUNKI",
    "HYVINVOIVAT ASUKKAAT",
    "SUJUVA PÄÄTÖKSENTEKO",
    "ARVOSTETTU HENKILÖSTÖ",
]


def sentences(sources: Path, edition: str | None = None) -> list[str]:
    """The sentences of the chapters of `edition` (NAME.sv.md), or of the first edition's
    chapters (NAME.md) when None."""
    chapters = [p for p in sorted((sources / "luvut").glob("*.md")) if written_in(p) == edition]
    text = " ".join(path.read_text(encoding="utf-8") for path in chapters)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"^(#+|-|\d+\.)\s.*$", " ", text, flags=re.M)
    found = re.findall(r"[A-ZÄÖ][^.!?]{30,220}[.!?]", " ".join(text.split()))
    return sorted({sentence for sentence in found if "{" not in sentence})  # no references


def written_in(chapter: Path) -> str | None:
    """The edition a chapter is written for: "sv" for NAME.sv.md, None for NAME.md."""
    found = re.fullmatch(r".*\.([a-z]{2,3})\.md", chapter.name)
    return found.group(1) if found else None


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


def generate_book(target: Path, centres: int, seed: int = 2023, template: Path = SHIPPED) -> None:
    rng = random.Random(seed)
    # The whole book's parts draw from their own generator, so the centres and areas
    # are the same as before they were added (and the page breaks in them too).
    whole = random.Random(f"{seed} whole book")
    said = sentences(template)
    # The Swedish edition's words come from a generator of their own, so that the
    # Finnish edition's draws, and so its text, are those of the book in one language.
    sv_rng = random.Random(f"{seed} {swedish.SWEDISH}")
    svenska = swedish.sentences(template, sentences)
    if target.exists():
        shutil.rmtree(target)
    (target / "luvut").mkdir(parents=True)
    (target / "data").mkdir()
    shutil.copy(ACCOUNTS, target / "data" / "tilikartta.yaml")
    shutil.copy(template / "sanasto.txt", target / "sanasto.txt")

    def paragraph(count: int, source: random.Random = rng) -> str:
        return " ".join(source.choice(said) for _ in range(count))

    units, finance, goals, goals_sv, chapters = [], [], [], [], []
    # The operating part's external figures over all centres, for the statements.
    operating = {key: [0] * len(YEARS) for key in OPERATING}
    for c in range(1, centres + 1):
        centre = f"keskus_{c:02d}"
        areas = [f"{centre}_alue_{a}" for a in range(1, 5)]
        units.append(
            f"{centre}:\n  name: Keskus {c}\n  name_sv: Central {c}\n"
            f"  parts: [{', '.join(areas)}]\n"
        )
        area_rows = [figures(rng, len(YEARS)) for _ in areas]
        summed = {
            k: [sum(r[k][i] for r in area_rows) for i in range(len(YEARS))] for k in area_rows[0]
        }
        rows = complete(summed, 5)
        # Depreciation is a memo row the centre shows and its areas do not.
        rows["poistot_ja_arvonalentumiset"] = [-whole.randint(2000, 20000) * 100 for _ in YEARS]
        for key in OPERATING:
            operating[key] = add(operating[key], rows[key])
        finance.append(
            f"{centre}:\n  years: {YEARS}\n  binding: true\n  rows:\n"
            + "\n".join(yaml_row(k, v) for k, v in rows.items())
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
            goal_rows, goal_rows_sv = [], []
            for _ in range(4):
                cells = {col: paragraph(rng.randint(1, 2)) for col in ("centre", "area", "actions")}
                cells_sv = {col: swedish.paragraph(v, sv_rng, svenska) for col, v in cells.items()}
                cells["responsible"] = "Keskuksen esihenkilöt"
                cells_sv["responsible"] = swedish.RESPONSIBLE
                goal_rows.append(goal_row(cells))
                goal_rows_sv.append(goal_row(cells_sv))
            goals.append(f"  {key}:\n" + "\n".join(goal_rows))
            goals_sv.append(f"  {key}:\n" + "\n".join(goal_rows_sv))
        chapters.append((f"{c:02d}-0-{centre}.md", "\n\n".join(overview)))
        for a, (area, area_figures) in enumerate(zip(areas, area_rows, strict=True), start=1):
            units.append(
                f"{area}:\n  name: Keskus {c} alue {a}\n  name_sv: Central {c} område {a}\n"
            )
            first_years = {k: v[:3] for k, v in area_figures.items()}
            finance.append(
                f"{area}:\n  years: {AREA_YEARS}\n  rows:\n"
                + "\n".join(yaml_row(k, v) for k, v in complete(first_years, 3).items())
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

    projects, spending, income = investments(whole, centres)
    statements, population = statement_tables(whole, operating, spending, income)

    def text(*parts: str) -> str:
        return "\n\n".join(parts)

    front = [
        ("yhteenveto.md", text(
            "# Talousarvion yhteenveto",
            "## Alkusanat",
            "Tämä kirja on nopeustestiä varten generoitu kaupungin koko "
            "talousarviokirja. Sen tekstit on poimittu julkaistusta luvusta, ja sen luvut "
            "on arvottu niin, että osat täsmäävät toisiinsa. " + paragraph(3, whole),
            "## Käyttötalous keskuksittain",
            "Käyttötalouden toimintatuotot, toimintakulut ja toimintakate keskuksittain "
            "lasketaan keskusten taulukoista, eikä niitä kirjoiteta toiseen kertaan.",
            "```{summary-table} kayttotalous\n```",
            "## Tunnusluvut",
            "Tunnusluvut lasketaan tuloslaskelmasta, lainakannasta ja asukasluvusta.",
            "```{summary-table} tunnusluvut\n```",
        )),
        ("tuloslaskelma.md", text(
            "# Tuloslaskelma",
            "Tuloslaskelman toimintatuotot ja toimintakulut ovat käyttötalousosan ulkoiset "
            "erät, joihin lisätään vesihuoltolaitoksen erät. " + paragraph(2, whole),
            "```{finance-table} tuloslaskelma\n```",
            "## Vesihuoltolaitos",
            paragraph(2, whole),
            "```{finance-table} vesihuolto\n```",
        )),
    ]  # fmt: skip
    back = [
        ("investoinnit.md", text(
            "# Investoinnit",
            "Investointiosa esittää hankkeet ryhmittäin. Kaupunginvaltuusto sitoo "
            "määrärahat hankeryhmän nettomenoihin. " + paragraph(2, whole),
            "```{investment-table} investoinnit\n```",
        )),
        ("rahoituslaskelma.md", text(
            "# Rahoituslaskelma",
            "Rahoituslaskelman vuosikate on tuloslaskelman vuosikate, ja sen "
            "investointimenot ovat investointiosan menot. " + paragraph(2, whole),
            "```{finance-table} rahoituslaskelma\n```",
            "## Lainakanta",
            paragraph(2, whole),
            "```{finance-table} lainat\n```",
        )),
    ]  # fmt: skip
    operating = chapters
    chapters = front + operating + back

    for name, body_text in chapters:
        (target / "luvut" / name).write_text(body_text + "\n", encoding="utf-8")
        translated = swedish.chapter(body_text, sv_rng, svenska)
        (target / "luvut" / f"{Path(name).stem}.{swedish.SWEDISH}.md").write_text(
            translated, encoding="utf-8"
        )
    data = target / "data"
    (data / "yksikot.yaml").write_text("\n".join(units), encoding="utf-8")
    (data / "talous.yaml").write_text("\n\n".join(finance) + "\n", encoding="utf-8")
    (data / "laskelmat.yaml").write_text(statements, encoding="utf-8")
    (data / "investoinnit.yaml").write_text(projects, encoding="utf-8")
    (data / "yhteenvedot.yaml").write_text(SUMMARIES, encoding="utf-8")
    (data / "tasmaytykset.yaml").write_text(TIES, encoding="utf-8")
    columns = (template / "data" / "avaintavoitteet.yaml").read_text(encoding="utf-8")
    start, end = (re.search(rf"^{key}:", columns, re.M).start() for key in ("columns", "tables"))
    columns = columns[start:end]
    (data / "avaintavoitteet.yaml").write_text(
        columns + "tables:\n" + "\n".join(goals) + "\n", encoding="utf-8"
    )
    book = (template / "book.yaml").read_text(encoding="utf-8")
    (data / GOALS_SV).write_text(
        swedish_columns(template, book, columns) + "tables:\n" + "\n".join(goals_sv) + "\n",
        encoding="utf-8",
    )
    words_sv = re.search(rf"^  words_{swedish.SWEDISH}: (.+)$", book, re.M)
    if words_sv:  # the template's own Swedish word list
        shutil.copy(template / words_sv.group(1).strip(), target / words_sv.group(1).strip())
    else:
        (target / WORDS_SV).write_text(
            "# Project word list of the Swedish edition: words its speller does not know.\n",
            encoding="utf-8",
        )
    inhabitants = ", ".join(f"{year}: {grouped(count)}" for year, count in population.items())
    book = re.sub(
        r"chapters:\n(  - .*\n)+",
        f"# Inhabitants on 31 December of each year, for the ratios per inhabitant.\n"
        f"population: {{{inhabitants}}}\n\n" + parts_yaml(front, operating, back),
        book,
    )
    book, found = re.subn(
        r"^  finance: .*\n",
        "  finance: [data/talous.yaml, data/laskelmat.yaml]\n"
        "  investments: data/investoinnit.yaml\n"
        "  summaries: data/yhteenvedot.yaml\n"
        "  ties: data/tasmaytykset.yaml\n",
        book,
        flags=re.M,
    )
    assert found == 1, "the template's book.yaml names its finance file on one line"
    book = book.replace("subtitle: Kaupunginkansliakeskus", "subtitle: Generoitu kaupunki")
    book = re.sub(rf"^subtitle_{swedish.SWEDISH}: .*$",
                  f"subtitle_{swedish.SWEDISH}: {swedish.translate('Generoitu kaupunki')}",
                  book, flags=re.M)  # fmt: skip
    # The generated Swedish key goals, whatever the template's were called.
    book = re.sub(rf"^  goals_{swedish.SWEDISH}: .*\n", "", book, flags=re.M)
    book = re.sub(r"^(  goals: .*\n)", rf"\1  goals_{swedish.SWEDISH}: data/{GOALS_SV}\n",
                  book, flags=re.M)  # fmt: skip
    if not words_sv:
        book = re.sub(r"^(  words: .*\n)", rf"\1  words_{swedish.SWEDISH}: {WORDS_SV}\n",
                      book, flags=re.M)  # fmt: skip
    (target / "book.yaml").write_text(swedish.book_yaml(book), encoding="utf-8")


def goal_row(cells: dict[str, str]) -> str:
    """One key goal of avaintavoitteet.yaml, a cell per column."""
    return "    - " + "\n      ".join(f"{k}: >-\n        {v}" for k, v in cells.items())


def swedish_columns(template: Path, book: str, columns: str) -> str:
    """The Swedish key-goal file's `columns:`: the template's own Swedish ones where it
    has them, else the Finnish columns' keys with `swedish.GOAL_COLUMNS`' headings."""
    own = re.search(rf"^  goals_{swedish.SWEDISH}: (.+)$", book, re.M)
    if own:
        text = (template / own.group(1).strip()).read_text(encoding="utf-8")
        start, end = (re.search(rf"^{key}:", text, re.M).start() for key in ("columns", "tables"))
        return text[start:end]
    finnish = yaml.safe_load(columns)["columns"]
    headings = {key: swedish.GOAL_COLUMNS.get(key, text) for key, text in finnish.items()}
    return "columns:\n" + "".join(f"  {key}: {text}\n" for key, text in headings.items()) + "\n"


def parts_yaml(
    front: list[tuple[str, str]], operating: list[tuple[str, str]], back: list[tuple[str, str]]
) -> str:
    """book.yaml's `parts:`: the four statutory parts after a general one; each centre
    a chapter with its areas as sections (a centre's file ends in -0-, an area's not)."""
    lines = ["contents_depth: 3", "parts:"]
    titles = ["Yleisperustelut", "Tuloslaskelmaosa", "Käyttötalousosa", "Investointiosa",
              "Rahoitusosa"]  # fmt: skip
    groups = [front[:1], front[1:], None, back[:1], back[1:]]
    for title, files in zip(titles, groups, strict=True):
        swedish_title = f"    title_{swedish.SWEDISH}: {swedish.PARTS[title]}"
        lines += [f"  - title: {title}", swedish_title, "    chapters:"]
        if files is not None:
            lines += [f"      - luvut/{name}" for name, _ in files]
            continue
        for name, _ in operating:
            if re.match(r"\d+-0-", name):
                lines += [f"      - file: luvut/{name}", "        sections:"]
            else:
                lines.append(f"          - luvut/{name}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--centres", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    generate_book(args.target, args.centres, args.seed)


if __name__ == "__main__":
    main()
