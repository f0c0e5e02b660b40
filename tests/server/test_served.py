"""A command served by the build server is the command run in its own process: the
same PDF, the same messages and exit status, in the client's folder, language and
terminal; a signal to the client stops the worker."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kkpdf.cache import CACHE_VARIABLE
from kkpdf.devtools.servers import servers_started_with, stop_servers
from tests.conftest import MINIMAL, ROOT, SOURCES, copy_book, outside_env

# The client as `kkpdf` runs it, telling on exit (in the file TEST_SERVED_MARKER)
# whether the command ran here: a served command never imports kkpdf.cli.
CLIENT = """
import atexit, os, sys
marker = os.environ["TEST_SERVED_MARKER"]
atexit.register(lambda: open(marker, "w").write(str("kkpdf.cli" not in sys.modules)))
sys.argv[0] = "kkpdf"
from kkpdf.server.client import run
run()
"""
SECONDS = re.compile(r"\(\d+,\d+ s\)|\(\d+\.\d+ s\)")


@pytest.fixture
def client(tmp_path):
    """Runs `kkpdf` through the client with the server on; ends the test's servers."""
    cache = tmp_path / "cache"
    marker = tmp_path / "served-marker"
    env = {**outside_env(), "KKPDF_SERVER": "on", "KKPDF_CACHE_DIR": str(cache),
           "TEST_SERVED_MARKER": str(marker), "LANGUAGE": "en"}  # fmt: skip

    def run(
        *argv: str, cwd: Path = ROOT, **changes: str
    ) -> tuple[subprocess.CompletedProcess, bool]:
        marker.unlink(missing_ok=True)
        done = subprocess.run(
            [sys.executable, "-c", CLIENT, *argv],
            cwd=cwd,
            env={**env, **changes},
            capture_output=True,
            text=True,
            timeout=300,
        )
        return done, marker.read_text() == "True"

    run.env = env
    run.cache = cache
    yield run
    stop_servers(CACHE_VARIABLE, str(cache))


def ready(client, book: Path) -> None:
    """Started by a first command, which runs on its own; wait until one is served."""
    deadline = time.monotonic() + 120
    while not client("check", str(book))[1]:
        assert time.monotonic() < deadline, "no server answered"
        time.sleep(0.2)


def in_own_process(*argv: str, cwd: Path = ROOT, **changes: str) -> subprocess.CompletedProcess:
    env = {**outside_env(), "KKPDF_SERVER": "off", "LANGUAGE": "en", **changes}
    return subprocess.run([sys.executable, "-m", "kkpdf", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def same_run(served: subprocess.CompletedProcess, own: subprocess.CompletedProcess) -> None:
    assert served.returncode == own.returncode
    assert served.stdout == own.stdout
    assert SECONDS.sub("(s)", served.stderr) == SECONDS.sub("(s)", own.stderr)


def test_a_served_build_writes_the_same_book_and_says_the_same(client, tmp_path):
    first, served = client("check", str(SOURCES))
    assert first.returncode == 0 and not served  # no server yet: run here, one started
    ready(client, SOURCES)
    for name in ("served", "own"):
        (tmp_path / name).mkdir()
    argv = ("build", str(SOURCES), "--edition", "fi", "-o", "book.pdf")
    done, served = client(*argv, cwd=tmp_path / "served")
    assert served
    same_run(done, in_own_process(*argv, cwd=tmp_path / "own"))
    assert done.returncode == 0
    book = (tmp_path / "served" / "book.pdf").read_bytes()
    assert book == (tmp_path / "own" / "book.pdf").read_bytes()
    # One server for every command since.
    assert len(servers_started_with(CACHE_VARIABLE, str(client.cache))) == 1


def test_errors_usage_and_help_are_the_same_when_served(client, tmp_path):
    book = copy_book(MINIMAL, tmp_path / "book")
    data = book / "data" / "talous.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(re.sub(r"-?\d[\d ]*\d(?=\])", "12", text, count=1), encoding="utf-8")
    ready(client, SOURCES)
    for argv in (
        ["build", str(book), "-o", str(tmp_path / "bad.pdf")],  # errors in the sources
        ["build", "--no-such-option"],  # a usage error
        ["check", "--help"],
        ["build", str(tmp_path / "missing")],
    ):
        done, served = client(*argv)
        assert served, argv
        same_run(done, in_own_process(*argv))
    assert not (tmp_path / "bad.pdf").exists()


def test_the_worker_works_in_the_clients_folder_and_language(client, tmp_path):
    ready(client, SOURCES)
    book = copy_book(MINIMAL, tmp_path / "book")
    done, served = client("build", "book", "-o", "out/book.pdf", cwd=tmp_path, LANGUAGE="sv")
    assert served and done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "book.pdf").is_file()
    assert "skrev" in done.stderr.splitlines()[-1]  # "wrote", in Swedish
    assert book.is_dir()


