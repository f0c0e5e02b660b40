"""Stage 6, PDF post-processing: make the laid-out file PDF/A, then write it safely.

ReportLab writes plain PDF. pikepdf's PDF/A module adds what an archive needs
(an sRGB output intent, the print flag on annotations, the XMP declaration);
this stage sets the metadata and dates itself, removes what ReportLab adds and
PDF/A forbids, attaches the sources on request (PDF/A-3), and saves through
pikepdf's validator, which checks the bytes it wrote against the veraPDF rules.
A file that does not pass is not written.
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
from pikepdf import Name, pdfa

from kkpdf import __version__
from kkpdf.diagnostics import EnvironmentProblem
from kkpdf.model import BookInfo


class OutputProblem(EnvironmentProblem):
    """The PDF cannot be finished or written; the message says why."""


@dataclass(frozen=True)
class Attachment:
    """A source file carried inside the PDF (PDF/A-3 associated file)."""

    name: str
    data: bytes
    mime_type: str = "application/yaml"


def finish_pdf(
    pdf: bytes,
    info: BookInfo,
    *,
    date: datetime.datetime,
    attachments: tuple[Attachment, ...] = (),
) -> bytes:
    """PDF/A-2b, or PDF/A-3b when sources are attached; validated as written."""
    flavour = "3b" if attachments else "2b"
    # fontTools, which the validator uses, logs about the zero dates in subset fonts.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        if str(document.Root.get(Name.Lang, "")) != info.language:
            raise OutputProblem(f"the PDF does not declare its language {info.language}")
        for page in document.pages:
            # ReportLab writes an empty page transition; PDF/A allows none.
            if Name.Trans in page.obj:
                del page.obj[Name.Trans]
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
        pdfa.prepare(document, flavour)
        _metadata(document, info, date)
        output = io.BytesIO()
        try:
            pdfa.save(document, output, flavour, repair=False, deterministic_id=True)
        except pdfa.PdfaError as err:
            raise OutputProblem(
                f"the PDF is not PDF/A-{flavour}:\n{err.report.summary(limit=10)}"
            ) from None
    return output.getvalue()


def _metadata(document: pikepdf.Pdf, info: BookInfo, date: datetime.datetime) -> None:
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
