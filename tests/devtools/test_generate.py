"""The generated benchmark book is an ordinary whole book whose figures add up, and
not by luck: a figure changed in any of its parts is caught. It has a Swedish
edition built like the Finnish one, and both build without a diagnostic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kkpdf import DEFAULT_FONTS
from kkpdf.build import build_pdf, check_sources, compile_document
from kkpdf.build.editions import build_editions
from kkpdf.checks.ties import TIE
from kkpdf.devtools import swedish as swedish_texts
from kkpdf.devtools.generate import SHIPPED, generate_book, swedish_columns
from kkpdf.diagnostics import DiagnosticSink, StageFailed
from kkpdf.model import Heading
from kkpdf.walk import inline_text
from tests.conftest import MINIMAL

BILINGUAL = Path(__file__).resolve().parent.parent / "fixtures" / "bilingual"


def test_a_generated_book_builds_without_a_diagnostic(tmp_path):
    sources = tmp_path / "kaupunki"
    generate_book(sources, centres=2, seed=7)
    sink = DiagnosticSink()
    result = build_pdf(sources, tmp_path / "kaupunki.pdf", DEFAULT_FONTS, sink)
    assert sink.diagnostics == []
    assert result.summary.tables == 14  # ten units; the statements, the utility, the loans
    assert result.pages > 20


def test_the_same_seed_gives_the_same_sources(tmp_path):
    for name in ("a", "b"):
        generate_book(tmp_path / name, centres=1, seed=3)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert files
    for relative in files:
        assert (tmp_path / "a" / relative).read_bytes() == (tmp_path / "b" / relative).read_bytes()


@pytest.fixture(scope="module")
def whole_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = tmp_path_factory.mktemp("whole") / "kaupunki"
    generate_book(sources, centres=2, seed=11)
    return sources


def test_a_generated_book_is_a_whole_book_that_agrees_with_itself(whole_book):
    sink = DiagnosticSink()
    book = check_sources(whole_book, DEFAULT_FONTS, sink).book
    assert sink.diagnostics == []
    finance = {table.key: table for table in book.finance_tables}
    assert {"tuloslaskelma", "rahoituslaskelma", "vesihuolto", "lainat"} <= finance.keys()
    assert finance["tuloslaskelma"].scale == finance["rahoituslaskelma"].scale == 1000
    computed = {table.key for table in book.computed_tables}
    assert computed == {"investoinnit", "kayttotalous", "tunnusluvut"}
    assert [tie.cell.table for tie in book.ties].count("tuloslaskelma") == 4
    assert len(book.ties) == 7
    assert dict(book.info.population).keys() == {2021, 2022, 2023, 2024, 2025}
    # The four statutory parts after a general one; each centre's areas are sections.
    assert [part.title for part in book.parts] == [
        "Yleisperustelut", "Tuloslaskelmaosa", "Käyttötalousosa", "Investointiosa", "Rahoitusosa",
    ]  # fmt: skip
    operating = book.parts[2]
    sections = [chapter.section for chapter in book.chapters[operating.start : operating.stop]]
    assert sections == [False, True, True, True, True] * 2
    # The statements are not empty: the checks had figures to compare.
    income = finance["tuloslaskelma"].row("toimintakulut")
    assert all(cell.value and cell.value < 0 for cell in income.cells)
    spending = finance["rahoituslaskelma"].row("investointimenot")
    assert all(cell.value and cell.value < 0 for cell in spending.cells)


@pytest.mark.parametrize("seed", range(6))
def test_small_generated_books_of_any_seed_check_clean(tmp_path, seed):
    # One centre's two projects may draw no income at all (seeds 2 and 3): the tie of
    # the cash flow's Rahoitusosuudet still needs an income line to compare with.
    for centres in (1, 3):
        sources = tmp_path / f"kaupunki-{centres}"
        generate_book(sources, centres=centres, seed=seed)
        sink = DiagnosticSink()
        check_sources(sources, DEFAULT_FONTS, sink)
        assert sink.diagnostics == [], [d.format() for d in sink.diagnostics]


def bump(path: Path, table: str, row: str, index: int, by: int) -> None:
    """Changes one figure of the first row `row: [...]` under `table:`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"{table}:") if f"{table}:" in lines else 0
    number = next(
        n for n in range(start, len(lines)) if lines[n].strip().startswith(f"{row}: ")
        and "[" in lines[n]
    )  # fmt: skip
    head, _, figures = lines[number].partition("[")
    cells = [cell.strip() for cell in figures.rstrip("]").split(",")]
    old = 0 if cells[index] == "~" else int(cells[index].replace(" ", ""))
    cells[index] = str(old + by)
    lines[number] = f"{head}[{', '.join(cells)}]"
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "table", "row", "index", "by", "at"),
    [
        # A statement figure that a tie and a total both hold.
        ("laskelmat", "tuloslaskelma", "toimintatuotot", 2, 1, "tuloslaskelma.toimintatuotot"),
        ("laskelmat", "rahoituslaskelma", "investointimenot", 3, -1,
         "rahoituslaskelma.investointimenot"),
        # The utility, in euros, moves the income statement's rounded figure.
        ("laskelmat", "vesihuolto", "toimintakulut", 0, -2000, "tuloslaskelma.toimintakulut"),
        # A project's spending moves the investment total, which the cash flow shows.
        ("investoinnit", "investoinnit", "spending", 1, -10_000,
         "rahoituslaskelma.investointimenot"),
    ],
)  # fmt: skip
def test_a_changed_figure_of_a_generated_book_is_caught(
    whole_book, tmp_path, file, table, row, index, by, at
):
    sources = tmp_path / "kaupunki"
    shutil.copytree(whole_book, sources)
    bump(sources / "data" / f"{file}.yaml", table, row, index, by)
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        check_sources(sources, DEFAULT_FONTS, sink)
    # The tie is reported at the statement's cell of that year: as its own error, or as
    # a note of the error at the figure that broke it.
    ties = [d for d in sink.errors if d.rule is TIE]
    ties += [note for d in sink.errors for note in d.notes]
    assert ties, [d.format() for d in sink.errors]
    statements = (sources / "data" / "laskelmat.yaml").read_text(encoding="utf-8").split("\n")
    statement, line = at.split(".")
    start = statements.index(f"{statement}:")
    expected = next(
        n + 1 for n in range(start, len(statements)) if statements[n].strip().startswith(line)
    )
    year = 2021 + index + (2 if file == "investoinnit" else 0)
    assert any(
        d.span.path.name == "laskelmat.yaml" and d.span.line == expected
        and d.figure and str(year) in d.figure.heading for d in ties
    ), [d.format() for d in ties]  # fmt: skip


