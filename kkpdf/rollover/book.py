"""book.yaml moved on by a year: the budget year, the approval, the output file name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kkpdf.parse.yaml_tree import YamlMap, YamlScalar, YamlSeq
from kkpdf.rollover.edits import TextEdits

# The texts of book.yaml that print; a year written in them as digits stays as it is.
TEXT_KEYS = ("title", "subtitle", "subject", "keywords", "labels")


def roll_book(edits: TextEdits, tree: YamlMap, old: int) -> None:
    """The edits of book.yaml for the budget year after `old`."""
    year = tree.get("budget_year")
    if isinstance(year, YamlScalar):
        edits.replace_node(year.span, str(old + 1))
    approved = tree.get("approved")
    if isinstance(approved, YamlScalar) and approved.value is not None:
        # The new budget is not approved yet; the date is the council's to give.
        edits.replace_node(approved.span, "~")
    output = tree.get("output")
    if isinstance(output, YamlScalar):
        written = edits.source(output.span)
        edits.replace_node(output.span, written.replace(str(old), str(old + 1)))


def literal_years(tree: YamlMap, old: int) -> Iterator[tuple[str, YamlScalar, str]]:
    """(key, node, year) for each year of the old book (its plan years and the two
    before) written as digits in a text of book.yaml that prints."""
    years = re.compile("|".join(str(year) for year in range(old - 2, old + 3)))
    for key in TEXT_KEYS:
        for name, node in _scalars(key, tree.get(key)):
            if isinstance(node.value, str) and (found := years.search(node.value)):
                yield name, node, found.group()


def _scalars(key: str, node: object) -> Iterator[tuple[str, YamlScalar]]:
    if isinstance(node, YamlScalar):
        yield key, node
    elif isinstance(node, YamlSeq):
        for item in node.items:
            yield from _scalars(key, item)
    elif isinstance(node, YamlMap):
        for name, value in node.entries:
            yield from _scalars(f"{key}: {name.value}", value)
