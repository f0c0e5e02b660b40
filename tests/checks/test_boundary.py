"""The checks' stage boundary: which errors stop a book, and which a draft shows."""

from __future__ import annotations

import pytest

from kkpdf.checks import check_document
from kkpdf.checks.totals import SUM
from kkpdf.diagnostics import DiagnosticSink, StageFailed
from kkpdf.messages import tr
from kkpdf.parse.fonts import FAMILY, book_coverage
from kkpdf.parse.markup import UNSUPPORTED
from tests.conftest import FONTS


@pytest.fixture(scope="module")
def coverage():
    return book_coverage(FONTS)


def check(book, coverage, rule, *, draft):
    sink = DiagnosticSink()
    sink.error(book.info.span, tr("an error found earlier"), rule=rule)
    return check_document(book, sink, font_coverage=coverage, font_name=FAMILY, draft=draft)


def test_a_draft_is_made_with_a_wrong_figure_and_the_book_is_not(shipped_book, coverage):
    assert check(shipped_book, coverage, SUM, draft=True).tables == 4
    with pytest.raises(StageFailed):
        check(shipped_book, coverage, SUM, draft=False)


def test_any_other_error_stops_a_draft_too(shipped_book, coverage):
    with pytest.raises(StageFailed):
        check(shipped_book, coverage, UNSUPPORTED, draft=True)
