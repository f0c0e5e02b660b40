"""Charts in the PDF: vector only, each a Figure whose alternative text holds its
figures, its labels on the page as the data has them, and the book still PDF/UA-1
and PDF/A-2a."""

from __future__ import annotations

import datetime
from pathlib import Path

import page as page_validation
import pikepdf
import pytest
from pypdf import PdfReader

from kkpdf.build import DraftRequest, build_pdf, compile_document
from kkpdf.cli import main
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.money import format_figure
from kkpdf.proof.changes import ChangeKind, compare_books
from tests.conftest import FONTS, MINIMAL, built_without_errors, copy_book
from tests.proof.test_draft import change_bars, committed
from tests.tools.verapdf import validate

CHAPTER = """# Keskus

Tuotot ja kulut vuosittain.

```{chart} bar keskus
rows: toimintatuotot, toimintakulut
title: Pylväät
```

```{chart} stacked keskus
rows: myyntituotot, poistot
title: Pinot
```

```{chart} line keskus
rows: toimintakate
years: 2022, 2023
title: Viiva
```

```{chart} share keskus
rows: toimintakulut, toimintakate, poistot
title: Osuudet
```

```{chart} pie keskus
rows: toimintakulut, toimintakate
years: 2023
title: Piirakka
```

```{finance-table} keskus
```
"""

# The minimal book's table (tests/fixtures/minimal/data/talous.yaml).
FIGURES = {
    "Toimintatuotot": (1000, 2000, 3000),
    "Toimintakulut": (-5000, -6000, -7000),
}
# The share chart's rows, by year (a blank cell a part of 0), and the pie's of 2023.
SHARES = {
    "Toimintakulut": (-5000, -6000, -7000),
    "Toimintakate ulkoinen": (-4000, -4000, -4000),
    "Poistot ja arvonalentumiset": (-100, 0, 0),
}
PIE = {"Toimintakulut": -7000, "Toimintakate ulkoinen": -4000}


def percent(part: int, parts: list[int]) -> str:
    """The share as the page writes it, worked out here from integers: tenths of a per
    cent, half a tenth rounded up."""
    tenths, rest = divmod(abs(part) * 2000, sum(abs(p) for p in parts))
    tenths = (tenths + 1) // 2 if rest or tenths % 2 else tenths // 2
    return f"{tenths // 10},{tenths % 10} %"


@pytest.fixture(scope="module")
def chart_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("charts")
    sources = copy_book(MINIMAL, folder / "book", {"luvut/01.md": CHAPTER})
    return built_without_errors(sources, folder / "charts.pdf")


def figures(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found = []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.S == "/Figure":
                found.append(node)
            walk(node.get("/K"))

    walk(pdf.Root.StructTreeRoot.K)
    return found


def test_the_book_has_no_image_only_vector_drawing(chart_pdf):
    with pikepdf.open(chart_pdf) as pdf:
        streams = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)]
        images = [obj for obj in streams if obj.get("/Subtype") == "/Image"]
        assert images == []
        # The bars are there, as rectangles filled on the page.
        content = b"".join(page.Contents.read_bytes() for page in pdf.pages)
        assert content.count(b" re") >= 6 + 3 + 2


def test_each_chart_is_a_figure_whose_alternative_text_lists_its_figures(chart_pdf):
    with pikepdf.open(chart_pdf) as pdf:
        found = figures(pdf)
        assert len(found) == 5
        bar = str(found[0].Alt)
        assert "'Pylväät'" in bar
        for label, values in FIGURES.items():
            listed = ", ".join(f"{year} {format_figure(v)}" for year, v in zip(
                ("TILINPÄÄTÖS 2021", "TALOUSARVIO 2022 muutoksineen", "TALOUSARVIO 2023"),
                values, strict=True))  # fmt: skip
            assert f"{label}: {listed}" in bar
        # The extremes: the largest and the smallest figure, with their row and year.
        assert "Toimintatuotot TALOUSARVIO 2023 3\u00a0000 euroa" in bar
        assert "Toimintakulut TILINPÄÄTÖS 2021 \u22127\u00a0000 euroa" not in bar
        assert "Toimintakulut TALOUSARVIO 2023 \u22127\u00a0000 euroa" in bar
        # A blank cell is said to be blank.
        assert "Poistot ja arvonalentumiset: TILINPÄÄTÖS 2021 \u2212100, " in str(found[1].Alt)
        assert "TALOUSARVIO 2023 –." in str(found[1].Alt)
        # Its drawing is its marked content.
        assert all(len(figure.K) >= 1 for figure in found)


