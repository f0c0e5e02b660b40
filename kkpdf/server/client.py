"""The `kkpdf` command's entry: a served command goes to the build server, every
other command (and a served one when no server answers) runs in this process.

Kept to the standard library's lightest modules (no typing, contextlib, hashlib
or json: 0.018 s together): this is what every command pays before it knows where it runs.
`KKPDF_SERVER` chooses: `off` never asks a server, `on` asks one and starts one
when none answers, `auto` (the default) asks one and starts one only for a person
at a terminal, so that scripts, CI and tests leave no server behind unless they
ask for it.
"""

from __future__ import annotations

import io
import marshal
import os
import signal
import socket
import struct
import sys

from kkpdf.clock import started_after_boot

MODE_VARIABLE = "KKPDF_SERVER"
# The commands a worker runs: they read no terminal input (no passphrase prompt).
SERVED_COMMANDS = ("build", "check")
# The request's length, before the request itself.
HEADER = struct.Struct(">I")
# The peer's credentials as the kernel gives them: pid, uid, gid.
CREDENTIALS = struct.Struct("3i")
# Passed on to the worker, which handles them as the command in this process would.
FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class WorkerLost(Exception):
    """The worker ended without giving its exit status."""


def run() -> None:
    """The command's exit, here or from the server's worker (never returns)."""
    # Until a command sets its own handlers, Ctrl-C ends the process quietly rather
    # than with a KeyboardInterrupt traceback from the middle of an import.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    argv = sys.argv[1:]
    after_boot = started_after_boot()
    mode = server_mode(os.environ)
    if mode != "off" and after_boot is not None and served(argv):
        from kkpdf.server.address import fingerprint, server_address

        address = server_address(fingerprint(sys.path, os.environ))
        try:
            status = ask(address, argv, after_boot)
        except WorkerLost:
            _lost()
        if status is not None:
            sys.exit(status)
        if mode == "on" or sys.stdin.isatty():
            start_server(address)
    from kkpdf.cli import run as run_here

    run_here()


def server_mode(environ: dict[str, str] | os._Environ[str]) -> str:
    """`on`, `off` or `auto` from KKPDF_SERVER; a value it does not know is `off`
    (the command still runs, in its own process)."""
    value = environ.get(MODE_VARIABLE, "auto").strip().lower()
    return value if value in ("on", "off", "auto") else "off"


def served(argv: list[str]) -> bool:
    return sys.platform == "linux" and bool(argv) and argv[0] in SERVED_COMMANDS


def ask(address: str, argv: list[str], after_boot: float) -> int | None:
    """The command's exit status from the server's worker; None when no server
    took the command (then nothing of it has run)."""
    forwarder = Forwarder()
    previous = {signum: signal.signal(signum, forwarder) for signum in FORWARDED_SIGNALS}
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            connection.connect(address)
            if not own_user(connection):
                return None  # another user's process at our address gets nothing of ours
            # marshal: built in, so nothing to import, and the server is this very
            # Python (its address says so), which reads what this one writes.
            request = marshal.dumps(
                {
                    "argv": argv,
                    "cwd": os.getcwd(),
                    "environ": dict(os.environ),
                    "umask": _umask(),
                    "after_boot": after_boot,
                }
            )
            socket.send_fds(connection, [HEADER.pack(len(request))], [0, 1, 2])
            connection.sendall(request)
        except OSError:
            if forwarder.received:  # stopped before anything ran
                sys.exit(128 + forwarder.received[-1])
            return None
        return _answer(connection.makefile("rb"), forwarder)
    finally:
        connection.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class Forwarder:
    """Signals for the worker: held until the worker is known, then passed on."""

    def __init__(self) -> None:
        self.worker: int | None = None
        self.received: list[int] = []

    def __call__(self, signum: int, _frame: object) -> None:
        self.received.append(signum)
        if self.worker is not None:
            _signal(self.worker, signum)

    def found(self, worker: int) -> None:
        self.worker = worker
        for signum in self.received:
            _signal(worker, signum)


def _signal(worker: int, signum: int) -> None:
    try:  # noqa: SIM105 - contextlib would cost every command its import
        os.kill(worker, signum)
    except ProcessLookupError:
        pass  # a worker that has just ended needs no signal; its status is on its way


def _answer(answers: io.BufferedIOBase, forwarder: Forwarder) -> int | None:
    status = None
    try:
        for line in answers:
            # "worker PID", then "status N" when the command is done.
            what, _, number = line.decode("ascii").partition(" ")
            if what == "worker":
                forwarder.found(int(number))
            elif what == "status":
                status = int(number)
    except ConnectionError:
        pass  # a reset is an end like any other: what was said before it counts
    # The worker closes the connection when it has exited, after its last output.
    if status is not None:
        return status
    if forwarder.worker is None:  # refused or gone before a worker began: nothing ran
        return None
    if forwarder.received:
        return 128 + forwarder.received[-1]
    raise WorkerLost


def own_user(connection: socket.socket) -> bool:
    """Is the process at the other end this user's? The kernel tells (SO_PEERCRED):
    a client hands its terminal and environment to the server, the server a worker
    to the client, so each asks."""
    _, uid, _ = CREDENTIALS.unpack(
        connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, CREDENTIALS.size)
    )
    return uid == os.getuid()


def start_server(address: str) -> None:
    """A server in its own session, for the commands after this one; this one runs
    here. Two started at once: the second finds the address taken and ends."""
    import subprocess

    subprocess.Popen(
        [sys.executable, "-P", "-m", "kkpdf.server", address[1:]],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd="/",
        start_new_session=True,
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _lost() -> None:
    from kkpdf.cli.outcome import EXIT_ENVIRONMENT
    from kkpdf.diagnostics import SEVERITY_WORDS, Severity
    from kkpdf.messages import CatalogMissing, chosen_language, load_language, tr

    try:
        language = load_language(chosen_language(None, os.environ))
    except CatalogMissing:
        language = load_language("en")
    lost = tr(
        "the build server's worker ended without an exit status; "
        "run the command again with {variable}=off to run it in its own process",
        variable=MODE_VARIABLE,
    )
    error = SEVERITY_WORDS[Severity.ERROR].render(language)
    print(f"kkpdf: {error}: {lost.render(language)}", file=sys.stderr)
    sys.exit(EXIT_ENVIRONMENT)
