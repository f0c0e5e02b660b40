from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.parse.yaml_tree import YamlError, YamlMap, YamlScalar, YamlSeq, expect, load_yaml

PATH = Path("data.yaml")


def test_every_node_keeps_its_position():
    tree = load_yaml("a:\n  b: [1, ~, '2']\n  c: 2022-12-14\n", PATH)
    assert isinstance(tree, YamlMap)
    inner = tree.get("a")
    assert isinstance(inner, YamlMap)
    seq = inner.get("b")
    assert isinstance(seq, YamlSeq)
    assert [(i.value, i.span.line, i.span.column) for i in seq.items] == [
        (1, 2, 7),
        (None, 2, 10),
        ("2", 2, 13),
    ]
    date = inner.get("c")
    assert isinstance(date, YamlScalar)
    assert date.value == datetime.date(2022, 12, 14)


def test_block_scalar_text_starts_below_its_indicator():
    tree = load_yaml("cell: |\n    first\n\n    second\n", PATH)
    node = tree.get("cell")
    assert (node.span.line, node.content.line, node.content.column) == (1, 2, 5)


def test_a_node_of_another_shape_is_reported_where_it_stands():
    tree = load_yaml("rows: [1, 2]\nyears: {a: 1}\n", PATH)
    sink = DiagnosticSink()
    assert expect(tree.get("rows"), YamlSeq, "rows must be a list", sink) is tree.get("rows")
    years = Rule("data.years")
    assert expect(tree.get("years"), YamlSeq, "years must be a list", sink, rule=years) is None
    assert [(str(d.span), d.message, d.rule) for d in sink.diagnostics] == [
        ("data.yaml:2:8", "years must be a list", years)
    ]


def test_an_absent_node_is_reported_only_where_the_caller_says():
    sink = DiagnosticSink()
    assert expect(None, YamlMap, "optional", sink) is None
    assert expect(None, YamlMap, "needed", sink, missing=Span(PATH, 3)) is None
    assert [(str(d.span), d.message) for d in sink.diagnostics] == [("data.yaml:3:1", "needed")]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a' (first at line 1)", 2),
        ("a: &x [1]\nb: *x\n", "anchors and aliases", 2),
        ("a: &x 1\nb: *x\n", "anchors and aliases", 2),  # a scalar is one node too
        ("a: &x {k: v}\nb: [*x]\n", "anchors and aliases", 2),
        ("&x a: 1\nb: *x\n", "anchors and aliases", 2),  # an anchored key
        ("a:\n\tb: 1\n", "tab character", 2),
        ("a: [1\n", "invalid YAML", 2),
    ],
)
def test_problems_are_reported_at_their_line(text, message, line):
    with pytest.raises(YamlError, match=re.escape(message)) as caught:
        load_yaml(text, PATH)
    assert caught.value.span.line == line


def test_an_alias_bomb_is_rejected_without_expanding_it():
    # Nine levels of nine aliases would expand to 9**9 nodes.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    with pytest.raises(YamlError, match="aliases"):
        load_yaml("\n".join(lines), PATH)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:- \n[]{},&*'\"|>#~1\t")), max_size=60))
def test_any_text_gives_a_tree_or_a_yaml_error(text):
    try:
        load_yaml(text, PATH)
    except YamlError as err:
        assert err.span.line >= 1
