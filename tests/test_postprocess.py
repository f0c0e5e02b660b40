"""The last stage refuses a PDF an archive would reject, and writes all or nothing."""

from __future__ import annotations

import io
import os

import pytest
from reportlab.pdfgen.canvas import Canvas

from kkpdf.postprocess import OutputProblem, verify_pdf, write_atomically


def tiny_pdf(*, lang: str | None, font: str = "Helvetica") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, lang=lang)
    canvas.setFont(font, 12)
    canvas.drawString(72, 72, "hei")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_pdf_without_its_language_is_refused():
    with pytest.raises(OutputProblem, match="language fi-FI"):
        verify_pdf(tiny_pdf(lang=None), "fi-FI")


def test_an_unembedded_font_is_refused():
    with pytest.raises(OutputProblem, match="Helvetica on page 1 is not embedded"):
        verify_pdf(tiny_pdf(lang="fi-FI"), "fi-FI")


def test_the_shipped_book_passes(shipped_pdf):
    verify_pdf(shipped_pdf.read_bytes(), "fi-FI")


def test_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "kirja.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["kirja.pdf"]


def test_a_failed_write_leaves_no_partial_file(tmp_path):
    # A folder where the PDF should go: the final rename fails after the bytes are written.
    target = tmp_path / "kirja.pdf"
    target.mkdir()
    (target / "keep").write_text("x")
    with pytest.raises(OutputProblem, match="cannot write"):
        write_atomically(target, b"new")
    assert os.listdir(tmp_path) == ["kirja.pdf"]
    assert (target / "keep").read_text() == "x"