def test_a_generated_book_is_built_in_both_editions_without_a_diagnostic(tmp_path):
    sources = tmp_path / "kaupunki"
    generate_book(sources, centres=1, seed=5)
    sink = DiagnosticSink()
    finnish, swedish = build_editions(sources, None, DEFAULT_FONTS, sink, ("fi", "sv"))
    assert [d.format() for d in sink.diagnostics] == []
    assert finnish.output.name.startswith("loviisa-") and swedish.output.name.startswith("lovisa-")
    assert finnish.output.exists() and swedish.output.exists()
    # The Swedish paragraphs are as long as the Finnish ones, so the editions are too.
    assert abs(finnish.pages - swedish.pages) <= 2


def test_the_swedish_edition_is_in_swedish_and_built_like_the_finnish(tmp_path):
    sources = tmp_path / "kaupunki"
    generate_book(sources, centres=2, seed=5)
    books = {code: compile_document(sources, DiagnosticSink(), code) for code in ("fi", "sv")}
    assert books["sv"].untranslated == ()
    assert books["sv"].info.title.startswith("Budget")
    assert [part.title for part in books["sv"].parts][:2] == [
        "Allmänna motiveringar", "Resultaträkningsdel",
    ]  # fmt: skip
    headings = {
        code: [(block.level, inline_text(block.children)) for chapter in book.chapters
               for block in chapter.blocks if isinstance(block, Heading)]
        for code, book in books.items()
    }  # fmt: skip
    assert [level for level, _ in headings["sv"]] == [level for level, _ in headings["fi"]]
    assert "Central 2 område 3" in [text for _, text in headings["sv"]]
    assert not {text for _, text in headings["fi"]} & {text for _, text in headings["sv"]}