def test_a_signal_to_the_client_stops_the_served_build(client, tmp_path):
    chapter = "# Keskus\n\n" + "\n\n".join(
        f"## Osa {n}\n\n" + "Sana on sana. " * 60 for n in range(800)
    )
    chapter += "\n\n```{finance-table} keskus\n```\n\n```{goal-table} teema\n```\n"
    book = copy_book(MINIMAL, tmp_path / "book", {"luvut/01.md": chapter})
    ready(client, SOURCES)
    output = tmp_path / "out"
    output.mkdir()
    (output / "kirja.pdf").write_bytes(b"the last good one")
    env = {**client.env, "TEST_SERVED_MARKER": str(tmp_path / "marker")}
    argv = ["build", str(book), "-o", str(output / "kirja.pdf")]
    process = subprocess.Popen(
        [sys.executable, "-c", CLIENT, *argv], env=env, stderr=subprocess.PIPE, text=True
    )
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGINT, stderr
    assert "interrupted" in stderr
    assert (tmp_path / "marker").read_text() == "True"
    assert sorted(p.name for p in output.iterdir()) == ["kirja.pdf"]
    assert (output / "kirja.pdf").read_bytes() == b"the last good one"


def test_auto_starts_a_server_only_for_a_terminal(client, tmp_path):
    done, served = client("check", str(SOURCES), KKPDF_SERVER="auto")
    assert done.returncode == 0 and not served
    time.sleep(1)  # a server started would be running by now
    assert servers_started_with(CACHE_VARIABLE, str(client.cache)) == []
    terminal, other_end = os.openpty()
    try:
        env = {**client.env, "KKPDF_SERVER": "auto"}
        subprocess.run([sys.executable, "-c", CLIENT, "check", str(SOURCES)], stdin=other_end,
                       env=env, capture_output=True, timeout=300, check=True)  # fmt: skip
    finally:
        os.close(terminal)
        os.close(other_end)
    deadline = time.monotonic() + 60
    while not servers_started_with(CACHE_VARIABLE, str(client.cache)):
        assert time.monotonic() < deadline, "no server was started for the terminal"
        time.sleep(0.1)
    ready(client, SOURCES)
    done, served = client("check", str(SOURCES), KKPDF_SERVER="auto")
    assert served  # and a running one is used without a terminal


def test_off_runs_every_command_in_its_own_process(client):
    ready(client, SOURCES)
    done, served = client("check", str(SOURCES), KKPDF_SERVER="off")
    assert done.returncode == 0 and not served


def test_a_folder_and_environment_not_in_utf8_reach_the_worker(client, tmp_path):
    ready(client, SOURCES)
    folder = tmp_path / os.fsdecode(b"kansio-\xe9")
    folder.mkdir()
    copy_book(MINIMAL, folder / "book")
    done, served = client("build", "book", "-o", "book.pdf", cwd=folder,
                          TEST_VALUE=os.fsdecode(b"arvo-\xe9"))  # fmt: skip
    assert served and done.returncode == 0, done.stderr
    assert (folder / "book.pdf").is_file()
