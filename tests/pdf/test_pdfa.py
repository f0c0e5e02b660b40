"""PDF/A and PDF/UA as pikepdf's validator sees them, and the build's date in the file."""

from __future__ import annotations

import datetime
import io

import pikepdf
from pikepdf import Name, pdfa

from kkpdf.pdf.finish import finish_pdf
from kkpdf.pdf.pdfa import Attachment, pdfa_findings
from tests.conftest import SOURCES

DATE = datetime.datetime(2022, 12, 14, 12, 0, tzinfo=datetime.UTC)


def test_the_book_is_pdf_a_2a_and_pdf_ua_1(shipped_pdf):
    assert pdfa_findings(shipped_pdf.read_bytes(), 2) == []
    with pikepdf.open(shipped_pdf) as document:
        meta = document.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "A")
        assert meta["pdfuaid:part"] == "1"
        assert (
            b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in document.Root.Metadata.read_bytes()
        )
        assert meta["dc:title"] == "Talousarvio 2023 ja taloussuunnitelma 2023–2025"
        assert set(meta["dc:language"]) == {"fi-FI"}
        assert all(Name.Trans not in page.obj for page in document.pages)
        (intent,) = document.Root.OutputIntents
        assert intent.S == Name.GTS_PDFA1
        for page in document.pages:
            for annotation in page.get(Name.Annots, []):
                assert int(annotation.F) & 4, "an annotation that does not print"


def test_pikepdf_findings_beyond_level_b_are_the_only_ones_set_aside(shipped_pdf):
    report = pdfa.validate_written(shipped_pdf, "2b")
    # level A, pdfuaid:part, and the schema that describes it with its three namespaces
    assert len(report.findings) == 6
    assert pdfa_findings(shipped_pdf.read_bytes(), 2) == []


def test_dates_are_the_given_date_not_the_clock(shipped_book, laid_out):
    finished = finish_pdf(laid_out.pdf, shipped_book.info, laid_out.structure, date=DATE)
    with pikepdf.open(io.BytesIO(finished)) as document:
        assert str(document.docinfo.CreationDate).startswith("D:20221214120000+00'00")
        assert str(document.docinfo.ModDate).startswith("D:20221214120000+00'00")
        meta = document.open_metadata()
        assert meta["xmp:CreateDate"].startswith("2022-12-14T12:00:00")
        assert meta["xmp:MetadataDate"].startswith("2022-12-14T12:00:00")


def test_the_colour_profile_carries_the_build_date_not_the_clock(shipped_book, laid_out):
    made = [
        finish_pdf(laid_out.pdf, shipped_book.info, laid_out.structure, date=DATE) for _ in range(2)
    ]
    assert made[0] == made[1]
    with pikepdf.open(io.BytesIO(made[0])) as document:
        icc = document.Root.OutputIntents[0].DestOutputProfile.read_bytes()
    assert icc[24:30] == bytes([0x07, 0xE6, 0, 12, 0, 14])  # 2022-12-14


def test_embedded_sources_make_pdf_a_3a_with_source_relationships(shipped_book, laid_out):
    data = (SOURCES / "data" / "talous.yaml").read_bytes()
    finished = finish_pdf(
        laid_out.pdf,
        shipped_book.info,
        laid_out.structure,
        date=DATE,
        attachments=(Attachment("data/talous.yaml", data),),
    )
    assert pdfa_findings(finished, 3) == []
    with pikepdf.open(io.BytesIO(finished)) as document:
        (spec,) = document.Root.AF
        assert spec.AFRelationship == Name.Source
        assert document.attachments["data/talous.yaml"].get_file().read_bytes() == data
        assert document.open_metadata()["pdfaid:part"] == "3"
