"""The server's own life: one per address, gone when idle, only for its user."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid

import pytest

from kkpdf.server.client import own_user
from tests.conftest import outside_env

# The address on the command line without its leading NUL, which argv cannot hold.
SERVE = (
    "import sys; from kkpdf.server.daemon import serve; "
    "serve(chr(0) + sys.argv[1], idle=float(sys.argv[2]))"
)


def start(address: str, idle: float) -> subprocess.Popen:
    argv = [sys.executable, "-c", SERVE, address[1:], str(idle)]
    return subprocess.Popen(argv, env=outside_env())


def listening(address: str) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(address)
        except OSError:
            return False
        return True


def test_a_second_server_at_the_address_ends_at_once_and_the_first_when_idle():
    address = f"\0kkpdf-test-{uuid.uuid4().hex}"
    first = start(address, idle=3)
    try:
        deadline = time.monotonic() + 60
        while not listening(address):
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        second = start(address, idle=3)
        assert second.wait(timeout=60) == 0  # the address is taken: nothing to do
        assert first.poll() is None
        assert first.wait(timeout=60) == 0  # three idle seconds after its imports
        assert not listening(address)
    finally:
        first.kill()


def test_the_server_serves_its_own_user():
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    with ours, theirs:
        assert own_user(ours)


@pytest.mark.skipif(os.getuid() != 0, reason="becoming another user needs root")
def test_another_user_gets_no_worker():
    address = f"\0kkpdf-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(address)
        listener.listen(1)
        child = os.fork()
        if child == 0:  # becomes nobody, then connects
            os.setuid(65534)
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stranger:
                stranger.connect(address)
                time.sleep(1)
            os._exit(0)
        connection, _ = listener.accept()
        with connection:
            assert not own_user(connection)
        os.waitpid(child, 0)
