"""The fonts of the finished file: a tag of its own for each subset, text maps without U+0000."""

from __future__ import annotations

import hashlib
import re

import pikepdf
from pikepdf import Name


def _fonts(document: pikepdf.Pdf) -> list[pikepdf.Object]:
    """Every font the pages and their forms use, each once."""
    fonts = {}
    for page in document.pages:
        resources = [page.obj.get(Name.Resources, {})]
        resources += [form.get(Name.Resources, {}) for form in
                      page.obj.get(Name.Resources, {}).get(Name.XObject, {}).values()]  # fmt: skip
        for resource in resources:
            for font in resource.get(Name.Font, {}).values():
                fonts[font.objgen] = font
    return list(fonts.values())


_SUBSET_TAG = re.compile(r"^/[A-Z]{6}\+")


def name_subsets(document: pikepdf.Pdf) -> None:
    """Give each font subset a tag of its own, made from its bytes.

    ReportLab tags every subset AAAAAA; two parts of a book bring two different
    subsets of a face, and a subset's tag must tell it from the others (ISO
    32000-1, 9.6.4).
    """
    for font in _fonts(document):
        descriptor = font.get(Name.FontDescriptor)
        base = str(font.get(Name.BaseFont, ""))
        if descriptor is None or Name.FontFile2 not in descriptor or not _SUBSET_TAG.match(base):
            continue
        digest = hashlib.sha256(descriptor.FontFile2.read_raw_bytes()).digest()
        tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        font.BaseFont = descriptor.FontName = Name(f"/{tag}+{base[8:]}")


_BFCHAR = re.compile(rb"\d+ beginbfchar\n(.*?)endbfchar\n", re.DOTALL)
_UNMAPPED = re.compile(rb"<[0-9A-Fa-f]+> <0000>\n")


def clean_unicode_maps(document: pikepdf.Pdf) -> None:
    """Drop the codes ReportLab maps to U+0000 from the fonts' ToUnicode maps.

    The codes are unused slots of the subset; a character U+0000 is not text,
    and PDF/UA checkers rightly refuse it (ISO 14289-1, 7.21.7).
    """
    for font in _fonts(document):
        if Name.ToUnicode not in font:
            continue
        cmap = font.ToUnicode.read_bytes()
        cleaned = _BFCHAR.sub(_without_unmapped, cmap)
        if cleaned != cmap:
            font.ToUnicode.write(cleaned)


def _without_unmapped(block: re.Match[bytes]) -> bytes:
    entries = _UNMAPPED.sub(b"", block.group(1))
    count = entries.count(b"\n")
    return b"%d beginbfchar\n%sendbfchar\n" % (count, entries) if count else b""
