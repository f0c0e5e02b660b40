"""The build servers a benchmark or a test started, found by what their environment
holds (each run gives its own cache folder), so that they can be ended after."""

from __future__ import annotations

import os
import signal
from pathlib import Path


def servers_started_with(variable: str, value: str) -> list[int]:
    """The process ids of the running build servers whose environment sets
    `variable` to `value`."""
    found = []
    wanted = f"{variable}={value}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"kkpdf.server" in command and wanted in environ:
            found.append(int(entry.name))
    return found


def stop_servers(variable: str, value: str) -> None:
    for pid in servers_started_with(variable, value):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
