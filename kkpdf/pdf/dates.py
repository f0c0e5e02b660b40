"""The one date a build writes into the PDF, never the clock.

In order: SOURCE_DATE_EPOCH (the reproducible-builds convention), the time of
the last commit that changed the sources folder, the council's approval date
in book.yaml. The same sources thus give the same bytes on any machine.
"""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Mapping
from pathlib import Path

from kkpdf.messages import tr

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


class DateProblem(ValueError):
    """The date cannot be told; its argument, a Message, says why."""


def document_date(
    sources: Path, approved: datetime.date | None, environ: Mapping[str, str]
) -> datetime.datetime:
    epoch = environ.get(EPOCH_VARIABLE)
    if epoch is not None:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        except (ValueError, OverflowError, OSError):
            raise DateProblem(
                tr("{variable}={value} is not a number of seconds since 1970",
                   variable=EPOCH_VARIABLE, value=repr(epoch))
            ) from None  # fmt: skip
    committed = _last_commit(sources)
    if committed is not None:
        return committed
    if approved is not None:
        return datetime.datetime(approved.year, approved.month, approved.day, tzinfo=datetime.UTC)
    return datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _last_commit(sources: Path) -> datetime.datetime | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(sources), "log", "-1", "--format=%ct", "--", "."],
            capture_output=True,
            text=True,  # pragma: no mutate - equivalent: int() and isdigit() take bytes too
            timeout=10,  # pragma: no mutate - equivalent: only a hung git would tell
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None  # no git here: the book's own date is used instead
    stamp = result.stdout.strip()
    if result.returncode != 0 or not stamp.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(stamp), datetime.UTC)
