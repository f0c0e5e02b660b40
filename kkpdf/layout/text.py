"""Text into ReportLab's paragraph markup, where <, > and & have meanings."""

from __future__ import annotations

import html


def escape_markup(text: str) -> str:
    """&, < and > as entities, so that text prints as typed (html, unlike xml.sax,
    imports nothing heavy)."""
    return html.escape(text, quote=False)


def unescape_markup(markup: str) -> str:
    return html.unescape(markup)
