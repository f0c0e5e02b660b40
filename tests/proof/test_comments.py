"""Reviewers' comments in copies of the book, back at their lines in the sources.

A built book is annotated by a script as a reviewer would in a PDF reader (a sticky
note, a highlight, a struck-out word, a reply that accepts), then read back with
`kkpdf comments`.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String
from pypdf import PdfReader

from kkpdf.cli import main
from kkpdf.messages import ENGLISH, load_language, tr
from kkpdf.pdf.glyphs import page_glyphs
from kkpdf.pdf.review import iso_date
from kkpdf.proof.comments import (
    Annotation,
    Comment,
    Glyph,
    as_json,
    as_text,
    joined,
    locate,
    refined,
)
from tests.conftest import MINIMAL, copy_book

CHAPTER = """# Keskus

Keskukseen kuuluvat:

```{unit-list} keskus
```

Toinen kappale kertoo, että talousarvio on laadittu huolellisesti ja että sen luvut ovat
oikein, vaikka kaikki eivät sitä heti usko.

## Talous

```{finance-table} keskus
```

## Tavoitteet

```{goal-table} teema
```
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> tuple[Path, Path]:
    """The sources and the PDF built from them."""
    folder = tmp_path_factory.mktemp("comments")
    sources = copy_book(MINIMAL, folder / "sources", {"luvut/01.md": CHAPTER})
    pdf = folder / "kirja.pdf"
    assert main(["build", str(sources), "-o", str(pdf)]) == 0
    return sources, pdf


def word_box(page: pikepdf.Page, words: str, nth: int = 0) -> tuple[float, float, float, float]:
    """The box round the `nth` drawing of `words` on the page."""
    glyphs = list(page_glyphs(page, lambda mcid: ""))
    text = "".join(g.text for g in glyphs)
    at = -1
    for _ in range(nth + 1):
        at = text.index(words, at + 1)
    boxes = [g.box for g in glyphs[at : at + len(words)]]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))  # fmt: skip


def page_with(document: pikepdf.Pdf, words: str) -> int:
    for number, page in enumerate(document.pages):
        if words in "".join(g.text for g in page_glyphs(page, lambda mcid: "")):
            return number
    raise AssertionError(words)


def markup(subtype: str, box, author: str, contents: str, date: str = "D:20261130101500+02'00'"):
    x0, y0, x1, y1 = box
    return Dictionary(Type=Name.Annot, Subtype=Name("/" + subtype), Rect=Array([x0, y0, x1, y1]),
                      QuadPoints=Array([x0, y1, x1, y1, x0, y0, x1, y0]), T=String(author),
                      Contents=String(contents), M=String(date))  # fmt: skip


def note(at: tuple[float, float], author: str, contents: str):
    x, y = at
    return Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=Array([x, y - 20, x + 20, y]),
                      T=String(author), Contents=String(contents),
                      CreationDate=String("D:20261130093000Z"))  # fmt: skip


def annotated(pdf: Path, target: Path, make) -> Path:
    """A copy of `pdf` with the annotations `make(document)` gives as (page, annotation)."""
    with pikepdf.open(pdf) as document:
        for number, annotation in make(document):
            page = document.pages[number].obj
            made = document.make_indirect(annotation)
            page.Annots = Array([*page.get(Name.Annots, Array()), made])
            for reply in annotation.get("/kkpdf-test-replies", ()):
                reply.IRT = made
                page.Annots.append(document.make_indirect(reply))
            if "/kkpdf-test-replies" in made:
                del made["/kkpdf-test-replies"]
        document.save(target)
    return target


def anna(document: pikepdf.Pdf) -> list:
    """A sticky note beside the second paragraph, a highlight over a figure."""
    chapter = page_with(document, "Toinen kappale")
    page = document.pages[chapter]
    x0, _, _, y1 = word_box(page, "Toinen kappale")
    figure = word_box(page, "2 000")  # Myyntituotot, TA 2022
    return [
        (chapter, note((x0 - 30, y1), "Anna", "Tämä kappale on liian pitkä.")),
        (chapter, markup("Highlight", figure, "Anna", "Onko tämä oikein?")),
    ]


