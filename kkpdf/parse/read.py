"""Stage 1, read: find every file the book is made of and load its text.

`book.yaml` names the chapters and data files; each must lie inside the sources
folder. Text is decoded as UTF-8 (a byte-order mark is dropped) and line ends
are normalised, so later stages see one kind of text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kkpdf.diagnostics import DiagnosticSink, Rule, Span, StageFailed, stop_on_errors
from kkpdf.files import source_path_problem
from kkpdf.messages import Message, tr
from kkpdf.model import Edition, Untranslated
from kkpdf.parse.editions import EDITIONS, book_editions, edition_of, localise
from kkpdf.parse.parts import PlannedPart, read_parts
from kkpdf.parse.yaml_tree import (
    YAML_SYNTAX,
    YamlError,
    YamlMap,
    YamlNode,
    YamlScalar,
    YamlSeq,
    expect,
    load_yaml,
)

# The rules this module reports.
MISSING = Rule("read.missing")
SHAPE = Rule("book.shape")
DATA = Rule("book.data")
MISSING_KEY = Rule("book.missing-key")
PATH = Rule("book.path")
ENCODING = Rule("read.encoding")
IO = Rule("read.io")
SIZE = Rule("read.size")

# A source file larger than this is refused unread: the largest of a 600-page book is
# under 1 MB, and reading, parsing and laying out grow with the size (README "Limits").
MAX_FILE_BYTES = 10 * 1024 * 1024


BOOK_FILE = "book.yaml"
DATA_ROLES = ("accounts", "units", "finance", "goals")
# YAML files a whole book has and a chapter's book need not: the investment part,
# the summary tables and ratios, and the checks between the parts.
OPTIONAL_DATA_ROLES = ("investments", "summaries", "ties")
# Files a book may have: those, and the project word list of the spelling check.
OPTIONAL_ROLES = (*OPTIONAL_DATA_ROLES, "words")


@dataclass(frozen=True)
class SourceFile:
    """One source file's text and the path diagnostics name it by."""

    path: Path  # as diagnostics show it: the sources folder joined with the relative path
    text: str


@dataclass(frozen=True)
class SourceSet:
    """Every file of a book's sources, read and sorted by role."""

    root: Path
    book: SourceFile
    book_tree: YamlMap
    chapters: tuple[SourceFile, ...]
    data: dict[str, tuple[SourceFile, ...]]
    # A book in parts (see kkpdf.parse.parts): the parts, and which chapters are sections.
    parts: tuple[PlannedPart, ...] = ()
    sections: frozenset[int] = frozenset()
    # The edition read (book_tree is as it reads it; see kkpdf.parse.editions), and
    # what of book.yaml and the chapters it has only in the first edition's language.
    edition: Edition = field(default_factory=Edition)
    untranslated: tuple[Untranslated, ...] = ()


