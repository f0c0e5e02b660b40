"""The generated book's parts beyond its centres and areas: the investments, the
income and cash-flow statements with a water utility and the loans, the summaries
and the ties between them (see README.md, "The whole book").

They are consistent by construction with the operating part's figures: a statement
figure that another part also shows is that part's figure rounded to thousands
with `kkpdf.money.round_to_scale`, as the tie check rounds it, and every total is
the sum of its rows, so every total and every tie agrees.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from kkpdf.money import round_to_scale

YEARS = [2021, 2022, 2023, 2024, 2025]
# The operating part's rows that the income statement shows.
OPERATING = ["toimintatuotot", "toimintakulut", "poistot_ja_arvonalentumiset"]
# The investment part: the budget year and the plan years.
PLAN = YEARS[2:]
PROJECTS_PER_CENTRE = 2
# Investment groups: name, the kinds of project, how often a project falls in it.
GROUPS = {
    "talonrakennus": ("Talonrakennus", ["Toimitilojen peruskorjaus", "Koulun peruskorjaus",
                      "Päiväkodin laajennus", "Liikuntahallin korjaus"], 4),
    "kadut_ja_puistot": ("Kadut ja puistot", ["Katujen peruskorjaukset", "Puistojen kunnostus",
                         "Kevyen liikenteen väylät", "Katuvalaistuksen uusiminen"], 3),
    "maa_alueet": ("Maa- ja vesialueet", ["Maa-alueiden hankinta"], 1),
    "irtain_omaisuus": ("Irtain omaisuus", ["Tietohallinnon laitteet",
                        "Kunnossapidon ajoneuvot", "Kalusteet ja varusteet"], 2),
    "osakkeet": ("Osakkeet ja osuudet", ["Kiinteistöyhtiön osakkeet"], 1),
}  # fmt: skip
# The Swedish edition's names of the groups and of the kinds of project.
SWEDISH_GROUPS = {
    "talonrakennus": "Husbyggnad",
    "kadut_ja_puistot": "Gator och parker",
    "maa_alueet": "Mark- och vattenområden",
    "irtain_omaisuus": "Lös egendom",
    "osakkeet": "Aktier och andelar",
}
SWEDISH_KINDS = {
    "Toimitilojen peruskorjaus": "Grundrenovering av lokaler",
    "Koulun peruskorjaus": "Grundrenovering av skola",
    "Päiväkodin laajennus": "Utbyggnad av daghem",
    "Liikuntahallin korjaus": "Renovering av idrottshall",
    "Katujen peruskorjaukset": "Grundrenovering av gator",
    "Puistojen kunnostus": "Iståndsättning av parker",
    "Kevyen liikenteen väylät": "Leder för gång- och cykeltrafik",
    "Katuvalaistuksen uusiminen": "Förnyelse av gatubelysningen",
    "Maa-alueiden hankinta": "Anskaffning av markområden",
    "Tietohallinnon laitteet": "Dataförvaltningens utrustning",
    "Kunnossapidon ajoneuvot": "Underhållets fordon",
    "Kalusteet ja varusteet": "Möbler och utrustning",
    "Kiinteistöyhtiön osakkeet": "Aktier i fastighetsbolag",
}
# Tables computed from the figures, and the figures that must agree between parts.
SUMMARIES = f"""# Tables computed from the figures: never typed, so never out of step with them.

kayttotalous:
  kind: units
  caption: Käyttötalous keskuksittain, talousarvio {YEARS[2]}
  caption_sv: Driftsekonomi per central, budget {YEARS[2]}
  rows: [toimintatuotot, toimintakulut, toimintakate]
  years: [{YEARS[2]}]
  total: Käyttötalous yhteensä
  total_sv: Driftsekonomi sammanlagt

tunnusluvut:
  kind: ratios
  caption: Tunnusluvut
  caption_sv: Nyckeltal
  currency: ""
  years: {YEARS}
  ratios:
    - label: Vuosikate, % poistoista
      label_sv: Årsbidrag, % av avskrivningarna
      of: tuloslaskelma.vuosikate
      per: tuloslaskelma.poistot_ja_arvonalentumiset
      as: percent
      decimals: 1
    - label: Vuosikate, €/asukas
      label_sv: Årsbidrag, €/invånare
      of: tuloslaskelma.vuosikate
      per: population
      as: per_inhabitant
      decimals: 0
    - label: Lainakanta, €/asukas
      label_sv: Lånestock, €/invånare
      of: lainat.lainakanta
      per: population
      as: per_inhabitant
      decimals: 0
