"""Stopping a build on SIGINT or SIGTERM, at a point where stopping is safe.

The signal handler only notes the request. The build asks at its checkpoints
(between stages, before each flowable is placed, before writing) and unwinds
from there with `Interrupted`, so that no library is interrupted halfway through
its own work: an exception raised inside ReportLab's saving or a native
module's start-up turns into a traceback or an abort instead of a clean stop.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


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


# How often a process waiting for its children asks whether it should stop, in seconds.
WAIT_STEP = 0.05


def run_at_once(works: list[Callable[[], T]], checkpoint: Callable[[], None] = no_stop) -> list[T]:
    """Each work's outcome: the first done here, the others in child processes meanwhile.

    A child that fails is a RuntimeError with its traceback; on a request to stop
    (`checkpoint` raises) the children are killed.
    """
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    children = []
    for work in works[1:]:
        ours, theirs = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(work, theirs), daemon=True)
        child.start()
        theirs.close()
        children.append((child, ours))
    try:
        outcomes = [works[0]()] if works else []
        for child, ours in children:
            while not wait([ours, child.sentinel], timeout=WAIT_STEP):
                checkpoint()
            try:
                status, payload = ours.recv()
            except EOFError:
                child.join()
                raise RuntimeError(f"a child process ended unexpectedly "
                                   f"(exit status {child.exitcode})") from None  # fmt: skip
            if status != "ok":
                raise RuntimeError(f"the work of a child process failed:\n{payload}")
            outcomes.append(payload)
        return outcomes
    except BaseException:
        for child, _ in children:
            child.kill()
        raise
    finally:
        for child, ours in children:
            ours.close()
            child.join()


def _child(work: Callable[[], object], connection) -> None:
    import traceback

    try:
        try:
            connection.send(("ok", work()))
        except BaseException:  # the parent reports it
            connection.send(("failed", traceback.format_exc()))
    except OSError:
        pass  # the parent has gone, and nobody waits for this work
    finally:
        connection.close()
