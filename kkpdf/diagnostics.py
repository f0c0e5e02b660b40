"""Source spans and diagnostics, shared by every stage.

Helpers raise plain exceptions; the caller that knows where in the sources the
problem lies turns them into a `Diagnostic` with a `Span` and reports it to a
`DiagnosticSink`. A stage boundary asks the sink whether errors were reported.
"""

from __future__ import annotations

import enum
import json
import logging
import os
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kkpdf.messages import (
    ENGLISH,
    LOCALE_DIR,
    CatalogMissing,
    Language,
    Message,
    language_of_book,
    shown,
    tr,
    tr_plural,
)

# What a terminal would act on or hide rather than show: control characters, the marks
# that reorder text (U+202E turns the rest of a line around) and the line separators.
# A file name may have any of them; a diagnostic names it with each one escaped.
_C0_CONTROLS = "\x00-\x1f"
UNSEEN_CHARACTERS = (_C0_CONTROLS + "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069")  # fmt: skip
# And what os.fsdecode makes of a byte of a name that is not UTF-8: a lone surrogate.
_UNSHOWN = re.compile(f"[{UNSEEN_CHARACTERS}\ud800-\udfff]")
# The same less the C0 controls, which JSON escapes itself (and its layout's line ends).
_UNSHOWN_IN_JSON = re.compile(f"[{UNSEEN_CHARACTERS.removeprefix(_C0_CONTROLS)}\ud800-\udfff]")