def test_the_templates_swedish_chapters_leave_the_finnish_edition_as_it_was(tmp_path):
    # A template without Swedish chapters gives Swedish sentences of the generator's own;
    # one with them gives theirs, and the Finnish edition's sentences and figures stay.
    template = tmp_path / "template"
    shutil.copytree(SHIPPED, template)
    for chapter in (template / "luvut").glob("*.sv.md"):
        chapter.unlink()
    plain = tmp_path / "plain"
    generate_book(plain, centres=1, seed=9, template=template)
    said = "Lovisa stad bygger en ny skola i centrum av staden under det kommande året."
    (template / "luvut" / "01-kaupunginkansliakeskus.sv.md").write_text(
        f"# Stadskansliet\n\n{said}\n", encoding="utf-8"
    )
    translated = tmp_path / "translated"
    generate_book(translated, centres=1, seed=9, template=template)
    finnish = sorted(p.relative_to(plain) for p in plain.rglob("*.*") if ".sv." not in p.name)
    assert len(finnish) > 10
    for relative in finnish:
        assert (plain / relative).read_bytes() == (translated / relative).read_bytes(), relative
    swedish = (translated / "luvut" / "01-1-keskus_01_alue_1.sv.md").read_text(encoding="utf-8")
    assert said in swedish
    pooled = (plain / "luvut" / "01-1-keskus_01_alue_1.sv.md").read_text("utf-8")
    assert said not in pooled
    assert any(sentence in pooled for sentence in swedish_texts.POOL)


def test_a_template_in_both_editions_keeps_its_own_swedish_texts():
    for template in (BILINGUAL, SHIPPED):
        written = (template / "book.yaml").read_text(encoding="utf-8")
        assert swedish_texts.book_yaml(written) == written


def test_a_template_in_one_language_gets_a_swedish_text_beside_each_printed_one():
    made = swedish_texts.book_yaml((MINIMAL / "book.yaml").read_text(encoding="utf-8"))
    tree = yaml.safe_load(made)
    assert tree["editions"] == ["fi", "sv"]
    # Texts of the shipped book have their Swedish; others are repeated in Finnish.
    assert tree["labels"]["contents_sv"] == "Innehåll"
    assert tree["labels"]["binding_row_sv"] == tree["labels"]["binding_row"]
    assert tree["columns"][-2]["heading_sv"] == "BOKSLUT {year}"
    assert tree["columns"][2]["short_sv"] == "EP {year}"
    assert tree["language_sv"] == "sv-FI"
    printed = [key for key in tree if key in swedish_texts.TOP_KEYS]
    assert len(printed) == 7 and all(f"{key}_sv" in tree for key in printed)
    assert not any(key.endswith("_sv_sv") for key in tree["labels"])
    assert swedish_texts.book_yaml(made) == made


def test_key_goal_columns_without_swedish_ones_get_the_shipped_books_headings(tmp_path):
    finnish = "columns:\n  centre: KESKUKSEN AVAINTAVOITTEET\n  muu: Muu sarake\n\n"
    made = swedish_columns(tmp_path, "data:\n  goals: data/avaintavoitteet.yaml\n", finnish)
    assert yaml.safe_load(made)["columns"] == {
        "centre": swedish_texts.GOAL_COLUMNS["centre"], "muu": "Muu sarake",
    }  # fmt: skip
    # A template with Swedish key goals of its own gives their columns.
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tavoitteet.sv.yaml").write_text(
        "columns:\n  centre: Mål\n\ntables:\n  teema: []\n", encoding="utf-8"
    )
    own = swedish_columns(tmp_path, "data:\n  goals_sv: data/tavoitteet.sv.yaml\n", finnish)
    assert yaml.safe_load(own)["columns"] == {"centre": "Mål"}
