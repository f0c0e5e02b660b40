"""PDF/A and the PDF/UA identification: what the pages may hold, the sRGB output
intent, the XMP metadata, the attached sources, and pikepdf's check of the bytes."""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import struct
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from kkpdf import __version__
from kkpdf.cache import cache_folder, entry_key, read_entry, write_entry
from kkpdf.diagnostics import quiet
from kkpdf.files import OutputProblem
from kkpdf.messages import tr
from kkpdf.model import BookInfo


@dataclass(frozen=True)
class Attachment:
    """A source file carried inside the PDF (PDF/A-3 associated file)."""

    name: str
    data: bytes
    mime_type: str = "application/yaml"


PRINT_FLAG = 4
OWN_ANNOTATIONS = "kkpdf-"  # how the names of the book's own annotations begin
HIDDEN_FLAGS = 1 | 2 | 32  # Invisible, Hidden, NoView: PDF/A allows none of them


def tidy_pages(document: pikepdf.Pdf) -> None:
    """What PDF/A asks of the pages: no page transition, every annotation printed and shown.

    A draft's own notes are named `kkpdf-…` (/NM), so that a reviewer's annotations
    in a copy of it are told from them (`kkpdf comments`)."""
    for number, page in enumerate(document.pages, start=1):
        # ReportLab writes an empty page transition; PDF/A allows none.
        if Name.Trans in page.obj:
            del page.obj[Name.Trans]
        for index, annotation in enumerate(page.obj.get(Name.Annots, ())):
            flags = int(annotation.get(Name.F, 0))  # pragma: no mutate - equivalent: 1 is cleared
            annotation.F = (flags | PRINT_FLAG) & ~HIDDEN_FLAGS
            if annotation.get(Name.Subtype) != Name.Link:
                annotation.NM = pikepdf.String(f"{OWN_ANNOTATIONS}{number}-{index}")


def add_output_intent(document: pikepdf.Pdf, date: datetime.datetime) -> None:
    """sRGB, the colour space every colour in the book is given in."""
    icc = _dated_profile(srgb_profile(cache_folder()), date)
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier="sRGB",
        Info="sRGB IEC61966-2.1",
        DestOutputProfile=document.make_stream(icc, N=3),
    )
    document.Root.OutputIntents = Array([document.make_indirect(intent)])


def srgb_profile(cache: Path | None) -> bytes:
    """littleCMS's sRGB profile, made here rather than shipped, as Pillow of this version
    makes it (its own date in it, replaced by the build's); kept in the `cache` folder,
    since importing Pillow's colour management is 0.03 s of a small book's build."""
    import PIL

    key = entry_key("sRGB profile", PIL.__version__)
    icc = read_entry(cache, "profiles", key)
    if isinstance(icc, bytes):
        return icc
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    write_entry(cache, "profiles", key, icc)
    return icc


def _dated_profile(icc: bytes, date: datetime.datetime) -> bytes:
    """The profile with the build's date instead of the clock's, and its ID to match.

    An ICC header holds its creation time (bytes 24–35) and an MD5 profile ID
    (bytes 84–99) computed with the flags, rendering intent and ID fields zeroed.
    """
    fields = (date.year, date.month, date.day, date.hour, date.minute, date.second)
    profile = bytearray(icc)
    profile[24:36] = struct.pack(">6H", *fields)
    unsigned = bytearray(profile)
    unsigned[44:48] = unsigned[64:68] = bytes(4)
    unsigned[84:100] = bytes(16)
    profile[84:100] = hashlib.md5(bytes(unsigned), usedforsecurity=False).digest()
    return bytes(profile)


def attach(
    document: pikepdf.Pdf, attachments: tuple[Attachment, ...], date: datetime.datetime
) -> None:
    """The sources as associated files of the document, dated by the build (PDF/A-3)."""
    for attachment in attachments:
        document.attachments[attachment.name] = pikepdf.AttachedFileSpec(
            document,
            attachment.data,
            description=f"source of the book: {attachment.name}",
            filename=attachment.name,
            mime_type=attachment.mime_type,
            creation_date=_pdf_date(date),
            mod_date=_pdf_date(date),
            relationship=Name.Source,
        )
    # PDF/A-3 wants each attachment associated with the document through /AF too.
    specs = [document.attachments[a.name].obj for a in attachments]
    document.Root.AF = Array([document.make_indirect(spec) for spec in specs])


