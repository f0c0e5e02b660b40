"""The client's choices and its reading of a worker's answers."""

from __future__ import annotations

import io
import marshal
import os
import signal
import socket
import subprocess
import sys
import threading
import uuid

import pytest

from kkpdf.server.client import Forwarder, WorkerLost, _answer, _lost, ask, served, server_mode


@pytest.mark.parametrize(
    ("value", "mode"),
    [(None, "auto"), ("on", "on"), (" ON ", "on"), ("off", "off"), ("auto", "auto"), ("1", "off")],
)
def test_the_mode_is_read_from_the_environment(value, mode):
    environ = {} if value is None else {"KKPDF_SERVER": value}
    assert server_mode(environ) == mode


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["build", "sources"], True),
        (["check"], True),
        (["archive", "sources"], False),  # asks for a passphrase at the terminal
        (["watch"], False),  # a resident process of its own
        (["--help"], False),
        ([], False),
    ],
)
def test_only_build_and_check_are_served(argv, expected):
    assert served(argv) is expected


def answers(*messages):
    return io.BytesIO(b"".join(f"{what} {number}\n".encode() for what, number in messages))


def test_the_status_is_the_workers():
    forwarder = Forwarder()
    assert _answer(answers(("worker", os.getpid()), ("status", 1)), forwarder) == 1
    assert forwarder.worker == os.getpid()


def test_a_worker_that_ends_without_a_status_is_lost():
    with pytest.raises(WorkerLost):
        _answer(answers(("worker", 123456789)), Forwarder())


def test_a_worker_stopped_by_a_forwarded_signal_ends_as_that_signal():
    forwarder = Forwarder()
    forwarder.received.append(signal.SIGTERM)
    assert _answer(answers(("worker", 123456789)), forwarder) == 128 + signal.SIGTERM


def test_a_server_that_hangs_up_before_a_worker_began_ran_nothing():
    assert _answer(answers(), Forwarder()) is None


WORKER = """
import signal, sys, time
received = []
signal.signal(signal.SIGINT, lambda s, f: received.append(s))
signal.signal(signal.SIGTERM, lambda s, f: sys.exit(sum(received) + s))
print("ready", flush=True)
time.sleep(60)
"""


def test_a_signal_before_the_worker_is_known_reaches_it_once_it_is():
    worker = subprocess.Popen([sys.executable, "-c", WORKER], stdout=subprocess.PIPE, text=True)
    try:
        assert worker.stdout.readline() == "ready\n"
        forwarder = Forwarder()
        forwarder(signal.SIGINT, None)  # held: no worker yet
        forwarder.found(worker.pid)  # given now
        forwarder(signal.SIGTERM, None)
        assert worker.wait(timeout=30) == signal.SIGINT + signal.SIGTERM
        assert forwarder.received == [signal.SIGINT, signal.SIGTERM]
    finally:
        worker.kill()


def test_no_server_no_answer():
    assert ask(f"\0kkpdf-test-{uuid.uuid4().hex}", ["check"], 0.0) is None


def fake_server(address: str, answer: bytes) -> threading.Thread:
    """Takes one request with its three streams, answers `answer`, hangs up."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(1)

    def serve() -> None:
        with listener:
            connection, _ = listener.accept()
            with connection:
                header, fds, _, _ = socket.recv_fds(connection, 4, 3)
                for fd in fds:
                    os.close(fd)
                assert len(fds) == 3
                length = int.from_bytes(header, "big")
                body = b""
                while len(body) < length:
                    body += connection.recv(length - len(body))
                assert marshal.loads(body)["argv"] == ["check"]
                connection.sendall(answer)

    thread = threading.Thread(target=serve)
    thread.start()
    return thread


def test_the_status_comes_over_the_socket():
    address = f"\0kkpdf-test-{uuid.uuid4().hex}"
    thread = fake_server(address, b"worker 1\nstatus 3\n")
    assert ask(address, ["check"], 0.0) == 3
    thread.join()


def test_a_lost_worker_is_an_error_that_says_how_to_go_on(capsys):
    address = f"\0kkpdf-test-{uuid.uuid4().hex}"
    thread = fake_server(address, b"worker 1\n")
    with pytest.raises(WorkerLost):
        ask(address, ["check"], 0.0)
    thread.join()
    with pytest.raises(SystemExit) as exit:
        _lost()
    assert exit.value.code == 2
    assert "KKPDF_SERVER=off" in capsys.readouterr().err


@pytest.mark.skipif(os.getuid() != 0, reason="becoming another user needs root")
def test_a_server_of_another_user_is_not_asked():
    """Whoever listens at our address first gets neither our terminal nor our
    environment unless it is us."""
    address = f"\0kkpdf-test-{uuid.uuid4().hex}"
    ready_read, ready_write = os.pipe()
    squatter = os.fork()
    if squatter == 0:  # nobody listens at the address and counts what it is sent
        os.setuid(65534)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
            listener.bind(address)
            listener.listen(1)
            os.write(ready_write, b"x")
            connection, _ = listener.accept()
            _, fds, _, _ = socket.recv_fds(connection, 4, 3)
            os._exit(len(fds))
    os.read(ready_read, 1)
    assert ask(address, ["check"], 0.0) is None
    _, status = os.waitpid(squatter, 0)
    assert os.waitstatus_to_exitcode(status) == 0  # no descriptor reached it
