"""kkpdf compiles the plain-text sources of a budget book into a print-ready PDF."""

__version__ = "0.1.0"