def _pdf_date(date: datetime.datetime) -> str:
    return date.strftime("D:%Y%m%d%H%M%S+00'00'")


def write_metadata(
    document: pikepdf.Pdf,
    info: BookInfo,
    date: datetime.datetime,
    part: int | None,
    label: str | None = None,
) -> None:
    """Title, author, language and dates in the XMP and the document information;
    with a PDF/A `part`, the PDF/A and PDF/UA identification too; a draft's `label`
    (what it is and which revisions it compares) as the XMP label."""
    stamp = date.isoformat()
    # update_docinfo keeps the document information dictionary in step with the XMP.
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as meta:
        meta["dc:title"] = info.title
        meta["dc:creator"] = [info.author]
        meta["dc:description"] = info.subject
        meta["dc:language"] = [info.language]
        meta["pdf:Keywords"] = ", ".join(info.keywords)
        meta["pdf:Producer"] = f"kkpdf {__version__} (ReportLab, pikepdf)"
        meta["xmp:CreatorTool"] = f"kkpdf {__version__}"
        meta["xmp:CreateDate"] = stamp
        meta["xmp:ModifyDate"] = stamp
        meta["xmp:MetadataDate"] = stamp
        if label:
            meta["xmp:Label"] = label
        if part is not None:
            meta["pdfaid:part"] = str(part)
            meta["pdfaid:conformance"] = "A"
            meta["pdfuaid:part"] = "1"
    if part is not None:
        _declare_pdfua_schema(document)


# PDF/A knows the XMP schemas of its own time only; PDF/UA's identification schema
# must be described inside the file (ISO 19005-2, 6.6.2.3).
_PDFUA_SCHEMA = b"""<rdf:Description rdf:about=""
  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
 <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
  <pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>
  <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
  <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
  <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
   <pdfaProperty:name>part</pdfaProperty:name>
   <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
   <pdfaProperty:category>internal</pdfaProperty:category>
   <pdfaProperty:description>the part of ISO 14289 the file follows</pdfaProperty:description>
  </rdf:li></rdf:Seq></pdfaSchema:property>
 </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


def _declare_pdfua_schema(document: pikepdf.Pdf) -> None:
    xmp = document.Root.Metadata.read_bytes()
    end = xmp.rindex(b"</rdf:RDF>")
    document.Root.Metadata.write(xmp[:end] + _PDFUA_SCHEMA + xmp[end:])


# pikepdf's validator knows level B and the XMP schemas PDF/A predefines. Our
# identification of level A and of PDF/UA (and the schema that describes the
# latter) is beyond it, so these findings are not held against the file; veraPDF,
# in the tests, checks level A and PDF/UA in full.
_BEYOND_PIKEPDF = (
    ("6.6.4-3", "pdfaid:conformance is 'A'"),
    ("6.6.2.3.1-1", "XMP property pdfuaid:part is not permitted"),
    ("6.6.2.3.1-1", "XMP property pdfaExtension:schemas is not permitted"),
    *(
        (
            "6.6.2.3.1-1",
            f"XMP namespace {prefix}=http://www.aiim.org/pdfa/ns/{path} is not permitted",
        )
        for prefix, path in (
            ("pdfaExtension", "extension/"),
            ("pdfaSchema", "schema#"),
            ("pdfaProperty", "property#"),
        )
    ),
)


def pdfa_findings(pdf: bytes, part: int) -> list[str]:
    """What pikepdf's PDF/A validator holds against the file, as lines of text."""
    from pikepdf.pdfa import validate_written  # 0.4 s to import, for validation only

    with quiet("fontTools", level=logging.ERROR):  # zero dates in subset fonts
        report = validate_written(io.BytesIO(pdf), f"{part}b")
    return [
        str(finding)
        for finding in report.findings
        if not any(
            finding.rule.endswith(":" + rule) and finding.message.startswith(message)
            for rule, message in _BEYOND_PIKEPDF
        )
    ]


def check_pdfa(pdf: bytes, part: int) -> None:
    """Refuse the file if pikepdf's validator holds anything against it."""
    findings = pdfa_findings(pdf, part)
    if findings:
        listed = "\n".join(f"  {finding}" for finding in findings[:10])
        # The validator's findings are its own (English) words.
        raise OutputProblem(
            tr("the PDF is not PDF/A-{part}a:\n{findings}", part=part, findings=listed)
        )
