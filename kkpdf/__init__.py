"""kkpdf compiles the plain-text sources of a budget book into a print-ready PDF."""

from __future__ import annotations

import os

__version__ = "0.1.0"

PACKAGE = os.path.dirname(os.path.abspath(__file__))
# The fonts folder of this checkout, beside the package (see fonts/OFL.txt).
_FONTS = os.path.join(os.path.dirname(PACKAGE), "fonts")


# What a process reads once as code or text: a cache of work done by that code,
# and a server that has imported it, must be told apart by these files' states.
CODE_SUFFIXES = (".py", ".mo")


def code_files(
    package: str = PACKAGE,
) -> list[tuple[str, int, int]]:
    """kkpdf's own modules and message catalogs (those under `package`) as (path,
    size, modification time in ns), sorted: an edit, a checkout or an install
    changes them."""
    found = []
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        for name in files:
            if name.endswith(CODE_SUFFIXES):
                path = os.path.join(folder, name)
                try:
                    status = os.stat(path)
                except OSError:
                    continue
                found.append((path, status.st_size, status.st_mtime_ns))
    return sorted(found)


def __getattr__(name: str) -> object:
    # DEFAULT_FONTS is a Path, made when first asked for: every `kkpdf` command
    # imports this package first, and pathlib would add 0.015 s to the ones that
    # go to the build server (kkpdf.server.client).
    if name == "DEFAULT_FONTS":
        from pathlib import Path

        return Path(_FONTS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
