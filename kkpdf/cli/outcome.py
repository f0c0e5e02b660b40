"""What every command shares: its exit statuses, its outcome, the editions it covers."""

from __future__ import annotations

import argparse

from kkpdf.messages import Message

EXIT_OK, EXIT_SOURCE_ERRORS, EXIT_ENVIRONMENT = 0, 1, 2
# What a command ends with: its exit status and what it did, for the summary line.
Outcome = tuple[int, Message]


def editions(args: argparse.Namespace, every: bool) -> tuple[str | None, ...]:
    """The editions a command covers: the one named, else every one or the first."""
    from kkpdf.parse.read import chosen_editions

    return chosen_editions(args.sources, getattr(args, "edition", None), every)
