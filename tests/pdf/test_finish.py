"""The last stage: what it refuses, and bytes that depend on the sources and the date alone."""

from __future__ import annotations

import datetime
import hashlib
import io
import shutil

import pikepdf
import pytest
from pikepdf import Name
from reportlab.pdfgen.canvas import Canvas

from kkpdf.build import build_pdf
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.files import OutputProblem
from kkpdf.pdf.finish import finish_pdf
from kkpdf.pdf.pdfa import Attachment
from kkpdf.structure import Element, Structure
from tests.conftest import FONTS, SOURCES

NO_STRUCTURE = Structure(Element("Document"))

DATE = datetime.datetime(2022, 12, 14, 12, 0, tzinfo=datetime.UTC)


def tiny_pdf(*, lang: str | None) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, lang=lang)
    canvas.setFont("Helvetica", 12)  # a standard font, not embedded
    canvas.drawString(72, 72, "hei")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_pdf_without_its_language_is_refused(shipped_book):
    with pytest.raises(OutputProblem, match=r"^the PDF does not declare its language fi-FI$"):
        finish_pdf(tiny_pdf(lang=None), shipped_book.info, NO_STRUCTURE, date=DATE)


def test_an_unembedded_font_is_refused_when_validating(shipped_book):
    with pytest.raises(OutputProblem, match=r"^the PDF is not PDF/A-2a:\n  "):
        finish_pdf(
            tiny_pdf(lang="fi-FI"), shipped_book.info, NO_STRUCTURE, date=DATE, validate=True
        )


def test_only_a_validating_build_checks_the_bytes(shipped_book):
    # Validation costs time; a build that does not ask for it writes what it made.
    finished = finish_pdf(tiny_pdf(lang="fi-FI"), shipped_book.info, NO_STRUCTURE, date=DATE)
    with pikepdf.open(io.BytesIO(finished)) as document:
        assert document.open_metadata()["pdfaid:part"] == "2"


def test_a_draft_claims_neither_standard_and_is_not_validated(shipped_book):
    finished = finish_pdf(
        tiny_pdf(lang="fi-FI"),
        shipped_book.info,
        NO_STRUCTURE,
        date=DATE,
        validate=True,
        conforming=False,
        attachments=(Attachment("book.yaml", b"title: x\n"),),
    )
    with pikepdf.open(io.BytesIO(finished)) as document:
        meta = document.open_metadata()
        assert "pdfaid:part" not in meta and "pdfuaid:part" not in meta
        assert meta["dc:title"] == shipped_book.info.title
        # Everything else is done as for a conforming book.
        assert list(document.attachments) == ["book.yaml"]
        assert str(document.Root.StructTreeRoot.K.S) == "/Document"
        assert Name.OutputIntents in document.Root


def test_the_same_sources_give_the_same_bytes_anywhere(tmp_path):
    digests = []
    for place in ("first", "second/deeper"):
        sources = tmp_path / place / "sources"
        shutil.copytree(SOURCES, sources)
        sink = DiagnosticSink()
        epoch = {"SOURCE_DATE_EPOCH": "1671019200"}
        output = tmp_path / place / "kirja.pdf"
        result = build_pdf(sources, output, FONTS, sink, embed_sources=True, environ=epoch)
        digests.append(hashlib.sha256(result.output.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_another_date_gives_other_bytes(tmp_path):
    outputs = []
    for epoch in ("1671019200", "1671105600"):
        sink = DiagnosticSink()
        result = build_pdf(SOURCES, tmp_path / f"{epoch}.pdf", FONTS, sink,
                           environ={"SOURCE_DATE_EPOCH": epoch})  # fmt: skip
        outputs.append(result.output.read_bytes())
    assert outputs[0] != outputs[1]


def test_the_finished_file_is_compact_object_streams_and_compressed_streams(shipped_book):
    finished = finish_pdf(tiny_pdf(lang="fi-FI"), shipped_book.info, NO_STRUCTURE, date=DATE)
    assert b"/Type /ObjStm" in finished or b"/Type/ObjStm" in finished
    with pikepdf.open(io.BytesIO(finished)) as document:
        # The colour profile, added uncompressed, is written compressed.
        profile = document.Root.OutputIntents[0].DestOutputProfile
        assert profile.get(Name.Filter) == Name.FlateDecode
