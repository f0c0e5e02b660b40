"""Arbitrary data in any source file ends in diagnostics, never in another exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from kkpdf.build import check_sources
from kkpdf.diagnostics import DiagnosticSink, StageFailed
from tests.conftest import FONTS, MINIMAL

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**9), 10**9)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from(list("ab -_1{}~äö€−")), max_size=12)
    | st.sampled_from(["keskus", "alue_a", "myyntituotot", "total", "revenue", "2021", "1 000"])
)
keys = st.sampled_from(
    ["keskus", "alue_a", "years", "rows", "binding", "label", "kind", "parts", "name",
     "columns", "tables", "goal", "means", "unresolved", "row", "year", "note", "x"]
)  # fmt: skip
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)


@pytest.mark.parametrize(
    "target",
    ["data/talous.yaml", "data/tilit.yaml", "data/yksikot.yaml", "data/tavoitteet.yaml"],
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents)
def test_any_yaml_document_gives_diagnostics_or_a_book(target, document):
    checks_or_diagnoses(target, document)


def checks_or_diagnoses(target: str, document: object) -> None:
    """The minimal book with `target` replaced by `document` checks, or reports why not."""
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "book"
        shutil.copytree(MINIMAL, book)
        (book / target).write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
        sink = DiagnosticSink()
        try:
            check_sources(book, FONTS, sink)
        except StageFailed:
            assert sink.errors, "stopped without saying why"
        assert all(diagnostic.message for diagnostic in sink.diagnostics)


def paths(value, prefix=()):
    """Every place in a nested document: the keys and indexes that lead to it."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*prefix, index))


def replaced(value, path, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = replaced(value[path[0]], path[1:], new)
    return copy


@pytest.mark.parametrize(
    "target",
    ["book.yaml", "data/talous.yaml", "data/tilit.yaml", "data/yksikot.yaml",
     "data/tavoitteet.yaml"],
)  # fmt: skip
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_one_changed_value_in_a_valid_file_gives_diagnostics_or_a_book(target, data):
    original = yaml.safe_load((MINIMAL / target).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(list(paths(original))))
    checks_or_diagnoses(target, replaced(original, path, data.draw(documents)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_changed_book_file_builds_or_gives_diagnostics(data):
    # book.yaml holds the words the layout prints (labels, headings): lay them out too.
    from kkpdf.build import build_pdf

    original = yaml.safe_load((MINIMAL / "book.yaml").read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from([p for p in paths(original) if p[:1] != ("chapters",)]))
    document = replaced(original, path, data.draw(documents))
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "book"
        shutil.copytree(MINIMAL, book)
        (book / "book.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
        sink = DiagnosticSink()
        try:
            build_pdf(book, Path(folder) / "out.pdf", FONTS, sink)
        except StageFailed:
            assert sink.errors
