"""The sources as they were at a git revision, or in another folder, for comparing."""

from __future__ import annotations

import io
import subprocess
import tarfile
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
