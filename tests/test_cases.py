"""The corpus of broken sources: each case in tests/cases states what it must report.

A case file holds comment lines (#), the expectations, and the files it changes
in the minimal book:

    expect: luvut/01.md:3:1: error: code blocks are not part of a budget book
    command: build        (optional: lay the book out too; the default is check)
    === luvut/01.md
    …the file's text…

An expectation matches a printed diagnostic whose position and severity are the
same and whose message starts with the expected text (a no-break space in a
printed figure matches a space). The case fails on any
traceback, on a missing expectation and on an error or a warning nobody expected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kkpdf.cli import main
from tests.conftest import MINIMAL, copy_book

CASES = sorted((Path(__file__).parent / "cases").glob("*.case"))


def parse_case(text: str) -> tuple[list[str], dict[str, str], str]:
    expected: list[str] = []
    command = "check"
    files: dict[str, str] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        if line.startswith("=== "):
            current = []
            files[line[4:].strip()] = current  # type: ignore[assignment]
        elif current is not None:
            current.append(line)
        elif line.startswith("expect: "):
            expected.append(line[len("expect: ") :])
        elif line.startswith("command: "):
            command = line[len("command: ") :].strip()
    return expected, {name: "\n".join(lines) for name, lines in files.items()}, command


def test_corpus_is_not_empty():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    expected, files, command = parse_case(case.read_text(encoding="utf-8"))
    assert expected, f"{case.name} states no expectation"
    sources = copy_book(MINIMAL, tmp_path / "src", files)
    pdf = tmp_path / "out" / "kirja.pdf"
    arguments = ["-o", str(pdf)] if command == "build" else []

    status = main([command, str(sources), *arguments])

    printed = capsys.readouterr()
    # Figures in messages group digits with no-break spaces; cases are typed with spaces.
    output = (printed.err + printed.out).replace("\u00a0", " ")
    lines = [line for line in output.splitlines() if line.startswith(str(sources))]
    prefix = f"{sources}/"
    for expectation in expected:
        assert any(line.startswith(prefix + expectation) for line in lines), (
            f"expected {expectation!r}\ngot:\n" + "\n".join(lines)
        )
    unexpected = [
        line
        for line in lines
        if (": error: " in line or ": warning: " in line)
        and not any(line.startswith(prefix + e) for e in expected)
    ]
    assert not unexpected, "nobody expected:\n" + "\n".join(unexpected)
    wants_error = any(": error: " in e for e in expected)
    assert status == (1 if wants_error else 0)
    if command == "build":
        assert pdf.is_file() != wants_error, "a build with errors wrote a PDF, or none without"
