"""Charts in the document: the figures are the finance table's own, and a chart whose
table, rows or years are not there is an error at its directive."""

from __future__ import annotations

import pytest

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import Chart, ChartKind, FinanceTable, walk_blocks
from tests.conftest import TOWN, copy_book
from tests.document.conftest import compiled

CHAPTER = "# Keskus\n\nTeksti.\n\n```{{chart}} {argument}\n{body}\n```\n"


def chapter(argument: str = "bar keskus", body: str = "rows: toimintatuotot, toimintakulut"):
    return CHAPTER.format(argument=argument, body=body)


def charts(book) -> list[Chart]:
    return [block for block in book.chapters[0].blocks if isinstance(block, Chart)]


def test_a_chart_holds_the_figures_of_its_table_rows(minimal_book):
    book = compiled(minimal_book({"luvut/01.md": chapter()}))
    [chart] = charts(book)
    table = next(t for t in book.finance_tables if t.key == "keskus")
    assert chart.kind is ChartKind.BAR
    assert [line.key for line in chart.series] == ["toimintatuotot", "toimintakulut"]
    for line in chart.series:
        cells = table.row(line.key).cells
        assert line.values == tuple(cell.value for cell in cells)
        assert line.spans == tuple(cell.span for cell in cells)
        assert line.label == table.row(line.key).account.label
    assert chart.headings == tuple(column.heading for column in table.columns)
    assert chart.short_headings == ("TP 2021", "TA 2022", "TA 2023")
    assert chart.title == table.caption  # no title: the table's caption


def test_a_chart_draws_the_years_asked_in_their_order_and_its_own_title(minimal_book):
    body = "rows: toimintakulut\nyears: 2023, 2021\ntitle: Kulut"
    book = compiled(minimal_book({"luvut/01.md": chapter(body=body)}))
    [chart] = charts(book)
    assert chart.series[0].values == (-7000, -5000)
    assert chart.short_headings == ("TA 2023", "TP 2021")
    assert chart.title == "Kulut"


def test_a_table_in_thousands_gives_the_chart_euros(minimal_book):
    finance = (
        "keskus:\n  years: [2021, 2022, 2023]\n  scale: 1000\n  binding: true\n  rows:\n"
        "    myyntituotot:   [1, 2, 3]\n    toimintatuotot: [1, 2, 3]\n"
        "    toimintakulut:  [-5, -6, -7]\n    toimintakate:   [-4, -4, -4]\n"
        "    poistot:        [-1, ~, ~]\n"
    )
    book = compiled(minimal_book({"luvut/01.md": chapter(body="rows: poistot"),
                                  "data/talous.yaml": finance}))  # fmt: skip
    [chart] = charts(book)
    assert chart.series[0].values == (-1000, None, None)


def test_the_finance_table_is_still_to_be_placed_by_its_own_directive(minimal_book):
    sink = DiagnosticSink()
    book = compile_document(minimal_book({"luvut/01.md": chapter()}), sink)
    assert not any(isinstance(b, FinanceTable) for b in book.chapters[0].blocks)
    assert any(d.rule.id == "document.unplaced" for d in sink.warnings)


def errors(minimal_book, text: str, overrides: dict[str, str] | None = None):
    sink = DiagnosticSink()
    book = compile_document(minimal_book({"luvut/01.md": text, **(overrides or {})}), sink)
    assert not charts(book)
    return [(d.rule.id, d.span.line, str(d.message), str(d.hint)) for d in sink.errors]


@pytest.mark.parametrize(
    ("argument", "body", "line", "rule", "message", "hint"),
    [
        ("bar keskuss", "rows: toimintatuotot", 5, "markup.unknown-reference",
         "no finance table or summary by unit 'keskuss' (did you mean 'keskus'?)",
         "a chart draws rows of a finance table, or a row of a summary by unit over its units: "
         "write the table's key after the kind"),
        ("bar keskus", "rows: toimintatuotto", 6, "document.chart-data",
         "no row 'toimintatuotto' in the chart of accounts (did you mean 'toimintatuotot'?)",
         "the rows of 'keskus' are: myyntituotot, toimintatuotot, toimintakulut, "
         "toimintakate, poistot"),
        ("bar keskus", "rows: toimintatuotot\nyears: 2021, 2024", 7, "document.chart-data",
         "table 'keskus' has no column for 2024", "its years are: 2021, 2022, 2023"),
    ],
)  # fmt: skip
def test_a_chart_of_data_not_there_is_an_error_at_its_directive(
    minimal_book, argument, body, line, rule, message, hint
):
    assert errors(minimal_book, chapter(argument, body)) == [(rule, line, message, hint)]


