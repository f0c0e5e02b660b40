"""A draft's report as data: one list of findings and changes, in page order, and its export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kkpdf.diagnostics import Diagnostic, Note, Rule, Severity, Span
from kkpdf.files import OutputProblem
from kkpdf.messages import load_language, tr
from kkpdf.proof.changes import Change, ChangeKind
from kkpdf.proof.export import export_report, report_format
from kkpdf.proof.report import PagedLine, in_page_order, report_lines

FINNISH = load_language("fi")
RULE = Rule("test.report")
CHAPTER, DATA = Path("luvut/01.md"), Path("data/talous.yaml")


def at(path: Path, line: int, column: int = 1) -> Span:
    return Span(path, line, column)


def test_each_finding_note_and_change_is_a_line_with_its_hint_and_target():
    diagnostic = Diagnostic(Severity.ERROR, at(DATA, 5, 9), tr("wrong"), RULE, hint=tr("fix it"),
                            notes=(Note(at(DATA, 7, 9), tr("so this is wrong")),))  # fmt: skip
    change = Change(ChangeKind.REWORDED, at(CHAPTER, 3), "vanha teksti", "uusi teksti", "")
    lines = report_lines([diagnostic], [change], lambda span: f"t{span.line}")
    assert [(ln.kind_id, ln.place, ln.target) for ln in lines] == [
        ("error", "talous.yaml:5:9", "t5"),
        ("note", "talous.yaml:7:9", "t7"),
        ("reworded", "01.md:3:1", "t3"),
    ]
    assert [ln.hint for ln in lines] == [tr("fix it"), None, None]
    assert lines[0].kind.render(FINNISH) == FINNISH.translate("error") != "error"


def line(kind: Severity | ChangeKind, span: Span, target: str) -> PagedLine:
    (made,) = report_lines(
        [Diagnostic(kind, span, tr("finding"), RULE)] if isinstance(kind, Severity) else [],
        [Change(kind, span, "a", "b", "")] if isinstance(kind, ChangeKind) else [],
        lambda _: target,
    )
    return made


def test_lines_go_by_page_then_down_the_page_then_by_source_position():
    # Drawn in this order: the table at the top of page 5, then the paragraph below it.
    pages_of = {"contents": 2, "low-on-4": 4, "table": 5, "paragraph": 5}
    lines = [
        line(Severity.WARNING, at(CHAPTER, 20), "paragraph"),
        line(Severity.WARNING, at(DATA, 9), "table"),
        line(Severity.ERROR, at(DATA, 3), "table"),
        line(Severity.WARNING, at(CHAPTER, 1), ""),  # on no page
        line(Severity.WARNING, at(CHAPTER, 2), "never-drawn"),
        line(ChangeKind.FIGURE, at(DATA, 40), "low-on-4"),
    ]
    ordered = in_page_order(lines, pages_of)
    assert [(p.page, p.line.place) for p in ordered] == [
        (4, "talous.yaml:40:1"),
        (5, "talous.yaml:3:1"),
        (5, "talous.yaml:9:1"),
        (5, "01.md:20:1"),  # below the table, though earlier in the sources' order
        (None, "01.md:1:1"),
        (None, "01.md:2:1"),
    ]


def test_at_one_place_errors_come_first_then_warnings_notes_and_changes():
    span = at(DATA, 3)
    kinds = [ChangeKind.FIGURE, Severity.NOTE, Severity.WARNING, Severity.ERROR]
    ordered = in_page_order([line(kind, span, "cell") for kind in kinds], {"cell": 5})
    assert [p.line.kind_id for p in ordered] == ["error", "warning", "note", "figure"]


@pytest.mark.parametrize("name", ["raportti.csv", "RAPORTTI.XLSX"])
def test_a_report_is_csv_or_xlsx(name):
    assert report_format(Path(name)) == Path(name).suffix.lower()


def test_another_report_file_is_refused_with_a_name_that_would_do():
    with pytest.raises(OutputProblem) as refused:
        report_format(Path("output/raportti.pdf"))
    said = str(refused.value.args[0])
    assert "neither a .csv nor an .xlsx" in said and "output/raportti.xlsx" in said


def paged() -> tuple[PagedLine, ...]:
    finding = Diagnostic(Severity.WARNING, at(DATA, 5, 9), tr("{text}", text="=SUM(A1); “x”"),
                         RULE, hint=tr("fix it"))  # fmt: skip
    lines = report_lines([finding], [Change(ChangeKind.ADDED, at(CHAPTER, 3), "", "uusi", "")],
                         lambda span: "cell" if span.path == DATA else "")  # fmt: skip
    return in_page_order(lines, {"cell": 7})


def test_the_csv_opens_in_excel_as_utf_8_with_semicolons():
    data = export_report(paged(), Path("r.csv"), "Tarkistusraportti", FINNISH)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    columns = ("page", "kind", "kind id", "file", "line", "column", "text", "hint")
    assert rows[0] == [FINNISH.translate(column) for column in columns]
    assert rows[1] == ["7", FINNISH.translate("warning"), "warning", "talous.yaml", "5", "9",
                       "=SUM(A1); “x”", FINNISH.translate("fix it")]  # fmt: skip
    assert rows[2][:3] == ["", FINNISH.translate("added"), "added"]  # on no page: last, blank


def test_the_xlsx_has_a_bold_frozen_header_numbers_as_numbers_and_texts_as_texts():
    from openpyxl import load_workbook

    data = export_report(paged(), Path("r.xlsx"), "Tarkistusraportti", FINNISH)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Tarkistusraportti"
    assert sheet.freeze_panes == "A2" and all(cell.font.bold for cell in sheet[1])
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values[0][:6] == [7, FINNISH.translate("warning"), "warning", "talous.yaml", 5, 9]
    assert values[0][6] == "=SUM(A1); “x”" and sheet["G2"].data_type == "s"  # not a formula
    assert values[1][0] is None
    assert sheet.column_dimensions["G"].width > sheet.column_dimensions["A"].width