def bertil(document: pikepdf.Pdf) -> list:
    """A struck-out word, accepted in a reply, and a copy of Anna's highlight."""
    chapter = page_with(document, "Toinen kappale")
    page = document.pages[chapter]
    struck = markup("StrikeOut", word_box(page, "heti"), "Bertil", "Pois.",
                    "D:20261130120000+02'00'")  # fmt: skip
    reply = Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=Array([0, 0, 0, 0]),
                       T=String("Anna"), State=String("Accepted"),
                       StateModel=String("Review"))  # fmt: skip
    said = Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=Array([0, 0, 0, 0]),
                      T=String("Anna"), Contents=String("Samaa mieltä."))  # fmt: skip
    struck["/kkpdf-test-replies"] = Array([reply, said])
    return [(chapter, struck), *anna(document)[1:]]


@pytest.fixture(scope="module")
def copies(book, tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("copies")
    _, pdf = book
    return (annotated(pdf, folder / "anna.pdf", anna),
            annotated(pdf, folder / "bertil.pdf", bertil))  # fmt: skip


def comments(capsys, *args: str) -> list[dict]:
    status = main(["comments", *args, "--format", "json"])
    out = capsys.readouterr().out
    assert status == 0
    return json.loads(out)


def line_of(sources: Path, relative: str, words: str) -> tuple[int, int]:
    lines = (sources / relative).read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, 1) if words in line)
    return number, lines[number - 1].index(words) + 1


def test_each_comment_comes_back_to_its_source_line_and_column(book, copies, capsys):
    sources, _ = book
    anna_pdf, _ = copies
    found = comments(capsys, str(anna_pdf), "--sources", str(sources))
    page = found[0]["page"]
    assert page > 1
    figure_line, figure_column = line_of(sources, "data/talous.yaml", "myyntituotot")
    row = (sources / "data/talous.yaml").read_text(encoding="utf-8").split("\n")[figure_line - 1]
    assert found == [
        {"file": "data/talous.yaml", "line": figure_line, "column": row.index("2 000") + 1,
         "page": page, "author": "Anna", "date": "2026-11-30T10:15:00+02:00",
         "kind": "highlight", "quote": "2 000", "comment": "Onko tämä oikein?",
         "status": "open"},
        {"file": "luvut/01.md", "line": line_of(sources, "luvut/01.md", "Toinen")[0],
         "column": 1, "page": page, "author": "Anna", "date": "2026-11-30T09:30:00Z",
         "kind": "note", "quote": "", "comment": "Tämä kappale on liian pitkä.",
         "status": "open"},
    ]  # fmt: skip
    assert figure_column == 5


def test_a_struck_word_gives_its_own_line_and_column_and_its_review(book, copies, capsys):
    sources, _ = book
    found = comments(capsys, str(copies[1]), "--sources", str(sources))
    struck = next(c for c in found if c["kind"] == "strikeout")
    # "heti" is on the paragraph's second source line, not where the paragraph begins.
    assert (struck["line"], struck["column"]) == line_of(sources, "luvut/01.md", "heti usko")
    assert (struck["quote"], struck["author"], struck["status"]) == ("heti", "Bertil", "accepted")
    assert struck["comment"] == "Pois. / Anna: Samaa mieltä."


def test_two_reviewers_copies_merge_in_source_order_without_copies(book, copies, capsys):
    sources, _ = book
    found = comments(capsys, *map(str, copies), "--sources", str(sources))
    assert [(c["author"], c["kind"]) for c in found] == [
        ("Anna", "highlight"), ("Anna", "note"), ("Bertil", "strikeout"),
    ]  # fmt: skip
    places = [(c["file"], c["line"], c["column"]) for c in found]
    assert places == sorted(places)


def test_without_the_sources_a_comment_keeps_its_blocks_place(book, copies, capsys, tmp_path):
    found = comments(capsys, str(copies[1]), "--sources", str(tmp_path / "none"))
    struck = next(c for c in found if c["kind"] == "strikeout")
    assert (struck["file"], struck["line"], struck["column"]) == (
        "luvut/01.md", line_of(book[0], "luvut/01.md", "Toinen")[0], 1)  # fmt: skip


