"""Stage 2, parse: every source file to a positioned tree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from kkpdf.diagnostics import DiagnosticSink, StageFailed
from kkpdf.interrupts import no_stop
from kkpdf.model import Edition, Untranslated
from kkpdf.parse.editions import localise
from kkpdf.parse.markup import ChapterBlock, make_parser, parse_markup
from kkpdf.parse.parts import PlannedPart
from kkpdf.parse.read import DATA_ROLES, OPTIONAL_DATA_ROLES, SourceSet
from kkpdf.parse.yaml_tree import YAML_SYNTAX, YamlError, YamlMap, YamlNode, load_yaml


@dataclass(frozen=True)
class ParsedChapter:
    """A chapter file parsed into blocks."""

    path: Path
    blocks: tuple[ChapterBlock, ...]


@dataclass(frozen=True)
class ParsedData:
    """A data file parsed into a positioned YAML tree (None if it is empty)."""

    path: Path
    tree: YamlNode | None


@dataclass(frozen=True)
class ParsedBook:
    """Every source file parsed, before the document model is made."""

    book_path: Path
    book: YamlMap
    chapters: tuple[ParsedChapter, ...]
    data: dict[str, tuple[ParsedData, ...]]
    # A book in parts: the parts, and which chapters are sections (see kkpdf.parse.parts).
    parts: tuple[PlannedPart, ...] = ()
    sections: frozenset[int] = frozenset()
    # The edition the data trees are localised for, and what it has only in the first
    # edition's language (see kkpdf.parse.editions).
    edition: Edition = field(default_factory=Edition)
    untranslated: tuple[Untranslated, ...] = ()


class ParseCache:
    """Parsed files by path and text, so that watch mode parses only what changed.

    The diagnostics a file gave are kept with it and given again on every build.
    """

    def __init__(self) -> None:
        # Path → the text last parsed and what it gave: a new text replaces the old one.
        self._chapters: dict[Path, tuple[str, tuple[ChapterBlock, ...], list]] = {}

    def chapter(
        self, path: Path, text: str, sink: DiagnosticSink, parser: MarkdownIt
    ) -> tuple[ChapterBlock, ...]:
        cached = self._chapters.get(path)
        if cached is None or cached[0] != text:
            own = DiagnosticSink()
            cached = (text, parse_markup(text, path, own, parser=parser), own.diagnostics)
            self._chapters[path] = cached
        _, blocks, diagnostics = cached
        sink.diagnostics.extend(diagnostics)
        return blocks


def parse_sources(
    sources: SourceSet,
    sink: DiagnosticSink,
    cache: ParseCache | None = None,
    checkpoint: Callable[[], None] = no_stop,
) -> ParsedBook:
    """Every file parsed; `checkpoint` is asked before each (see kkpdf.interrupts)."""
    parser = make_parser()
    cache = cache or ParseCache()
    chapters = []
    for chapter in sources.chapters:
        checkpoint()
        chapters.append(
            ParsedChapter(chapter.path, cache.chapter(chapter.path, chapter.text, sink, parser))
        )
    # Markup problems are reported and the build goes on to find more; a data file
    # that is not YAML stops it here, as everything built from it would be wrong too.
    unreadable = False
    untranslated = list(sources.untranslated)
    data: dict[str, tuple[ParsedData, ...]] = {}
    for role, files in sources.data.items():
        if role not in DATA_ROLES + OPTIONAL_DATA_ROLES:
            continue  # not YAML: the word list is read by the spelling check
        parsed = []
        for source in files:
            checkpoint()
            try:
                tree = load_yaml(source.text, source.path)
            except YamlError as err:
                sink.error(err.span, err.message, rule=YAML_SYNTAX, hint=err.hint)
                unreadable = True
                continue
            tree, missing = localise(tree, sources.edition, role)
            untranslated += missing
            parsed.append(ParsedData(source.path, tree))
        data[role] = tuple(parsed)
    if unreadable:
        raise StageFailed("parse")
    return ParsedBook(sources.book.path, sources.book_tree, tuple(chapters), data, sources.parts,
                      sources.sections, sources.edition, tuple(untranslated))  # fmt: skip