def test_a_row_of_the_chart_of_accounts_the_table_lacks_is_named_so(minimal_book):
    finance = (
        "keskus:\n  years: [2021, 2022, 2023]\n  binding: true\n  rows:\n"
        "    myyntituotot:   [1 000,  2 000,  3 000]\n"
        "    toimintatuotot: [1 000,  2 000,  3 000]\n"
        "    toimintakulut:  [-5 000, -6 000, -7 000]\n"
        "    toimintakate:   [-4 000, -4 000, -4 000]\n"
    )
    found = errors(minimal_book, chapter(body="rows: poistot"), {"data/talous.yaml": finance})
    assert found == [("document.chart-data", 6, "finance table 'keskus' has no row 'poistot'",
                      "the rows of 'keskus' are: myyntituotot, toimintatuotot, toimintakulut, "
                      "toimintakate")]  # fmt: skip


def test_the_shipped_chart_draws_the_centres_figures(shipped_book):
    [chart] = [b for chapter in shipped_book.chapters for b in chapter.blocks
               if isinstance(b, Chart)]  # fmt: skip
    table = next(t for t in shipped_book.finance_tables if t.key == chart.table)
    assert chart.series[1].values == tuple(c.value for c in table.row("toimintakulut").cells)


def test_a_chart_of_blank_cells_is_left_out_with_a_warning(minimal_book):
    # As a new budget year's columns are, until they are filled in.
    sink = DiagnosticSink()
    text = chapter("line keskus", "rows: poistot\nyears: 2022, 2023")
    book = compile_document(minimal_book({"luvut/01.md": text}), sink)
    assert not charts(book) and not sink.errors
    [warning] = [d for d in sink.warnings if d.rule.id == "document.chart-data"]
    assert (warning.span.line, str(warning.message), str(warning.hint)) == (
        5,
        "chart of 'keskus' has no figures to draw: its cells are blank",
        "the chart is left out until they have figures; or choose other rows or years",
    )


# --- a row of a summary by unit, over its units -----------------------------------

SUMMARY_CHAPTER = "# Yhteenveto\n\nTeksti.\n\n```{{summary-table}} kayttotalous\n```\n\n" \
    "```{{chart}} {argument}\n{body}\n```\n"  # fmt: skip


def test_a_chart_of_a_summary_draws_a_series_per_unit_from_its_own_cells():
    town_book = compile_document(TOWN, DiagnosticSink())  # not the session's: mutants differ
    [chart] = [b for chapter in town_book.chapters for b in walk_blocks(chapter.blocks)
               if isinstance(b, Chart) and b.table == "kayttotalous"]  # fmt: skip
    tables = {table.key: table for table in town_book.finance_tables}
    assert [line.key for line in chart.series] == [
        "kaupunginkansliakeskus", "sivistyskeskus", "tekninen_keskus"]  # fmt: skip
    for line in chart.series:
        table = tables[line.key]
        cell = table.row("toimintakulut").cells[[c.year for c in table.columns].index(2023)]
        assert line.values == (cell.value * table.scale,)
        assert line.spans == (cell.span,)  # marked in a draft where the cell is wrong
        assert line.label == table.caption
    # The summary's one column is headed by its row; the chart's by its year.
    assert (chart.headings, chart.short_headings) == (("TA 2023",), ("TA 2023",))


def summary_errors(tmp_path, argument: str, body: str, summaries: str = ""):
    chapter = SUMMARY_CHAPTER.format(argument=argument, body=body)
    overrides = {"luvut/05-yhteenveto.md": chapter}
    if summaries:
        text = (TOWN / "data" / "yhteenvedot.yaml").read_text(encoding="utf-8")
        overrides["data/yhteenvedot.yaml"] = text + summaries
    sink = DiagnosticSink()
    book = compile_document(copy_book(TOWN, tmp_path / "town", overrides), sink)
    assert not [b for c in book.chapters for b in c.blocks if isinstance(b, Chart)
                and b.span.path.name == "05-yhteenveto.md"]  # fmt: skip
    return [(d.rule.id, d.span.line, str(d.message), str(d.hint)) for d in sink.errors]


FOUR_UNITS = """
neljalta:
  kind: units
  caption: Neljä yksikköä
  rows: [toimintakulut]
  units: [kaupunginkansliapalvelut, tieto_ja_viestintateknologiapalvelut, talouspalvelut,
          sivistyskeskus]
  years: [2023]
  total: Yhteensä
"""


