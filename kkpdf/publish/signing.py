"""Signing the finished book (PAdES with pyHanko) and verifying a signed one.

The book is signed after it is made PDF/A, in an incremental update, so the
signed file is the unsigned PDF byte for byte with the signature appended.
That is what lets `verify --sources` prove that what was signed is exactly
what the sources build to.
"""

from __future__ import annotations

import datetime
import difflib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import x509
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import constants
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from kkpdf.diagnostics import EnvironmentProblem, quiet
from kkpdf.messages import tr

__all__ = ["TimeStamper", "Verification", "sign_book", "verify_book"]

FIELD_NAME = "Hyvaksynta"
# What a screen reader says of the signature field (its /TU and the Form's /Alt).
FIELD_DESCRIPTION = "Sähköinen allekirjoitus"


class SigningProblem(EnvironmentProblem):
    """The certificate, its passphrase or the file to sign is not usable."""


class ArchivalPdfSigner(signers.PdfSigner):
    """A signer that keeps the file at PDF 1.7, which PDF/A-2 requires.

    pyHanko declares ISO 32002 for elliptic-curve keys, and that declaration makes
    the file PDF 2.0. Only the PAdES extension is declared here; the signature is
    the same PAdES signature either way.
    """

    def register_extensions(self, pdf_out, *, md_algorithm: str) -> None:
        pdf_out.ensure_output_version(version=(1, 7))
        pdf_out.register_extension(constants.ESIC_EXTENSION_1)


def sign_book(
    pdf: bytes,
    p12: bytes,
    passphrase: bytes | None,
    *,
    reason: str | None = None,
    location: str | None = None,
    timestamper: TimeStamper | None = None,
) -> bytes:
    """A PAdES signature: baseline B-B, or B-T when a timestamper is given."""
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(p12, (), passphrase=passphrase)
    except (ValueError, TypeError) as err:
        raise SigningProblem(
            tr("the certificate file cannot be opened: {problem}", problem=err)
        ) from None
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",  # pragma: no mutate - equivalent: pyHanko's default for these keys
    )
    output = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        spec = fields.SigFieldSpec(FIELD_NAME, readable_field_name=FIELD_DESCRIPTION)
        fields.append_signature_field(writer, spec)
        _tag_signature_field(writer)
        ArchivalPdfSigner(metadata, signer, timestamper=timestamper).sign_pdf(writer, output=output)
    except (SigningError, ValueError, OSError) as err:
        # OSError: the timestamp server could not be reached or refused the request.
        raise SigningProblem(tr("the book could not be signed: {problem}", problem=err)) from None
    return output.getvalue()


def _tag_signature_field(writer: IncrementalPdfFileWriter) -> None:
    """Give the signature's widget a Form element in the structure tree (PDF/UA, 7.18.4).

    Done in the revision that the signature closes, so the signed file stays
    tagged throughout; a PDF without a structure tree is left as it is.
    """
    root = writer.root
    if "/StructTreeRoot" not in root:
        return
    tree = root["/StructTreeRoot"]
    (field_ref,) = [f for f in root["/AcroForm"]["/Fields"] if f.get_object()["/T"] == FIELD_NAME]
    widget = field_ref.get_object()  # the field and its widget are one dictionary
    document_ref = tree.raw_get("/K")
    document = document_ref.get_object()
    key = int(tree.get("/ParentTreeNextKey", 0))
    form = writer.add_object(
        generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/StructElem"),
            generic.NameObject("/S"): generic.NameObject("/Form"),
            generic.NameObject("/P"): document_ref,
            generic.NameObject("/Alt"): generic.TextStringObject(FIELD_DESCRIPTION),
            generic.NameObject("/K"): generic.DictionaryObject({
                generic.NameObject("/Type"): generic.NameObject("/OBJR"),
                generic.NameObject("/Obj"): field_ref,
                generic.NameObject("/Pg"): widget.raw_get("/P"),
            }),
        })
    )  # fmt: skip
    widget["/StructParent"] = generic.NumberObject(key)
    document["/K"].append(form)
    parent_tree = tree["/ParentTree"]
    parent_tree["/Nums"].extend([generic.NumberObject(key), form])
    tree["/ParentTreeNextKey"] = generic.NumberObject(key + 1)
    for changed in (field_ref, document_ref, tree.container_ref, tree.raw_get("/ParentTree")):
        writer.update_container(changed.get_object())


def http_timestamper(url: str) -> TimeStamper:
    return HTTPTimeStamper(url)


@dataclass
class Verification:
    """What `kkpdf verify` found; `passed` only when every check holds."""

    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def holds(self, ok: bool, good: str, bad: str) -> None:
        self.lines.append(("ok:     " if ok else "FAILED: ") + (good if ok else bad))
        if not ok:
            self.failures.append(bad)

    def note(self, text: str) -> None:
        self.lines.append("        " + text)

    @property
    def passed(self) -> bool:
        return not self.failures


def load_trust_roots(path: Path) -> list[x509.Certificate]:
    try:
        return [load_cert_from_pemder(str(path))]
    except (OSError, ValueError) as err:
        raise SigningProblem(
            tr("the trust root {path} cannot be read: {problem}", path=path, problem=err)
        ) from None


