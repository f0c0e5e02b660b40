"""When the process started, for the seconds a command reports: the time a user waits
includes the interpreter's start and the imports, not only the command's own work."""

from __future__ import annotations

import os
import time
from pathlib import Path

# /proc/[pid]/stat: the process's start, in clock ticks after the boot, is field 22;
# the fields after the name (field 2, in parentheses, which may hold anything) are
# counted from field 3.
START_FIELD = 22 - 3


def process_start(stat: Path = Path("/proc/self/stat")) -> float | None:
    """The `time.perf_counter()` reading at which this process started, to the clock's
    tick (10 ms); None where the system does not tell (no /proc)."""
    try:
        fields = stat.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
        ticks = int(fields[START_FIELD])
        since_boot = time.clock_gettime(time.CLOCK_BOOTTIME)
        per_second = os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, AttributeError):
        return None
    now = time.perf_counter()
    return now - (since_boot - ticks / per_second)
