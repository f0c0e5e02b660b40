"""The book as independent validators see it: PDF/UA-1 and PDF/A level A.

veraPDF (the reference implementation of both standards' machine-checkable
rules) and page-validation (a second, separate implementation of the PDF/UA-1
rules) check the book as built, with its sources attached, and signed. An
untagged PDF shows that the validators can say no.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import page as page_validation
import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from kkpdf.build import DraftRequest, build_pdf
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.publish.signing import sign_book
from tests.conftest import FONTS, SOURCES, finished, lay_out_book, parts_book
from tests.publish.test_signing import PASSPHRASE, Authority
from tests.tools.verapdf import validate

# The books each veraPDF profile must pass: the book as printed and signed, in both
# editions and in parts, is PDF/A-2a and PDF/UA-1; with its sources attached, PDF/A-3a.
ARCHIVAL = ("shipped", "signed", "parts", "parts moved", "whole book", "whole book split",
            "town", "swedish", "town swedish")  # fmt: skip
PASSING = {"ua1": (*ARCHIVAL, "embedded", "long", "stress"), "2a": ARCHIVAL, "3a": ("embedded",)}


@pytest.fixture(scope="module")
def books(
    shipped_pdf,
    long_pdf,
    stress_pdf,
    parted_pdfs,
    parts_pdf,
    town_pdf,
    tmp_path_factory,
    shipped_swedish_pdf,
    town_swedish_pdf,
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("validated")
    sink = DiagnosticSink()
    embedded = folder / "embedded.pdf"
    build_pdf(SOURCES, embedded, FONTS, sink, embed_sources=True)
    draft = folder / "draft.pdf"
    made = datetime.datetime(2022, 12, 1, 9, 0, tzinfo=datetime.UTC)
    build_pdf(SOURCES, draft, FONTS, sink, draft=DraftRequest(made))
    authority = Authority(folder)
    signed = folder / "signed.pdf"
    signed.write_bytes(sign_book(shipped_pdf.read_bytes(), authority.p12, PASSPHRASE,
                                 reason="Hyväksytty", location="Loviisa"))  # fmt: skip
    # A whole book in parts, laid out whole and in two.
    parts_split = folder / "parts-split.pdf"
    parts_split.write_bytes(finished(*lay_out_book(parts_book(folder / "parts"), split_weight=0)))
    untagged = folder / "untagged.pdf"
    canvas = Canvas(str(untagged), lang="fi-FI")
    canvas.drawString(72, 72, "hei")
    canvas.save()
    # The long and the stress book: tables and paragraphs across pages; a span longer
    # than a page, a heading in another language, an empty list item.
    # Two books laid out in two parts and joined: the second part's pages where
    # they were laid out, and moved to the other side of the sheet.
    return {"long": long_pdf, "stress": stress_pdf[0],
            "shipped": shipped_pdf, "embedded": embedded, "signed": signed,
            "draft": draft, "untagged": untagged,
            "parts": parted_pdfs["in place"], "parts moved": parted_pdfs["moved"],
            "whole book": parts_pdf, "whole book split": parts_split,
            "town": town_pdf, "swedish": shipped_swedish_pdf,
            "town swedish": town_swedish_pdf}  # fmt: skip


@pytest.fixture(scope="module")
def verapdf(books) -> dict[tuple[str, str], list]:
    """Failed checks by (profile, book): one Java start per profile."""
    # The untagged PDF is validated too, to be found wanting.
    runs = {profile: (*names, "untagged") if profile == "ua1" else names
            for profile, names in PASSING.items()}  # fmt: skip
    found = {}
    for profile, names in runs.items():
        results = validate(profile, *(books[name] for name in names))
        for name in names:
            found[profile, name] = results[books[name]]
    return found


@pytest.mark.parametrize(
    ("profile", "book"), [(profile, book) for profile, names in PASSING.items() for book in names]
)
def test_verapdf_finds_nothing(verapdf, profile, book):
    assert verapdf[profile, book] == []


def test_verapdf_finds_an_untagged_pdf_wanting(verapdf):
    rules = {failure.rule for failure in verapdf["ua1", "untagged"]}
    assert {"6.2-1", "7.1-3"} <= rules  # not marked as tagged; content not tagged


@pytest.mark.parametrize(
    "book",
    [
        "shipped",
        "embedded",
        "signed",
        "long",
        "stress",
        "parts",
        "parts moved",
        "whole book",
        "whole book split",
        "swedish",
        "town swedish",
    ],
)
def test_a_second_validator_agrees(books, book):
    report = page_validation.validate_pdf(str(books[book]), profile="ua1")
    assert report.is_compliant, [f.message for f in report.failures]


def test_the_second_validator_can_say_no(books):
    report = page_validation.validate_pdf(str(books["untagged"]), profile="ua1")
    assert not report.is_compliant


def test_a_draft_is_tagged_but_claims_neither_standard(books):
    with pikepdf.open(books["draft"]) as document:
        assert document.Root.MarkInfo.Marked is True
        meta = document.open_metadata()
        assert "pdfuaid:part" not in meta and "pdfaid:part" not in meta


def test_signing_keeps_the_identification_of_both(books):
    with pikepdf.open(io.BytesIO(books["signed"].read_bytes())) as document:
        meta = document.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"], meta["pdfuaid:part"]) == (
            "2",
            "A",
            "1",
        )
        assert "/StructTreeRoot" in document.Root
