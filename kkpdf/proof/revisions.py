"""The sources as they were at a git revision, or in another folder, for comparing."""

from __future__ import annotations

import datetime
import io
import re
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from kkpdf.diagnostics import EnvironmentProblem
from kkpdf.messages import tr


class RevisionProblem(EnvironmentProblem):
    pass


def sources_at(spec: str, sources: Path, scratch: Path) -> Path:
    """`spec` is a folder of sources or a git revision of the folder `sources`."""
    if Path(spec).is_dir():
        return Path(spec)
    top = _git(sources, "rev-parse", "--show-toplevel").decode().strip()
    prefix = sources.resolve().relative_to(Path(top).resolve()).as_posix()
    archive = _git(Path(top), "archive", "--format=tar", spec, "--", prefix)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(scratch, filter="data")
    return scratch / prefix


def _git(folder: Path, *arguments: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True,
                                timeout=60, check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as err:
        raise RevisionProblem(tr("git could not be run: {problem}", problem=err)) from None
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip().split("\n")[-1]
        raise RevisionProblem(tr("git {command}: {message}", command=arguments[0], message=message))
    return result.stdout


@dataclass(frozen=True)
class Revision:
    """A version of the sources as a proof names it: a short commit id ("1a94d68"),
    with "+" when the working copy has uncommitted edits, or a folder's name."""

    name: str
    date: datetime.date | None = None

    def __str__(self) -> str:
        return self.name if self.date is None else f"{self.name} ({_finnish_date(self.date)})"


def _finnish_date(date: datetime.date) -> str:
    return f"{date.day}.{date.month}.{date.year}"


def revision_of(spec: str, sources: Path) -> Revision:
    """The revision `spec` names: a commit of the sources' repository, or a folder."""
    if Path(spec).is_dir():
        return Revision(_file_safe(Path(spec).resolve().name))
    line = _git(sources, "log", "-1", "--format=%h %cs", spec, "--").decode().split()
    return Revision(line[0], datetime.date.fromisoformat(line[1]))


def working_revision(sources: Path) -> Revision:
    """The sources as they stand: the commit checked out, "+" if edited since; a
    folder that is no repository by its name."""
    try:
        line = _git(sources, "log", "-1", "--format=%h %cs", "HEAD", "--").decode().split()
        edited = _git(sources, "status", "--porcelain", "--", ".").strip()
    except RevisionProblem:
        return Revision(_file_safe(sources.resolve().name))
    name = line[0] + ("+" if edited else "")
    return Revision(name, datetime.date.fromisoformat(line[1]))


def _file_safe(name: str) -> str:
    """A name that may stand in a file name: the revisions name the proof's file."""
    return re.sub(r"[^\w.+-]+", "-", name).strip("-.") or "sources"
