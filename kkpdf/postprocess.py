"""Stage 6, PDF post-processing: make the laid-out file PDF/A, then write it safely.

ReportLab writes plain PDF. This stage adds what PDF/A requires with pikepdf: an
sRGB output intent, the print flag on every annotation, XMP metadata declaring
the conformance, the dates of the build; it removes the empty page transitions
ReportLab writes, and attaches the sources on request (PDF/A-3). With
`validate`, pikepdf's PDF/A validator checks the written bytes against the
veraPDF rules and a file that does not pass is refused; the tests validate every
kind of book the build makes, so a build need not pay for it every time.
"""

from __future__ import annotations

import datetime
import io
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from kkpdf import __version__
from kkpdf.diagnostics import EnvironmentProblem
from kkpdf.model import BookInfo
from kkpdf.quiet import quiet


class OutputProblem(EnvironmentProblem):
    """The PDF cannot be finished or written; the message says why."""


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
    *,
    date: datetime.datetime,
    attachments: tuple[Attachment, ...] = (),
    validate: bool = False,
    conforming: bool = True,
) -> bytes:
    """PDF/A-2b, or PDF/A-3b when sources are attached.

    A draft passes `conforming=False`: its annotations are not what PDF/A allows,
    so it gets the same metadata but does not claim the conformance.
    """
    part = (3 if attachments else 2) if conforming else None
    with pikepdf.open(io.BytesIO(pdf)) as document:
        if str(document.Root.get(Name.Lang, "")) != info.language:
            raise OutputProblem(f"the PDF does not declare its language {info.language}")
        for page in document.pages:
            # ReportLab writes an empty page transition; PDF/A allows none.
            if Name.Trans in page.obj:
                del page.obj[Name.Trans]
            for annotation in page.obj.get(Name.Annots, ()):
                flags = int(annotation.get(Name.F, 0))
                annotation.F = (flags | PRINT_FLAG) & ~HIDDEN_FLAGS
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
        _validate(data, f"{part}b")
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
    import hashlib
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


def _validate(pdf: bytes, flavour: str) -> None:
    from pikepdf import pdfa

    with quiet("fontTools", level=logging.ERROR):  # zero dates in subset fonts
        report = pdfa.validate_written(io.BytesIO(pdf), flavour)
    if not report.passed:
        raise OutputProblem(f"the PDF is not PDF/A-{flavour}:\n{report.summary(limit=10)}")


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
            meta["pdfaid:conformance"] = "B"


def _pdf_date(date: datetime.datetime) -> str:
    return date.strftime("D:%Y%m%d%H%M%S+00'00'")


def write_atomically(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a reader never sees a half-written PDF.

    The bytes go to a hidden file beside the target, which then replaces the
    target in one rename; an interrupted build leaves the previous PDF as it was.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
    except OSError as err:
        raise OutputProblem(f"cannot write to {path.parent}: {err.strerror}") from None
    temporary = Path(name)
    try:
        with open(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as err:
        temporary.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OutputProblem(f"cannot write {path}: {err.strerror}") from None
        raise
