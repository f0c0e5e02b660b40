"""A proof's marks, drawn over the book's own pages: what they show, and that they move nothing."""

from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest
from pypdf import PdfReader

from kkpdf.build import check_sources, compile_document
from kkpdf.cli import main
from kkpdf.diagnostics import DiagnosticSink, Severity
from kkpdf.layout.styles import BINDING_FILL, WARNING_FILL
from kkpdf.proof.changes import BLANK, Change, ChangeKind
from kkpdf.proof.draft import _expected, draft_marks
from tests.conftest import FONTS, MINIMAL, SOURCES, copy_book
from tests.proof.test_draft import change_bars, committed, git, text_of, word_places
from tests.tagged import annotations


def edited(book, path: str, *replacements: tuple[str, str]) -> None:
    file = book / path
    text = file.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    file.write_text(text, encoding="utf-8")


HR = "Henkilöstöhallintotiimi (HR-tiimi) tuottaa"


@pytest.fixture(scope="module")
def proofread(tmp_path_factory):
    """The shipped book committed, then changed as an editor would: words inserted and
    removed in one paragraph, the next paragraph removed, two figures changed (their
    sums still agree); its final book and its proof against the commit."""
    tmp = tmp_path_factory.mktemp("proofread")
    book = committed(SOURCES, tmp / "repo")
    chapter = "luvut/02-kaupunginkansliapalvelut.md"
    text = (book / chapter).read_text(encoding="utf-8")
    removed = next(p for p in text.split("\n\n") if p.startswith(HR))
    edited(book, chapter, ("Viestintätiimi koordinoi", "Viestintätiimi koordinoi aina"),
           ("kehittää viestinnän", "kehittää"), (removed + "\n\n", ""))  # fmt: skip
    edited(
        book,
        "data/talous.yaml",
        ("-18 784", "-18 684"),
        ("-5 939,          ~]", "-5 839,          ~]"),
    )
    final = tmp / "kirja.pdf"
    assert main(["build", str(book), "--edition", "fi", "-o", str(final)]) == 0
    assert main(["build", str(book), "--edition", "fi", "--since", "HEAD"]) == 0
    (proof,) = (tmp / "repo" / "output").glob("*.pdf")
    return book, final, proof, removed


def test_a_proof_leaves_every_word_of_the_book_where_it_stands(proofread):
    """Removed words, a removed paragraph and changed figures are drawn over the page:
    the proof's pages are the book's, word for word, up to its reports."""
    _, final, proof, _ = proofread
    book_pages, proof_pages = word_places(final), word_places(proof)
    total = str(len(book_pages))
    for number, (words, marked) in enumerate(zip(book_pages, proof_pages, strict=False), 1):
        moved = {w for w in words - marked if w[0] != total}
        assert not moved, f"page {number}: {sorted(moved, key=lambda w: w[2])[:5]}"


def test_a_proof_is_named_and_stamped_by_the_revisions_it_compares(proofread):
    book, _, proof, _ = proofread
    head = subprocess.run([*git(book.parent), "log", "-1", "--format=%h"], capture_output=True,
                          text=True, check=True).stdout.strip()  # fmt: skip
    # Edited since the commit: the new revision is the commit and "+".
    assert (
        proof.name
        == f"loviisa-talousarvio-2023-kaupunginkansliakeskus-muutokset-{head}..{head}+.pdf"
    )
    reader = PdfReader(proof)
    for page in reader.pages[2:]:  # the covers have no footer
        assert f"muutokset {head}..{head}+" in text_of(page)
    with pikepdf.open(proof) as document:
        label = str(document.open_metadata()["xmp:Label"])
    assert re.fullmatch(
        rf"LUONNOS .* · muutokset {head} \(\d+\.\d+\.\d{{4}}\)\.\.{head}\+ \(.*\)", label
    )


def page_of(reader: PdfReader, text: str) -> int:
    return next(n for n, page in enumerate(reader.pages, 1) if text in text_of(page))


def test_a_removed_paragraph_is_noted_on_the_page_where_it_stood(proofread):
    _, _, proof, removed = proofread
    reader = PdfReader(proof)
    page = page_of(reader, "Viestintätiimi koordinoi aina")
    notes = [str(a["/Contents"]) for n, a in annotations(reader, "/Text") if n == page]
    assert any(" ".join(removed.split())[:60] in " ".join(note.split()) for note in notes), notes


def test_removed_words_are_noted_on_the_page_where_they_stood(proofread):
    _, _, proof, _ = proofread
    reader = PdfReader(proof)
    page = page_of(reader, "Viestintätiimi koordinoi aina")
    notes = [str(a["/Contents"]) for n, a in annotations(reader, "/Highlight") if n == page]
    assert any("viestinnän" in note for note in notes), notes


def test_a_changed_figure_names_its_old_value_in_its_note(proofread):
    _, _, proof, _ = proofread
    reader = PdfReader(proof)
    notes = [str(a["/Contents"]) for _, a in annotations(reader, "/Highlight")]
    assert any("aiemmin −18\u00a0784" in note or "aiemmin −18 784" in note for note in notes), notes


WARNED_BINDING = """keskus:
  years: [2021, 2022, 2023]
  binding: true
  rows:
    myyntituotot:   [1 000,  2 000,  3 000]
    toimintatuotot: [1 000,  2 000,  3 000]
    toimintakulut:  [-5 000, -6 000, -7 000]
    toimintakate:   [-4 000, -4 000, -4 001]
    poistot:        [-100,  ~,  ~]
"""