def visible(text: str) -> str:
    """`text` as it can be printed: each unseen character as an escape (U+202E as
    \\u202e, a NUL as \\u0000) and each byte that was not UTF-8 as \\xff."""
    return _UNSHOWN.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def json_text(document: object) -> str:
    """`document` as JSON text that any tool reads: valid UTF-8, what a terminal would
    act on escaped as JSON escapes, and a byte of a name that was not UTF-8 (which no
    JSON string can hold) as the text \\xff, as the text format shows it."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _UNSHOWN_IN_JSON.sub(_json_escaped, text)  # only strings can hold these


def _json_escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\\" + _escaped(match) if 0xD800 <= code <= 0xDFFF else f"\\u{code:04x}"


@dataclass(frozen=True, order=True)
class Span:
    """A range of a source file: 1-based first line and column, and where it ends.

    Two spans are the same place when they start at the same place: the end says
    how far a node reaches (a paragraph's last line, a word's last letter), not
    which node it is, so lookups, sorting and messages go by the start alone. An
    end of 0 means a point: the range ends where it starts.
    """

    path: Path
    line: int = 1
    column: int = 1
    end_line: int = field(default=0, compare=False)
    end_column: int = field(default=0, compare=False)
    # A spreadsheet's cell rather than a place in a text, by its name (`Sivistys!D14`, `D14`
    # in a CSV); `line` is then its row and `column` its column's number.
    cell: str | None = field(default=None, compare=False, kw_only=True)

    @property
    def end(self) -> tuple[int, int]:
        """The last line and the column just after the last character."""
        return (self.end_line, self.end_column) if self.end_line else (self.line, self.column)

    def shifted(self, lines: int, column: int | None = None) -> Span:
        """The same file, `lines` further down (for text nested in a YAML scalar)."""
        return Span(self.path, self.line + lines, self.column if column is None else column)

    def __str__(self) -> str:
        return f"{self.path}:{self.cell or f'{self.line}:{self.column}'}"


@dataclass(frozen=True)
class Rule:
    """A kind of problem, declared once beside the code that reports it.

    `id` is what tools see (`--format json`, the draft's report); `draft_shows`
    says that a draft is still made with this error, because showing it where it
    stands is what a draft is for (a wrong figure, a missing glyph). Any other
    error stops a draft as it stops the book.
    """

    id: str
    draft_shows: bool = False

    def __str__(self) -> str:
        return self.id


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    # Nothing wrong: something for the user to do, at its place (`kkpdf next-year`
    # lists the cells to fill in). Counted neither as an error nor as a warning.
    NOTE = "note"

    @property
    def word(self) -> Message:
        """The severity as the text format names it, in the reader's language."""
        return SEVERITY_WORDS[self]


# JSON and SARIF keep the English values above, for tools.
SEVERITY_WORDS = {
    Severity.ERROR: tr("error"),
    Severity.WARNING: tr("warning"),
    Severity.NOTE: tr("note"),
}


@dataclass(frozen=True)
class FigureFacts:
    """The numbers behind a diagnostic about a table cell, for --format json."""

    table: str
    row: str
    heading: str  # the column's heading, as printed ("TA 2024")
    year: int
    expected: int
    actual: int

    @property
    def difference(self) -> int:
        return self.actual - self.expected


@dataclass(frozen=True)
class Note:
    """A consequence of a diagnostic, at its own place: "so Toimintakate TA 2024 differs"."""

    span: Span
    message: Message
    figure: FigureFacts | None = None  # the numbers, where it is about a cell

    def as_json(self, language: Language = ENGLISH) -> dict[str, object]:
        span = self.span
        facts: dict[str, object] = {"file": str(span.path), "line": span.line,
                                    "column": span.column,
                                    **({"cell": span.cell} if span.cell else {}),
                                    "message": self.message.render(language)}  # fmt: skip
        if self.figure is not None:
            facts.update(_figure_json(self.figure))
        return facts


@dataclass(frozen=True)
class Candidate:
    """A cell that may be the wrong one, where the figures cannot tell which of several is."""

    span: Span
    table: str
    row: str
    year: int
    actual: int
    # For people: the row, column and table by their printed names, the figure and what
    # it would have to be ("Toimintakulut TA 2023 of Keskus (−7 000, else −8 000)").
    described: Message | None = field(default=None, compare=False)

    def describe(self, language: Language = ENGLISH) -> str:
        if self.described is not None:
            return self.described.render(language)
        return f"{self.table}, {self.row} {self.year}: {self.actual}"

    def as_json(self) -> dict[str, object]:
        return {"file": str(self.span.path), "line": self.span.line,
                "column": self.span.column, "table": self.table, "row": self.row,
                "year": self.year, "actual": self.actual}  # fmt: skip


@dataclass(frozen=True)
class Diagnostic:
    """One finding: where, how grave, what is wrong, and what to do about it."""

    severity: Severity
    span: Span
    message: Message
    rule: Rule
    hint: Message | None = None
    figure: FigureFacts | None = None
    # What follows from it, each at its own place; the cells it may be, if not one.
    notes: tuple[Note, ...] = ()
    candidates: tuple[Candidate, ...] = ()

    def __post_init__(self) -> None:
        # Every text a user reads goes through a catalog: a plain string here would be
        # shown in English to a Finnish reader, and no test of the catalogs would see it.
        texts = (self.message, self.hint, *(note.message for note in self.notes),
                 *(candidate.described for candidate in self.candidates))  # fmt: skip
        for text in texts:
            if text is not None and not isinstance(text, Message):
                raise TypeError(f"a diagnostic's text must be a Message (tr), not {text!r}")

    def format(self, language: Language = ENGLISH) -> str:
        def said(text: Message) -> str:
            return text.render(language)

        lines = [f"{self.span}: {said(self.severity.word)}: {said(self.message)}"]
        lines += [f"  {c.span}: {said(CANDIDATE)}: {c.describe(language)}"
                  for c in self.candidates]  # fmt: skip
        lines += [f"  {note.span}: {said(NOTE)}: {said(note.message)}" for note in self.notes]
        if self.hint is not None:
            lines.append(f"  {said(HINT)}: {said(self.hint)}")
        return "\n".join(visible(line) for line in lines)

    def as_json(self, language: Language = ENGLISH) -> dict[str, object]:
        facts: dict[str, object] = {
            "severity": self.severity.value,
            "file": str(self.span.path),
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end[0],
            "end_column": self.span.end[1],
            "rule": self.rule.id,
            "message": self.message.render(language),
            "hint": "" if self.hint is None else self.hint.render(language),
            **({"cell": self.span.cell} if self.span.cell else {}),
        }
        if self.figure is not None:
            facts.update(_figure_json(self.figure))
        if self.notes:
            facts["notes"] = [note.as_json(language) for note in self.notes]
        if self.candidates:
            facts["candidates"] = [candidate.as_json() for candidate in self.candidates]
        return facts


# A diagnostic inside a message (the errors that stopped an earlier version's build)
# reads as it does on its own.
shown.register(Diagnostic, Diagnostic.format)


def counted(sink: DiagnosticSink) -> Message:
    """The errors and warnings reported, as a summary counts them: "1 error, 2 warnings"."""
    return tr(
        "{errors}, {warnings}",
        errors=tr_plural("{count} error", "{count} errors", len(sink.errors)),
        warnings=tr_plural("{count} warning", "{count} warnings", len(sink.warnings)),
    )


# The words of the text format beside the severities.
CANDIDATE = tr("candidate")
NOTE = tr("note")
HINT = tr("hint")


def _figure_json(figure: FigureFacts) -> dict[str, object]:
    return {"table": figure.table, "row": figure.row, "heading": figure.heading,
            "year": figure.year, "expected": figure.expected, "actual": figure.actual,
            "difference": figure.difference}  # fmt: skip


@dataclass
class DiagnosticSink:
    """Collects diagnostics so that one run reports every problem, not the first."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def merge(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add another edition's diagnostics, leaving out those of a rule at a place this
        sink has one of already: the editions of a book check the data they share alike,
        and each says it in its own words ("Toimintatuotot", "Verksamhetsintäkter")."""
        known = {(diagnostic.span, diagnostic.rule) for diagnostic in self.diagnostics}
        self.diagnostics += [d for d in diagnostics if (d.span, d.rule) not in known]

    def error(
        self,
        span: Span,
        message: Message,
        *,
        rule: Rule,
        hint: Message | None = None,
        figure: FigureFacts | None = None,
        notes: tuple[Note, ...] = (),
        candidates: tuple[Candidate, ...] = (),
    ) -> None:
        self.diagnostics.append(
            Diagnostic(Severity.ERROR, span, message, rule, hint, figure, notes, candidates)
        )

    def warning(
        self,
        span: Span,
        message: Message,
        *,
        rule: Rule,
        hint: Message | None = None,
        figure: FigureFacts | None = None,
    ) -> None:
        self.diagnostics.append(Diagnostic(Severity.WARNING, span, message, rule, hint, figure))

    def note(
        self, span: Span, message: Message, *, rule: Rule, hint: Message | None = None
    ) -> None:
        self.diagnostics.append(Diagnostic(Severity.NOTE, span, message, rule, hint))

    @property
    def notes(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.NOTE]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (d.span, d.severity.value))


