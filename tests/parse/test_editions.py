"""Editions: the tree each edition reads, and what it lacks in its own language."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from kkpdf.diagnostics import DiagnosticSink, StageFailed
from kkpdf.model import Edition
from kkpdf.parse.editions import EDITIONS, book_editions, edition_of, localise
from kkpdf.parse.read import chosen_editions, read_sources
from kkpdf.parse.yaml_tree import YamlMap, YamlScalar, load_yaml
from tests.conftest import MINIMAL, copy_book

BILINGUAL = Path(__file__).resolve().parent.parent / "fixtures" / "bilingual"
FIRST, SWEDISH = Edition("fi", ("fi", "sv")), Edition("sv", ("fi", "sv"))
PATH = Path("data/tilit.yaml")

ACCOUNTS = """\
toimintakate:
  label: Toimintakate
  label_sv: Verksamhetsbidrag
  kind: total
poistot:
  label: Poistot
  kind: memo
  note: ""
"""


def tree(text: str) -> YamlMap:
    node = load_yaml(text, PATH)
    assert isinstance(node, YamlMap)
    return node


def value(node, *keys: str):
    for key in keys:
        node = node.get(key)
    return node


def test_the_first_edition_reads_the_keys_and_never_sees_another_editions():
    localised, missing = localise(tree(ACCOUNTS), FIRST, "accounts")
    assert value(localised, "toimintakate", "label").value == "Toimintakate"
    assert value(localised, "toimintakate").keys() == ["label", "kind"]
    assert missing == ()


def test_the_swedish_edition_reads_the_sv_text_under_the_key_with_its_place():
    localised, _ = localise(tree(ACCOUNTS), SWEDISH, "accounts")
    label = value(localised, "toimintakate", "label")
    assert label.value == "Verksamhetsbidrag"
    assert (label.span.line, label.span.column) == (3, 13)  # where label_sv's text stands
    assert value(localised, "toimintakate").keys() == ["label", "kind"]


def test_a_printed_text_without_its_sv_key_is_listed_where_it_stands():
    _, missing = localise(tree(ACCOUNTS), SWEDISH, "accounts")
    (gap,) = missing
    assert (gap.span.line, gap.span.column) == (6, 3)
    assert (str(gap.what), gap.expected, gap.edition) == (
        "'label' of 'poistot'",
        "label_sv",
        SWEDISH,
    )


def test_keys_nobody_reads_and_empty_texts_need_no_translation():
    text = "t:\n  caption: Otsikko\n  caption_sv: Rubrik\n  note: ''\n  years: [2023]\n"
    assert localise(tree(text), SWEDISH, "finance")[1] == ()
    assert len(localise(tree("t:\n  caption: Otsikko\n"), SWEDISH, "finance")[1]) == 1
    # An internal note of an unresolved difference is not printed: no translation asked.
    inner = "t:\n  unresolved:\n    - note: ei jaettavissa\n"
    assert localise(tree(inner), SWEDISH, "finance")[1] == ()


def test_a_text_only_the_swedish_edition_has_is_its_own():
    localised, _ = localise(tree("data:\n  goals_sv: a.sv.yaml\n"), SWEDISH, "other")
    assert value(localised, "data", "goals").value == "a.sv.yaml"
    assert value(localised, "data").keys() == ["goals"]
    first, _ = localise(tree("data:\n  goals_sv: a.sv.yaml\n"), FIRST, "other")
    assert value(first, "data").keys() == []


def test_a_book_in_one_language_reads_its_files_as_written():
    original = tree(ACCOUNTS)
    assert localise(original, Edition(), "accounts") == (original, ())


@given(
    st.dictionaries(
        st.sampled_from(["label", "name", "caption", "kind", "title", "note"]),
        st.tuples(
            st.from_regex(r"[a-zä][a-zä ]{0,7}", fullmatch=True),
            st.none() | st.from_regex(r"[a-zå]{1,8}", fullmatch=True),
        ),
        min_size=1,
    )
)
def test_each_edition_reads_its_own_text_of_every_key(entries):
    lines = []
    for key, (finnish, swedish) in entries.items():
        lines.append(f"  {key}: '{finnish}'")
        if swedish is not None:
            lines.append(f"  {key}_sv: '{swedish}'")
    source = tree("row:\n" + "\n".join(lines) + "\n")
    first, _ = localise(source, FIRST, "accounts")
    swedish, missing = localise(source, SWEDISH, "accounts")
    for key, (finnish_text, swedish_text) in entries.items():
        assert value(first, "row", key).value == finnish_text
        assert value(swedish, "row", key).value == (swedish_text or finnish_text)
    assert value(first, "row").keys() == value(swedish, "row").keys() == list(entries)
    listed = {gap.expected for gap in missing}
    assert listed == ({"label_sv"} if entries.get("label", ("", "x"))[1] is None else set())


@pytest.mark.parametrize(
    "written",
    [
        "editions: fi",
        "editions: [fi, fi]",
        "editions: [fi]",
        "editions: [FI, sv]",
        "editions: [fi, [sv]]",
    ],
)
def test_editions_must_be_two_or_more_codes_each_once(written):
    sink = DiagnosticSink()
    assert book_editions(tree(written), sink) == ()
    (error,) = sink.errors
    assert error.rule is EDITIONS and str(error.message).startswith("'editions' must list")


def test_an_edition_the_book_does_not_have_is_named_with_those_it_has():
    assert edition_of(("fi", "sv"), None) == FIRST
    assert edition_of(("fi", "sv"), "sv") == SWEDISH
    with pytest.raises(ValueError, match="no edition 'en'; its editions are fi, sv"):
        edition_of(("fi", "sv"), "en")
    with pytest.raises(ValueError, match="only one language"):
        edition_of((), "sv")
    assert edition_of((), None) == Edition()


def test_each_edition_is_compared_with_the_first_and_the_first_with_each():
    three = ("fi", "sv", "en")
    assert [e.code for e in Edition("fi", three).partners] == ["sv", "en"]
    assert [e.code for e in Edition("en", three).partners] == ["fi"]
    assert Edition().partners == ()
    assert SWEDISH.chapter("luvut/01-a.md") == "luvut/01-a.sv.md"
    assert FIRST.chapter("luvut/01-a.md") == "luvut/01-a.md"


def test_the_swedish_edition_reads_the_swedish_chapters_and_book_yaml():
    sources = read_sources(BILINGUAL, DiagnosticSink(), "sv")
    assert [c.path.name for c in sources.chapters] == ["01.sv.md"]
    assert sources.book_tree.get("title").value == "Testbok 2023"
    assert [f.path.name for f in sources.data["goals"]] == ["tavoitteet.sv.yaml"]
    assert sources.untranslated == ()


def test_a_missing_swedish_chapter_is_read_in_finnish_and_listed(tmp_path):
    book = copy_book(BILINGUAL, tmp_path / "src")
    (book / "luvut" / "01.sv.md").unlink()
    sources = read_sources(book, DiagnosticSink(), "sv")
    assert [c.path.name for c in sources.chapters] == ["01.md"]
    (gap,) = sources.untranslated
    assert (gap.span.path.name, gap.span.line, gap.expected) == ("01.md", 1, "luvut/01.sv.md")


def test_an_unknown_edition_stops_the_read_with_the_editions_named():
    sink = DiagnosticSink()
    with pytest.raises(StageFailed):
        read_sources(BILINGUAL, sink, "en")
    (error,) = sink.errors
    assert "no edition 'en'; its editions are fi, sv" in str(error.message)
    assert error.span.line == 3  # the editions: line


def test_commands_choose_every_edition_or_the_first():
    assert chosen_editions(BILINGUAL, None, every=True) == ("fi", "sv")
    assert chosen_editions(BILINGUAL, None, every=False) == ("fi",)
    assert chosen_editions(BILINGUAL, "all", every=False) == ("fi", "sv")
    assert chosen_editions(BILINGUAL, "sv", every=True) == ("sv",)
    assert chosen_editions(MINIMAL, None, every=True) == (None,)


def test_a_plain_scalar_key_keeps_its_place():
    localised, _ = localise(tree("a_sv: x\n"), SWEDISH, "other")
    ((key, _),) = localised.entries
    assert isinstance(key, YamlScalar) and (key.value, key.span.line) == ("a", 1)
