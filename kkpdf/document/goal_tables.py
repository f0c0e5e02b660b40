"""Key-goal tables: per theme, goals whose cells are short Markdown texts."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.document.fields import DUPLICATE, MISSING_KEY, Fields, expect_map
from kkpdf.model import GoalCell, GoalRow, GoalTable, ListBlock, Paragraph
from kkpdf.parse.book import ParsedData
from kkpdf.parse.markup import parse_markup
from kkpdf.parse.yaml_tree import WRONG_TYPE, YamlMap, YamlScalar, YamlSeq, expect

# The rules this module reports.
GOAL_COLUMNS = Rule("data.goal-columns")


MAX_GOAL_COLUMNS = 6  # more would leave a column too narrow for a word


def build_goal_tables(
    files: tuple[ParsedData, ...], parser: MarkdownIt, sink: DiagnosticSink
) -> dict[str, GoalTable]:
    tables: dict[str, GoalTable] = {}
    for data in files:
        top = expect_map(data.tree, "the key-goal file", sink)
        if top is None:
            continue
        fields = Fields(top, "the key-goal file", sink, ("columns", "tables"))
        columns = fields.mapping("columns")
        table_nodes = fields.mapping("tables")
        if columns is None or table_nodes is None:
            continue
        keys = columns.keys()
        headings = []
        for key_node, value in columns.entries:
            if isinstance(value, YamlScalar) and value.value is not None:
                headings.append(str(value.value))
            else:
                sink.error(value.span, f"the heading of column '{key_node.value}' must be text",
                           rule=WRONG_TYPE)  # fmt: skip
                headings.append("")
        if not 1 <= len(headings) <= MAX_GOAL_COLUMNS:
            sink.error(columns.span, f"a key-goal table has {len(headings)} columns; "
                       f"1 to {MAX_GOAL_COLUMNS} fit the page", rule=GOAL_COLUMNS,
                       hint="the budget's key-goal tables have four")  # fmt: skip
        for key, table_node in table_nodes.entries:
            name = str(key.value)
            if name in tables:
                sink.error(key.span, f"key-goal table '{name}' is defined twice", rule=DUPLICATE)
                continue
            goals = expect(
                table_node,
                YamlSeq,
                f"key-goal table '{name}' must be a list of goals (each starting with '- ')",
                sink,
            )
            if goals is None:
                continue
            rows = []
            for goal in goals.items:
                goal_map = expect_map(goal, f"a goal of '{name}'", sink)
                if goal_map is None:
                    continue
                Fields(goal_map, f"a goal of '{name}'", sink, keys)
                cells = []
                for column in keys:
                    cells.append(_goal_cell(goal_map, column, data.path, parser, sink))
                rows.append(GoalRow(tuple(cells), goal_map.span))
            tables[name] = GoalTable(name, tuple(headings), tuple(rows), key.span)
    return tables


def _goal_cell(
    goal: YamlMap, column: str, path: Path, parser: MarkdownIt, sink: DiagnosticSink
) -> GoalCell:
    node = goal.get(column)
    if node is None:
        sink.error(
            goal.span,
            f"the goal has no '{column}:' cell",
            rule=MISSING_KEY,
            hint=f"add '{column}: …' (write '{column}: ~' for an empty cell)",
        )
        return GoalCell((), goal.span)
    text = expect(node, YamlScalar, f"cell '{column}' must be text", sink)
    if text is None or text.value is None:
        return GoalCell((), node.span)
    blocks = parse_markup(
        str(text.value),
        path,
        sink,
        parser=parser,
        line_offset=text.content.line - 1,
        column_offset=text.content.column - 1,
        in_cell=True,
        written=text.span if text.written else None,
        written_text=text.written,
    )
    # Headings and directives in a cell were reported by the parser and left out.
    return GoalCell(tuple(b for b in blocks if isinstance(b, Paragraph | ListBlock)), text.span)
