"""What the chapter markup reader refuses rather than lose: nesting deeper than the
book prints, and lines the parser reads as nothing.

markdown-it stops reading at a nesting depth (its `maxNesting`): a list nested too
deep lost its deepest items and everything after it in the file. The book's parser
reads deeper (PARSER_NESTING), and the reader refuses, at the line where it starts,
a list nested deeper than LIST_DEPTH, and flattens emphasis nested deeper than
INLINE_DEPTH, reporting it. What the parser still drops (a link reference definition,
`[name]: address`, or text beyond its own depth) is found by the lines no block covers.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it.token import Token

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.messages import tr

NESTING = Rule("markup.nesting")
LOST = Rule("markup.lost")

# Lists in lists: the depth the parser read before (issue #19), so that no book that
# printed is refused. Each level indents 6 mm.
LIST_DEPTH = 9
# Emphasis in emphasis: more than bold italics ever needs; deeper, its layout recurses.
INLINE_DEPTH = 9
# How deep markdown-it reads (a list level is two of its levels, an item's paragraph
# one more): deep enough for LIST_DEPTH, shallow enough for Python's recursion.
PARSER_NESTING = 64

# The block tokens whose lines are read as text or reported as a whole.
_COVERING = frozenset(
    ("paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr", "blockquote_open")
)
# Container markers at a line's start: quotes and list items.
_MARKERS = re.compile(r"^(?:\s*(?:>|[-+*]|\d{1,9}[.)])(?=\s|$))*")
_WORD = re.compile(r"\w")
_MARKER = re.compile(r"(?:>|[-+*]|\d{1,9}[.)])(?:\s|$)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:")


def too_deep_list(sink: DiagnosticSink, span: Span) -> None:
    sink.error(
        span,
        tr(
            "this list is nested {depth} levels deep; the book prints lists at most {limit} "
            "levels deep",
            depth=LIST_DEPTH + 1,
            limit=LIST_DEPTH,
        ),
        rule=NESTING,
        hint=tr("move these items up a level, or write them as a paragraph"),
    )


def too_deep_emphasis(sink: DiagnosticSink, span: Span) -> None:
    sink.error(
        span,
        tr("emphasis is nested more than {limit} levels deep here", limit=INLINE_DEPTH),
        rule=NESTING,
        hint=tr("use * or ** once around the words; the text is kept without the extra levels"),
    )


def report_lost(
    tokens: list[Token],
    lines: list[str],
    sink: DiagnosticSink,
    path: Path,
    line_offset: int,
    column_offset: int,
) -> int | None:
    """Report each run of lines with words that no block of `tokens` covers; the line
    to read again from, if the parser stopped at its depth before it."""
    covered = [False] * len(lines)
    deepest = 0
    for token in tokens:
        deepest = max(deepest, token.level)
        if token.map and token.type in _COVERING:
            first, after = token.map
            covered[first:after] = [True] * (min(after, len(lines)) - first)
    lost = [number for number, line in enumerate(lines)
            if not covered[number] and line.strip() and _worded(line)]  # fmt: skip
    runs: list[list[int]] = []
    for number in lost:
        # A run goes on over blank and marker-only lines, which no block covers either.
        if runs and not any(covered[runs[-1][-1] + 1 : number]):
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        first = run[0]
        resume = None
        if _REFERENCE.match(lines[first]):
            message = tr("a link reference definition ('[name]: address') is not printed")
            hint = tr("write the text itself; for a web address, write it out")
        elif deepest >= PARSER_NESTING - 1:
            message = tr(
                "lists or quotes are nested too deep here: these lines would not be printed"
            )
            hint = tr("nest lists at most {limit} levels deep", limit=LIST_DEPTH)
            # The parser read nothing after the depth it stopped at; the first paragraph
            # after the list (unindented, after a blank line) is where reading resumes.
            resume = next((number for number in run[1:] if _starts_block(lines, number)), None)
            run = [number for number in run if resume is None or number < resume]
        else:
            message = tr("these lines would not be printed: the markup around them hides them")
            hint = tr("check the lines before them, or write the text as a plain paragraph")
        last = run[-1]
        end = column_offset + len(lines[last].rstrip()) + 1
        span = Span(path, line_offset + first + 1, column_offset + 1, line_offset + last + 1, end)
        sink.error(span, message, rule=LOST, hint=hint)
        if resume is not None:
            return resume
    return None


def _worded(line: str) -> bool:
    """Does the line hold a word, not only list or quote markers?"""
    return _WORD.search(_MARKERS.sub("", line)) is not None


def _starts_block(lines: list[str], number: int) -> bool:
    """Does line `number` begin text outside any list or quote?"""
    line = lines[number]
    return (
        not lines[number - 1].strip()
        and line[:1] not in ("", " ", "\t")
        and not (_MARKER.match(line))
    )
