"""PDF/A and PDF/UA as pikepdf's validator sees them, and the build's date in the file."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import io
import struct

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, pdfa

from kkpdf import __version__
from kkpdf.cache import read_entry
from kkpdf.files import OutputProblem
from kkpdf.pdf.finish import finish_pdf
from kkpdf.pdf.pdfa import (
    Attachment,
    add_output_intent,
    attach,
    check_pdfa,
    pdfa_findings,
    tidy_pages,
    write_metadata,
)
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


def annotated(flags: list[int | None]) -> pikepdf.Pdf:
    document = pikepdf.new()
    page = document.add_blank_page()
    page.obj.Trans = Dictionary()  # ReportLab's empty page transition
    page.obj.Annots = Array()
    for value in flags:
        annotation = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 1, 1]))
        if value is not None:
            annotation.F = value
        page.obj.Annots.append(document.make_indirect(annotation))
    document.add_blank_page()  # a page with neither
    return document


def test_every_annotation_is_printed_and_shown_and_no_page_has_a_transition():
    # No flags; Invisible, Hidden and NoView with Locked (128); printed already.
    document = annotated([None, 1 | 2 | 32 | 128, 4])
    tidy_pages(document)
    assert [int(a.F) for a in document.pages[0].Annots] == [4, 4 | 128, 4]
    assert all(Name.Trans not in page.obj for page in document.pages)


def test_the_output_intent_is_srgb_with_a_profile_dated_by_the_build():
    from PIL import ImageCms

    document = pikepdf.new()
    date = datetime.datetime(2023, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    add_output_intent(document, date)
    (intent,) = document.Root.OutputIntents
    assert intent.is_indirect
    assert (intent.Type, intent.S) == (Name.OutputIntent, Name.GTS_PDFA1)
    assert str(intent.OutputConditionIdentifier) == "sRGB"
    assert str(intent.Info) == "sRGB IEC61966-2.1"
    assert intent.DestOutputProfile.N == 3
    icc = intent.DestOutputProfile.read_bytes()
    assert struct.unpack(">6H", icc[24:36]) == (2023, 1, 2, 3, 4, 5)
    # The profile ID (ICC.1:2010, 7.2.18): MD5 of the profile with the flags,
    # rendering intent and ID zeroed; a reader may check it.
    zeroed = icc[:44] + bytes(4) + icc[48:64] + bytes(4) + icc[68:84] + bytes(16) + icc[100:]
    assert icc[84:100] == hashlib.md5(zeroed, usedforsecurity=False).digest()
    profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    assert "sRGB" in ImageCms.getProfileDescription(profile)


def test_attached_sources_carry_their_name_type_date_and_relationship():
    document = pikepdf.new()
    document.add_blank_page()
    date = datetime.datetime(2023, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    files = (Attachment("book.yaml", b"title: x\n"), Attachment("luvut/01.md", b"# x", "text/md"))
    attach(document, files, date)
    specs = list(document.Root.AF)
    assert [str(spec.UF) for spec in specs] == ["book.yaml", "luvut/01.md"]
    assert all(spec.is_indirect for spec in specs)
    for spec, attachment in zip(specs, files, strict=True):
        assert spec.AFRelationship == Name.Source
        assert str(spec.Desc) == f"source of the book: {attachment.name}"
        stream = spec.EF.F
        assert stream.read_bytes() == attachment.data
        assert stream.Subtype == Name("/" + attachment.mime_type)
        assert str(stream.Params.CreationDate) == "D:20230102030405+00'00'"
        assert str(stream.Params.ModDate) == "D:20230102030405+00'00'"
    assert set(document.attachments) == {"book.yaml", "luvut/01.md"}


INFO_FIELDS = {"title": "Kirja", "author": "Kaupunki", "subject": "Talousarvio",
               "keywords": ("talous", "arvio"), "language": "sv-FI"}  # fmt: skip


def metadata_of(shipped_book, part: int | None) -> pikepdf.Pdf:
    document = pikepdf.new()
    document.add_blank_page()
    date = datetime.datetime(2023, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    write_metadata(document, dataclasses.replace(shipped_book.info, **INFO_FIELDS), date, part)
    return document


def test_the_metadata_gives_the_book_s_title_author_subject_keywords_and_tool(shipped_book):
    document = metadata_of(shipped_book, 2)
    meta = document.open_metadata()
    assert meta["dc:title"] == "Kirja"
    assert meta["dc:creator"] == ["Kaupunki"]
    assert meta["dc:description"] == "Talousarvio"
    assert set(meta["dc:language"]) == {"sv-FI"}
    assert meta["pdf:Keywords"] == "talous, arvio"
    assert meta["pdf:Producer"] == f"kkpdf {__version__} (ReportLab, pikepdf)"
    assert meta["xmp:CreatorTool"] == f"kkpdf {__version__}"
    assert meta["xmp:ModifyDate"].startswith("2023-01-02T03:04:05")
    assert meta["xmp:MetadataDate"].startswith("2023-01-02T03:04:05")  # not the clock's
    info = document.docinfo
    assert (str(info.Title), str(info.Author), str(info.Subject)) == (
        "Kirja", "Kaupunki", "Talousarvio"
    )  # fmt: skip
    assert str(info.Keywords) == "talous, arvio"
    assert str(info.Creator) == f"kkpdf {__version__}"
    assert (meta["pdfaid:part"], meta["pdfaid:conformance"], meta["pdfuaid:part"]) == (
        "2", "A", "1"
    )  # fmt: skip


def test_the_pdf_ua_schema_is_described_inside_the_rdf(shipped_book):
    document = metadata_of(shipped_book, 3)
    xmp = document.Root.Metadata.read_bytes()
    schema = xmp.index(b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>")
    assert xmp.index(b"<rdf:RDF") < schema < xmp.rindex(b"</rdf:RDF>")
    assert xmp.count(b"</rdf:RDF>") == 1


def test_a_draft_claims_neither_pdf_a_nor_pdf_ua(shipped_book):
    document = metadata_of(shipped_book, None)
    meta = document.open_metadata()
    assert meta["dc:title"] == "Kirja"
    for key in ("pdfaid:part", "pdfaid:conformance", "pdfuaid:part"):
        assert key not in meta
    assert b"pdfuaid" not in document.Root.Metadata.read_bytes()


def test_a_refused_file_lists_the_first_ten_findings(monkeypatch):
    findings = [f"finding {n}" for n in range(12)]
    monkeypatch.setattr("kkpdf.pdf.pdfa.pdfa_findings", lambda pdf, part: findings)
    with pytest.raises(OutputProblem) as refused:
        check_pdfa(b"", 3)
    listed = "\n".join(f"  finding {n}" for n in range(10))
    assert str(refused.value) == f"the PDF is not PDF/A-3a:\n{listed}"
    monkeypatch.setattr("kkpdf.pdf.pdfa.pdfa_findings", lambda pdf, part: [])
    check_pdfa(b"", 3)  # nothing held against it: accepted


def test_only_our_own_identification_is_set_aside_not_other_xmp_properties(shipped_pdf):
    # The same rule that pikepdf applies to pdfuaid:part still refuses other properties.
    with pikepdf.open(shipped_pdf) as document:
        with document.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdfx:Osasto"] = "Kaupunginkanslia"
        output = io.BytesIO()
        document.save(output)
    findings = pdfa_findings(output.getvalue(), 2)
    assert any("XMP property pdfx:Osasto is not permitted" in f for f in findings)
    assert all("pdfx" in finding for finding in findings)  # its namespace, undeclared too


def test_the_srgb_profile_is_the_same_from_the_cache(tmp_path):
    from kkpdf.pdf.pdfa import _dated_profile, srgb_profile

    date = datetime.datetime(2023, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    made = srgb_profile(tmp_path)
    (entry,) = (tmp_path / "profiles").iterdir()
    assert srgb_profile(tmp_path) == made  # from the entry
    # Made again without a cache, it differs only in the date the build replaces.
    assert _dated_profile(srgb_profile(None), date) == _dated_profile(made, date)
    entry.write_bytes(b"damaged")
    assert _dated_profile(srgb_profile(tmp_path), date) == _dated_profile(made, date)
    assert read_entry(tmp_path, "profiles", entry.stem) is not None  # made again
