"""The checker on the figures as published finds every inconsistency, at its cell.

The expected findings are not listed by hand: they are worked out here a second
way, from the seed text itself, with the income-statement rules written out as
in the domain notes, and the checker must report exactly those.
"""

from __future__ import annotations

import pytest

from kkpdf.build import check_sources
from kkpdf.checks.figures import CULPRIT
from kkpdf.cli import main
from kkpdf.diagnostics import DiagnosticSink, Severity, StageFailed
from kkpdf.money import parse_figure
from tests.conftest import FONTS
from tests.seed import SEED_SOURCES, seed_tables

# The sums of the municipal income statement (JHS 192), by printed label.
SUMS = {
    "Toimintatuotot": [
        "Myyntituotot",
        "Maksutuotot",
        "Tuet ja avustukset",
        "Muut toimintatuotot",
    ],
    "Toimintakulut": [
        "Henkilöstökulut",
        "Palveluiden ostot",
        "Aineet, tarvikkeet ja tavarat",
        "Avustukset",
        "Muut toimintakulut",
    ],
    "Toimintakate ulkoinen": ["Toimintatuotot", "Valmistus omaan käyttöön", "Toimintakulut"],
}
CENTRE = "Kaupunginkansliakeskus"
AREAS = ["Kaupunginkansliapalvelut", "Tieto- ja viestintäteknologiapalvelut", "Talouspalvelut"]

Finding = tuple[str, str, int, int, str]  # table, row, column index, difference, severity


def severity(difference: int, terms: int) -> str:
    # Each figure is rounded by at most half a euro (book.yaml: rounding_per_term 0.5).
    return "warning" if abs(difference) <= terms // 2 else "error"


def expected_findings() -> set[Finding]:
    tables = {name: dict(rows) for name, rows in seed_tables().items()}
    found: set[Finding] = set()
    for name, rows in tables.items():
        for total, parts in SUMS.items():
            if total not in rows or not all(part in rows for part in parts):
                continue
            for index, stated in enumerate(rows[total]):
                given = sum(rows[part][index] or 0 for part in parts)
                if (stated or 0) != given:
                    difference = (stated or 0) - given
                    found.add((name, total, index, difference, severity(difference, len(parts))))
    centre = tables[CENTRE]
    for label, figures in centre.items():
        areas = [tables[area] for area in AREAS]
        if not any(label in area for area in areas):
            continue
        for index in range(3):  # the years the area tables share with the Centre's
            given = sum((area.get(label) or [None] * 3)[index] or 0 for area in areas)
            if (figures[index] or 0) != given:
                difference = (figures[index] or 0) - given
                found.add((CENTRE, label, index, difference, severity(difference, len(areas))))
    return found


@pytest.fixture(scope="module")
def seed_diagnostics():
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        check_sources(SEED_SOURCES, FONTS, sink)
    return sink.diagnostics


def test_the_published_figures_give_the_errors_and_warnings_the_readme_names(capsys):
    """`kkpdf check tests/fixtures/seed-2023`: 3 errors and 6 warnings, as published.

    Four sums fail; two of them for one blank cell, which is one error with the two
    sums as its notes."""
    assert main(["check", str(SEED_SOURCES)]) == 1
    summary = capsys.readouterr().err.strip().split("\n")[-1]
    assert summary.startswith("kkpdf: 3 errors, 6 warnings; 4 tables and 145 cells checked")
    assert {f[4] for f in expected_findings()} == {"error", "warning"}


def test_every_inconsistency_is_reported_with_its_severity(seed_diagnostics, shipped_book):
    names = {unit.key: unit.name for unit in shipped_book.units}
    labels = {account.key: account.label for account in shipped_book.accounts}
    tables = {t.unit.key: t for t in shipped_book.finance_tables}
    reported = set()
    # A sum that fails is a diagnostic of its own, or a note of the error at its culprit.
    sums = [(d.figure, d.severity) for d in seed_diagnostics if d.rule is not CULPRIT]
    sums += [(n.figure, d.severity) for d in seed_diagnostics for n in d.notes]
    for figure, grade in sums:
        if figure is None:
            continue
        headings = [c.heading for c in tables[figure.table].columns]
        reported.add(
            (
                names[figure.table],
                labels[figure.row],
                headings.index(figure.heading),
                figure.difference,
                grade.value,
            )
        )
    assert reported == expected_findings()


def test_the_one_slip_of_the_published_figures_is_found_where_the_sources_correct_it(
    seed_diagnostics,
):
    (culprit,) = [d for d in seed_diagnostics if d.rule is CULPRIT]
    assert (culprit.figure.table, culprit.figure.row, culprit.figure.year) == (
        "talouspalvelut", "toimintatuotot", 2022)  # fmt: skip
    assert (culprit.figure.actual, culprit.figure.expected) == (0, 12000)
    assert str(culprit.message).startswith("Toimintatuotot TA 2022 of Talouspalvelut is blank")
    assert len(culprit.notes) == 2


def test_each_finding_points_at_the_stated_figure(seed_diagnostics):
    figures = [d for d in seed_diagnostics if d.figure is not None]
    figures += [n for d in seed_diagnostics for n in d.notes if n.figure is not None]
    assert figures
    for d in figures:
        line = d.span.path.read_text(encoding="utf-8").split("\n")[d.span.line - 1]
        written = line[d.span.column - 1 :].split(",")[0].split("]")[0].strip()
        assert (0 if written == "~" else parse_figure(written)) == d.figure.actual


def test_nothing_but_figures_is_wrong_in_the_published_chapter(seed_diagnostics):
    others = [d for d in seed_diagnostics if d.figure is None]
    assert [d for d in others if d.severity is Severity.ERROR] == []
