"""Markdown that makes markdown-it drop or swallow text (#19): nesting deeper than it
reads, emphasis in emphasis, quotes, link reference definitions. Every word of a
chapter is in the document model or on a line an error names, and what follows a
refused construct is still read."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from pypdf import PdfReader

from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import Heading, ListBlock, Paragraph, walk_blocks
from kkpdf.parse.markup import make_parser, parse_markup
from kkpdf.parse.markup_limits import INLINE_DEPTH, LIST_DEPTH, PARSER_NESTING
from kkpdf.walk import inline_text
from tests.conftest import MINIMAL, copy_book
from tests.hostile.corpus import run_kkpdf

CHAPTER = (MINIMAL / "luvut/01.md").read_text(encoding="utf-8")
WORD = re.compile(r"sana\d+")


def nested_list(words: list[str], depth: int, ordered: bool) -> str:
    """One item per level, each level inside the one before."""
    lines, indent = [], 0
    for level in range(depth):
        marker = "1. " if ordered else "- "
        lines.append(" " * indent + marker + words[level % len(words)] + f" sana{900 + level}")
        indent += len(marker)
    return "\n".join(lines)


def quoted(words: list[str], depth: int) -> str:
    return "> " * depth + " ".join(words)


def emphasised(words: list[str], depth: int) -> str:
    """`depth` levels: markdown-it reads 2n - 1 stars as n - 1 bold and one italic."""
    marks = "*" * (2 * depth - 1)
    return f"{marks}{' '.join(words)}{marks}"


def reference(words: list[str], _depth: int) -> str:
    return f"[{words[0]}]: https://example.invalid/{words[-1]}"


def image(words: list[str], depth: int) -> str:
    """An image in `depth` brackets: markdown-it drops its text, and reads deep brackets
    only to its own depth."""
    return "[" * depth + f"![{' '.join(words)}](kuva.png)" + "]" * depth


@st.composite
def chapters(draw) -> str:
    """The minimal chapter with blocks of deep markup, each followed by a paragraph."""
    counter = iter(range(10_000))
    blocks = []
    for _ in range(draw(st.integers(1, 3))):
        words = [f"sana{next(counter)}" for _ in range(draw(st.integers(1, 4)))]
        kinds = ["list", "ordered", "quote", "emphasis", "reference", "image"]
        kind = draw(st.sampled_from(kinds))
        depth = draw(st.integers(1, 40 if kind in ("list", "ordered", "image") else 20))
        if kind in ("list", "ordered"):
            blocks.append(nested_list(words, depth, kind == "ordered"))
        else:
            blocks.append({"quote": quoted, "emphasis": emphasised, "reference": reference,
                           "image": image}[kind](words, depth))  # fmt: skip
        blocks.append(f"sana{next(counter)} jälkeen")
    head, rest = CHAPTER.split("\n", 1)
    return head + "\n\n" + "\n\n".join(blocks) + "\n" + rest


def model_words(text: str) -> tuple[set[str], list[tuple[int, int]]]:
    """The words of the chapter's document model, and the lines each error names."""
    sink = DiagnosticSink()
    blocks = parse_markup(text, Path("luvut/01.md"), sink, parser=make_parser())
    words: set[str] = set()
    readable = [b for b in blocks if isinstance(b, Heading | Paragraph | ListBlock)]
    for block in walk_blocks(readable):
        if isinstance(block, Heading | Paragraph):
            words.update(WORD.findall(inline_text(block.children)))
    named = [(d.span.line, max(d.span.end_line, d.span.line)) for d in sink.errors]
    return words, named


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chapter=chapters())
def test_every_word_is_read_or_named_by_an_error(chapter, tmp_path_factory):
    words, named = model_words(chapter)
    for number, line in enumerate(chapter.split("\n"), start=1):
        for word in WORD.findall(line):
            assert word in words or any(first <= number <= last for first, last in named), (
                f"{word} on line {number} is lost:\n{chapter}"
            )
    # The paragraph after each block is read whatever the block before it did.
    for after in re.findall(r"^(sana\d+) jälkeen$", chapter, re.M):
        assert after in words, f"{after} is lost:\n{chapter}"
    workspace = tmp_path_factory.mktemp("markdown")
    book = copy_book(MINIMAL, workspace / "book", {"luvut/01.md": chapter})
    run = run_kkpdf(["check", str(book)], workspace, book / "output")
    assert (run.status == 0) == (not named), run.stderr


def test_a_list_as_deep_as_the_limit_is_printed(tmp_path):
    words = [f"sana{n}" for n in range(3)]
    chapter = CHAPTER.replace("Keskukseen kuuluvat:", nested_list(words, LIST_DEPTH, False))
    book = copy_book(MINIMAL, tmp_path / "book", {"luvut/01.md": chapter})
    pdf = book / "output" / "kirja.pdf"
    run = run_kkpdf(["build", str(book), "-o", str(pdf)], tmp_path, book / "output")
    assert run.status == 0, run.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert set(WORD.findall(chapter)) <= set(WORD.findall(text))


def test_a_list_one_level_deeper_is_refused_where_it_starts_and_the_rest_is_read():
    words, named = model_words(nested_list(["sana1"], LIST_DEPTH + 1, False) + "\n\nsana2 x\n")
    # One error, from the line of the 10th level, and not over the paragraph after.
    assert len(named) == 1 and named[0][0] == LIST_DEPTH + 1 and named[0][1] < LIST_DEPTH + 3
    assert words == {f"sana{900 + level}" for level in range(LIST_DEPTH)} | {"sana1", "sana2"}


def test_a_list_deeper_than_the_parser_reads_is_named_and_the_paragraph_after_it_read():
    text = nested_list(["sana1"], PARSER_NESTING, True) + "\n\nsana2 x\n"
    words, named = model_words(text)
    assert "sana2" in words
    # The list too deep from its 10th level, and the lines the parser did not reach.
    assert named[0][0] == LIST_DEPTH + 1 and named[-1][1] == PARSER_NESTING


def test_emphasis_too_deep_keeps_its_text():
    words, named = model_words(emphasised(["sana1", "sana2"], INLINE_DEPTH + 1) + "\n")
    assert words == {"sana1", "sana2"} and named == [(1, 1)]
    words, named = model_words(emphasised(["sana1"], INLINE_DEPTH) + "\n")
    assert words == {"sana1"} and not named
