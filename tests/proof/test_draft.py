"""Drafts and proofs, read back: marks, annotations, reports, change bars, old values."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from kkpdf.build import check_sources
from kkpdf.cli import main
from kkpdf.diagnostics import DiagnosticSink, StageFailed
from kkpdf.messages import load_language, tr
from tests.conftest import FONTS, MINIMAL, SOURCES, copy_book, outside_env
from tests.seed import SEED_SOURCES
from tests.tagged import annotations

STAMP = re.compile(r"LUONNOS \d{1,2}\.\d{1,2}\.\d{4} \d\d\.\d\d")


def text_of(page) -> str:
    return page.extract_text().replace("\u00a0", " ")


@pytest.fixture(scope="module")
def seed_draft(tmp_path_factory) -> PdfReader:
    output = tmp_path_factory.mktemp("draft") / "luonnos.pdf"
    assert main(["build", str(SEED_SOURCES), "--draft", "-o", str(output)]) == 0
    return PdfReader(output)


def test_every_page_is_marked_as_a_draft_with_its_date(seed_draft):
    for page in seed_draft.pages:
        assert STAMP.search(text_of(page)), "a page without the draft stamp"


FINNISH = load_language("fi")


def sink_of_seed() -> DiagnosticSink:
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        check_sources(SEED_SOURCES, FONTS, sink)
    return sink


def test_each_failing_cell_is_highlighted_with_its_expected_value(seed_draft):
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        check_sources(SEED_SOURCES, FONTS, sink)
    failing = {d.span for d in sink.diagnostics if d.figure is not None}
    # The cells that only follow from a wrong one are highlighted too, with the sum.
    failing |= {n.span for d in sink.diagnostics for n in d.notes if n.figure is not None}
    notes = [str(a["/Contents"]) for _, a in annotations(seed_draft, "/Highlight")]
    assert len(notes) == len(failing)
    # In the book's language, as its proofreaders read it.
    expected = FINNISH.translate("expected {figure}: {message}").split("{")[0]
    assert expected != "expected "
    assert any(f"{expected}−820 300" in note.replace("\u00a0", " ") for note in notes)
    assert any(f"{expected}12 000" in note.replace("\u00a0", " ") for note in notes)


def test_the_check_report_lists_every_diagnostic_with_a_link(seed_draft):
    # The report runs from its heading to the end (there is no list of changes).
    first = next(n for n, page in enumerate(seed_draft.pages, 1)
                 if "Tarkistusraportti" in text_of(page) and "virhe" in text_of(page))  # fmt: skip
    report = range(first, len(seed_draft.pages) + 1)
    text = " ".join(text_of(seed_draft.pages[n - 1]) for n in report).replace("\n", " ")
    error = sink_of_seed().errors[0]
    unknown = tr("unknown word '{word}'{suggestions}", word="geopolittisen", suggestions="")
    for message in (error.message, unknown):  # in Finnish, the book's language
        said = " ".join(message.render(FINNISH).split())
        assert said != str(message) and said[:30] in " ".join(text.split())
    links = [a for n, a in annotations(seed_draft, "/Link") if n in report]
    assert len(links) >= 18  # 4 errors, 6 rounding warnings, 8 misspellings


def test_a_final_build_carries_no_draft_marks(shipped_pdf):
    reader = PdfReader(shipped_pdf)
    assert not any(STAMP.search(text_of(page)) for page in reader.pages)
    assert "LUONNOS" not in " ".join(text_of(page) for page in reader.pages)
    assert list(annotations(reader, "/Highlight")) == []


def test_a_draft_never_takes_the_books_file_name(tmp_path):
    folder = tmp_path / "kirja"
    shutil.copytree(MINIMAL, folder)
    run = subprocess.run([sys.executable, "-m", "kkpdf", "build", str(folder), "--draft"],
                         cwd=tmp_path, capture_output=True, text=True,
                         env=outside_env())  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["testikirja-luonnos.pdf"]


def git(repo) -> list[str]:
    return ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]


def committed(source, repo):
    """A git repository at `repo` whose one commit holds a copy of the book `source`;
    the copy, to change after it."""
    book = copy_book(source, repo / "sources")
    subprocess.run([*git(repo), "init", "-q"], check=True)
    subprocess.run([*git(repo), "add", "."], check=True)
    subprocess.run([*git(repo), "commit", "-qm", "talousarvio"], check=True)
    return book


@pytest.fixture
def history(tmp_path):
    """A git repository whose book has one commit, then a reworded paragraph and a figure."""
    book = committed(MINIMAL, tmp_path / "repo")
    chapter = book / "luvut" / "01.md"
    text = chapter.read_text(encoding="utf-8")
    changed = text.replace("Keskukseen kuuluvat:", "Keskukseen kuuluvat nämä vastuualueet:")
    chapter.write_text(changed, encoding="utf-8")
    finance_file = book / "data" / "talous.yaml"
    finance_file.write_text(
        finance_file.read_text(encoding="utf-8").replace("[-100,", "[-150,"), "utf-8"
    )
    return book


def test_a_proof_marks_changes_and_lists_them(history, tmp_path):
    output = tmp_path / "proof.pdf"
    assert main(["build", str(history), "--since", "HEAD", "-o", str(output)]) == 0
    reader = PdfReader(output)
    pages = [" ".join(text_of(page).split()) for page in reader.pages]
    reworded, figure = FINNISH.translate("reworded"), FINNISH.translate("figure")
    assert (reworded, figure) != ("reworded", "figure")
    changes = next(n for n, text in enumerate(pages) if "Tarkistusraportti" in text)
    listed = pages[changes].replace("\n", " ")
    assert reworded in listed and figure in listed and "−100 → −150" in listed
    body = " ".join(pages[:changes])
    assert "−100" in body and "−150" in body  # the old figure stands beside the new
    # The page of the reworded paragraph, then the report's legend.
    assert change_bars(output) == [4, changes + 1]


def change_bars(pdf) -> list[int]:
    """Pages on which a line is stroked in the change-bar colour."""
    import pikepdf

    from kkpdf.layout.styles import CHANGE_BAR

    colour = [round(c, 3) for c in CHANGE_BAR.rgb()]
    pages = []
    with pikepdf.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            stroking = False
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "RG":
                    stroking = [round(float(x), 3) for x in operands] == colour
                elif str(operator) == "l" and stroking:
                    pages.append(number)
                    break
    return pages


def test_diff_lists_the_same_changes(history, capsys):
    assert main(["diff", "HEAD", "--sources", str(history), "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert {c["kind"] for c in changes} == {"reworded", "figure"}
    figure = next(c for c in changes if c["kind"] == "figure")
    assert (figure["old"].replace("\u00a0", " "), figure["new"]) == ("−100", "−150")


def test_diff_between_two_revisions_gives_their_positions_in_the_repository(history, capsys):
    subprocess.run([*git(history.parent), "commit", "-qam", "muutokset"], check=True)
    assert main(["diff", "HEAD~1", "HEAD", "--sources", str(history), "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert {c["kind"] for c in changes} == {"reworded", "figure"}
    # The folders the revisions were read into are gone: a position names the revision.
    assert {c["file"].split(":")[0] for c in changes} == {"HEAD"}
    assert {c["file"].split(":", 1)[1] for c in changes} == {
        f"{history.as_posix()}/luvut/01.md",
        f"{history.as_posix()}/data/talous.yaml",
    }
    assert main(["diff", "HEAD~1", "HEAD", "--sources", str(history)]) == 0
    assert "kkpdf-diff-" not in capsys.readouterr().out


def test_an_unreadable_version_to_compare_with_is_named(tmp_path, capsys):
    broken = shutil.copytree(MINIMAL, tmp_path / "vanha")
    (broken / "data" / "talous.yaml").write_text("keskus: [\n", encoding="utf-8")
    status = main(["build", str(MINIMAL), "--since", str(broken), "-o", str(tmp_path / "p.pdf")])
    assert status == 2
    err = capsys.readouterr().err
    assert "the version to compare with cannot be read" in err and "talous.yaml" in err


def test_a_draft_does_not_claim_pdf_a(tmp_path):
    import pikepdf

    output = tmp_path / "luonnos.pdf"
    assert main(["build", str(MINIMAL), "--draft", "-o", str(output)]) == 0
    with pikepdf.open(output) as document:
        assert "pdfaid:part" not in document.open_metadata()


def test_a_figure_with_the_wrong_sign_is_tinted_as_a_warning_with_the_sign_it_wants(
    minimal_book,
):
    from kkpdf.build import compile_document
    from kkpdf.checks.signs import check_signs
    from kkpdf.diagnostics import Severity
    from kkpdf.proof.draft import draft_marks

    rows = "    myyntituotot: [1 000, -2 000, 3 000]\n"
    table = f"keskus:\n  years: [2021, 2022, 2023]\n  rows:\n{rows}"
    sink = DiagnosticSink()
    book = compile_document(minimal_book({"data/talous.yaml": table}), sink)
    check_signs(book, sink)
    (warning,) = sink.diagnostics
    severity, (note,) = draft_marks(book, "LUONNOS", sink.diagnostics).cell_notes[warning.span]
    assert severity is Severity.WARNING
    said = str(note).replace("\u00a0", " ")
    assert said.startswith("expected 2 000: Myyntituotot TA 2022 is −2 000")


@pytest.mark.parametrize(
    ("file", "written", "misspelt"),
    [
        # A key-goal table's heading: the table's place is marked at its first heading
        # (the report's line used to end the draft in a traceback).
        ("data/tavoitteet.yaml", "goal: Tavoite", "goal: Tavoitexq"),
        # A row label is reported where it is written, in the chart of accounts, which
        # no page shows: the line leads to the first table printing the label.
        ("data/tilit.yaml", "label: Myyntituotot", "label: Myyntituototxq"),
    ],
)
def test_an_unknown_word_in_data_links_to_the_table_that_prints_it(
    tmp_path, file, written, misspelt
):
    from tests.conftest import copy_book

    text = (MINIMAL / file).read_text(encoding="utf-8").replace(written, misspelt)
    book = copy_book(MINIMAL, tmp_path / "src", {file: text})
    output = tmp_path / "draft.pdf"
    assert main(["build", str(book), "--draft", "-o", str(output)]) == 0
    reader = PdfReader(output)
    (link,) = [a for n, a in annotations(reader, "/Link") if n == len(reader.pages)]
    word = misspelt.split(": ")[1]
    table_page = next(n for n, page in enumerate(reader.pages, 1) if word in text_of(page))
    assert table_page < len(reader.pages)
    assert reader.pages.index(link["/Dest"][0].get_object()) + 1 == table_page


def word_places(pdf) -> list[set[tuple[str, float, float]]]:
    """Each page's words with where they stand, as poppler lays them out."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>')
    return [
        {(m[3], round(float(m[1]), 1), round(float(m[2]), 1)) for m in word.finditer(page)}
        for page in html.split("<page ")[1:]
    ]


