"""kkpdf compiles the plain-text sources of a budget book into a print-ready PDF."""

from __future__ import annotations

import os

__version__ = "0.1.0"

# The fonts folder of this checkout, beside the package (see fonts/OFL.txt).
_FONTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fonts")


def __getattr__(name: str) -> object:
    # DEFAULT_FONTS is a Path, made when first asked for: every `kkpdf` command
    # imports this package first, and pathlib would add 0.015 s to the ones that
    # go to the build server (kkpdf.server.client).
    if name == "DEFAULT_FONTS":
        from pathlib import Path

        return Path(_FONTS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
