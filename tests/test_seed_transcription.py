"""The sources hold the whole seed chapter: every sentence and every figure.

`tests/fixtures/seed-2023` keeps the chapter as published (typos and figures);
`sources/` fixes the typos and the one figure the seed's own numbers settle.
"""

from __future__ import annotations

import re

import pytest

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import FinanceTable
from kkpdf.walk import printed_text
from tests.seed import (
    RESTRUCTURED,
    SEED_SOURCES,
    TYPOS,
    UNIT_NAMES,
    normalise,
    seed_tables,
    seed_text_pieces,
)


@pytest.fixture(scope="module")
def seed_book():
    sink = DiagnosticSink()
    return compile_document(SEED_SOURCES, sink)


def printed(book) -> str:
    return normalise(" ".join(text for text, _ in printed_text(book)))


def test_every_sentence_of_the_seed_is_printed_with_its_typos_fixed(shipped_book):
    pieces = seed_text_pieces({**TYPOS, **UNIT_NAMES, **RESTRUCTURED})
    assert len(pieces) > 150
    text = printed(shipped_book)
    assert [piece for piece in pieces if piece not in text] == []


def test_the_seed_tree_keeps_the_published_text(seed_book):
    text = printed(seed_book)
    pieces = seed_text_pieces({**UNIT_NAMES, **RESTRUCTURED})
    assert [piece for piece in pieces if piece not in text] == []


def finance_tables(book) -> dict[str, FinanceTable]:
    return {table.unit.name: table for table in book.finance_tables}


def as_printed(table: FinanceTable) -> list[tuple[str, list[int | None]]]:
    return [(row.account.label, [cell.value for cell in row.cells]) for row in table.rows]


def test_the_seed_tree_holds_every_published_figure(seed_book):
    tables = finance_tables(seed_book)
    seed = seed_tables()
    assert set(seed) == set(tables)
    for name, rows in seed.items():
        assert as_printed(tables[name]) == rows, name


def test_the_sources_change_a_published_figure_only_with_a_comment(shipped_book, seed_book):
    published = finance_tables(seed_book)
    changed = 0
    for name, table in finance_tables(shipped_book).items():
        for row, seed_row in zip(table.rows, published[name].rows, strict=True):
            for cell, seed_cell in zip(row.cells, seed_row.cells, strict=True):
                if cell.value == seed_cell.value:
                    continue
                changed += 1
                lines = cell.span.path.read_text(encoding="utf-8").split("\n")
                above = lines[: cell.span.line - 1]
                comment = []
                while above and above[-1].strip().startswith("#"):
                    comment.append(above.pop())
                assert comment, f"{name} {row.account.label}: changed without a comment"
                assert re.search(r"\d", " ".join(comment)), "the comment gives no evidence"
    assert changed == 1