def test_a_proof_leaves_every_word_where_the_book_has_it(tmp_path):
    """Marks are drawn over the page, never in its flow: a reworded paragraph in the
    middle of a page moves nothing below it, so the proof's pages are the book's."""
    book = committed(SOURCES, tmp_path / "repo")
    chapter = book / "luvut" / "02-kaupunginkansliapalvelut.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("Viestintätiimi koordinoi", "Viestintätiimi koordinoi aina"),
                       encoding="utf-8")  # fmt: skip
    final, proof = tmp_path / "kirja.pdf", tmp_path / "vedos.pdf"
    assert main(["build", str(book), "--edition", "fi", "-o", str(final)]) == 0
    assert main(["build", str(book), "--edition", "fi", "--since", "HEAD", "-o", str(proof)]) == 0
    assert change_bars(proof), "the reworded paragraph is marked"
    # Every word of the book stands where it stands in the proof; only "sivu 9 / 13"
    # counts the proof's own pages at the end.
    book_pages, proof_pages = word_places(final), word_places(proof)
    total = str(len(book_pages))
    proof_pages = proof_pages[: len(book_pages)]  # then its list of changes
    for number, (words, marked) in enumerate(zip(book_pages, proof_pages, strict=True), 1):
        moved = {w for w in words - marked if w[0] != total}
        assert not moved, f"page {number}: {sorted(moved, key=lambda w: w[2])[:5]}"


def test_diff_prints_a_changed_texts_control_characters_escaped(tmp_path, capsys):
    book = committed(MINIMAL, tmp_path / "repo")
    chapter = book / "luvut" / "01.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("Keskukseen kuuluvat:", "Keskukseen \u202ekuuluvat:"), "utf-8")
    main(["diff", "HEAD", "--sources", str(book)])
    printed = capsys.readouterr().out
    assert "\u202e" not in printed and "\\u202ekuuluvat" in printed
    main(["diff", "HEAD", "--sources", str(book), "--format", "json"])
    printed = capsys.readouterr().out
    assert "\u202e" not in printed and "\u202ekuuluvat" in json.loads(printed)[0]["new"]