def test_the_text_the_csv_and_the_workbook_say_the_same(book, copies, capsys, tmp_path):
    from openpyxl import load_workbook

    sources, _ = book
    given = [*map(str, copies), "--sources", str(sources), "--lang", "en"]
    expected = comments(capsys, *given)
    assert main(["comments", *given]) == 0
    lines = capsys.readouterr().out.splitlines()
    first = expected[0]
    assert lines[0] == (f"data/talous.yaml:{first['line']}:{first['column']}: page "
                        f"{first['page']}: Anna (2026-11-30T10:15:00+02:00) [highlight] “2 000” "
                        "— Onko tämä oikein? [open]")  # fmt: skip
    assert len(lines) == 3
    assert main(["comments", *given, "--format", "csv", "-o", str(tmp_path / "c.csv")]) == 0
    data = (tmp_path / "c.csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert [{k: str(v) for k, v in c.items()} for c in expected] == rows
    assert main(["comments", *given, "--format", "xlsx", "-o", str(tmp_path / "c.xlsx")]) == 0
    sheet = load_workbook(tmp_path / "c.xlsx").active
    header, *body = list(sheet.values)
    assert list(header) == list(expected[0])
    # An empty cell reads back as None.
    read = [{k: "" if v is None else v for k, v in zip(header, row, strict=True)} for row in body]
    assert read == expected
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["I"].width > sheet.column_dimensions["B"].width


def test_a_pdf_that_names_no_sources_is_reported(tmp_path, capsys):
    document = pikepdf.new()
    document.add_blank_page()
    document.pages[0].obj.Annots = Array([document.make_indirect(note((100, 700), "A", "x"))])
    document.save(tmp_path / "muu.pdf")
    assert main(["comments", str(tmp_path / "muu.pdf"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "muu.pdf names no places in the sources" in err and "Traceback" not in err


@pytest.mark.parametrize("kind", ["not a pdf", "encrypted", "missing"])
def test_an_unreadable_pdf_is_named_without_a_traceback(book, tmp_path, capsys, kind):
    path = tmp_path / "kopio.pdf"
    if kind == "not a pdf":
        path.write_text("hello", encoding="utf-8")
    elif kind == "encrypted":
        with pikepdf.open(book[1]) as document:
            document.save(path, encryption=pikepdf.Encryption(user="salainen", owner="x"))
    assert main(["comments", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "kopio.pdf" in err and "Traceback" not in err


def test_the_drafts_own_annotations_are_no_comments(tmp_path, capsys):
    figures = (MINIMAL / "data/talous.yaml").read_text(encoding="utf-8")
    wrong = figures.replace("toimintakate:   [-4 000", "toimintakate:   [-4 100")
    sources = copy_book(MINIMAL, tmp_path / "sources", {"data/talous.yaml": wrong})
    draft = tmp_path / "luonnos.pdf"
    main(["build", str(sources), "--draft", "-o", str(draft)])
    capsys.readouterr()
    assert any(a["/Subtype"] == "/Highlight" for page in PdfReader(draft).pages
               for a in (page.get("/Annots") or []))  # fmt: skip
    assert comments(capsys, str(draft), "--sources", str(sources)) == []


def test_glyphs_stand_where_another_reader_places_the_text(book):
    _, pdf = book
    reader, compared = PdfReader(pdf), 0
    for number, page in enumerate(pikepdf.open(pdf).pages):
        starts = []

        def text(value, cm, tm, font, size, starts=starts):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            # Where its first character is drawn; the page numbers at the foot are drawn
            # in forms, which are artifacts and not read.
            if value[:1].strip() and y > 45:
                starts.append((value[0], round(x), round(y)))

        reader.pages[number].extract_text(visitor_text=text)
        glyphs = {(g.text, round(g.box[0]), round(g.box[1] + (g.box[3] - g.box[1]) / 5))
                  for g in page_glyphs(page, lambda mcid: "")}  # fmt: skip
        assert set(starts) <= glyphs
        compared += len(starts)
    assert compared > 40


def glyph(text: str, x: float, y: float, source: str = "a.md:1:1") -> Glyph:
    return Glyph(text, (x, y, x + 5, y + 10), source)


def test_a_hyphenated_line_end_is_joined_and_lines_are_spaced():
    line = [glyph(c, 10 + 5 * i, 100) for i, c in enumerate("talous\u00ad")]
    rest = [glyph(c, 10 + 5 * i, 88) for i, c in enumerate("arvio on")]
    more = [glyph(c, 10 + 5 * i, 76) for i, c in enumerate("hyvä")]
    assert joined(line + rest + more) == "talousarvio on hyvä"


def test_a_quote_is_found_in_the_source_across_lines_and_markup():
    text = "# Otsikko\n\nEnsin *jotain*\nja sitten talous-\narvio -5 000.\n"
    assert refined("a.md:3:1", "jotain ja sitten", text) == ("a.md", 3, 8)
    assert refined("a.md:3:1", "−5 000", text) == ("a.md", 5, 7)
    assert refined("a.md:3:1", "ei ole", text) == ("a.md", 3, 1)
    assert refined("a.md:3:1", "Otsikko", text) == ("a.md", 3, 1)  # before the block


def test_a_note_points_at_the_block_on_its_line_or_above_it():
    glyphs = (glyph("a", 10, 100, "a.md:1:1"), glyph("b", 10, 80, "a.md:3:1"),
              glyph("c", 10, 60, "a.md:5:1"))  # fmt: skip

    def at(y: float) -> str:
        made = Annotation(1, "note", (0, y - 20, 20, y), (), "", "", "", "open")
        return locate(made, glyphs).source

    assert (at(85), at(75), at(200), at(10)) == ("a.md:3:1", "a.md:3:1", "a.md:1:1", "a.md:5:1")


def test_a_pdf_date_is_given_in_iso_8601():
    assert iso_date("D:20261130142500+02'00'") == "2026-11-30T14:25:00+02:00"
    assert iso_date("D:20261130142500Z") == "2026-11-30T14:25:00Z"
    assert iso_date("D:20261130") == "2026-11-30"
    assert iso_date("eilen") == "eilen"


def test_the_cli_refuses_a_workbook_on_the_terminal(book, capsys):
    assert main(["comments", str(book[1]), "--format", "xlsx", "--lang", "en"]) == 2
    assert "-o" in capsys.readouterr().err


def test_a_copy_moved_elsewhere_still_finds_its_sources(book, copies, capsys, tmp_path):
    moved = shutil.copy(copies[0], tmp_path / "toinen.pdf")
    found = comments(capsys, str(moved), "--sources", str(book[0]))
    assert {c["file"] for c in found} == {"data/talous.yaml", "luvut/01.md"}


def carried_notes(pdf: Path) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """The draft's notes of carried comments: page, words, rectangle."""
    with pikepdf.open(pdf) as document:
        return [(number, str(a.Contents), tuple(float(v) for v in a.Rect))
                for number, page in enumerate(document.pages, start=1)
                for a in page.obj.get(Name.Annots, ()) if a.Subtype == Name.Text]  # fmt: skip


def carried_from(comment: str) -> str:
    """A carried note's words, in the book's language as the draft shows them."""
    said = tr("{author}: {comment} (carried from page {page})", author="Anna", comment=comment,
              page=4)  # fmt: skip
    return said.render(load_language("fi"))


def test_a_draft_carries_open_comments_to_where_their_words_now_stand(
    book, copies, tmp_path, capsys
):
    sources = copy_book(book[0], tmp_path / "sources")
    chapter = sources / "luvut" / "01.md"
    text = chapter.read_text(encoding="utf-8")
    # A paragraph added above the commented one; the struck word's comment is accepted,
    # the highlighted figure is left as it was.
    text = text.replace("Toinen kappale", "Uusi kappale on tässä.\n\nToinen kappale")
    chapter.write_text(text, encoding="utf-8")
    draft, final = tmp_path / "luonnos.pdf", tmp_path / "kirja.pdf"
    given = ["--comments", *map(str, copies), "-o", str(draft), "--lang", "en"]
    assert main(["build", str(sources), "--draft", *given]) == 0
    notes = carried_notes(draft)
    assert [words for _, words, _ in notes] == [
        carried_from("Tämä kappale on liian pitkä."), carried_from("Onko tämä oikein?")
    ]  # fmt: skip
    # Each beside what it is about: the paragraph now a line lower, the figure's row.
    with pikepdf.open(draft) as document:
        page = document.pages[notes[0][0] - 1]
        paragraph, row = word_box(page, "Toinen kappale"), word_box(page, "Myyntituotot")
    for (_, _, rect), about in zip(notes, (paragraph, row), strict=True):
        assert rect[1] < about[3] and about[1] < rect[3]
    # Read again from a reviewed copy of this draft, the carried notes are no comments.
    assert comments(capsys, str(draft), "--sources", str(sources)) == []
    # The notes move no word: the draft's pages hold the book's text where the book has it.
    assert main(["build", str(sources), "-o", str(final)]) == 0
    glyphs = [{(g.text, round(g.box[0], 1), round(g.box[1], 1)) for g in page_glyphs(p, str)}
              for p in pikepdf.open(final).pages]  # fmt: skip
    drawn = [{(g.text, round(g.box[0], 1), round(g.box[1], 1)) for g in page_glyphs(p, str)}
             for p in pikepdf.open(draft).pages]  # fmt: skip
    assert len(drawn) == len(glyphs) + 1  # and the report
    assert all(book_page <= page for book_page, page in zip(glyphs, drawn, strict=False))


def test_a_comment_whose_words_are_gone_is_reported(book, copies, tmp_path, capsys):
    sources = copy_book(book[0], tmp_path / "sources")
    figures = sources / "data" / "talous.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("2 000", "2 500"), "utf-8")
    draft = tmp_path / "luonnos.pdf"
    capsys.readouterr()
    status = main(["build", str(sources), "--draft", "--comments", str(copies[0]),
                   "-o", str(draft), "--lang", "en"])  # fmt: skip
    assert status == 0
    err = capsys.readouterr().err
    assert "talous.yaml:5:" in err and "the words “2 000” are gone" in err
    assert [w for _, w, _ in carried_notes(draft)] == [carried_from("Tämä kappale on liian pitkä.")]
    report = " ".join(p.extract_text() for p in PdfReader(draft).pages[-1:])
    assert "2 000" in report and "Onko tämä oikein?" in report


def test_every_element_of_a_source_block_names_its_place(book):
    from tests.tagged import read_tagged

    sources, pdf = book
    root = read_tagged(pdf).root
    chapter = root.find("Sect")[0]
    blocks = chapter.find("H1", "H2", "P", "LI", "Table", "TR", "TH", "TD")
    assert blocks and all("kkpdf:source" in element.attributes for element in blocks)
    places: dict[str, str] = {}
    for element in blocks:  # the first of the same words: the heading before the caption
        places.setdefault(element.text.strip(), element.attributes["kkpdf:source"])
    assert places["Keskus"] == "luvut/01.md:1:1"
    assert places["Keskukseen kuuluvat:"] == "luvut/01.md:3:1"
    line, column = line_of(sources, "data/talous.yaml", "myyntituotot")
    assert places["Myyntituotot"] == f"data/talous.yaml:{line}:{column}"
    # The contents name no source: they are made, not written.
    assert all("kkpdf:source" not in e.attributes for e in root.find("TOC")[0].walk())


def test_a_damaged_structure_that_leads_in_circles_leaves_a_comment_nowhere(
    copies, tmp_path, capsys
):
    damaged = tmp_path / "rikki.pdf"
    with pikepdf.open(copies[0]) as document:
        page = document.pages[page_with(document, "Toinen kappale")]
        tree = document.Root.StructTreeRoot.ParentTree.Nums
        elements = dict(zip(list(tree)[::2], list(tree)[1::2], strict=True))
        for element in elements[int(page.obj.StructParents)]:
            if Name.A in element:
                del element[Name.A]
            element.P = element  # its own parent
        document.save(damaged)
    found = comments(capsys, str(damaged))
    nowhere = [(c["file"], c["line"], c["kind"]) for c in found]
    assert nowhere == [("", 0, "note"), ("", 0, "highlight")]


def test_every_place_a_comment_can_be_carried_to_is_drawn(tmp_path):
    """A comment on each text of the whole example book (paragraphs, headings, table
    captions, rows and computed lines) shows as a note: none is carried where the
    draft draws nothing."""
    from kkpdf.build import DraftRequest, build_book, compile_document
    from kkpdf.diagnostics import DiagnosticSink
    from kkpdf.files import path_in_sources
    from kkpdf.proof.carry import block_texts
    from tests.conftest import FONTS, TOWN

    book = compile_document(TOWN, DiagnosticSink(), edition="fi")
    root = book.info.span.path.parent
    places = {span: text for span, text in block_texts(book) if text}
    comments = [Comment(path_in_sources(span.path, root), span.line, span.column, 1, "A", "",
                        "highlight", text, str(number), "open")
                for number, (span, text) in enumerate(places.items())]  # fmt: skip
    draft = DraftRequest(datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC),
                         comments=tuple(comments))  # fmt: skip
    built = build_book(TOWN, FONTS, DiagnosticSink(), draft=draft, edition="fi")
    (tmp_path / "luonnos.pdf").write_bytes(built.pdf)
    notes = carried_notes(tmp_path / "luonnos.pdf")
    drawn = {words.split(": ")[1].split(" (")[0] for _, words, _ in notes}
    assert len(places) > 100
    assert drawn == {str(number) for number in range(len(places))}


def test_a_reviewers_control_characters_are_printed_escaped_in_text_and_json():
    said = "ok\u202eelyt\u0000"  # a right-to-left override turns the line around
    comment = Comment("luvut/01.md", 3, 1, 1, "Tarkastaja", "", "note", "", said, "")
    text = as_text([comment], ENGLISH).decode("utf-8")
    assert "\u202e" not in text and "\\u202e" in text and "\\u0000" in text
    document = as_json([comment], ENGLISH).decode("utf-8")
    assert "\u202e" not in document
    assert json.loads(document)[0]["comment"] == said  # JSON escapes lose nothing