"""
TIES = """# Figures that must agree between the parts of the book (see README.md).
- cell: tuloslaskelma.toimintatuotot
  equals: [units.toimintatuotot, vesihuolto.toimintatuotot]
- cell: tuloslaskelma.valmistus_omaan_kayttoon
  equals: [units.valmistus_omaan_kayttoon]
- cell: tuloslaskelma.toimintakulut
  equals: [units.toimintakulut, vesihuolto.toimintakulut]
- cell: tuloslaskelma.poistot_ja_arvonalentumiset
  equals: [units.poistot_ja_arvonalentumiset, vesihuolto.poistot_ja_arvonalentumiset]
- cell: rahoituslaskelma.vuosikate
  equals: [tuloslaskelma.vuosikate]
- cell: rahoituslaskelma.investointimenot
  equals: [investoinnit.total.spending]
- cell: rahoituslaskelma.rahoitusosuudet
  equals: [investoinnit.total.income]
"""


def yaml_row(key: str, values: Sequence[int | None], pad: int = 30) -> str:
    cells = ", ".join("~".rjust(12) if v is None else f"{v:>12,}".replace(",", " ") for v in values)
    return f"    {key + ':':<{pad}} [{cells}]"


def grouped(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def add(*rows: Sequence[int | None]) -> list[int]:
    """The rows' sum, year by year; blank cells count as 0."""
    return [sum(v or 0 for v in column) for column in zip(*rows, strict=True)]


def thousands(euros: Sequence[int]) -> list[int]:
    """Euros as a statement in thousands writes them (kkpdf.money's rounding)."""
    return [round_to_scale(v, 1000) for v in euros]


