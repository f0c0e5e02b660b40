"""Spreadsheet cells as people name them: columns by letters, a cell as `Sheet!D14`.

A diagnostic about an imported export points into the spreadsheet by a span whose
`cell` is this name; text, JSON and SARIF show it as it is.
"""

from __future__ import annotations

import re

_A1 = re.compile(r"([A-Z]{1,3})([1-9][0-9]*)?")
# A sheet's name needs quotes in a reference where it has more than letters and digits.
_PLAIN_SHEET = re.compile(r"\w+")


def column_letters(column: int) -> str:
    """The letters of a 1-based column number: 1 is A, 27 is AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int | None:
    """The 1-based number of a column named by its letters (A, d, AA), or None."""
    match = _A1.fullmatch(letters.strip().upper())
    if match is None or match[2]:
        return None
    number = 0
    for letter in match[1]:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def cell_name(sheet: str, row: int, column: int) -> str:
    """`Sivistys!D14`, `'Tekninen keskus'!D14`, or `D14` in a file of one sheet (CSV)."""
    cell = f"{column_letters(column)}{row}"
    if not sheet:
        return cell
    quoted = sheet if _PLAIN_SHEET.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{cell}"
