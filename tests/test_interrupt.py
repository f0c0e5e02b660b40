"""Real processes: an interrupted build, or two at once, never leaves a partial PDF."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, copy_book

PARAGRAPH = (
    "Kaupunginkanslia vastaa muun muassa kaupunginvaltuuston ja kaupunginhallituksen "
    "valmistelun yhteensovittamisesta sekä asiakirjahallinnon koordinoimisesta. "
)


@pytest.fixture(scope="module")
def slow_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A book big enough that its build takes a second or two, to be interrupted."""
    chapter = "# Keskus\n\n" + "\n\n".join(f"## Osa {n}\n\n" + PARAGRAPH * 6 for n in range(1, 700))
    chapter += "\n\n```{finance-table} keskus\n```\n\n```{goal-table} teema\n```\n"
    return copy_book(MINIMAL, tmp_path_factory.mktemp("slow") / "book", {"luvut/01.md": chapter})


def build(book: Path, output: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kkpdf", "build", str(book), "-o", str(output)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "kirja.pdf")


@pytest.fixture(scope="module")
def good_pdf(slow_book: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    output = tmp_path_factory.mktemp("good") / "kirja.pdf"
    process = build(slow_book, output)
    _, err = process.communicate()
    assert process.returncode == 0, err
    return output.read_bytes()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_keeps_the_last_good_pdf(slow_book, good_pdf, tmp_path, signum):
    output = tmp_path / "kirja.pdf"
    interrupted = 0
    # The first comes while Python still starts; the others while the book is laid out.
    for delay in (0.1, 0.6, 0.85, 1.1, 1.35):
        output.write_bytes(good_pdf)
        process = build(slow_book, output)
        time.sleep(delay)
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
        # Finished before the signal, stopped by it, or ended by it while still starting up.
        assert process.returncode in (0, 128 + signum, -signum), err
        assert "Traceback" not in err
        # The same sources give the same bytes, so whichever build won, the file is whole.
        assert output.read_bytes() == good_pdf
        assert leftovers(tmp_path) == []
        if process.returncode == 128 + signum:
            assert "no partial PDF is left behind" in err
            interrupted += 1
    assert interrupted >= 2, "the signals came too late to interrupt any build"


def test_builds_at_once_into_one_file_leave_one_whole_pdf(slow_book, good_pdf, tmp_path):
    output = tmp_path / "kirja.pdf"
    processes = [build(slow_book, output) for _ in range(3)]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert output.read_bytes() == good_pdf
    assert leftovers(tmp_path) == []


@pytest.fixture(scope="module")
def parted_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A generated book long enough to be laid out in two parts, and its good PDF."""
    from kkpdf.devtools.generate import generate_book

    book = tmp_path_factory.mktemp("parted") / "book"
    generate_book(book, 12)
    output = book.parent / "kirja.pdf"
    process = build(book, output)
    _, err = process.communicate()
    assert process.returncode == 0, err
    return book, output.read_bytes()


def running(output: Path) -> list[int]:
    """Processes still building into `output`: a child left behind would be one."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if entry.name.isdigit() and str(output).encode() in command:
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize("group", [False, True], ids=["kill the parent", "Ctrl-C the group"])
def test_a_book_laid_out_in_two_processes_stops_whole(parted_book, tmp_path, group):
    book, good = parted_book
    output = tmp_path / "kirja.pdf"
    interrupted = 0
    for delay in (0.5, 0.7, 0.9, 1.1):
        output.write_bytes(good)
        process = subprocess.Popen(
            [sys.executable, "-m", "kkpdf", "build", str(book), "-o", str(output)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )  # fmt: skip
        time.sleep(delay)
        if group:  # as a terminal's Ctrl-C: the parent and its child at once
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
        signum = signal.SIGINT if group else signal.SIGTERM
        assert process.returncode in (0, 128 + signum, -signum), err
        assert "Traceback" not in err
        assert output.read_bytes() == good
        assert leftovers(tmp_path) == []
        time.sleep(0.2)
        assert running(output) == []
        interrupted += process.returncode == 128 + signum
    assert interrupted >= 2, "the signals came too late to interrupt any build"
