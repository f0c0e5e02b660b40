from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.messages import tr
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
    assert expect(tree.get("rows"), YamlSeq, tr("rows must be a list"), sink) is tree.get("rows")
    years = Rule("data.years")
    assert expect(tree.get("years"), YamlSeq, tr("years must be a list"), sink, rule=years) is None
    assert [(str(d.span), str(d.message), d.rule) for d in sink.diagnostics] == [
        ("data.yaml:2:8", "years must be a list", years)
    ]


def test_an_absent_node_is_reported_only_where_the_caller_says():
    sink = DiagnosticSink()
    assert expect(None, YamlMap, tr("optional"), sink) is None
    assert expect(None, YamlMap, tr("needed"), sink, missing=Span(PATH, 3)) is None
    assert [(str(d.span), str(d.message)) for d in sink.diagnostics] == [
        ("data.yaml:3:1", "needed")
    ]


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


def test_a_tab_is_reported_at_its_own_column_with_the_hint():
    # The column counts the characters before the tab on its line, not on earlier lines.
    with pytest.raises(YamlError) as caught:
        load_yaml("a:\n  - 1\n  -   \t2\n", PATH)
    err = caught.value
    assert (str(err), str(err.message), str(err.span)) == (
        "tab character in a YAML file",
        "tab character in a YAML file",
        "data.yaml:3:7",
    )
    assert str(err.hint) == "indent with spaces; YAML does not allow tabs for indentation"


def test_invalid_yaml_names_the_problem_its_place_and_the_hint():
    with pytest.raises(YamlError) as caught:
        load_yaml("a: 1\nb: c: d\n", PATH)
    err = caught.value
    assert str(err.message) == "invalid YAML: mapping values are not allowed in this context"
    assert str(err.span) == "data.yaml:2:5"
    assert str(err.hint) == (
        "check the indentation and that every 'key: value' has a space after the colon"
    )


def test_a_control_character_is_invalid_yaml():
    # The reader's error carries no mark: the file is named without a line.
    with pytest.raises(YamlError) as caught:
        load_yaml("a: \x07\n", PATH)
    assert str(caught.value.message).startswith("invalid YAML: unacceptable character #x0007")
    assert caught.value.span == Span(PATH)


def test_an_alias_is_reported_where_it_stands_with_the_hint():
    with pytest.raises(YamlError) as caught:
        load_yaml("a: &x 1\nb:\n  - 2\n  - *x\n", PATH)
    err = caught.value
    assert str(err.message) == "YAML anchors and aliases (&name, *name) are not supported"
    assert str(err.span) == "data.yaml:4:5"
    assert str(err.hint) == "write the values out in full"


def test_a_duplicate_key_is_reported_at_the_second_with_the_first_line_and_hint():
    with pytest.raises(YamlError) as caught:
        load_yaml("x: 0\nrows:\n  a: 1\n  b: 2\n  a: 3\n", PATH)
    err = caught.value
    assert str(err.message) == "duplicate key 'a' (first at line 3)"
    assert str(err.span) == "data.yaml:5:3"
    assert (
        str(err.hint) == "remove one of them or rename it; YAML would silently keep only the last"
    )


def test_equal_keys_in_different_mappings_are_not_duplicates():
    tree = load_yaml("a: {k: 1}\nb: {k: 2}\n", PATH)
    assert [tree.get(name).get("k").value for name in ("a", "b")] == [1, 2]


@pytest.mark.parametrize(
    ("text", "where"),
    [("[a]: 1\n", "data.yaml:1:1"), ("x: 1\n? {a: 1}\n: 2\n", "data.yaml:2:3")],
)
def test_a_list_or_mapping_as_a_key_is_reported_at_the_key(text, where):
    with pytest.raises(YamlError) as caught:
        load_yaml(text, PATH)
    assert str(caught.value.message) == "a key must be a plain word, not a list or a mapping"
    assert str(caught.value.span) == where


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 2022-13-45\n", "cannot read the value '2022-13-45': month must be in 1..12"),
        ("a: !!int x\n", "cannot read 'x' as the YAML type !!int"),
        ("a: !!bool yes\n", "cannot read 'yes' as the YAML type !!bool"),
    ],
)
def test_a_value_its_tag_cannot_read_is_reported_at_the_value(text, message):
    with pytest.raises(YamlError) as caught:
        load_yaml(text, PATH)
    assert str(caught.value.message) == message
    assert str(caught.value.span) == "data.yaml:1:4"


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_an_empty_document_is_no_tree(text):
    assert load_yaml(text, PATH) is None