def investments(rng: random.Random, centres: int) -> tuple[str, list[int], list[int]]:
    """The investment part: a few projects per centre, in groups; with the total
    spending and income per year, which the cash-flow statement shows."""
    drawn: list[tuple[str, list[str], list[int | None], list[int | None]]] = []
    named: set[str] = set()
    for c in range(1, centres + 1):
        for p in range(1, PROJECTS_PER_CENTRE + 1):
            group = rng.choices(list(GROUPS), weights=[g[2] for g in GROUPS.values()])[0]
            spending: list[int | None] = [
                -rng.randint(2, 60) * 25_000 if rng.random() < 0.8 else None for _ in PLAN
            ]
            if not any(spending):
                spending[0] = -rng.randint(2, 60) * 25_000
            income = [
                (-value // 10) * rng.randint(1, 4) if value and rng.random() < 0.25 else None
                for value in spending
            ]
            kinds = [kind for kind in GROUPS[group][1] if f"{kind}, keskus {c}" not in named]
            kind = rng.choice(kinds or GROUPS[group][1])
            name, swedish = f"{kind}, keskus {c}", f"{SWEDISH_KINDS[kind]}, central {c}"
            if name in named:
                name, swedish = f"{name} ({p})", f"{swedish} ({p})"
            named.add(name)
            head = [f"        keskus_{c:02d}_hanke_{p}:", f"          name: {name}",
                    f"          name_sv: {swedish}"]  # fmt: skip
            if group in ("talonrakennus", "kadut_ja_puistot"):
                planned = -sum(v or 0 for v in spending) * rng.randint(100, 180) // 100
                head.append(f"          estimate: {grouped(planned // 10_000 * 10_000)}")
            drawn.append((group, head, spending, income))
    if not any(value for *_, figures in drawn for value in figures):
        # The cash-flow statement's Rahoitusosuudet is tied to the investment income,
        # so some project has income: a tenth of the first project's first spending.
        spending, income = drawn[0][2], drawn[0][3]
        first = next(i for i, value in enumerate(spending) if value)
        income[first] = -(spending[first] or 0) // 10
    projects: dict[str, list[str]] = {key: [] for key in GROUPS}
    spending_total, income_total = [0] * len(PLAN), [0] * len(PLAN)
    for group, head, spending, income in drawn:
        lines = [*head, yaml_row("spending", spending, 10).replace("    ", "          ", 1)]
        if any(income):
            lines.append(yaml_row("income", income, 10).replace("    ", "          ", 1))
        projects[group] += lines
        spending_total = add(spending_total, spending)
        income_total = add(income_total, income)
    groups = "".join(
        f"    {key}:\n      name: {GROUPS[key][0]}\n      name_sv: {SWEDISH_GROUPS[key]}\n"
        "      projects:\n" + "\n".join(lines) + "\n"
        for key, lines in projects.items()
        if lines
    )
    return (
        "# The investment part (generated). Totals are computed; never type them.\n\n"
        "investoinnit:\n"
        "  caption: Investoinnit hankeryhmittäin\n"
        "  caption_sv: Investeringar per projektgrupp\n"
        "  note: Sävytetty rivi on sitova kaupunginvaltuustoon nähden.\n"
        "  note_sv: Den skuggade raden är bindande gentemot stadsfullmäktige.\n"
        "  binding: group\n"
        f"  years: {PLAN}\n"
        "  labels:\n"
        "    estimate: Kustannusarvio\n"
        "    estimate_sv: Kostnadskalkyl\n"
        "    spending: Menot\n"
        "    spending_sv: Utgifter\n"
        "    income: Tulot\n"
        "    income_sv: Inkomster\n"
        "    net: Netto\n"
        "    net_sv: Netto\n"
        '    group_total: "{name} yhteensä"\n'
        '    group_total_sv: "{name} sammanlagt"\n'
        "    total: Investoinnit yhteensä\n"
        "    total_sv: Investeringar sammanlagt\n"
        "  groups:\n" + groups,
        spending_total,
        income_total,
    )


def statement_tables(
    rng: random.Random,
    operating: dict[str, list[int]],
    spending: list[int],
    income: list[int],
) -> tuple[str, dict[int, int]]:
    """The water utility (in euros), the income and cash-flow statements and the
    loans (in thousands), and the population. Each statement figure that another
    part also shows is that part's figure rounded to thousands, and each total the
    sum of its rows, so every tie and every total agrees."""
    width = len(YEARS)
    size = -operating["toimintakulut"][2]  # the operating costs of the budget year
    base = size // 40
    utility_revenue = [base * (100 + 3 * i) // 10_000 * 100 for i in range(width)]
    utility = {
        "toimintatuotot": utility_revenue,
        "toimintakulut": [-(v * rng.randint(60, 70) // 10_000 * 100) for v in utility_revenue],
        "poistot_ja_arvonalentumiset": [
            -(v * rng.randint(15, 25) // 10_000 * 100) for v in utility_revenue
        ],
    }
    income_rows = {key: thousands(add(operating[key], utility[key])) for key in OPERATING}
    blank: list[int | None] = [None] * width
    margin = add(income_rows["toimintatuotot"], income_rows["toimintakulut"])
    depreciation = income_rows["poistot_ja_arvonalentumiset"]
    financial = [-(-m * rng.randint(2, 8) // 1000) for m in margin]
    # A year's margin, vuosikate, is 80–125 % of the depreciation; taxes and state
    # grants cover the rest.
    wanted = [-d * rng.randint(80, 125) // 100 for d in depreciation]
    covered = [w - m - f for w, m, f in zip(wanted, margin, financial, strict=True)]
    taxes = [c * rng.randint(72, 78) // 100 for c in covered]
    grants = [c - t for c, t in zip(covered, taxes, strict=True)]
    annual = add(margin, taxes, grants, financial)
    result = add(annual, depreciation)
    reserve = [rng.randint(20, 80) for _ in YEARS]
    income_statement = {
        "toimintatuotot": income_rows["toimintatuotot"],
        "valmistus_omaan_kayttoon": blank,
        "toimintakulut": income_rows["toimintakulut"],
        "toimintakate": margin,
        "verotulot": taxes,
        "valtionosuudet": grants,
        "rahoitustuotot_ja_kulut": financial,
        "vuosikate": annual,
        "poistot_ja_arvonalentumiset": depreciation,
        "satunnaiset_erat": blank,
        "tilikauden_tulos": result,
        "poistoeron_muutos": reserve,
        "varausten_muutos": blank,
        "rahastojen_muutos": blank,
        "tilikauden_ylijaama": add(result, reserve),
    }

    # Some 7 000 euros of operating costs per inhabitant, growing by 0.5 % a year.
    inhabitants = size // 70_000 * 10
    population = {year: inhabitants + (i - 2) * inhabitants // 200 for i, year in enumerate(YEARS)}

    # The years before the investment part's: figures of the same size.
    past = [spending[0] * rng.randint(80, 120) // 100 for _ in YEARS[: width - len(PLAN)]]
    past_income = [income[0] * rng.randint(80, 120) // 100 for _ in past]
    # Corrections and sales of fixed assets: 0.1–0.4 % of the operating costs.
    corrections = [-(size * rng.randint(1, 4) // 1_000_000) for _ in YEARS]
    operations = add(annual, corrections)
    shares = [v or None for v in thousands(past_income + income)]
    sales = [size * rng.randint(1, 4) // 1_000_000 for _ in YEARS]
    investing = add(thousands(past + spending), shares, sales)
    before_financing = add(operations, investing)
    loans = inhabitants * 3  # some 3 000 euros per inhabitant, in thousands
    new_loans, repaid, stock = [], [], []
    for flow in before_financing:
        repaid.append(-(loans * rng.randint(8, 11) // 100))
        new_loans.append(max(0, -flow - repaid[-1] + rng.randint(-20, 20) * 10))
        loans += new_loans[-1] + repaid[-1]
        stock.append(loans)
    financing = add(new_loans, repaid)
    cash_flow = {
        "vuosikate": annual,
        "satunnaiset_erat": blank,
        "tulorahoituksen_korjauserat": corrections,
        "toiminnan_rahavirta": operations,
        "investointimenot": thousands(past + spending),
        "rahoitusosuudet": shares,
        "luovutustulot": sales,
        "investointien_rahavirta": investing,
        "toiminnan_ja_investointien_rahavirta": before_financing,
        "antolainauksen_muutokset": blank,
        "pitkaaikaisten_lainojen_lisays": new_loans,
        "pitkaaikaisten_lainojen_vahennys": repaid,
        "lyhytaikaisten_lainojen_muutos": blank,
        "muut_maksuvalmiuden_muutokset": blank,
        "rahoituksen_rahavirta": financing,
        "rahavarojen_muutos": add(before_financing, financing),
    }

    def table(head: str, rows: Mapping[str, Sequence[int | None]]) -> str:
        return head + "".join(yaml_row(k, v, 38) + "\n" for k, v in rows.items())

    thousand = (
        f"  currency: 1 000 euroa\n  currency_sv: 1 000 euro\n  scale: 1000\n  years: {YEARS}\n"
    )
    text = "\n".join([
        "# The statements (generated), consistent with the operating tables, the water\n"
        "# utility and the investments by construction (see tasmaytykset.yaml).\n",
        table("vesihuolto:\n  caption: Vesihuoltolaitos (taseyksikkö)\n"
              "  caption_sv: Vattentjänstverket (balansenhet)\n"
              "  note: Käyttötalousosan ulkopuolinen erä, joka sisältyy tuloslaskelmaan.\n"
              "  note_sv: En post utanför driftsekonomidelen som ingår i resultaträkningen.\n"
              f"  years: {YEARS}\n  rows:\n", utility),
        table("tuloslaskelma:\n  caption: Tuloslaskelma\n  caption_sv: Resultaträkning\n"
              "  note: Tuloslaskelman rivit ovat sitovia (valtioneuvoston asetus 525/2020).\n"
              "  note_sv: Resultaträkningens rader är bindande (statsrådets förordning "
              "525/2020).\n"
              + thousand + "  kinds:\n    poistot_ja_arvonalentumiset: cost\n  rows:\n",
              income_statement),
        table("rahoituslaskelma:\n  caption: Rahoituslaskelma\n"
              "  caption_sv: Finansieringskalkyl\n" + thousand + "  rows:\n", cash_flow),
        table("lainat:\n  caption: Lainakanta\n  caption_sv: Lånestock\n" + thousand
              + "  rows:\n", {"lainakanta": stock}),
    ])  # fmt: skip
    return text, population
