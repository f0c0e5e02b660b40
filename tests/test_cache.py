"""The cache of fonts' parses and hyphenated words: where it is, and that nothing it
holds, or fails to hold, changes a byte of the book."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kkpdf.cache import CACHE_VARIABLE, cache_folder, entry_key, read_entry, write_entry
from tests.conftest import ROOT, SOURCES, outside_env


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({CACHE_VARIABLE: "/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/c"),
        ({"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/x/kkpdf"),
        ({"XDG_CACHE_HOME": "relative", "HOME": "/h"}, "/h/.cache/kkpdf"),
        ({CACHE_VARIABLE: "", "HOME": "/h"}, "/h/.cache/kkpdf"),
        ({}, None),
    ],
)
def test_the_cache_folder_is_chosen_by_the_environment(environ, expected):
    assert cache_folder(environ) == (Path(expected) if expected else None)


def test_the_tests_never_cache_in_the_users_folder(private_cache):
    assert cache_folder() == private_cache
    assert Path.home() not in private_cache.parents


def test_an_entry_is_read_back_as_written(tmp_path):
    key = entry_key("test", b"data")
    assert read_entry(tmp_path, "kind", key) is None
    write_entry(tmp_path, "kind", key, {"word": "sa\u00adna"})
    assert read_entry(tmp_path, "kind", key) == {"word": "sa\u00adna"}
    assert [p.name for p in (tmp_path / "kind").iterdir()] == [f"{key}.pickle"]  # no leftovers


def test_the_key_depends_on_every_part():
    assert entry_key("a", "bc") != entry_key("ab", "c")
    assert entry_key("a", b"b") == entry_key("a", "b")


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_entry_is_missing(tmp_path, damage):
    key = entry_key("test")
    write_entry(tmp_path, "kind", key, [1, 2])
    (tmp_path / "kind" / f"{key}.pickle").write_bytes(damage)
    assert read_entry(tmp_path, "kind", key) is None


def test_an_entry_under_another_name_is_missing(tmp_path):
    first, second = entry_key("first"), entry_key("second")
    write_entry(tmp_path, "kind", first, "value")
    os.replace(tmp_path / "kind" / f"{first}.pickle", tmp_path / "kind" / f"{second}.pickle")
    assert read_entry(tmp_path, "kind", second) is None


def test_a_folder_that_cannot_be_written_costs_nothing_but_time(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    write_entry(blocked, "kind", entry_key("x"), "value")  # no error
    assert read_entry(blocked, "kind", entry_key("x")) is None
    write_entry(None, "kind", entry_key("x"), "value")
    assert read_entry(None, "kind", entry_key("x")) is None


def _build(cache: Path, output: Path) -> bytes:
    env = {**outside_env(), CACHE_VARIABLE: str(cache)}
    command = [sys.executable, "-m", "kkpdf", "build", str(SOURCES), "--edition", "fi",
               "-o", str(output)]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return output.read_bytes()


def test_the_book_is_the_same_with_a_cache_without_and_with_a_damaged_one(tmp_path):
    """Each build a process of its own: fonts are registered once per process."""
    cache = tmp_path / "cache"
    cold = _build(cache, tmp_path / "cold.pdf")  # nothing cached: everything made
    entries = sorted(cache.rglob("*.pickle"))
    assert {p.parent.name for p in entries} == {
        "fonts",
        "coverage",
        "words",
        "profiles",
        "documents",
    }
    assert len([p for p in entries if p.parent.name == "fonts"]) == 4
    assert len([p for p in entries if p.parent.name == "coverage"]) == 4
    warm = _build(cache, tmp_path / "warm.pdf")  # everything from the cache
    assert warm == cold
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:100])  # truncated: not a whole pickle
    damaged = _build(cache, tmp_path / "damaged.pdf")
    assert damaged == cold
    assert all(read_entry(cache, p.parent.name, p.stem) is not None for p in entries)  # made again


def test_a_kind_kept_to_a_number_of_entries_loses_its_oldest(tmp_path):
    keys = [entry_key("version", str(number)) for number in range(5)]
    for number, key in enumerate(keys):
        write_entry(tmp_path, "documents", key, number, keep=3)
        os.utime(tmp_path / "documents" / f"{key}.pickle", ns=(number, number * 10**9))
    kept = {p.stem for p in (tmp_path / "documents").iterdir()}
    assert kept == set(keys[-3:])
    write_entry(tmp_path, "other", keys[0], 0)  # no `keep`: no limit, and other kinds alone
    assert read_entry(tmp_path, "documents", keys[4]) == 4


def test_a_key_takes_a_path_not_named_in_utf8():
    # os.fsdecode(b"/kirja-\xe9") is "/kirja-\udce9": a lone surrogate
    assert entry_key("/kirja-\udce9") != entry_key("/kirja-\udce8")
