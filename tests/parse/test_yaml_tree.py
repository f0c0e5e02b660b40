from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kkpdf.parse.yaml_tree import YamlError, YamlMap, YamlScalar, YamlSeq, load_yaml

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


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a' (first at line 1)", 2),
        ("a: &x [1]\nb: *x\n", "anchors and aliases", 2),
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