def test_a_node_spans_from_its_first_character_to_just_after_its_last():
    tree = load_yaml("key: [10, 200]\n", PATH)
    seq = tree.get("key")
    assert (seq.span.line, seq.span.column, seq.span.end) == (1, 6, (1, 15))
    assert [item.span.end for item in seq.items] == [(1, 9), (1, 14)]
    ((key, _),) = tree.entries
    assert (key.value, key.span.end) == ("key", (1, 4))


def test_scalars_of_every_kind_are_read_by_their_tag():
    tree = load_yaml("i: 12\nf: 1.5\nb: true\nn: ~\nd: 2022-12-14\ns: '12'\n", PATH)
    values = {str(k.value): v.value for k, v in tree.entries}
    assert values == {
        "i": 12, "f": 1.5, "b": True, "n": None,
        "d": datetime.date(2022, 12, 14), "s": "12",
    }  # fmt: skip
    assert tree.keys() == ["i", "f", "b", "n", "d", "s"]


def test_keys_are_given_as_text_in_the_order_written():
    tree = load_yaml("2023: a\n-1: b\nname: c\n", PATH)
    assert tree.keys() == ["2023", "-1", "name"]
    assert tree.get("name").value == "c" and tree.get("missing") is None


def test_a_quoted_or_multiline_string_keeps_its_written_form():
    tree = load_yaml('q: "a\\tb"\nm: first\n  second\np: plain\nb: |\n  x\n', PATH)
    assert [tree.get(k).written for k in ("q", "m", "p", "b")] == [
        '"a\\tb"',
        "first\n  second",
        "",
        "|\n  x\n",
    ]
    assert [tree.get(k).value for k in ("q", "m", "p", "b")] == [
        "a\tb",
        "first second",
        "plain",
        "x\n",
    ]
    assert [tree.get(k).style for k in ("q", "p", "b")] == ['"', tree.get("p").style, "|"]
    assert not tree.get("p").style


@pytest.mark.parametrize("indicator", ["|", ">"])
def test_a_block_scalar_content_starts_at_its_first_text_line_and_indent(indicator):
    tree = load_yaml(f"a: 1\ncell: {indicator}\n\n      first\n   \n      second\n", PATH)
    node = tree.get("cell")
    assert (node.span.line, node.span.column) == (2, 7)
    assert (node.content.line, node.content.column) == (4, 7)


def test_an_empty_block_scalar_at_the_end_has_its_indicator_as_content():
    # Nothing but blank lines below the indicator.
    tree = load_yaml("cell: |\n\n   \n", PATH)
    node = tree.get("cell")
    assert node.value == "" and node.content == node.span


def test_a_plain_scalar_content_is_the_scalar_itself():
    tree = load_yaml("cell: text\n", PATH)
    assert tree.get("cell").content == tree.get("cell").span


def test_a_wrong_shape_is_reported_with_the_given_hint():
    tree = load_yaml("rows: 1\n", PATH)
    sink = DiagnosticSink()
    expect(tree.get("rows"), YamlSeq, tr("rows must be a list"), sink, hint=tr("write [1, 2]"))
    (diagnostic,) = sink.diagnostics
    assert (str(diagnostic.hint), diagnostic.rule.id) == ("write [1, 2]", "data.type")


def test_a_node_of_the_asked_shape_is_given_back_without_a_report():
    tree = load_yaml("rows: {a: 1}\n", PATH)
    sink = DiagnosticSink()
    assert expect(tree.get("rows"), YamlMap, tr("m"), sink, missing=Span(PATH)) is tree.get("rows")
    assert expect(tree, YamlMap, tr("m"), sink) is tree
    assert sink.diagnostics == []