@pytest.mark.parametrize(
    ("argument", "body", "summaries", "line", "message", "hint"),
    [
        ("bar kayttotalous", "rows: toimintakulut, toimintakate", "", 9,
         "a chart of summary 'kayttotalous' draws one row over its units, not 2",
         "its rows are: toimintatuotot, toimintakulut, toimintakate; "
         "draw each in a chart of its own"),
        ("bar kayttotalous", "rows: toimintakulu", "", 9,
         "summary 'kayttotalous' has no row 'toimintakulu' (did you mean 'toimintakulut'?)",
         "its rows are: toimintatuotot, toimintakulut, toimintakate"),
        ("bar kayttotalous", "rows: toimintakulut\nyears: 2024", "", 10,
         "table 'kayttotalous' has no column for 2024", "its years are: 2023"),
        ("bar neljalta", "rows: toimintakulut", FOUR_UNITS, 8,
         "summary 'neljalta' has 4 units; a chart draws at most 3",
         "list fewer units under 'units' in the summary"),
    ],
)  # fmt: skip
def test_a_chart_of_a_summary_names_what_it_lacks(
    tmp_path, argument, body, summaries, line, message, hint
):
    found = summary_errors(tmp_path, argument, body, summaries)
    assert found == [("document.chart-data", line, message, hint)]


def test_a_table_of_ratios_is_not_drawn_and_the_hint_says_what_is(tmp_path):
    [(rule, line, message, hint)] = summary_errors(tmp_path, "bar tunnusluvut", "rows: x")
    assert (rule, line) == ("markup.unknown-reference", 8)
    assert message.startswith("no finance table or summary by unit 'tunnusluvut'")
    assert hint == ("a chart draws rows of a finance table, or a row of a summary by unit "
                    "over its units: write the table's key after the kind")  # fmt: skip


@pytest.mark.parametrize(
    ("argument", "body", "line", "message", "hint"),
    [
        ("pie keskus", "rows: toimintakulut, toimintakate\nyears: 2022, 2023", 7,
         "a pie chart draws one year, not 2", "write 'years: 2023' under the directive"),
        # No years: all the table's three; the error is at the directive.
        ("pie keskus", "rows: toimintakulut, toimintakate", 5,
         "a pie chart draws one year, not 3", "write 'years: 2023' under the directive"),
        ("share keskus", "rows: toimintatuotot, toimintakulut\nyears: 2023, 2021", 5,
         "the shares of TALOUSARVIO 2023 mix income and costs: Toimintatuotot 3\u00a0000, "
         "Toimintakulut \u22127\u00a0000",
         "a share is a part of a whole: choose rows that are all positive or all negative "
         "(costs)"),
        ("pie keskus", "rows: poistot\nyears: 2021, 2023\n", 7,
         "a pie chart draws one year, not 2", "write 'years: 2023' under the directive"),
        # Blank cells are parts of 0: a year of them adds up to nothing to share.
        ("share keskus", "rows: poistot", 5,
         "the shares of TALOUSARVIO 2022 muutoksineen cannot be drawn: its figures add up to "
         "zero: Poistot ja arvonalentumiset 0",
         "choose the years with 'years: 2023, 2024', leaving this one out"),
    ],
)  # fmt: skip
def test_parts_of_a_whole_of_both_signs_or_of_nothing_or_a_pie_of_years_are_errors(
    minimal_book, argument, body, line, message, hint
):
    found = errors(minimal_book, chapter(argument, body))
    assert found == [("document.chart-data", line, message, hint)]


def test_shares_of_costs_are_of_their_absolute_figures_and_a_blank_is_0(minimal_book):
    body = "rows: toimintakulut, toimintakate, poistot"
    sink = DiagnosticSink()
    book = compile_document(minimal_book({"luvut/01.md": chapter("share keskus", body)}), sink)
    [chart] = charts(book)
    assert not sink.errors
    assert chart.kind is ChartKind.SHARE and chart.source == "Keskus"
    assert chart.series[2].values == (-100, None, None)


def test_a_pie_draws_the_one_year_asked(minimal_book):
    body = "rows: toimintatuotot, myyntituotot\nyears: 2023"
    [pie] = charts(compiled(minimal_book({"luvut/01.md": chapter("pie keskus", body)})))
    assert pie.kind is ChartKind.PIE and pie.headings == ("TALOUSARVIO 2023",)


def test_a_chart_of_a_summary_without_a_title_is_headed_by_its_caption_and_row(tmp_path):
    chapter = SUMMARY_CHAPTER.format(argument="bar kayttotalous", body="rows: toimintakulut")
    sink = DiagnosticSink()
    overrides = {"luvut/05-yhteenveto.md": chapter}
    book = compile_document(copy_book(TOWN, tmp_path / "town", overrides), sink)
    [chart] = [b for c in book.chapters for b in c.blocks if isinstance(b, Chart)
               and b.span.path.name == "05-yhteenveto.md"]  # fmt: skip
    assert chart.title == "Käyttötalous keskuksittain, talousarvio 2023: Toimintakulut"


def test_a_directive_the_parser_refuses_is_reported_through_the_document_stage(minimal_book):
    found = errors(minimal_book, chapter("bars keskus", "rows: toimintatuotot"))
    assert [(rule, line) for rule, line, _, _ in found] == [("markup.chart", 5)]