class EnvironmentProblem(Exception):
    """Something outside the sources is wrong (a missing font, library or folder).

    The message says what to install or fix; the command exits with status 2.
    """


class StageFailed(Exception):
    """Raised at a stage boundary when the stage reported errors.

    `detail` says what the stage got through all the same (how much it checked).
    """

    def __init__(self, stage: str, detail: Message | str = "") -> None:
        super().__init__(f"{stage} reported errors")
        self.stage = stage
        self.detail = detail


def book_language(tag: str, root: Path = LOCALE_DIR) -> Language:
    """The language a book's own reports speak (a draft's, the archive's); a catalog not
    compiled is a problem of the machine, like a missing font."""
    try:
        return language_of_book(tag, root)
    except CatalogMissing as err:
        raise EnvironmentProblem(str(err)) from None


def stop_on_errors(sink: DiagnosticSink, stage: str) -> None:
    if sink.has_errors():
        raise StageFailed(stage)


def render_json(diagnostics: list[Diagnostic], language: Language = ENGLISH) -> str:
    return json_text([d.as_json(language) for d in diagnostics])


SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
# The folder that relative paths are read against: the working folder of the run,
# named rather than written into every path, so that a log made on one machine
# still points into a checkout of the same repository on another.
SOURCE_ROOT = "%SRCROOT%"


