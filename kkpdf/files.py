"""Files: the names that become paths, the path of a source inside the sources folder,
where the output goes, and writing a file whole or not at all.

Every name the sources or the command line give for a path is judged here, before
anything on disk is touched: a source path (`source_path_problem`), a name that must
stay one file inside output/ (`file_name_problem`) and a path given on the command
line (`argument_problem`).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kkpdf.diagnostics import UNSEEN_CHARACTERS, EnvironmentProblem, Rule
from kkpdf.messages import Message, tr

# The rules of names (the diagnostics that use them are reported by their callers).
NAME_CHARACTER = Rule("files.name-character")
NAME_ENCODING = Rule("files.name-encoding")
NAME_LENGTH = Rule("files.name-length")
NAME_FOLDER = Rule("files.name-folder")
SYMLINK_LOOP = Rule("files.symlink-loop")
OUTSIDE = Rule("read.outside")

# Linux's limits (NAME_MAX, PATH_MAX), in bytes of the name as UTF-8; other systems'
# are no larger.
NAME_BYTES = 255
PATH_BYTES = 4095
# Control characters, and the marks that reorder text when it is shown (a name shown
# in a terminal or a message would not read as it is).
_UNSEEN = re.compile(f"[{UNSEEN_CHARACTERS}]")
# What os.fsdecode makes of a byte that is not UTF-8, and any other lone surrogate.
_NOT_TEXT = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class NameProblem:
    """Why a name cannot be a path: the rule, what is wrong and what to do."""

    rule: Rule
    message: Message
    hint: Message


def _text_problem(name: str) -> NameProblem | None:
    """A character no file name of a book has, or a name longer than a file system allows."""
    if unseen := _UNSEEN.search(name):
        character = f"U+{ord(unseen.group()):04X}"
        return NameProblem(
            NAME_CHARACTER,
            tr("'{name}' has a control character ({character}) in it",
               name=name, character=character),
            tr("write the name as the file is called, with letters, digits, spaces, "
               "'-', '_' and '.'"),
        )  # fmt: skip
    if _NOT_TEXT.search(name):
        return NameProblem(
            NAME_ENCODING,
            tr("'{name}' is not UTF-8 text", name=name),
            tr("rename the file with a name in UTF-8 (letters such as ä and ö are fine)"),
        )
    longest = max(name.split("/"), key=lambda part: len(part.encode("utf-8")))
    if len(longest.encode("utf-8")) > NAME_BYTES:
        return NameProblem(
            NAME_LENGTH,
            tr("a name in '{name}' is {count} bytes long; a file system allows {most}",
               name=name, count=len(longest.encode("utf-8")), most=NAME_BYTES),
            tr("shorten the file or folder name"),
        )  # fmt: skip
    if len(name.encode("utf-8")) > PATH_BYTES:
        return NameProblem(
            NAME_LENGTH,
            tr("'{name}' is {count} bytes long; a file system allows {most}",
               name=name, count=len(name.encode("utf-8")), most=PATH_BYTES),
            tr("shorten the path, or keep the files in fewer folders"),
        )  # fmt: skip
    return None


def source_path_problem(reference: str, root: Path) -> NameProblem | None:
    """Why `reference` (a path in book.yaml, relative to `root`) names no file of the
    sources: a name no file has, a place outside the folder, a symlink loop."""
    problem = _text_problem(reference)
    if problem is None and len(os.fsencode(root / reference)) > PATH_BYTES:
        problem = _text_problem(str(root / reference))
    if problem is not None:
        return problem
    path = root / reference
    inside = _inside(os.path.realpath(path), os.path.realpath(root))
    lexically = _inside(os.path.normpath(os.path.abspath(path)), os.path.abspath(root))
    if os.path.isabs(reference) or not lexically:
        return NameProblem(
            OUTSIDE,
            tr("'{path}' is outside the sources folder", path=reference),
            tr("keep every chapter and data file inside the sources folder and refer to it "
               "by a relative path"),
        )  # fmt: skip
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return NameProblem(
                SYMLINK_LOOP,
                tr("'{path}' is a symbolic link that leads back to itself", path=reference),
                tr("point the link at a file, or put the file itself in its place"),
            )
        return None  # a file not found is the reader's to report
    if not inside:
        return NameProblem(
            OUTSIDE,
            tr("'{path}' is a symbolic link to a file outside the sources folder",
               path=reference),
            tr("copy the file into the sources folder: the book is built from that folder "
               "alone"),
        )  # fmt: skip
    return None


def file_name_problem(name: str) -> NameProblem | None:
    """Why `name` cannot be the name of one file inside the output folder."""
    if problem := _text_problem(name):
        return problem
    if "/" in name or "\\" in name or name in (".", ".."):
        return NameProblem(
            NAME_FOLDER,
            tr("'{name}' names a folder too ('/', '\\' or '..'); it must be a file name "
               "alone", name=name),
            tr("the file is written to the output folder; give only its name"),
        )  # fmt: skip
    return None


def argument_problem(path: Path) -> NameProblem | None:
    """Why a path on the command line cannot be one: a NUL, a name too long.

    Other names are the user's own files, whatever their characters: a folder whose
    name is not UTF-8 still holds a book.
    """
    text = str(path)
    if "\0" in text:
        return NameProblem(
            NAME_CHARACTER,
            tr("'{name}' has a control character ({character}) in it",
               name=text, character="U+0000"),
            tr("no file name has a NUL character: check how the command was written"),
        )  # fmt: skip
    longest = max(path.parts or ("",), key=lambda part: len(os.fsencode(part)))
    if len(os.fsencode(longest)) > NAME_BYTES:
        return NameProblem(
            NAME_LENGTH,
            tr("a name in '{name}' is {count} bytes long; a file system allows {most}",
               name=text, count=len(os.fsencode(longest)), most=NAME_BYTES),
            tr("shorten the file or folder name"),
        )  # fmt: skip
    return None


def links_to_leave(root: Path) -> Callable[[str, list[str]], set[str]]:
    """For `shutil.copytree` of the sources folder `root`: in each folder, the symbolic
    links a copy leaves out, so that it holds the sources alone and ends: a link out
    of `root` (no file the book is built from: the reader refuses them), a loop, a
    link to nothing, and a link to a folder it is in."""
    top = os.path.realpath(root)

    def left(folder: str, names: list[str]) -> set[str]:
        found = set()
        here = os.path.realpath(folder)
        for name in names:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                continue
            target = os.path.realpath(path)
            if not os.path.exists(path) or not _inside(target, top) or _inside(here, target):
                found.add(name)
        return found

    return left


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root if os.path.isabs(path) else False


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
