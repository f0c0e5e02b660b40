"""kkpdf compiles the plain-text sources of a budget book into a print-ready PDF."""

from pathlib import Path

__version__ = "0.1.0"

# The fonts folder of this checkout, beside the package (see fonts/OFL.txt).
DEFAULT_FONTS = Path(__file__).resolve().parent.parent / "fonts"
