"""The generated book's Swedish edition: its chapters, key goals and book.yaml texts.

The Swedish chapters are made from the Finnish ones block by block, so they have
the same headings at the same levels, the same directives in the same order and
lists of the same length, as the editions check asks; only the words differ. The
sentences come from the template's Swedish chapters (`NAME.sv.md`) where it has
them, and from a small pool of our own where it has none, so that the generator
never waits for a translation. A paragraph gets Swedish sentences as long as the
Finnish one, so the two editions are about as long.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

SWEDISH = "sv"
# Used while the template has no Swedish chapters of its own: sentences of the kind a
# town's budget book says, so that hyphenation and line breaks meet real Swedish.
POOL = (
    "Stadskansliet ansvarar för beredningen av ärenden som behandlas i stadsstyrelsen "
    "och stadsfullmäktige.",
    "Centralen stöder stadens ledning och de övriga centralerna i deras arbete.",
    "Målet är att tjänsterna ska vara tillgängliga för alla invånare på båda nationalspråken.",
    "Verksamheten utvecklas så att den motsvarar invånarnas behov och stadens ekonomiska ramar.",
    "Under budgetåret fortsätter arbetet med att förnya de digitala tjänsterna.",
    "Personalens kompetens och välbefinnande är en förutsättning för goda tjänster.",
    "Ekonomin följs upp månatligen och avvikelser rapporteras till stadsstyrelsen.",
    "Samarbetet mellan centralerna effektiviseras genom gemensamma processer och system.",
    "Befolkningsutvecklingen och den åldrande befolkningen påverkar efterfrågan på tjänster.",
    "Stadens ekonomi ska vara i balans under ekonomiplaneperioden.",
    "Investeringarna prioriteras utgående från stadens strategi och det ekonomiska läget.",
    "Riskerna bedöms regelbundet och åtgärder vidtas i god tid.",
    "Informationen till invånarna sköts öppet, snabbt och på båda språken.",
    "Ansvarsområdet svarar för stadens ekonomiförvaltning, bokföring och budgetuppföljning.",
    "Upphandlingarna görs i enlighet med lagen och stadens upphandlingsanvisningar.",
    "Rekryteringen av kunnig personal blir allt svårare inom flera yrkesgrupper.",
    "Lokalerna används effektivt och fastigheternas energiförbrukning minskas.",
    "Nya arbetssätt tas i bruk för att minska den administrativa bördan.",
    "Kommunikationen och marknadsföringen stärker bilden av Lovisa som en attraktiv stad.",
    "Servicen utvecklas tillsammans med invånarna, företagen och föreningarna.",
    "Dataskyddet och informationssäkerheten beaktas i alla system och processer.",
    "Välfärdsområdets inledande verksamhet förändrar stadens uppgifter och ekonomi.",
    "Budgeten är bindande för nämnderna på den nivå som stadsfullmäktige har beslutat.",
    "Verksamhetsbidraget beräknas som skillnaden mellan verksamhetens intäkter och kostnader.",
    "Stadens näringsliv och sysselsättning stöds genom ett aktivt samarbete med företagen.",
    "Anslagen används sparsamt och i enlighet med de mål som fullmäktige har ställt.",
    "Uppföljningen av målen rapporteras i delårsrapporterna och i bokslutet.",
    "Arbetet med att förenkla stadens förvaltningsstruktur fortsätter.",
    "Den digitala ärendehanteringen minskar pappersarbetet och påskyndar besluten.",
    "Stadens kultur- och fritidstjänster ökar invånarnas välbefinnande.",
    "Underhållet av gator, parker och byggnader planeras för flera år framåt.",
    "Klimatmålen beaktas i stadens beslut, upphandlingar och investeringar.",
)
# The generated chapters' headings; a centre's and an area's are numbered.
HEADINGS = {
    "Toimintaperiaatteet": "Verksamhetsprinciper",
    "Riskiarvio": "Riskbedömning",
    "Toimintaa varten käytettävissä olevat ulkoiset määrärahat":
        "Externa anslag som står till verksamhetens förfogande",
    "Avaintavoitteet": "Nyckelmål",
    "ELINVOIMAINEN KAUPUNKI": "EN LIVSKRAFTIG STAD",
    "HYVINVOIVAT ASUKKAAT": "INVÅNARE SOM MÅR BRA",
    "SUJUVA PÄÄTÖKSENTEKO": "SMIDIGT BESLUTSFATTANDE",
    "ARVOSTETTU HENKILÖSTÖ": "UPPSKATTAD PERSONAL",
    "Vastuualueen tehtävät": "Ansvarsområdets uppgifter",
    "Toiminnan painopisteet": "Verksamhetens tyngdpunkter",
    "Toimintaympäristön muutokset": "Förändringar i verksamhetsmiljön",
    "Määrärahat": "Anslag",
    "Talousarvion yhteenveto": "Sammandrag av budgeten",
    "Alkusanat": "Förord",
    "Käyttötalous keskuksittain": "Driftsekonomi per central",
    "Tunnusluvut": "Nyckeltal",
    "Tuloslaskelma": "Resultaträkning",
    "Vesihuoltolaitos": "Vattentjänstverket",
    "Investoinnit": "Investeringar",
    "Rahoituslaskelma": "Finansieringskalkyl",
    "Lainakanta": "Lånestock",
}  # fmt: skip
# The parts of the generated book.
PARTS = {
    "Yleisperustelut": "Allmänna motiveringar",
    "Tuloslaskelmaosa": "Resultaträkningsdel",
    "Käyttötalousosa": "Driftsekonomidel",
    "Investointiosa": "Investeringsdel",
    "Rahoitusosa": "Finansieringsdel",
}
# The key-goal columns of the shipped book, while it has no Swedish ones of its own.
GOAL_COLUMNS = {
    "centre": "CENTRALENS NYCKELMÅL (1 ÅR)",
    "area": "Ansvarsområdets nyckelmål (nämndnivå)",
    "actions": "Verksamhetsplan / Medel",
    "responsible": "Ansvarig nämnd / person",
}
# The person responsible for every generated key goal.
RESPONSIBLE = "Centralens chefer"
# book.yaml's texts in the shipped book, while it has no Swedish ones of its own: the
# Finnish text (as YAML writes it) and the Swedish. A text not here is repeated in
# Finnish: the benchmark needs a Swedish edition of the right length, and a label the
# template gains later must not stop the generator.
BOOK = {
    "Talousarvio {budget_year} ja taloussuunnitelma {plan_years}":
        "Budget {budget_year} och ekonomiplan {plan_years}",
    "Generoitu kaupunki": "Genererad stad",
    "Loviisan kaupunki": "Lovisa stad",
    "Kaupunginkansliakeskuksen talousarvio {budget_year} ja taloussuunnitelma {plan_years}":
        "Stadskansliets budget {budget_year} och ekonomiplan {plan_years}",
    "[talousarvio, taloussuunnitelma, Loviisa, kaupunginkansliakeskus]":
        "[budget, ekonomiplan, Lovisa, stadskansliet]",
    "fi-FI": "sv-FI",
    "loviisa-talousarvio-{budget_year}-kaupunginkansliakeskus.pdf":
        "lovisa-budget-{budget_year}-stadskansliet.pdf",
    '"TILINPÄÄTÖS {year}"': '"BOKSLUT {year}"',
    '"TP {year}"': '"BS {year}"',
    '"TALOUSARVIO {year} muutoksineen"': '"BUDGET {year} inkl. ändringar"',
    '"TALOUSARVIO {year}"': '"BUDGET {year}"',
    '"TA {year}"': '"BU {year}"',
    '"TALOUSSUUNNITELMA {year}"': '"EKONOMIPLAN {year}"',
    '"TS {year}"': '"EP {year}"',
    "Kaupunginvaltuuston hyväksymä {date}": "Godkänd av stadsfullmäktige {date}",
    "Sisällys": "Innehåll",
    "sivu {page} / {pages}": "sida {page} / {pages}",
    "Sävytetty rivi on sitova kaupunginvaltuustoon nähden.":
        "Den skuggade raden är bindande gentemot stadsfullmäktige.",
    "Vastuualueen tuloarvio ja määrärahat (ohjeellinen)":
        "Ansvarsområdets inkomstberäkning och anslag (riktgivande)",
    "euroa": "euro",
    "LUONNOS": "UTKAST",
    "Tarkistusraportti": "Granskningsrapport",
    "Muutokset": "Ändringar",
    "KÄÄNNÖS PUUTTUU": "ÖVERSÄTTNING SAKNAS",
}  # fmt: skip
# book.yaml's keys whose text an edition prints (kkpdf.parse.editions.TRANSLATED) at
# the top level, and the block whose every key is printed; the columns' are inline.
TOP_KEYS = ("title", "subtitle", "author", "subject", "keywords", "language", "output")
LABELS = "labels"
COLUMN_KEYS = ("heading", "short")


def sentences(template: Path, find: Callable[[Path, str], list[str]]) -> list[str]:
    """The template's Swedish sentences, as `find` finds an edition's sentences in its
    chapters; the pool while it has no Swedish chapters."""
    found = find(template, SWEDISH) if any(template.glob(f"luvut/*.{SWEDISH}.md")) else []
    return found or list(POOL)


def heading(text: str) -> str:
    """A generated heading in Swedish; a heading of no known Swedish is the generator's
    mistake, and stops it."""
    numbered = re.fullmatch(r"(\d+\. )?(.*)", text)
    assert numbered is not None
    number, words = numbered.group(1) or "", numbered.group(2)
    area = re.fullmatch(r"Keskus (\d+) alue (\d+)", words)
    if area:
        return f"{number}Central {area.group(1)} område {area.group(2)}"
    centre = re.fullmatch(r"Keskus (\d+)", words)
    if centre:
        return f"{number}Central {centre.group(1)}"
    if words not in HEADINGS:
        raise ValueError(f"the generator has no Swedish for the heading '{text}'")
    return number + HEADINGS[words]


def paragraph(finnish: str, rng: random.Random, said: list[str]) -> str:
    """Swedish sentences as near the Finnish paragraph's length as the next sentence
    drawn allows, so that the editions are about as many pages long (the town's
    editions are page for page alike, and the build warns where they are not)."""
    text = rng.choice(said)
    while len(text) < len(finnish):
        longer = f"{text} {rng.choice(said)}"
        if len(longer) - len(finnish) > len(finnish) - len(text):
            break  # one sentence more would overshoot more than it is short
        text = longer
    return text


def chapter(finnish: str, rng: random.Random, said: list[str]) -> str:
    """The Swedish chapter of a generated Finnish one: its blocks one for one."""
    blocks = []
    for block in re.split(r"\n[ \t]*\n", finnish.strip()):
        block = block.strip("\n")
        if not block:
            continue
        if block.startswith("```"):
            blocks.append(block)  # a directive: the same table in either edition
        elif found := re.fullmatch(r"(#+) (.*)", block):
            blocks.append(f"{found.group(1)} {heading(found.group(2).strip())}")
        elif block.startswith("- "):
            items = block.split("\n")
            blocks.append("\n".join(f"- {rng.choice(said)[:-1].lower()}" for _ in items))
        else:
            blocks.append(paragraph(block, rng, said))
    return "\n\n".join(blocks) + "\n"


def translate(value: str) -> str:
    """book.yaml's Swedish text for the Finnish `value` as YAML writes it."""
    return BOOK.get(value.strip(), value.strip())


