"""The build server's loop: import once, then fork a worker per command.

The server itself never runs a command, so its state stays what the imports made
it, and every worker starts from that. It serves only its own user (the peer's
credentials are checked) and ends after `idle` seconds without a command.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import socket

from kkpdf.server.client import own_user
from kkpdf.server.worker import serve_command

IDLE_SECONDS = 15 * 60


def serve(address: str, idle: float = IDLE_SECONDS) -> None:
    """Listen at `address` (an abstract socket's name) until idle; returns at once
    when another server already listens there."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        # Bound before the imports, so that a second server started at the same
        # moment ends at once; a command that comes meanwhile waits for them.
        listener.bind(address)
    except OSError:
        listener.close()
        return
    listener.listen(16)
    # As in `kkpdf` itself until a command sets its handlers: a SIGINT (forwarded by a
    # client) ends a worker quietly, not with a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    arguments = preload()
    # Workers' exits need no reaping; the worker sets this back for its own children.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    # Fork-friendly: the imported objects are not touched by later collections.
    gc.collect()
    gc.freeze()
    listener.settimeout(idle)
    while True:
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            return
        if not own_user(connection):
            connection.close()
            continue
        if os.fork() == 0:
            listener.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            # Leaves the process through SystemExit, so that exit handlers run as
            # at the end of a command run in its own process.
            raise SystemExit(serve_command(connection, arguments))
        connection.close()


def preload() -> argparse.ArgumentParser:
    """Everything a served command imports, and the command line's parser (the same
    for every command: it reads no environment)."""
    from kkpdf.cli import PRELOADS
    from kkpdf.cli.options import parser
    from kkpdf.server.client import SERVED_COMMANDS

    for command in SERVED_COMMANDS:
        for load in PRELOADS[command]:
            load()
    return parser()
