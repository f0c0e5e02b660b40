"""Real processes: an interrupted build, or two at once, never leaves a partial PDF."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf
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


def whole_pdf(path: Path) -> bool:
    try:
        return len(pypdf.PdfReader(path, strict=True).pages) > 0
    except Exception:  # any error reading it: not a whole PDF
        return False


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "kirja.pdf")


def handling(pid: int) -> bool:
    """Whether kkpdf has set its handlers (once its command's modules are loaded): from
    then on SIGINT and SIGTERM are requests to stop. Python handles SIGINT itself from
    its start; SIGTERM, set after it, is kkpdf's alone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) >> (signal.SIGTERM - 1) & 1)


def signal_later(process: subprocess.Popen[str], signum: int, delay: float) -> float:
    """Sends `signum` `delay` seconds after the process set its handler; the moment sent.

    Timed from the handler rather than from the start, which takes longer on a busy
    machine: a signal meant for the middle of the work would come during start-up.
    """
    deadline = time.monotonic() + 60
    while not handling(process.pid) and process.poll() is None:
        assert time.monotonic() < deadline, "the handler was never set"
        time.sleep(0.01)
    time.sleep(delay)
    sent = time.monotonic()
    process.send_signal(signum)
    return sent


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
    for delay in (None, 0.0, 0.25, 0.5, 0.75):
        output.write_bytes(good_pdf)
        process = build(slow_book, output)
        if delay is None:
            time.sleep(0.1)
            process.send_signal(signum)
        else:
            signal_later(process, signum, delay)
        _, err = process.communicate(timeout=60)
        # The same sources give the same bytes, so whichever build won, the file is whole.
        assert output.read_bytes() == good_pdf
        assert leftovers(tmp_path) == []
        if delay is None:
            continue  # Python's own start-up, which a SIGINT may end with its traceback
        # Finished before the signal, or stopped by it.
        assert process.returncode in (0, 128 + signum), err
        assert "Traceback" not in err
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


# From the signal to the end of the process, on a loaded machine: a command asks at
# least every few tenths of a second (the measure here is 0.1 to 1 s), and ends in
# the time a loaded machine gives it.
STOP_SECONDS = 5


@pytest.fixture(scope="module")
def large_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Generated books in two editions, by the command each is for: checking one of 96
    centres takes several seconds, more than a signal may wait; building one of 24,
    longer still."""
    from kkpdf.devtools.generate import generate_book

    books = {}
    for command, centres in (("check", 96), ("build", 24)):
        books[command] = tmp_path_factory.mktemp(command) / "book"
        generate_book(books[command], centres)
    return books


@pytest.mark.parametrize(
    ("command", "delays"),
    [("check", (0.0, 1.0, 2.5)), ("build", (0.0, 1.0, 2.5, 4.5))],
)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_every_command_stops_soon_after_a_signal(large_books, command, delays, signum):
    book = large_books[command]
    output = book.parent / "output"
    interrupted = 0
    for delay in delays:
        process = subprocess.Popen(
            [sys.executable, "-m", "kkpdf", command, str(book), "--edition", "fi"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        sent = signal_later(process, signum, delay)
        _, err = process.communicate(timeout=120)
        took = time.monotonic() - sent
        assert "Traceback" not in err
        # Nothing but a whole book: one written before the signal came is whole.
        for left in output.iterdir() if output.exists() else ():
            assert left.suffix == ".pdf" and whole_pdf(left), f"{left.name} was left behind"
        shutil.rmtree(output, ignore_errors=True)
        if process.returncode == 0:
            continue  # done before the signal came
        assert process.returncode == 128 + signum, err
        assert "no partial PDF is left behind" in err
        assert took < STOP_SECONDS, f"{command} stopped {took:.1f} s after the signal"
        interrupted += 1
    assert interrupted >= len(delays) - 1, "the signals came too late to interrupt"
