"""Revenue is written positive and costs negative; the other sign is a warning."""

from __future__ import annotations

from kkpdf.checks.signs import check_signs

HINT = "\n  hint: check the sign; keep it only for a real refund or correction"


def signs(run_check, rows: str) -> list[str]:
    table = f"keskus:\n  years: [2021, 2022, 2023]\n  rows:\n{rows}"
    return run_check(check_signs, {"data/talous.yaml": table})


def test_revenue_written_negative_is_a_warning_at_its_cell(run_check):
    assert signs(run_check, "    myyntituotot: [1 000, -2 000, 3 000]\n") == [
        "data/talous.yaml:4:27: warning: Myyntituotot TA 2022 is −2\u00a0000, "
        "but revenue is written positive" + HINT
    ]


def test_a_cost_written_positive_is_a_warning_at_its_cell(run_check):
    # After a total, whose sign is not checked, the rows below still are.
    rows = "    toimintatuotot: [1, 2, 3]\n    toimintakulut: [5, -6, -7]\n"
    assert signs(run_check, rows) == [
        "data/talous.yaml:5:21: warning: Toimintakulut TP 2021 is 5, "
        "but a cost is written negative" + HINT
    ]
    assert run_check.rules == ["figures.sign"]  # a draft shows it


def test_zero_and_blank_have_no_sign_to_be_wrong(run_check):
    rows = "    myyntituotot: [0, ~, 1]\n    toimintakulut: [0, ~, -1]\n"
    assert signs(run_check, rows) == []


def test_totals_and_memo_rows_may_have_either_sign(run_check):
    # Toimintakate is revenue less costs, positive or negative; a memo row is not summed.
    rows = (
        "    myyntituotot: [1, 2, 3]\n    toimintatuotot: [1, 2, 3]\n"
        "    toimintakulut: [-5, -1, -7]\n    toimintakate: [-4, 1, -4]\n"
        "    poistot: [-100, 100, ~]\n"
    )
    assert signs(run_check, rows) == []


def test_a_wrong_sign_carries_its_cell_and_the_figure_with_the_wanted_sign(minimal_book):
    """Tools and drafts read a figure's table, row and year from its facts, not the text."""
    from kkpdf.build import compile_document
    from kkpdf.diagnostics import DiagnosticSink, FigureFacts

    table = "keskus:\n  years: [2021, 2022, 2023]\n  rows:\n"
    rows = "    myyntituotot: [1 000, -2 000, 3 000]\n    toimintakulut: [5, -6, -7]\n"
    sink = DiagnosticSink()
    book = compile_document(minimal_book({"data/talous.yaml": table + rows}), sink)
    check_signs(book, sink)
    assert [d.figure for d in sink.diagnostics] == [
        FigureFacts("keskus", "myyntituotot", "TALOUSARVIO 2022 muutoksineen", 2022, 2000, -2000),
        FigureFacts("keskus", "toimintakulut", "TILINPÄÄTÖS 2021", 2021, -5, 5),
    ]
    assert sink.diagnostics[0].figure.difference == -4000
