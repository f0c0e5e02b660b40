"""Stage 6, PDF post-processing: verify the laid-out file, then write it safely.

The verification restates no layout decision; it reads the PDF back and refuses
to publish one that would mislead a reader or an archive: a font that is not
embedded, or a document without its language.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from kkpdf.diagnostics import EnvironmentProblem


class OutputProblem(EnvironmentProblem):
    """The PDF cannot be verified or written; the message says why."""


def _fonts(resources: DictionaryObject | None, seen: set[int]):
    if not resources or "/Font" not in resources:
        return
    for font in resources["/Font"].get_object().values():
        font = font.get_object()
        if id(font) in seen:
            continue
        seen.add(id(font))
        yield font
        for descendant in font.get("/DescendantFonts", ()):
            yield descendant.get_object()


def verify_pdf(pdf: bytes, language: str) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    if reader.trailer["/Root"].get("/Lang") != language:
        raise OutputProblem(f"the PDF does not declare its language {language}")
    seen: set[int] = set()
    for number, page in enumerate(reader.pages, start=1):
        for font in _fonts(page.get("/Resources"), seen):
            if font.get("/Subtype") in ("/Type0", "/Type3"):
                continue  # a Type0 font's glyphs live in its descendant, checked separately
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                raise OutputProblem(
                    f"font {font.get('/BaseFont')} on page {number} is not embedded"
                )


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
