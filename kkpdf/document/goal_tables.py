"""Key-goal tables: per theme, goals whose cells are short Markdown texts."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.document.fields import DUPLICATE, MISSING_KEY, Fields, checked_text, expect_map, name_of
from kkpdf.messages import tr
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
    what = tr("the key-goal file")
    for data in files:
        top = expect_map(data.tree, what, sink)
        if top is None:
            continue
        fields = Fields(top, what, sink, ("columns", "tables"))
        columns = fields.mapping("columns")
        table_nodes = fields.mapping("tables")
        if columns is None or table_nodes is None:
            continue
        keys = columns.keys()
        headings = []
        for key_node, value in columns.entries:
            heading = tr("the heading of column '{column}'", column=key_node.value)
            if isinstance(value, YamlScalar) and value.value is not None:
                headings.append(checked_text(value, heading, sink) or "")
            else:
                sink.error(value.span, tr("the heading of column '{column}' must be text",
                                          column=key_node.value), rule=WRONG_TYPE)  # fmt: skip
                headings.append("")
        if not 1 <= len(headings) <= MAX_GOAL_COLUMNS:
            sink.error(columns.span, tr("a key-goal table has {count} columns; 1 to {most} fit "
                                        "the page", count=len(headings), most=MAX_GOAL_COLUMNS),
                       rule=GOAL_COLUMNS,
                       hint=tr("the budget's key-goal tables have four"))  # fmt: skip
        for key, table_node in table_nodes.entries:
            name = name_of(key, what, sink)
            if name is None:
                continue
            if name in tables:
                message = tr("key-goal table '{name}' is defined twice", name=name)
                sink.error(key.span, message, rule=DUPLICATE)
                continue
            goals = expect(
                table_node,
                YamlSeq,
                tr(
                    "key-goal table '{name}' must be a list of goals (each starting with '- ')",
                    name=name,
                ),
                sink,
            )
            if goals is None:
                continue
            rows = []
            for goal in goals.items:
                goal_map = expect_map(goal, tr("a goal of '{name}'", name=name), sink)
                if goal_map is None:
                    continue
                Fields(goal_map, tr("a goal of '{name}'", name=name), sink, keys)
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
            tr("the goal has no '{column}:' cell", column=column),
            rule=MISSING_KEY,
            hint=tr("add '{column}: …' (write '{column}: ~' for an empty cell)", column=column),
        )
        return GoalCell((), goal.span)
    text = expect(node, YamlScalar, tr("cell '{column}' must be text", column=column), sink)
    cell = None if text is None else checked_text(text, tr("cell '{column}'", column=column), sink)
    if not cell:
        return GoalCell((), node.span)
    blocks = parse_markup(
        text.value,
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