def verify_book(
    signed: bytes,
    *,
    trust_roots: list[x509.Certificate] | None,
    rebuild: Callable[[datetime.datetime, bool, str], bytes] | None = None,
) -> Verification:
    """Check the signature; with `rebuild`, also that the signed PDF is what the sources give.

    `rebuild(date, embed_sources, language)` builds the sources with the signed book's
    own date, attachment choice and language (its edition: "sv-FI") and returns the
    PDF bytes.
    """
    report = Verification()
    try:
        reader = PdfFileReader(io.BytesIO(signed), strict=False)
        signatures = reader.embedded_signatures
    except Exception as err:  # pyHanko raises many kinds on a damaged file
        report.holds(
            False,  # pragma: no mutate - equivalent: None is false too
            "",  # pragma: no mutate - equivalent: unused when ok is false
            f"the file cannot be read as a PDF: {err}",
        )
        return report
    if not signatures:
        report.holds(
            False,  # pragma: no mutate - equivalent: None is false too
            "",  # pragma: no mutate - equivalent: unused when ok is false
            "the file has no signature",
        )
        return report
    signature = signatures[0]
    context = ValidationContext(trust_roots=trust_roots) if trust_roots else ValidationContext()
    try:
        with quiet("pyhanko", "pyhanko_certvalidator"):  # a path it cannot build, with traceback
            status = validate_pdf_signature(signature, context)
    except Exception as err:  # a mangled signature container ends here
        report.holds(
            False,  # pragma: no mutate - equivalent: None is false too
            "",  # pragma: no mutate - equivalent: unused when ok is false
            f"the signature cannot be validated: {err}",
        )
        return report
    signer = status.signing_cert.subject.human_friendly
    report.note(f"signer: {signer}")
    if status.signer_reported_dt is not None:
        report.note(f"signing time: {status.signer_reported_dt.isoformat()}")
    if status.timestamp_validity is not None:
        report.note(f"timestamp: {status.timestamp_validity.timestamp.isoformat()}")
    report.holds(
        status.intact and status.valid,
        "the signature is intact and matches the signed bytes",
        "the signed bytes have been changed, or the signature does not match them",
    )
    report.holds(
        status.trusted,
        "the certificate chains to the trusted root",
        "the certificate does not chain to a trusted root"
        + ("" if trust_roots else " (give the root with --trust ROOT.pem)"),
    )
    start, _, tail_start, tail_length = signature.byte_range
    after = len(signed) - (tail_start + tail_length)
    report.holds(
        status.coverage == SignatureCoverageLevel.ENTIRE_FILE and start == 0,
        "nothing was added after signing",
        f"the file was changed after signing: {after} bytes follow the signed revision"
        + (f" ({status.modification_level.name.lower()})" if status.modification_level else ""),
    )
    if rebuild is not None:
        _compare_with_sources(report, signed, signature, rebuild)
    return report


def _compare_with_sources(
    report: Verification,
    signed: bytes,
    signature: EmbeddedPdfSignature,
    rebuild: Callable[[datetime.datetime, bool, str], bytes],
) -> None:
    fresh = rebuild(*_build_settings(signed))
    # Signing appends to the PDF it was given: that PDF is the start of the signed file.
    identical = signed.startswith(fresh) and len(fresh) < signature.byte_range[1]
    report.holds(
        identical,
        "the signed book is byte for byte a build of the given sources",
        "the signed book is not what the given sources build to",
    )
    if not identical:
        for line in describe_difference(signed, fresh):
            report.note(line)


def _build_settings(signed: bytes) -> tuple[datetime.datetime, bool, str]:
    """The date, attachment choice and language the signed book was built with."""
    import pikepdf

    with pikepdf.open(io.BytesIO(signed)) as document:
        stamp = str(document.open_metadata().get("xmp:CreateDate", "1970-01-01T00:00:00+00:00"))
        embedded = len(document.attachments) > 0
        language = str(document.Root.get("/Lang", ""))
    return datetime.datetime.fromisoformat(stamp), embedded, language


def read_input(path: Path) -> bytes:
    """A file the signing commands read: a PDF, a certificate."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise SigningProblem(
            tr("cannot read {path}: {problem}", path=path, problem=err.strerror)
        ) from None


def describe_difference(signed: bytes, fresh: bytes, limit: int = 6) -> list[str]:
    """Where the two books' texts differ, page by page, as a proofreader would say it."""
    from pypdf import PdfReader

    old = [page.extract_text() for page in PdfReader(io.BytesIO(signed)).pages]
    new = [page.extract_text() for page in PdfReader(io.BytesIO(fresh)).pages]
    lines = []
    if len(old) != len(new):
        lines.append(f"the signed book has {len(old)} pages, the sources give {len(new)}")
    for number, (before, after) in enumerate(zip(old, new, strict=False), start=1):
        if before == after:
            continue
        diff = difflib.unified_diff(
            before.splitlines(),
            after.splitlines(),
            n=0,  # pragma: no mutate - equivalent: context lines start with " " and are left out
        )
        # The first two lines are the file headers ("---", "+++"); after them only the
        # changed lines start with "-" or "+", the hunk headers with "@@".
        changes = [line for line in list(diff)[2:] if line[:1] in "+-"]
        for change in changes:
            side = "signed:  " if change.startswith("-") else "sources: "
            lines.append(f"page {number}: {side}{change[1:].strip()}")
        if len(lines) >= limit:  # pragma: no mutate - equivalent: > reads on, lines[:limit] cuts
            break
    if not lines:
        lines.append("the texts agree; the difference is in layout, fonts or metadata")
    return lines[:limit]
