"""Silencing a library's logger for one call, and only for that call."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quiet(*names: str, level: int = logging.CRITICAL) -> Iterator[None]:
    """The named loggers report nothing below `level` while the block runs.

    pyHanko logs a failed certificate path with its traceback, and fontTools
    complains about dates in subset fonts: kkpdf says what matters itself.
    """
    loggers = [logging.getLogger(name) for name in names]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, old in zip(loggers, previous, strict=True):
            logger.setLevel(old)
