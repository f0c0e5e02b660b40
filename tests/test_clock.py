"""The start of the process, which a command's seconds count from."""

from __future__ import annotations

import os
import time

from kkpdf.clock import process_start


def test_this_process_started_before_now_and_not_long_before_the_tests():
    started = process_start()
    assert started is not None
    assert started <= time.perf_counter()
    assert time.perf_counter() - started < 24 * 3600


def test_the_start_is_read_from_the_stat_file(tmp_path):
    booted = time.clock_gettime(time.CLOCK_BOOTTIME)
    ticks = int((booted - 2.5) * os.sysconf("SC_CLK_TCK"))  # 2.5 s ago
    fields = ["S"] + ["0"] * 18 + [str(ticks)] + ["0"] * 10
    stat = tmp_path / "stat"
    stat.write_text(f"123 (a (strange) name) {' '.join(fields)}\n")
    age = time.perf_counter() - process_start(str(stat))
    assert 2.4 < age < 3.0


def test_no_stat_file_no_start(tmp_path):
    assert process_start(str(tmp_path / "missing")) is None
    (tmp_path / "short").write_text("1 (x) S 0")
    assert process_start(str(tmp_path / "short")) is None
