"""The computed tables' years moved on with the book: summaries and investments.

A summary or a ratio table only names its years, which move on by one. An
investment table's projects carry their figures with their years, and the new
last year, which no plan had, is blank (`~`) for the projects to be filled in.
"""

from __future__ import annotations

from collections.abc import Iterator

from kkpdf.parse.yaml_tree import YamlMap, YamlScalar, YamlSeq
from kkpdf.rollover.edits import TextEdits, refill

BLANK = "~"
PROJECT_FIGURES = ("spending", "income")


def roll_years(
    edits: TextEdits, tree: YamlMap, blanks: dict[str, set[int]]
) -> list[tuple[str, list[int]]]:
    """Every table's `years:` moved on; for an investment table, its projects' figures
    with them, blank in its new last year and in its `blanks` (the years the tables
    it is tied to blank). The tables, and the years each left blank for its projects."""
    blanked = []
    for key, node in tree.entries:
        years = node.get("years") if isinstance(node, YamlMap) else None
        if not isinstance(years, YamlSeq):
            continue
        old = [item.value for item in years.items if isinstance(item, YamlScalar)]
        new = [year + 1 for year in old if isinstance(year, int)]
        if len(new) != len(years.items):
            continue  # the checks passed, so this does not happen; but never guess
        refill(edits, years, [str(year) for year in new])
        figures = list(_project_figures(node))
        blank = {year for year in new if year not in old} | blanks.get(str(key.value), set())
        for sequence in figures:
            if len(sequence.items) == len(old):
                written = [edits.source(item.span) for item in sequence.items]
                refill(edits, sequence, [BLANK if y in blank else written[old.index(y)]
                                         for y in new])  # fmt: skip
        if figures:
            blanked.append((str(key.value), sorted(blank & set(new))))
    return blanked


def _project_figures(table: YamlMap) -> Iterator[YamlSeq]:
    groups = table.get("groups")
    for _, group in groups.entries if isinstance(groups, YamlMap) else ():
        projects = group.get("projects") if isinstance(group, YamlMap) else None
        for _, project in projects.entries if isinstance(projects, YamlMap) else ():
            for key in PROJECT_FIGURES:
                found = project.get(key) if isinstance(project, YamlMap) else None
                if isinstance(found, YamlSeq):
                    yield found