class SourceReadError(Exception):
    def __init__(self, message: Message, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def decode_text(raw: bytes) -> str:
    """UTF-8 with an optional byte-order mark; CRLF and CR become LF."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")  # pragma: no mutate - equivalent: codec names ignore case
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise SourceReadError(
            tr("the file is not UTF-8 (byte {byte})", byte=format(raw[err.start], "#04x")), line
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_sources(root: Path, sink: DiagnosticSink, edition: str | None = None) -> SourceSet:
    """Read book.yaml and every file the edition (the first one if None) is made of;
    report each problem to `sink`."""
    book_path = root / BOOK_FILE
    if not root.is_dir():
        sink.error(
            Span(root),
            tr("sources folder '{root}' does not exist", root=root),
            rule=MISSING,
            hint=tr("give the folder that holds book.yaml, e.g. 'kkpdf build sources'"),
        )
        raise StageFailed("read")
    book = _read_file(book_path, Span(book_path), root, sink, reference=BOOK_FILE)
    if book is None:
        raise StageFailed("read")
    try:
        tree = load_yaml(book.text, book.path)
    except YamlError as err:
        sink.error(err.span, err.message, rule=YAML_SYNTAX, hint=err.hint)
        raise StageFailed("read") from None
    if not isinstance(tree, YamlMap):
        sink.error(
            Span(book.path),
            tr("book.yaml must be a mapping of keys such as 'title:' and 'chapters:'"),
            rule=SHAPE,
        )
        raise StageFailed("read")
    chosen = _edition(tree, edition, sink)
    tree, untranslated = localise(tree, chosen, "book")
    missing_chapters: list[Untranslated] = []

    def read_chapter(ref: YamlNode, key: str) -> SourceFile | None:
        """The edition's own text of the chapter; the first edition's while it has none."""
        if not chosen.first and isinstance(ref, YamlScalar) and isinstance(ref.value, str):
            if problem := source_path_problem(ref.value, root):  # before the disk is asked
                sink.error(ref.span, problem.message, rule=problem.rule, hint=problem.hint)
                return None
            own = chosen.chapter(ref.value)
            if (root / own).is_file() or not (root / ref.value).is_file():
                return _read_file(root / own, ref.span, root, sink, reference=own)
            missing_chapters.append(
                Untranslated(
                    Span(root / ref.value), tr("chapter {path}", path=ref.value), own, chosen
                )
            )
        return _read_ref(ref, key, root, sink)

    parts_node = tree.get("parts")
    parts: tuple[PlannedPart, ...] = ()
    sections: frozenset[int] = frozenset()
    if parts_node is None:
        chapters = tuple(_read_listed(tree, "chapters", root, book.path, sink, read_chapter))
    else:
        if tree.get("chapters") is not None:
            sink.error(
                next(key.span for key, _ in tree.entries if key.value == "parts"),
                tr("book.yaml has both 'chapters:' and 'parts:'"),
                rule=SHAPE,
                hint=tr("list every chapter under its part, and remove 'chapters:'"),
            )
        plan = read_parts(parts_node, read_chapter, sink)
        chapters, parts, sections = plan.files, plan.parts, plan.sections
    data: dict[str, tuple[SourceFile, ...]] = {}
    data_node = expect(
        tree.get("data"),
        YamlMap,
        tr("book.yaml needs a 'data:' mapping naming the data files"),
        sink,
        rule=DATA,
        hint=tr("give the keys {keys}", keys=", ".join(DATA_ROLES)),
        missing=Span(book.path),
    )
    if data_node is not None:
        for role in DATA_ROLES:
            data[role] = tuple(_read_listed(data_node, role, root, book.path, sink))
        for key, _ in data_node.entries:
            if key.value not in DATA_ROLES + OPTIONAL_ROLES:
                known = ", ".join(DATA_ROLES + OPTIONAL_ROLES)
                sink.error(key.span,
                           tr("unknown key '{key}' under 'data:' in book.yaml", key=key.value),
                           rule=DATA, hint=tr("the keys are: {keys}", keys=known))  # fmt: skip
        for role in OPTIONAL_ROLES:
            if data_node.get(role) is not None:
                data[role] = tuple(_read_listed(data_node, role, root, book.path, sink))
    stop_on_errors(sink, "read")
    return SourceSet(root, book, tree, chapters, data, parts, sections, chosen,
                     untranslated + tuple(missing_chapters))  # fmt: skip


def listed_editions(root: Path) -> tuple[str, ...]:
    """The editions book.yaml lists, () for a book in one language or one that cannot be
    read (building it reports why)."""
    path = root / BOOK_FILE
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return ()  # building refuses it unread, and says why
        tree = load_yaml(decode_text(path.read_bytes()), path)
    except (OSError, SourceReadError, YamlError):
        return ()
    return book_editions(tree, DiagnosticSink()) if isinstance(tree, YamlMap) else ()


def chosen_editions(root: Path, wanted: str | None, every: bool) -> tuple[str | None, ...]:
    """The editions a command is for: `wanted` ("sv"), else every one the book lists
    (or the first, unless `every` or `wanted` is "all"); (None,) for a book in one language."""
    if wanted is not None and wanted != "all":
        return (wanted,)
    listed = listed_editions(root)
    if not listed:
        return (None,)
    return listed if every or wanted == "all" else listed[:1]


def edition_in(root: Path, language: str) -> str | None:
    """The edition of the book at `root` in `language` ("sv-FI"); None for its first."""
    code = language.split("-")[0].lower()
    return code if code in listed_editions(root) else None


def _edition(tree: YamlMap, wanted: str | None, sink: DiagnosticSink) -> Edition:
    codes = book_editions(tree, sink)
    try:
        return edition_of(codes, wanted)
    except ValueError as err:
        node = tree.get("editions")
        # edition_of says why with a Message, the error's argument.
        sink.error(node.span if node else tree.span, err.args[0], rule=EDITIONS,
                   hint=tr("name an edition book.yaml lists under 'editions:'"))  # fmt: skip
        raise StageFailed("read") from None


def _read_listed(
    mapping: YamlMap,
    key: str,
    root: Path,
    book_path: Path,
    sink: DiagnosticSink,
    read: Callable[[YamlNode, str], SourceFile | None] | None = None,
) -> list[SourceFile]:
    node = mapping.get(key)
    if node is None:
        sink.error(
            mapping.span,
            tr("'{key}:' is missing", key=key),
            rule=MISSING_KEY,
            hint=tr("add '{key}:' with the file path(s), relative to the sources folder", key=key),
        )
        return []
    refs = node.items if isinstance(node, YamlSeq) else (node,)
    read = read or (lambda ref, key: _read_ref(ref, key, root, sink))
    files = [source for ref in refs if (source := read(ref, key)) is not None]
    if not refs:
        sink.error(node.span, tr("'{key}:' names no files", key=key), rule=MISSING_KEY)
    return files


def _read_ref(ref: YamlNode, key: str, root: Path, sink: DiagnosticSink) -> SourceFile | None:
    """The file a path in book.yaml names, listed under `key`."""
    if not isinstance(ref, YamlScalar) or not isinstance(ref.value, str) or not ref.value:
        sink.error(ref.span, tr("'{key}' must list file paths", key=key), rule=PATH)
        return None
    return _read_file(root / ref.value, ref.span, root, sink, reference=ref.value)


def _read_file(
    path: Path, span: Span, root: Path, sink: DiagnosticSink, reference: str | None = None
) -> SourceFile | None:
    shown = reference or path.name
    if reference is not None and (problem := source_path_problem(reference, root)):
        sink.error(span, problem.message, rule=problem.rule, hint=problem.hint)
        return None
    if not path.is_file():
        sink.error(
            span,
            tr("file '{path}' not found", path=shown),
            rule=MISSING,
            hint=tr("check the name; paths are relative to {root}", root=root),
        )
        return None
    try:
        if _too_large(path, sink):
            return None
        text = decode_text(path.read_bytes())
    except SourceReadError as err:
        sink.error(
            Span(path, err.line),
            err.message,
            rule=ENCODING,
            hint=tr("save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8)"),
        )
        return None
    except OSError as err:
        sink.error(
            span, tr("cannot read '{path}': {problem}", path=shown, problem=err.strerror), rule=IO
        )
        return None
    return SourceFile(path, text)


def _too_large(path: Path, sink: DiagnosticSink) -> bool:
    size = path.stat().st_size
    if size <= MAX_FILE_BYTES:
        return False
    megabytes = MAX_FILE_BYTES // (1024 * 1024)
    sink.error(
        Span(path),
        tr(
            "the file is {size} MB; a source file may be at most {limit} MB",
            size=-(-size // (1024 * 1024)),
            limit=megabytes,
        ),
        rule=SIZE,
        hint=tr("split the chapter or data file into several, or check that it is the right file"),
    )
    return True
