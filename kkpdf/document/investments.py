"""The investment part: projects in groups, with group totals and a grand total.

Every total is computed here from the projects, so none can be typed wrong; the
council binds the appropriations at a declared level (a project, a group, or
the whole), and the lines of that level are marked as binding.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.document.columns import ColumnTemplate
from kkpdf.document.fields import Fields, expect_map, suggestion, top_mappings
from kkpdf.document.finance_tables import read_cell, year_columns
from kkpdf.document.references import FilledTexts, year_words
from kkpdf.messages import tr, tr_plural
from kkpdf.model import BookInfo, Cell, ComputedTable, FigureColumn, FigureLine, LineStyle
from kkpdf.parse.book import ParsedData
from kkpdf.parse.yaml_tree import YamlMap, YamlNode, YamlSeq, expect

# The rules this module reports.
BINDING_LEVEL = Rule("data.binding-level")
PROJECT_FIGURES = Rule("data.project-figures")


class BindingLevel(enum.Enum):
    NONE = "none"
    PROJECT = "project"
    GROUP = "group"
    TOTAL = "total"


TABLE_KEYS = ("caption", "note", "currency", "binding", "years", "labels", "groups")
LABEL_KEYS = ("estimate", "spending", "income", "net", "group_total", "total")
PROJECT_KEYS = ("name", "estimate", "spending", "income")


def build_investment_tables(
    files: tuple[ParsedData, ...],
    templates: dict[int, ColumnTemplate],
    info: BookInfo,
    sink: DiagnosticSink,
) -> dict[str, ComputedTable]:
    tables: dict[str, ComputedTable] = {}
    for key, span, node in top_mappings(files, tr("the investments file"), sink):
        fields = Fields(node, tr("investment table '{key}'", key=key), sink, TABLE_KEYS)
        texts = FilledTexts(fields, year_words(info.budget_year), sink)
        labels = _labels(fields.mapping("labels"), key, texts.words, sink)
        level = _binding_level(node, key, sink)
        columns = tuple(c for _, c in year_columns(node, key, templates, info.budget_year, sink))
        years = node.get("years")
        width = len(years.items) if isinstance(years, YamlSeq) else len(columns)
        if width != len(columns):
            continue  # a wrong year is reported; the figures cannot be placed
        estimate = FigureColumn(labels["estimate"], labels["estimate"], None, span)
        heads = (estimate, *(FigureColumn(c.heading, c.short, c.year, c.span) for c in columns))
        groups = fields.mapping("groups")
        lines: list[FigureLine] = []
        totals: list[_Sums] = []
        for group_key, group_node in groups.entries if groups else ():
            where = tr("investment group '{key}'", key=group_key.value)
            group = expect_map(group_node, where, sink)
            if group is None:
                continue
            sums = _group(str(group_key.value), group, labels, level, width, key, lines, sink)
            totals.append(sums)
        grand = _Sums.of(totals, width, span)
        # The grand total always has its income and net lines, so that a tie can
        # name them in a year without income too.
        lines += grand.lines("total", labels["total"], labels, level is BindingLevel.TOTAL, span,
                             LineStyle.TOTAL, itemised=True)  # fmt: skip
        tables[key] = ComputedTable(
            key,
            texts.text("caption"),
            texts.unless_absent("note", ""),
            texts.unless_absent("currency", info.labels.currency),
            heads,
            tuple(lines),
            span,
        )
    return tables


def _labels(
    node: YamlMap | None, table: str, words: Mapping[str, str], sink: DiagnosticSink
) -> dict[str, str]:
    if node is None:
        return {key: "" for key in LABEL_KEYS}
    where = tr("'labels' of investment table '{table}'", table=table)
    fields = Fields(node, where, sink, LABEL_KEYS)
    texts = FilledTexts(fields, words, sink)
    # A group's total names the group: {name} is the group's place, not a placeholder.
    return {key: texts.text(key, keep=("name",)) for key in LABEL_KEYS}


def _binding_level(node: YamlMap, table: str, sink: DiagnosticSink) -> BindingLevel:
    written = node.get("binding")
    value = getattr(written, "value", "none")
    levels = {level.value: level for level in BindingLevel}
    level = levels.get(value) if isinstance(value, str) else None
    if level is None:
        sink.error(
            written.span,  # type: ignore[union-attr]
            tr(
                "'binding' of investment table '{table}' is {value}, not a level{suggestion}",
                table=table,
                value=repr(value),
                suggestion=suggestion(str(value), levels),
            ),
            rule=BINDING_LEVEL,
            hint=tr("the levels are: {levels}", levels=", ".join(levels)),
        )
        return BindingLevel.NONE
    return level


class _Sums:
    """A project's, a group's or the grand total's figures: estimate, spending and
    income per year; None where nothing is written."""

    def __init__(self, estimate: Cell, spending: tuple[Cell, ...], income: tuple[Cell, ...]):
        self.estimate, self.spending, self.income = estimate, spending, income

    @classmethod
    def of(cls, parts: list[_Sums], width: int, span: Span) -> _Sums:
        def total(cells: list[Cell]) -> Cell:
            values = [cell.value for cell in cells if cell.value is not None]
            return Cell(sum(values) if values else None, span)

        return cls(
            total([part.estimate for part in parts]),
            tuple(total([part.spending[i] for part in parts]) for i in range(width)),
            tuple(total([part.income[i] for part in parts]) for i in range(width)),
        )

    def lines(
        self, key: str, label: str, labels: dict[str, str], binding: bool, span: Span,
        style: LineStyle, *, itemised: bool = False,
    ) -> list[FigureLine]:  # fmt: skip
        """The spending line; with income, the income and net lines under it.

        The binding mark goes on the net line where there is one: the council
        grants the net appropriation.
        """
        has_income = itemised or any(cell.value for cell in self.income)

        def line(suffix: str, text: str, cells: tuple[Cell, ...], kind: LineStyle, bind: bool):
            return FigureLine(
                f"{key}.{suffix}", text, tuple(c.value for c in cells),
                tuple(c.span for c in cells), kind, bind, span,
            )  # fmt: skip

        blank = Cell(None, span)
        spending = line("spending", label, (self.estimate, *self.spending), style,
                        binding and not has_income)  # fmt: skip
        if not has_income:
            return [spending]
        net = tuple(
            Cell(None if s.value is None and i.value is None else (s.value or 0) + (i.value or 0),
                 span)
            for s, i in zip(self.spending, self.income, strict=True)
        )  # fmt: skip
        return [
            spending,
            line("income", labels["income"], (blank, *self.income), LineStyle.DETAIL, False),
            line("net", labels["net"], (blank, *net), LineStyle.DETAIL, binding),
        ]


def _group(
    key: str,
    node: YamlMap,
    labels: dict[str, str],
    level: BindingLevel,
    width: int,
    table: str,
    lines: list[FigureLine],
    sink: DiagnosticSink,
) -> _Sums:
    fields = Fields(node, tr("investment group '{key}'", key=key), sink, ("name", "projects"))
    name = fields.text("name")
    lines.append(FigureLine(key, name, (), (), LineStyle.GROUP, False, node.span))
    projects = fields.mapping("projects")
    sums = []
    for project_key, project_node in projects.entries if projects else ():
        where = tr("project '{key}'", key=project_key.value)
        project = expect_map(project_node, where, sink)
        if project is None:
            continue
        path = f"{key}.{project_key.value}"
        found, label = _project(path, project, width, table, sink)
        sums.append(found)
        lines += found.lines(path, label, labels, level is BindingLevel.PROJECT, project.span,
                             LineStyle.PLAIN)  # fmt: skip
    total = _Sums.of(sums, width, node.span)
    label = labels["group_total"].format(name=name) if labels["group_total"] else name
    lines += total.lines(key, label, labels, level is BindingLevel.GROUP, node.span,
                         LineStyle.TOTAL)  # fmt: skip
    return total


def _project(
    path: str, node: YamlMap, width: int, table: str, sink: DiagnosticSink
) -> tuple[_Sums, str]:
    fields = Fields(node, tr("project '{key}'", key=path), sink, PROJECT_KEYS)
    name = fields.text("name")
    estimate_node = node.get("estimate")
    estimate = (
        read_cell(estimate_node, "estimate", table, sink)
        if estimate_node is not None
        else Cell(None, node.span)
    )
    spending = _figures(node, "spending", path, width, table, sink)
    income = _figures(node, "income", path, width, table, sink)
    return _Sums(estimate, spending, income), name


def _figures(
    node: YamlMap, key: str, project: str, width: int, table: str, sink: DiagnosticSink
) -> tuple[Cell, ...]:
    written: YamlNode | None = node.get(key)
    blank = tuple(Cell(None, node.span) for _ in range(width))
    if written is None:
        return blank
    message = tr(
        "'{key}' of project '{project}' must list one figure per year, e.g. [-1 000, ~]",
        key=key,
        project=project,
    )
    figures = expect(written, YamlSeq, message, sink, rule=PROJECT_FIGURES)
    if figures is None:
        return blank
    if width and len(figures.items) != width:  # no years at all is reported once
        sink.error(
            figures.span,
            tr_plural(
                "'{key}' of project '{project}' has {figures} figures, the table has {count} year",
                "'{key}' of project '{project}' has {figures} figures, the table has {count} years",
                width,
                key=key,
                project=project,
                figures=len(figures.items),
            ),
            rule=PROJECT_FIGURES,
            hint=tr("write ~ for a blank cell so that every year has a place"),
        )
        return blank
    return tuple(read_cell(item, f"{project}.{key}", table, sink) for item in figures.items)
