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


def build(book: Path, output: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kkpdf", "build", str(book), "-o", str(output), *options],
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


# The generated book is in two editions, and -o names one file: its first edition
# alone is the build whose layout is split between two processes.
FIRST_EDITION = ("--edition", "fi")


@pytest.fixture(scope="module")
def parted_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A generated book long enough to be laid out in two parts, and its good PDF."""
    from kkpdf.devtools.generate import generate_book

    book = tmp_path_factory.mktemp("parted") / "book"
    generate_book(book, 12)
    output = book.parent / "kirja.pdf"
    process = build(book, output, *FIRST_EDITION)
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


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def start_parted(book: Path, output: Path) -> subprocess.Popen[str]:
    """A build of the book, signalled once its second part is being laid out."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kkpdf", "build", str(book), "-o", str(output), *FIRST_EDITION],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not children(process.pid):
        assert time.monotonic() < deadline and process.poll() is None, "no second process"
        time.sleep(0.01)
    return process


@pytest.mark.parametrize("group", [False, True], ids=["kill the parent", "Ctrl-C the group"])
@pytest.mark.parametrize("later", [0.0, 0.2])
def test_a_book_laid_out_in_two_processes_stops_whole(parted_book, tmp_path, group, later):
    book, good = parted_book
    output = tmp_path / "kirja.pdf"
    output.write_bytes(good)
    process = start_parted(book, output)
    time.sleep(later)
    signum = signal.SIGINT if group else signal.SIGTERM
    if group:  # as a terminal's Ctrl-C: the parent and its child at once
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    assert "Traceback" not in err and "no partial PDF is left behind" in err
    assert output.read_bytes() == good
    assert leftovers(tmp_path) == []
    assert running(output) == []


def test_a_parent_killed_outright_leaves_no_child_behind(parted_book, tmp_path):
    book, _ = parted_book
    output = tmp_path / "kirja.pdf"
    process = start_parted(book, output)
    process.kill()
    process.communicate(timeout=60)
    # The child finishes what it was laying out, finds nobody to tell, and ends.
    deadline = time.monotonic() + 30
    while running(output) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert running(output) == []
    assert not output.exists()
