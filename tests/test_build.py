"""The pipeline's language: the book's picks the hyphenation of the layout and the
spelling of a draft."""

from __future__ import annotations

import datetime

import pytest

from kkpdf.build import BuildSession, DraftRequest, build_pdf
from kkpdf.diagnostics import DiagnosticSink, StageFailed
from kkpdf.language.hyphenation import Hyphenator, SwedishHyphenator
from tests.conftest import FONTS

SWEDISH_CHAPTER = """# Centralen

Verksamhetsbidraget och personalkostnaderna, men verksamhetsbidrg är fel.

```{finance-table} keskus
```

```{goal-table} teema
```
"""


def test_a_session_keeps_one_hyphenator_per_language():
    with BuildSession() as session:
        swedish = session.hyphenator("sv-FI")
        assert type(swedish) is SwedishHyphenator
        assert session.hyphenator("sv-SE") is swedish
        finnish = session.hyphenator("fi-FI")
        assert type(finnish) is Hyphenator
        assert session.hyphenator("fi") is finnish


def test_a_swedish_book_is_laid_out_with_swedish_hyphenation(minimal_sv_book, tmp_path):
    book = minimal_sv_book({"luvut/01.md": SWEDISH_CHAPTER})
    with BuildSession() as session:
        build_pdf(book, tmp_path / "bok.pdf", FONTS, DiagnosticSink(), session=session, fork=False)
        used = session.hyphenator("sv-FI").word.cache_info()
        assert used.currsize > 0, "the layout hyphenated with the session's Swedish hyphenator"


def test_a_swedish_draft_marks_the_words_swedish_does_not_know(minimal_sv_book, tmp_path):
    book = minimal_sv_book({"luvut/01.md": SWEDISH_CHAPTER})
    sink = DiagnosticSink()
    draft = DraftRequest(made=datetime.datetime(2026, 11, 30, 8, 0))
    build_pdf(book, tmp_path / "utkast.pdf", FONTS, sink, draft=draft, fork=False)
    warnings = [d for d in sink.warnings if d.rule.id == "spelling.unknown"]
    unknown = [str(d.message).split("'")[1] for d in warnings]
    assert unknown == ["verksamhetsbidrg"]


@pytest.mark.parametrize("draft", [None, DraftRequest(made=datetime.datetime(2026, 11, 30, 8, 0))])
def test_a_book_in_a_language_with_no_tools_is_an_error_at_its_language(
    minimal_sv_book, tmp_path, draft
):
    book = minimal_sv_book()
    book_yaml = (book / "book.yaml").read_text(encoding="utf-8")
    (book / "book.yaml").write_text(book_yaml.replace("sv-FI", "de-DE"), encoding="utf-8")
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        build_pdf(book, tmp_path / "bok.pdf", FONTS, sink, draft=draft, fork=False)
    (error,) = sink.errors
    assert error.rule.id == "language.unsupported"
    message = str(error.message)
    assert "for the language 'de-DE'" in message and "available for: fi, sv" in message
    line = book_yaml.split("\n")[error.span.line - 1]
    assert line[error.span.column - 1 :] == "sv-FI"
    assert not (tmp_path / "bok.pdf").exists()
