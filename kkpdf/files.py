"""Files: the path of a source inside the sources folder, where the output goes, and writing
a file whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kkpdf.diagnostics import EnvironmentProblem
from kkpdf.messages import tr


class OutputProblem(EnvironmentProblem):
    """A file cannot be finished or written; the message says why."""


def path_in_sources(path: Path, root: Path) -> str:
    """`path` inside the sources folder `root`, with / between folders; its name if outside.

    The same book built from another working folder gives the same answer, so
    what is made from it (bookmark names, attachment names) is the same too.
    String work rather than Path.relative_to: it is asked twice for every heading.
    """
    folder = str(root)
    prefix = "" if not root.parts else folder if folder.endswith(os.sep) else folder + os.sep
    text = str(path)
    if text.startswith(prefix):
        return text[len(prefix) :].replace(os.sep, "/")
    return path.name


def output_folder(sources: Path) -> Path:
    """`output/` of the project: beside the sources folder, wherever the command is run.

    The project is the folder that holds the sources folder (and the Makefile, whose
    `make pdf` runs `kkpdf build sources` there). `sources` as given is kept relative,
    so `kkpdf build sources` still writes `output/…`; only a name that says nothing of
    the parent (`.`, `..`) is resolved first.
    """
    if sources.name in ("", ".", ".."):
        sources = sources.resolve()
    return sources.parent / "output"


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
        raise OutputProblem(
            tr("cannot write to {folder}: {problem}", folder=path.parent, problem=err.strerror)
        ) from None
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
            raise OutputProblem(
                tr("cannot write {path}: {problem}", path=path, problem=err.strerror)
            ) from None
        raise