def render_sarif(diagnostics: list[Diagnostic], base: Path, language: Language = ENGLISH) -> str:
    """The diagnostics as one SARIF 2.1.0 run, for code scanning in CI and for editors.

    `base` is the working folder: a path inside it is given relative to it, any
    other as a file URI. SARIF has no hint, so it follows the message on a line of
    its own, as in the text format, and is also a property of its own.
    """
    from kkpdf import __version__

    rules = list(dict.fromkeys(d.rule.id for d in diagnostics))
    run = {
        "tool": {"driver": {"name": "kkpdf", "version": __version__,
                            "rules": [{"id": rule} for rule in rules]}},
        "originalUriBaseIds": {SOURCE_ROOT: {"uri": base.absolute().as_uri() + "/"}},
        # Spans count characters, not the UTF-16 code units SARIF counts by default.
        "columnKind": "unicodeCodePoints",
        "results": [_sarif_result(d, rules.index(d.rule.id), base, language)
                    for d in diagnostics],
    }  # fmt: skip
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_text(log)


def _sarif_result(
    diagnostic: Diagnostic, rule_index: int, base: Path, language: Language
) -> dict[str, object]:
    text = diagnostic.message.render(language)
    properties: dict[str, object] = {}
    if diagnostic.hint is not None:
        hint = diagnostic.hint.render(language)
        text += f"\n{HINT.render(language)}: {hint}"
        properties["hint"] = hint
    if diagnostic.figure is not None:
        facts = diagnostic.figure
        properties.update(table=facts.table, row=facts.row, heading=facts.heading,
                          year=facts.year, expected=facts.expected, actual=facts.actual,
                          difference=facts.difference)  # fmt: skip
    related = [
        _sarif_location(note.span, base, note.message.render(language)) for note in diagnostic.notes
    ]
    related += [
        _sarif_location(c.span, base, f"{CANDIDATE.render(language)}: {c.describe(language)}")
        for c in diagnostic.candidates
    ]
    if diagnostic.candidates:
        properties["candidates"] = [
            {"table": c.table, "row": c.row, "year": c.year, "actual": c.actual}
            for c in diagnostic.candidates
        ]
    result: dict[str, object] = {
        "ruleId": diagnostic.rule.id,
        "ruleIndex": rule_index,
        "level": diagnostic.severity.value,  # SARIF's levels bear the same three names
        "message": {"text": text},
        "locations": [_sarif_location(diagnostic.span, base)],
    }
    if related:
        # A related location is told apart from the others by its id, unique in the result.
        result["relatedLocations"] = [{"id": i, **place} for i, place in enumerate(related)]
    if properties:
        result["properties"] = properties
    return result


def _sarif_location(span: Span, base: Path, message: str = "") -> dict[str, object]:
    end_line, end_column = span.end
    region = {"startLine": span.line, "startColumn": span.column,
              "endLine": end_line, "endColumn": end_column}  # fmt: skip
    artifact = _sarif_artifact(span.path, base)
    location: dict[str, object] = {
        "physicalLocation": {"artifactLocation": artifact, "region": region},
        # A spreadsheet's cell has no lines: its name is where it is.
        **({"logicalLocations": [{"fullyQualifiedName": span.cell}]} if span.cell else {}),
    }
    if message:
        location["message"] = {"text": message}
    return location


def _sarif_artifact(path: Path, base: Path) -> dict[str, str]:
    """A relative URI against the working folder where the file lies inside it."""
    absolute = Path(os.path.normpath(base.absolute() / path))
    try:
        relative = absolute.relative_to(Path(os.path.normpath(base.absolute())))
    except ValueError:
        return {"uri": absolute.as_uri()}
    # A name's bytes that are not UTF-8 are percent-encoded as they are.
    uri = urllib.parse.quote(relative.as_posix(), errors="surrogateescape")
    return {"uri": uri, "uriBaseId": SOURCE_ROOT}


@contextmanager
def quiet(*names: str, level: int = logging.CRITICAL) -> Iterator[None]:
    """The named loggers report nothing below `level` while the block runs.

    pyHanko logs a failed certificate path with its traceback, and fontTools
    complains about dates in subset fonts: kkpdf says what matters itself.
    """
    loggers = [logging.getLogger(name) for name in names]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, old in zip(loggers, previous, strict=True):
            logger.setLevel(old)