def fills(pdf, page: int) -> list[tuple[float, ...]]:
    """The fill colours a page sets, in the order it sets them."""
    with pikepdf.open(pdf) as document:
        return [
            tuple(round(float(x), 3) for x in operands)
            for operands, operator in pikepdf.parse_content_stream(document.pages[page - 1])
            if str(operator) == "rg"
        ]


def test_a_warning_shows_on_the_shaded_binding_row(tmp_path):
    book = copy_book(MINIMAL, tmp_path / "src", {"data/talous.yaml": WARNED_BINDING})
    output = tmp_path / "luonnos.pdf"
    assert main(["build", str(book), "--draft", "-o", str(output)]) == 0
    reader = PdfReader(output)
    page = next(n for n, p in enumerate(reader.pages, 1) if "−4 001" in text_of(p))
    order = fills(output, page)
    binding, warning = (
        tuple(round(c, 3) for c in colour.rgb()) for colour in (BINDING_FILL, WARNING_FILL)
    )
    # The row's shade is laid first and the warning's tint over it.
    assert order.index(binding) < len(order) - 1 - order[::-1].index(warning)


def test_every_finding_on_a_cell_has_its_note():
    """The shipped book's Toimintatuotot TP 2021 is off its parts and off the units'
    tables, both within the rounding tolerance: its note says both."""
    sink = DiagnosticSink()
    book = check_sources(SOURCES, FONTS, sink).book
    cells: dict = {}
    for diagnostic in sink.diagnostics:
        if diagnostic.figure is not None:
            cells.setdefault(diagnostic.span, []).append(diagnostic)
    assert max(len(found) for found in cells.values()) == 2
    marks = draft_marks(book, "LUONNOS", sink.diagnostics)
    for span, found in cells.items():
        severity, notes = marks.cell_notes[span]
        assert notes == tuple(_expected(d.figure.expected, d.message) for d in found)
        errors = any(d.severity is Severity.ERROR for d in found)
        assert severity is (Severity.ERROR if errors else Severity.WARNING)


def test_a_blank_old_figure_is_said_in_words_not_as_a_dash(minimal_book):
    book = compile_document(minimal_book(), DiagnosticSink())
    cell = book.finance_tables[0].rows[-1].cells[1]
    change = Change(ChangeKind.FIGURE, cell.span, "", "5", "Keskus, Poistot TA 2022")
    marks = draft_marks(book, "LUONNOS", [], changes=[change])
    assert marks.old_figures[cell.span] is BLANK


@pytest.fixture(scope="module")
def long_proof(tmp_path_factory):
    """The generated 300-page book committed, then edited in three chapters: a
    paragraph reworded (words in and out), a paragraph removed, a paragraph moved to
    another chapter; its final book and its proof."""
    from kkpdf.devtools.generate import generate_book

    tmp = tmp_path_factory.mktemp("long")
    repo = tmp / "repo"
    generate_book(repo / "sources", 24)
    subprocess.run([*git(repo), "init", "-q"], check=True)
    subprocess.run([*git(repo), "add", "."], check=True)
    subprocess.run([*git(repo), "commit", "-qm", "talousarvio"], check=True)
    chapters = repo / "sources" / "luvut"

    def paragraphs(name: str) -> list[str]:
        return (chapters / name).read_text(encoding="utf-8").split("\n\n")

    def write(name: str, parts: list[str]) -> None:
        (chapters / name).write_text("\n\n".join(parts), encoding="utf-8")

    first = paragraphs("03-2-keskus_03_alue_2.md")
    index = next(i for i, p in enumerate(first) if len(p) > 200 and not p.startswith("#"))
    words = first[index].split(" ")
    first[index] = " ".join([*words[:3], "aina", *words[3:6], *words[7:]])
    moved = first.pop(index + 1) if len(first[index + 1]) > 200 else None
    write("03-2-keskus_03_alue_2.md", first)
    second = paragraphs("12-1-keskus_12_alue_1.md")
    index = next(i for i, p in enumerate(second) if len(p) > 200 and not p.startswith("#"))
    del second[index]
    if moved is not None:
        second.insert(index, moved)
    write("12-1-keskus_12_alue_1.md", second)
    final = tmp / "kirja.pdf"
    assert main(["build", str(repo / "sources"), "--edition", "fi", "-o", str(final)]) == 0
    proof = tmp / "vedos.pdf"
    assert main(["build", str(repo / "sources"), "--edition", "fi", "--since", "HEAD", "-o",
                 str(proof)]) == 0  # fmt: skip
    return final, proof


def test_a_proof_of_the_300_page_book_has_the_books_pages_word_for_word(long_proof):
    final, proof = long_proof
    book_pages, proof_pages = word_places(final), word_places(proof)
    assert len(book_pages) > 300
    total = str(len(book_pages))
    for number, (words, marked) in enumerate(zip(book_pages, proof_pages, strict=False), 1):
        moved = {w for w in words - marked if w[0] != total}
        assert not moved, f"page {number}: {sorted(moved, key=lambda w: w[2])[:5]}"
    assert change_bars(proof)[:1] != [], "the edits are marked"