def test_of_two_tabs_the_first_is_reported():
    with pytest.raises(YamlError) as caught:
        load_yaml("a:\n  b:\t1\n\tc: 2\n", PATH)
    assert str(caught.value.span) == "data.yaml:2:5"


@pytest.mark.parametrize("text", ["[a]: 1\n"])
def test_a_problem_without_advice_has_no_hint(text):
    # No hint prints no "hint:" line under the message.
    with pytest.raises(YamlError) as caught:
        load_yaml(text, PATH)
    assert caught.value.hint is None


def test_a_wrong_shape_without_a_hint_has_none():
    sink = DiagnosticSink()
    expect(load_yaml("rows: 1\n", PATH).get("rows"), YamlSeq, tr("rows must be a list"), sink)
    assert [d.format() for d in sink.diagnostics] == ["data.yaml:1:7: error: rows must be a list"]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("12:30", "12:30"),  # YAML 1.1: the base-60 number 750
        ("yes", "yes"),  # YAML 1.1: true
        ("off", "off"),
        ("012", 12),  # YAML 1.1: octal 10
        ("1_000", "1_000"),  # YAML 1.1: 1000
        ("0o17", 15),
        ("0x1F", 31),
        ("-7", -7),
        ("0.5", 0.5),
        ("True", True),
        ("~", None),
        ("2022-12-14 10:00", "2022-12-14 10:00"),  # YAML 1.1: a datetime
        ("'2022-12-14'", "2022-12-14"),
        ("!!str 12", "12"),
    ],
)
def test_a_plain_scalar_is_read_by_the_core_schema(written, value):
    node = load_yaml(f"a: {written}\n", PATH).get("a")
    assert node.value == value and type(node.value) is type(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!binary aGVsbG8=\n", "the YAML tag !!binary is not supported"),
        ("a: !!python/object/apply:os.system {x: 1}\n",
         "the YAML tag !!python/object/apply:os.system is not supported"),
        ("a: !!omap [x: 1]\n", "the YAML tag !!omap is not supported"),
        ("a: !unit [1]\n", "the YAML tag !unit is not supported"),
        ("a: !!map x\n", "the YAML tag !!map is not supported"),
    ],
)  # fmt: skip
def test_a_tag_beyond_the_core_schema_is_an_error_at_the_tag(text, message):
    with pytest.raises(YamlError) as caught:
        load_yaml(text, PATH)
    assert str(caught.value.message) == message
    assert str(caught.value.span) == "data.yaml:1:4"


@pytest.mark.parametrize(
    "number",
    ["1" + "0" * 15, "-" + "9" * 5000, "0x" + "f" * 5000, "0o" + "7" * 30, "1e400", "2e15"],
)
def test_a_number_beyond_fifteen_digits_is_an_error_at_it(number):
    with pytest.raises(YamlError) as caught:
        load_yaml(f"a: [1, {number}]\n", PATH)
    assert str(caught.value.message).startswith(f"the number '{number[:30]}")
    assert "at most 15 digits" in str(caught.value.message)
    assert str(caught.value.span) == "data.yaml:1:8"


def test_fifteen_digits_are_read():
    assert load_yaml("a: -999999999999999\n", PATH).get("a").value == -(10**15 - 1)


@pytest.mark.parametrize("depth", [21, 300, 999])
def test_nesting_beyond_twenty_levels_is_an_error_where_it_goes_too_deep(depth):
    text = "a: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"
    with pytest.raises(YamlError) as caught:
        load_yaml(text, PATH)
    assert str(caught.value.message) == "the data is nested more than 20 levels deep"
    assert str(caught.value.span) == "data.yaml:1:23"


def test_twenty_levels_are_read():
    tree = load_yaml("a: " + "[" * 19 + "]" * 19 + "\n", PATH)
    assert isinstance(tree.get("a"), YamlSeq)
