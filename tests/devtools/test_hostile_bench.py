"""make bench's hostile inputs, without timing them: a paragraph of the size asked for
at the end of the last chapter, and unknown row keys among as many new accounts."""

from __future__ import annotations

from kkpdf.cli import main
from kkpdf.devtools.hostile_bench import CHAPTER, long_paragraph, unknown_keys


def test_the_long_paragraph_is_the_size_asked_for(tmp_path):
    long_paragraph(tmp_path / "book", 5_000)
    last = (tmp_path / "book" / CHAPTER).read_text(encoding="utf-8").rstrip("\n").split("\n")[-1]
    assert len(last) == 5_000 and " " in last


def test_each_unknown_key_is_reported_once(tmp_path, capsys):
    unknown_keys(tmp_path / "book", 20)
    assert main(["check", str(tmp_path / "book"), "--edition", "fi"]) == 1
    unknown = [line for line in capsys.readouterr().err.splitlines()
               if "is not in the chart of accounts" in line]  # fmt: skip
    assert len(unknown) == 20
