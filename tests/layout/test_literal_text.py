"""Text is text: what ReportLab's paragraph markup would act on prints as typed."""

from __future__ import annotations

from pypdf import PdfReader

from kkpdf.cli import main
from tests.conftest import MINIMAL

HOSTILE = [
    "A & B <b>lihava</b>",
    '<font color="red" size="40">iso</font>',
    '<link href="javascript:alert(1)">klikkaa</link>',
    '<img src="/etc/passwd"/>',
    '<a name="x"/>&amp; &lt;',
]


def test_markup_in_every_kind_of_text_prints_literally(minimal_book, tmp_path, capsys):
    quoted = [text.replace('"', '\\"') for text in HOSTILE]
    book_yaml = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    book_yaml = book_yaml.replace("title: Testikirja 2023", f'title: "{quoted[0]}"')
    book_yaml = book_yaml.replace("subject: Testikirja", f'subject: "{quoted[1]}"')
    book = minimal_book(
        {
            "book.yaml": book_yaml,
            "luvut/01.md": f"# {HOSTILE[0]}\n\n{HOSTILE[1]}\n\n- {HOSTILE[2]}\n\n"
            "```{finance-table} keskus\n```\n\n```{goal-table} teema\n```\n",
            "data/yksikot.yaml": f'keskus:\n  name: "{quoted[3]}"\n',
            "data/tilit.yaml": f'myyntituotot: {{label: "{quoted[4]}", kind: revenue}}\n',
            "data/talous.yaml": "keskus:\n  years: [2021]\n  rows:\n    myyntituotot: [1]\n",
            "data/tavoitteet.yaml": "columns: {goal: Tavoite}\ntables:\n  teema:\n"
            f'    - goal: "{quoted[2]} {quoted[3]}"\n',
        }
    )
    output = tmp_path / "kirja.pdf"
    assert main(["build", str(book), "-o", str(output)]) == 0, capsys.readouterr().err

    reader = PdfReader(output)
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    for hostile in HOSTILE:
        assert hostile in text.replace("  ", " ")
    assert reader.metadata.title == HOSTILE[0]
    assert reader.metadata.subject == HOSTILE[1]
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            assert action is None or action.get("/S") == "/GoTo"  # contents links only
        xobjects = page["/Resources"].get("/XObject") or {}
        kinds = {str(x.get_object()["/Subtype"]) for x in xobjects.values()}
        assert kinds <= {"/Form"}, "an image was drawn"
