"""Stopping a build on SIGINT or SIGTERM, at a point where stopping is safe.

The signal handler only notes the request. The build asks at its checkpoints
(between stages, before each flowable is placed, before writing) and unwinds
from there with `Interrupted`, so that no library is interrupted halfway through
its own work: an exception raised inside ReportLab's saving or a native
module's start-up turns into a traceback or an abort instead of a clean stop.
"""

from __future__ import annotations

import signal


class Interrupted(BaseException):
    """A BaseException, like KeyboardInterrupt: no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class StopFlag:
    def __init__(self) -> None:
        self.signum: int | None = None

    def request(self, signum: int, frame: object = None) -> None:
        self.signum = signum

    def is_set(self) -> bool:  # the stop_event protocol of watchfiles
        return self.signum is not None

    def checkpoint(self) -> None:
        if self.signum is not None:
            raise Interrupted(self.signum)


def no_stop() -> None:
    """The checkpoint of a build nobody can interrupt (tests, library use)."""