def test_the_charts_labels_on_the_page_are_the_datas(chart_pdf):
    # After the cover, its back and the contents: the chapter's pages.
    text = "".join(page.extract_text() for page in PdfReader(chart_pdf).pages[3:])
    text = text.replace("\u00a0", " ")  # pypdf reads the no-break space as either
    for word in ("Pylväät", "Pinot", "Viiva", "Toimintatuotot", "Toimintakulut",
                 "Myyntituotot", "Poistot ja arvonalentumiset", "Toimintakate ulkoinen",
                 "TP 2021", "TA 2022", "TA 2023"):  # fmt: skip
        assert word in text, word
    # Each bar's figure over it, in the book's format: no-break spaces, U+2212.
    for values in FIGURES.values():
        for value in values:
            assert format_figure(value).replace("\u00a0", " ") in text
    assert "\u22124 000" in text  # the line's points and the value axis


def test_a_book_with_charts_is_pdf_ua_and_pdf_a(chart_pdf):
    assert validate("ua1", chart_pdf) == {chart_pdf: []}
    assert validate("2a", chart_pdf) == {chart_pdf: []}
    report = page_validation.validate_pdf(str(chart_pdf), profile="ua1")
    assert report.is_compliant, [f.message for f in report.failures]


def test_a_draft_frames_a_chart_of_a_failing_figure_with_its_note(tmp_path):
    # Toimintatuotot 2023 is not the sum of its parts: the table's cell fails, and so
    # does the chart drawing it.
    finance = (
        (MINIMAL / "data/talous.yaml").read_text(encoding="utf-8")
        .replace("[1 000,  2 000,  3 000]\n    toimintak", "[1 000,  2 000,  3 500]\n    toimintak")
    )  # fmt: skip
    sources = copy_book(MINIMAL, tmp_path / "book",
                        {"luvut/01.md": CHAPTER, "data/talous.yaml": finance})  # fmt: skip
    output = tmp_path / "draft.pdf"
    made = datetime.datetime(2022, 12, 1, 9, 0, tzinfo=datetime.UTC)
    build_pdf(sources, output, FONTS, DiagnosticSink(), draft=DraftRequest(made))
    with pikepdf.open(output) as pdf:
        chart_notes = [
            str(annotation.Contents)
            for page in pdf.pages
            for annotation in page.get("/Annots", [])
            if annotation.Subtype == "/Highlight"
            and annotation.Rect[3] - annotation.Rect[1] > 100  # a chart's, not a cell's
        ]
    # The bar chart draws the failing total, the line, share and pie charts the margin
    # that no longer adds up; the stacked chart draws neither and is not framed.
    bar, line, share, pie = (note.replace("\u00a0", " ") for note in chart_notes)
    assert "Toimintatuotot TA 2023" in bar and "3 500" in bar
    assert all("Toimintakate ulkoinen TA 2023" in note for note in (line, share, pie))


# --- a proof: charts of changed figures, charts added and removed --------------------


def test_a_proof_marks_each_chart_of_a_changed_figure_with_what_it_was(tmp_path):
    # Toimintakulut and Toimintakate 2023 changed, their sums still agree: the bar chart
    # draws the one, the line chart the other, the share and the pie both; the stacked
    # chart draws neither.
    book = committed(copy_book(MINIMAL, tmp_path / "base", {"luvut/01.md": CHAPTER}),
                     tmp_path / "repo")  # fmt: skip
    finance = book / "data/talous.yaml"
    text = finance.read_text(encoding="utf-8")
    text = text.replace("-6 000, -7 000]", "-6 000, -7 500]").replace(
        "[-4 000, -4 000, -4 000]", "[-4 000, -4 000, -4 500]")  # fmt: skip
    finance.write_text(text, encoding="utf-8")
    assert main(["build", str(book), "--since", "HEAD", "-o", str(tmp_path / "proof.pdf")]) == 0
    with pikepdf.open(tmp_path / "proof.pdf") as pdf:
        chart_notes = [
            str(annotation.Contents).replace("\u00a0", " ")
            for page in pdf.pages
            for annotation in page.get("/Annots", [])
            if annotation.Subtype == "/Highlight"
            and annotation.Rect[3] - annotation.Rect[1] > 100  # a chart's, not a cell's
        ]
    # The changed charts have the change bar of a changed block; the figures' cells do not.
    pages = PdfReader(tmp_path / "proof.pdf").pages
    drawn = {number for number, page in enumerate(pages, start=1)
             if "Pylväät" in page.extract_text() or "Viiva" in page.extract_text()}  # fmt: skip
    assert drawn and drawn <= set(change_bars(tmp_path / "proof.pdf"))
    was = ("Toimintakulut TA 2023: aiemmin −7 000", "Toimintakate ulkoinen TA 2023: aiemmin −4 000")
    # The bar chart, the line chart, and the share and the pie drawing both.
    assert chart_notes == [was[0], was[1], "\n".join(was), "\n".join(was)]


