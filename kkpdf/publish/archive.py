"""The archive folder: the signed book with everything needed to check it later.

    output/archive/<book>-<date>/
        <book>.pdf        the signed PDF/A
        sources/          the sources it was built from
        check-report.txt  every diagnostic of the build, and its summary
        check-report.json the same, for programs
        SHA256SUMS        a digest of every file above (`sha256sum -c SHA256SUMS`)

The folder is made beside its final place and renamed into it, so an archive
folder is either complete or absent.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
from pathlib import Path

from kkpdf.build import build_book
from kkpdf.diagnostics import DiagnosticSink, book_language, counted, render_json
from kkpdf.files import OutputProblem, links_to_leave
from kkpdf.messages import tr
from kkpdf.publish.signing import TimeStamper, sign_book


def make_archive(
    sources: Path,
    fonts_dir: Path,
    target_root: Path,
    sink: DiagnosticSink,
    *,
    p12: bytes,
    passphrase: bytes | None,
    environ: dict[str, str],
    reason: str | None = None,
    location: str | None = None,
    timestamper: TimeStamper | None = None,
    edition: str | None = None,
) -> Path:
    """Build the edition (None: the first), sign it, and file it; the folder it is in."""
    built = build_book(sources, fonts_dir, sink, environ=environ, validate=True, edition=edition)
    signed = sign_book(
        built.pdf, p12, passphrase, reason=reason, location=location, timestamper=timestamper
    )
    info = built.book.info
    stem = Path(info.output_name).stem
    date = _creation_date(built.pdf)
    target = target_root / f"{stem}-{date}"
    if target.exists():
        raise OutputProblem(
            tr("{folder} exists already; an archive folder is never overwritten", folder=target)
        )
    target_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target_root, prefix=".archive-") as folder:
        work = Path(folder) / target.name
        work.mkdir()
        (work / info.output_name).write_bytes(signed)
        shutil.copytree(sources, work / "sources", symlinks=False, ignore=links_to_leave(sources))
        # In the book's own language, as its archivist reads it.
        language = book_language(info.language)
        report = [d.format(language) for d in sink.sorted()]
        checked = tr(
            "{counted}; {checked}", counted=counted(sink), checked=built.summary.described()
        )
        report.append(checked.render(language))
        (work / "check-report.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
        (work / "check-report.json").write_text(
            render_json(sink.sorted(), language) + "\n", "utf-8"
        )
        (work / "SHA256SUMS").write_text(_manifest(work), encoding="utf-8")
        work.rename(target)
    return target


def _manifest(folder: Path) -> str:
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}")
    return "\n".join(lines) + "\n"


def _creation_date(pdf: bytes) -> str:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return str(document.open_metadata().get("xmp:CreateDate", "1970-01-01"))[:10]
