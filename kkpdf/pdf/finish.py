"""Stage 6, PDF post-processing: make the laid-out file PDF/A and PDF/UA, then write it safely.

ReportLab writes plain PDF. This stage adds what PDF/A requires with pikepdf: an
sRGB output intent, the print flag on every annotation, XMP metadata declaring
the conformance, the dates of the build; it removes the empty page transitions
ReportLab writes, and attaches the sources on request (PDF/A-3). It writes the
structure tree the layout recorded (tagged PDF, PDF/A level A, PDF/UA-1). With
`validate`, pikepdf's PDF/A validator checks the written bytes against the
veraPDF rules and a file that does not pass is refused; the tests validate every
kind of book the build makes, so a build need not pay for it every time.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
from contextlib import ExitStack
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

from kkpdf import __version__
from kkpdf.diagnostics import quiet
from kkpdf.files import OutputProblem
from kkpdf.model import BookInfo
from kkpdf.pdf.fonts import clean_unicode_maps, name_subsets
from kkpdf.pdf.join import join_parts, point_navigation
from kkpdf.pdf.structure_tree import write_structure
from kkpdf.structure import JoinedPart, Navigation, Structure


@dataclass(frozen=True)
class Attachment:
    """A source file carried inside the PDF (PDF/A-3 associated file)."""

    name: str
    data: bytes
    mime_type: str = "application/yaml"


PRINT_FLAG = 4
HIDDEN_FLAGS = 1 | 2 | 32  # Invisible, Hidden, NoView: PDF/A allows none of them


def finish_pdf(
    pdf: bytes,
    info: BookInfo,
    structure: Structure,
    *,
    date: datetime.datetime,
    attachments: tuple[Attachment, ...] = (),
    validate: bool = False,
    conforming: bool = True,
    more: tuple[JoinedPart, ...] = (),
    navigation: Navigation | None = None,
) -> bytes:
    """Tagged PDF/A-2a and PDF/UA-1, or PDF/A-3a when sources are attached.

    A draft passes `conforming=False`: its annotations are not what PDF/A allows,
    so it gets the same metadata and structure but claims neither standard.
    A book laid out in parts gives the others in `more`; they are joined after
    the first, and the outline and links are pointed by `navigation`.
    """
    part = (3 if attachments else 2) if conforming else None
    with ExitStack() as opened:
        document = opened.enter_context(pikepdf.open(io.BytesIO(pdf)))
        join_parts(document, more, opened)
        if navigation is not None:
            point_navigation(document, navigation)
        name_subsets(document)
        if str(document.Root.get(Name.Lang, "")) != info.language:
            raise OutputProblem(f"the PDF does not declare its language {info.language}")
        for page in document.pages:
            # ReportLab writes an empty page transition; PDF/A allows none.
            if Name.Trans in page.obj:
                del page.obj[Name.Trans]
            for annotation in page.obj.get(Name.Annots, ()):
                flags = int(annotation.get(Name.F, 0))
                annotation.F = (flags | PRINT_FLAG) & ~HIDDEN_FLAGS
        write_structure(document, structure)
        clean_unicode_maps(document)
        intent = _output_intent(document, date)
        document.Root.OutputIntents = Array([document.make_indirect(intent)])
        if attachments:
            _attach(document, attachments, date)
        _metadata(document, info, date, part)
        output = io.BytesIO()
        document.save(
            output,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
        )
    data = output.getvalue()
    if validate and part is not None:
        # pikepdf checks the rules levels A and B share; the tagging is tested apart.
        _validate(data, part)
    return data


def _output_intent(document: pikepdf.Pdf, date: datetime.datetime) -> Dictionary:
    """sRGB, the colour space every colour in the book is given in."""
    from PIL import ImageCms  # littleCMS's sRGB profile, made here rather than shipped

    icc = _dated_profile(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(), date)
    return Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier="sRGB",
        Info="sRGB IEC61966-2.1",
        DestOutputProfile=document.make_stream(icc, N=3),
    )


def _dated_profile(icc: bytes, date: datetime.datetime) -> bytes:
    """The profile with the build's date instead of the clock's, and its ID to match.

    An ICC header holds its creation time (bytes 24–35) and an MD5 profile ID
    (bytes 84–99) computed with the flags, rendering intent and ID fields zeroed.
    """
    import struct

    fields = (date.year, date.month, date.day, date.hour, date.minute, date.second)
    profile = bytearray(icc)
    profile[24:36] = struct.pack(">6H", *fields)
    unsigned = bytearray(profile)
    unsigned[44:48] = unsigned[64:68] = bytes(4)
    unsigned[84:100] = bytes(16)
    profile[84:100] = hashlib.md5(bytes(unsigned), usedforsecurity=False).digest()
    return bytes(profile)


def _attach(document: pikepdf.Pdf, attachments: tuple[Attachment, ...], date) -> None:
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
    from pikepdf import pdfa

    with quiet("fontTools", level=logging.ERROR):  # zero dates in subset fonts
        report = pdfa.validate_written(io.BytesIO(pdf), f"{part}b")
    return [
        str(finding)
        for finding in report.findings
        if not any(
            finding.rule.endswith(":" + rule) and finding.message.startswith(message)
            for rule, message in _BEYOND_PIKEPDF
        )
    ]


def _validate(pdf: bytes, part: int) -> None:
    findings = pdfa_findings(pdf, part)
    if findings:
        listed = "\n".join(f"  {finding}" for finding in findings[:10])
        raise OutputProblem(f"the PDF is not PDF/A-{part}a:\n{listed}")


def _metadata(
    document: pikepdf.Pdf, info: BookInfo, date: datetime.datetime, part: int | None
) -> None:
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


def _pdf_date(date: datetime.datetime) -> str:
    return date.strftime("D:%Y%m%d%H%M%S+00'00'")
