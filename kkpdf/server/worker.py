"""A worker's side of one command: become the client's process, run, answer.

The client passed its standard streams with the request; the worker takes them as
its own, with the client's folder, environment and umask, so that the command
reads, writes and prints where it would have in the client's process.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import marshal
import os
import socket
import struct
import sys
import time
import traceback

from kkpdf.clock import perf_counter_at

HEADER = struct.Struct(">I")
STREAMS = 3
# A request is the command line, a folder and an environment: far below this.
MAX_REQUEST = 16 * 1024 * 1024


def serve_command(connection: socket.socket, arguments: argparse.ArgumentParser) -> int:
    """Run the command the client sent, its command line read by `arguments`; its
    exit status goes back to the client, and is also this process's (nobody reads it)."""
    with connection:
        try:
            request = receive(connection)
        except (OSError, ValueError):
            return 2
        try:
            connection.sendall(f"worker {os.getpid()}\n".encode())
        except OSError:  # the client is gone: nobody to run the command for
            return 2
        status = run_command(request["argv"], request["after_boot"], arguments)
        with contextlib.suppress(OSError):
            connection.sendall(f"status {status}\n".encode())
    return status


def receive(connection: socket.socket) -> dict:
    """The request, with the client's streams put in place as 0, 1 and 2."""
    header, fds, _, _ = socket.recv_fds(connection, HEADER.size, STREAMS)
    if len(fds) != STREAMS or len(header) != HEADER.size:
        for fd in fds:
            os.close(fd)
        raise ValueError("no request")
    (length,) = HEADER.unpack(header)
    if length > MAX_REQUEST:
        raise ValueError("request too long")
    body = bytearray()
    while len(body) < length:
        chunk = connection.recv(min(length - len(body), 1 << 16))
        if not chunk:
            raise ValueError("request cut short")
        body += chunk
    request = marshal.loads(body)
    if not isinstance(request, dict):
        raise ValueError("not a request")
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    _become(request)
    return request


def _become(request: dict) -> None:
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["environ"])
    time.tzset()
    os.umask(request["umask"])
    sys.argv = ["kkpdf", *request["argv"]]
    # New text streams over the client's descriptors, buffered as Python buffers a
    # process's own: the encoding is the server's, which was started with the same
    # locale (it is part of the server's address).
    sys.stdin = _stream(0, "r", sys.__stdin__)
    sys.stdout = _stream(1, "w", sys.__stdout__)
    sys.stderr = _stream(2, "w", sys.__stderr__, line_buffering=True)


def _stream(
    fd: int, mode: str, like: io.TextIOWrapper | None, line_buffering: bool = False
) -> io.TextIOWrapper:
    encoding = like.encoding if like is not None else "utf-8"
    errors = like.errors if like is not None else "strict"
    return open(
        fd,
        mode,
        encoding=encoding,
        errors=errors,
        buffering=1 if line_buffering or os.isatty(fd) else -1,
        closefd=False,
    )


def run_command(argv: list[str], after_boot: float, arguments: argparse.ArgumentParser) -> int:
    """The command as `kkpdf.cli.run` runs it, its seconds counted from the
    client's start."""
    from kkpdf.cli import main

    gc.disable()
    try:
        status = main(argv, started=perf_counter_at(after_boot), arguments=arguments)
    except SystemExit as exit:  # argparse: --help, a usage error
        status = _exit_status(exit.code)
    except BaseException:  # a bug: shown as the command's own process shows it
        traceback.print_exc()
        status = 1
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    return status


def _exit_status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