def book_yaml(text: str) -> str:
    """The template's book.yaml with `editions: [fi, sv]` and each printed text's `_sv`
    beside it. A template in editions is kept as it is: it has its Swedish texts, or it
    would not build itself. A template in one language is read one key a line, as the
    shipped book.yaml was before it had a Swedish edition."""
    if re.search(r"^editions:", text, re.M):
        return text
    text = re.sub(r"^(?=title:)", f"editions: [fi, {SWEDISH}]\n", text, count=1, flags=re.M)
    keyed = _with_blocks(text)
    present = {(block, found.group(2)) for block, line in keyed
               if (found := re.match(r"( *)([\w-]+):", line))}  # fmt: skip
    out = []
    for block, line in keyed:
        found = re.match(r"( *)([\w-]+): (.+)$", line)
        if found and block == "columns" and found.group(3).startswith("{"):
            line = _columns(line)
        out.append(line)
        if not found or (block, f"{found.group(2)}_{SWEDISH}") in present:
            continue
        indent, key, value = found.groups()
        if key.endswith(f"_{SWEDISH}"):  # a Swedish text has no Swedish text of its own
            continue
        if (block == "" and key in TOP_KEYS) or block == LABELS:
            out.append(f"{indent}{key}_{SWEDISH}: {translate(value)}")
    return "\n".join(out)


def _with_blocks(text: str) -> list[tuple[str, str]]:
    """Each line with the top-level key it stands under ("" for a top-level line)."""
    block, result = "", []
    for line in text.split("\n"):
        top = re.match(r"([\w-]+):", line)
        if top:
            block = top.group(1)
        result.append(("" if top or not line.startswith(" ") else block, line))
    return result


def _columns(line: str) -> str:
    """A column's inline map with its Swedish heading and short name beside the Finnish."""
    for key in COLUMN_KEYS:
        if f"{key}_{SWEDISH}:" in line:
            continue
        found = re.search(rf"\b{key}: (\"[^\"]*\"|[^,}}]*)", line)
        if found:
            line = line.rstrip()
            line = line[: line.rindex("}")].rstrip() + (
                f", {key}_{SWEDISH}: {translate(found.group(1))}}}"
            )
    return line
