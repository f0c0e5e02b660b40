"""Wrong-typed YAML values at every place of the books' YAML files (#19).

Every scalar of the minimal book's and the town book's YAML files (book.yaml and
the data files, walked, not listed by hand) is a place; a value of another type
is written there in place of the one written (binary, base-60, timestamps,
nothing, empty text, huge numbers, decimals, YAML 1.1 booleans, lists, mappings,
deep nesting, unknown tags). Whatever it is, the run ends as `run_kkpdf` judges:
a book, or diagnostics. A value the YAML reader refuses is an error at its place.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from pypdf import PdfReader

from tests.conftest import MINIMAL, TOWN
from tests.hostile.corpus import run_kkpdf

# Text of 5 000 characters (not a number: YAML has no sign before 0x).
LONG_TEXT = "-0x" + "f" * 5000
# Values the YAML reader refuses, each at the place where it is written.
REFUSED = (
    "!!binary QWx1ZSBB",
    "!!python/object/apply:os.system [ls]",
    "!unit {name: x}",
    "!!set {a, b}",
    "!!int x",
    "9" * 5000,
    "0x" + "f" * 5000,
    "1e400",
    "[" * 300 + "]" * 300,
)
# Values YAML reads, of a type a field may not want.
READ = (
    "12:30",
    "1:02:03",
    "2022-12-14",
    "2022-12-14 10:00:00",
    "~",
    '""',
    '" "',
    "10000000000000",
    LONG_TEXT,
    "-1",
    "0",
    "0.5",
    "1.5e3",
    "012",
    "0o17",
    "yes",
    "off",
    "true",
    "[]",
    "[1, [2]]",
    "{}",
    "{a: 1}",
    "[" * 19 + "]" * 19,
)


# book.yaml's keys whose values name files: a name too long for the file system is
# the business of the file-name checks (#19, paths), not of this module.
FILE_KEYS = ("chapters", "data", "output", "parts")


def places(book: Path, keys: tuple[str, ...] = ()) -> list[tuple[str, int, int]]:
    """(file, start, end) of every scalar value of the book's YAML files, as offsets in
    the text; block scalars (| and >) are left out, as a flow value cannot stand for one.
    With `keys`, only the places under those keys of book.yaml (or their edition's)."""
    found = []
    for path in sorted([book / "book.yaml", *(book / "data").glob("*.yaml")]):
        text = path.read_text(encoding="utf-8")
        pending = [(yaml.compose(text, Loader=yaml.CSafeLoader), "")]
        while pending:
            node, top = pending.pop()
            if isinstance(node, yaml.MappingNode):
                pending += [(value, top or key.value) for key, value in node.value]
            elif isinstance(node, yaml.SequenceNode):
                pending += [(item, top) for item in node.value]
            elif node is not None and node.style not in ("|", ">"):
                if keys and (path.name != "book.yaml" or not top.startswith(keys)):
                    continue
                start, end = node.start_mark.index, node.end_mark.index
                found.append((str(path.relative_to(book)), start, end))
    return found


MINIMAL_PLACES = places(MINIMAL)
TOWN_PLACES = places(TOWN)
FILE_PLACES = set(places(MINIMAL, FILE_KEYS)) | set(places(TOWN, FILE_KEYS))


def test_the_walk_finds_the_places_of_every_file():
    assert {name for name, _, _ in MINIMAL_PLACES} == {
        "book.yaml", "data/talous.yaml", "data/tilit.yaml", "data/yksikot.yaml",
        "data/tavoitteet.yaml",
    }  # fmt: skip
    names = {name for name, _, _ in TOWN_PLACES}
    whole_book = ("investoinnit", "yhteenvedot", "tasmaytykset", "laskelmat", "avaintavoitteet")
    assert {f"data/{name}.yaml" for name in whole_book} <= names
    assert len(TOWN_PLACES) > 500
    assert ("book.yaml", 0, 0) not in FILE_PLACES and 5 < len(FILE_PLACES) < 60


def substituted(source: Path, folder: Path, place: tuple[str, int, int], value: str) -> Path:
    """A copy of the book at `source` with `value` written at `place`; returns the book."""
    book = folder / "book"
    if book.exists():
        shutil.rmtree(book)
    shutil.copytree(source, book)
    name, start, end = place
    text = (book / name).read_text(encoding="utf-8")
    (book / name).write_text(text[:start] + value + text[end:], encoding="utf-8")
    return book


def position(source: Path, place: tuple[str, int, int]) -> str:
    """file:line:column of a place, as a diagnostic prints it."""
    name, start, _ = place
    before = (source / name).read_text(encoding="utf-8")[:start]
    return f"{name}:{before.count(chr(10)) + 1}:{start - before.rfind(chr(10))}"


def judged(source: Path, folder: Path, place, value: str, command: str = "check"):
    book = substituted(source, folder, place, value)
    output = book / "output"
    arguments = ["-o", str(output / "kirja.pdf")] if command == "build" else []
    run = run_kkpdf([command, str(book), *arguments], folder, output)
    if value in REFUSED:
        at = f"{book}/{position(source, place)}: error: "
        deep = value.startswith("[" * 21)  # the error is at the 21st level, on the same line
        line = at.rsplit(":", 3)[0] + ":"
        assert any(e.startswith(line if deep else at) for e in run.errors), (
            f"{value[:40]!r} at {at}:\n{run.stderr}"
        )
    if command == "build" and run.status == 0:
        assert any((output).glob("*.pdf"))
    return run


hostile = st.sampled_from(REFUSED + READ)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(place=st.sampled_from(MINIMAL_PLACES), value=hostile)
def test_a_wrong_value_anywhere_in_the_minimal_book_is_diagnosed(tmp_path_factory, place, value):
    assume(value != LONG_TEXT or place not in FILE_PLACES)
    judged(MINIMAL, tmp_path_factory.mktemp("book"), place, value)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(place=st.sampled_from(TOWN_PLACES), value=hostile)
def test_a_wrong_value_anywhere_in_the_town_book_is_diagnosed(tmp_path_factory, place, value):
    assume(value != LONG_TEXT or place not in FILE_PLACES)
    judged(TOWN, tmp_path_factory.mktemp("book"), place, value)


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(place=st.sampled_from(MINIMAL_PLACES), value=st.sampled_from(READ))
def test_a_wrong_value_read_by_yaml_builds_a_book_or_is_diagnosed(tmp_path_factory, place, value):
    assume(value != LONG_TEXT or place not in FILE_PLACES)
    judged(MINIMAL, tmp_path_factory.mktemp("book"), place, value, "build")


@pytest.mark.parametrize("value", ["!!binary QWx1ZSBB", "12:30", "~", '""', "yes", "[a]"])
def test_a_unit_name_is_text_or_an_error_at_it(tmp_path, value):
    """The examples of #19: a unit's name prints as written, or is an error at it."""
    text = (MINIMAL / "data/yksikot.yaml").read_text(encoding="utf-8")
    start = text.index("Alue A")
    place = ("data/yksikot.yaml", start, start + len("Alue A"))
    run = judged(MINIMAL, tmp_path, place, value, "build")
    printed = {"12:30": "12:30", "yes": "yes"}
    if value in printed:
        assert run.status == 0
        pdf = next((tmp_path / "book/output").glob("*.pdf"))
        assert printed[value] in "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    else:
        assert run.status == 1
        assert re.match(rf"{tmp_path}/book/data/yksikot.yaml:5:9: error: ", run.errors[0])