def test_a_chart_added_or_drawing_other_rows_is_a_change_of_the_chapter(tmp_path):
    old = compile_document(copy_book(MINIMAL, tmp_path / "old", {"luvut/01.md": CHAPTER}),
                           DiagnosticSink())  # fmt: skip
    added = CHAPTER + "\n```{chart} line keskus\nrows: poistot\ntitle: Poistot\n```\n"
    other = CHAPTER.replace("rows: myyntituotot, poistot", "rows: myyntituotot")
    for name, text, expected in [
        ("added", added, [(ChangeKind.ADDED, "", "chart Poistot")]),
        ("other", other, [(ChangeKind.ADDED, "", "chart Pinot"),
                          (ChangeKind.REMOVED, "chart Pinot", "")]),
    ]:  # fmt: skip
        new = compile_document(copy_book(MINIMAL, tmp_path / name, {"luvut/01.md": text}),
                               DiagnosticSink())  # fmt: skip
        found = [(c.kind, str(c.old), str(c.new)) for c in compare_books(old, new)]
        assert found == expected


def test_the_shares_on_the_page_are_the_datas_each_row_of_each_year(chart_pdf):
    text = "".join(page.extract_text() for page in PdfReader(chart_pdf).pages[3:])
    text = text.replace("\u00a0", " ")
    for year in range(3):
        parts = [values[year] for values in SHARES.values()]
        for part in parts:
            if part:  # a blank cell has no segment to label
                assert percent(part, parts) in text, (year, part)
    assert percent(-100, [-5000, -4000, -100]) == "1,1 %"  # beside its thin segment
    for label, part in PIE.items():
        assert f"{label} {percent(part, list(PIE.values()))}" in text
    assert "Toimintakulut 63,6 %" in text


def test_a_share_and_a_pies_alternative_text_gives_the_shares_and_the_table(chart_pdf):
    with pikepdf.open(chart_pdf) as pdf:
        share, pie = (str(figure.Alt) for figure in figures(pdf)[3:])
    assert share.startswith("Osuuspylväskaavio 'Osuudet'")
    # Costs are large or small as their shares are: by their absolute figures.
    assert "Toimintakulut TALOUSARVIO 2023 \u22127\u00a0000 euroa" in share
    assert "Poistot ja arvonalentumiset TILINPÄÄTÖS 2021 \u2212100 euroa" in share
    assert "Poistot ja arvonalentumiset: TILINPÄÄTÖS 2021 \u2212100 (1,1\u00a0%), " in share
    assert "TALOUSARVIO 2023 – (0,0\u00a0%)." in share
    assert pie.startswith(
        "Piirakkakaavio 'Piirakka': Toimintakulut, Toimintakate ulkoinen, TALOUSARVIO 2023. "
    )
    assert "Toimintakulut: TALOUSARVIO 2023 \u22127\u00a0000 (63,6\u00a0%)" in pie
    # Where the figures are from: the table's caption.
    assert all("Luvut ovat taulukosta 'Keskus'" in alt for alt in (share, pie))


def marked_operators(page: pikepdf.Page) -> list[tuple[tuple[str, int | None], str]]:
    """Each drawing operator of the page with the marked content it is in: its tag and
    MCID (the innermost), or ("", None) outside any."""
    found, stack = [], []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            properties = operands[1] if name == "BDC" else None
            mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            stack.append((str(operands[0]), None if mcid is None else int(mcid)))
        elif name == "EMC":
            stack.pop()
        else:
            found.append((stack[-1] if stack else ("", None), name))
    return found


def test_the_charts_shapes_are_artifacts_and_its_words_the_figures_content(chart_pdf):
    with pikepdf.open(chart_pdf) as pdf:
        owned = {}  # (page, MCID) of each Figure's marked content
        for figure in figures(pdf):
            kids = figure.K if isinstance(figure.K, pikepdf.Array) else [figure.K]
            for kid in kids:
                mcid = int(kid) if not isinstance(kid, pikepdf.Dictionary) else int(kid.MCID)
                owned[(figure.Pg.objgen, mcid)] = figure
        pages = {figure.Pg.objgen for figure in figures(pdf)}
        in_figures, artifact_fills = [], 0
        for page in pdf.pages:
            if page.obj.objgen not in pages:
                continue
            for (tag, mcid), operator in marked_operators(page):
                if (page.obj.objgen, mcid) in owned:
                    assert tag == "/Figure"
                    in_figures.append(operator)
                elif tag == "/Artifact" and operator == "re":
                    artifact_fills += 1
    # The words: every label is text shown inside a Figure; no path is drawn there.
    assert in_figures.count("Tj") >= 40
    assert not {"re", "m", "l", "c", "f", "f*", "B", "B*", "S"} & set(in_figures)
    # The bars (6 side by side, 4 stacked, 7 segments of shares), the line's 2 markers
    # and the legends' 8 swatches are drawn as artifacts.
    assert artifact_fills >= 6 + 4 + 7 + 2 + 8
