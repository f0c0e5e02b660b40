"""When the process started, for the seconds a command reports: the time a user waits
includes the interpreter's start and the imports, not only the command's own work.

Light on purpose: the `kkpdf` client (`kkpdf.server.client`) reads it before it
decides where the command runs, and passes the reading to the build server.
"""

from __future__ import annotations

import os
import time

# /proc/[pid]/stat: the process's start, in clock ticks after the boot, is field 22;
# the fields after the name (field 2, in parentheses, which may hold anything) are
# counted from field 3.
START_FIELD = 22 - 3


def started_after_boot(stat: str = "/proc/self/stat") -> float | None:
    """Seconds from the boot to the start of the process, on the boot clock, to the
    clock's tick (10 ms); None where the system does not tell (no /proc)."""
    try:
        with open(stat, encoding="ascii", errors="replace") as file:
            fields = file.read().rsplit(")", 1)[1].split()
        return int(fields[START_FIELD]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, AttributeError):
        return None


def perf_counter_at(after_boot: float) -> float:
    """The `time.perf_counter()` reading of a moment given on the boot clock."""
    now = time.perf_counter()
    return now - (time.clock_gettime(time.CLOCK_BOOTTIME) - after_boot)


def process_start(stat: str = "/proc/self/stat") -> float | None:
    """The `time.perf_counter()` reading at which this process started; None where
    the system does not tell."""
    after_boot = started_after_boot(stat)
    return None if after_boot is None else perf_counter_at(after_boot)
