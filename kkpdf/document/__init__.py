"""Stage 3, document model: parsed sources and data become one `Book`.

Directives in the chapters are replaced by content built from data (finance
and key-goal tables, lists of units), so the layout sees nothing but model nodes.
What is wrong is reported and left out; the checks still run over the rest, and
the build stops before layout (see `kkpdf.checks`).
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from kkpdf.diagnostics import DiagnosticSink, Span
from kkpdf.document.fields import Fields, expect_map, suggestion
from kkpdf.document.references import Names, resolve
from kkpdf.model import (
    Account,
    AccountKind,
    Block,
    Book,
    BookInfo,
    Cell,
    Chapter,
    Column,
    FinanceTable,
    GoalCell,
    GoalRow,
    GoalTable,
    Labels,
    ListBlock,
    ListItem,
    Paragraph,
    Row,
    Text,
    Unit,
    Unresolved,
)
from kkpdf.money import FigureError, parse_figure
from kkpdf.parse.book import ParsedBook, ParsedData
from kkpdf.parse.markup import Directive, make_parser, parse_markup
from kkpdf.parse.yaml_tree import YamlMap, YamlNode, YamlScalar, YamlSeq

BOOK_KEYS = (
    "title",
    "subtitle",
    "author",
    "subject",
    "keywords",
    "language",
    "budget_year",
    "approved",
    "output",
    "chapters",
    "data",
    "columns",
    "labels",
    "rounding_per_term",
)
LABEL_KEYS = (
    "organisation",
    "cover_note",
    "contents",
    "page",
    "binding_row",
    "indicative_table",
    "currency",
)
OPTIONAL_LABEL_KEYS = ("draft", "check_report", "changes")
MAX_GOAL_COLUMNS = 6  # more would leave a column too narrow for a word


@dataclass
class _Placed:
    """Which data tables a chapter has placed, to catch doubles and leftovers."""

    finance: dict[str, Span] = field(default_factory=dict)
    goals: dict[str, Span] = field(default_factory=dict)


def build_document(parsed: ParsedBook, sink: DiagnosticSink) -> Book:
    info = _book_info(parsed.book, sink)
    headings = _column_templates(parsed.book, sink)
    accounts = _accounts(parsed.data.get("accounts", ()), sink)
    units = _units(parsed.data.get("units", ()), sink)
    finance = _finance_tables(parsed.data.get("finance", ()), accounts, units, headings, info, sink)
    parser = make_parser()
    goals = _goal_tables(parsed.data.get("goals", ()), parser, sink)

    placed = _Placed()
    names = Names(units, accounts, sink)
    chapters = []
    for chapter in parsed.chapters:
        blocks: list[Block] = []
        for block in chapter.blocks:
            if isinstance(block, Directive):
                expanded = _expand(block, finance, goals, units, placed, sink)
                blocks.extend(resolve(b, names) for b in expanded)
            else:
                blocks.append(resolve(block, names))
        if not blocks:
            sink.error(
                Span(chapter.path),
                "the chapter is empty",
                rule="document.empty-chapter",
                hint="write its text, or remove it from 'chapters:' in book.yaml",
            )
        chapters.append(Chapter(tuple(blocks), Span(chapter.path)))

    for key, table in finance.items():
        if key not in placed.finance:
            sink.warning(
                table.span,
                f"finance table '{key}' is not placed in any chapter",
                rule="document.unplaced",
                hint=f"add ```{{finance-table}} {key} to a chapter",
            )
    for key, goal_table in goals.items():
        if key not in placed.goals:
            sink.warning(
                goal_table.span,
                f"key-goal table '{key}' is not placed in any chapter",
                rule="document.unplaced",
                hint=f"add ```{{goal-table}} {key} to a chapter",
            )
    return Book(
        info,
        tuple(chapters),
        tuple(accounts.values()),
        tuple(units.values()),
        tuple(finance.values()),
    )


# --- book.yaml --------------------------------------------------------------------


def _book_info(node: YamlMap, sink: DiagnosticSink) -> BookInfo:
    fields = Fields(node, "book.yaml", sink, BOOK_KEYS)
    labels_node = fields.mapping("labels")
    label_values = {key: "" for key in LABEL_KEYS}
    if labels_node is not None:
        label_fields = Fields(
            labels_node, "'labels' in book.yaml", sink, LABEL_KEYS + OPTIONAL_LABEL_KEYS
        )
        label_values = {key: label_fields.text(key) for key in LABEL_KEYS}
        for key in OPTIONAL_LABEL_KEYS:
            if labels_node.get(key) is not None:
                label_values[key] = label_fields.text(key)
        for key, names in TEMPLATE_LABELS.items():
            label_node = labels_node.get(key)
            if label_node and not _fills(label_values[key], names, label_node.span, sink):
                label_values[key] = ""
    output_name = fields.text("output")
    if output_name and (Path(output_name).name != output_name or not output_name.endswith(".pdf")):
        output_node = node.get("output")
        sink.error(
            output_node.span if output_node else node.span,
            f"'output: {output_name}' must be a file name ending in .pdf, with no folder",
            rule="book.output",
            hint="the PDF is written to the output folder; give only its name",
        )
        output_name = ""
    return BookInfo(
        title=fields.text("title"),
        subtitle=fields.text("subtitle", ""),
        author=fields.text("author"),
        subject=fields.text("subject", ""),
        keywords=fields.texts("keywords"),
        language=fields.text("language"),
        budget_year=fields.integer("budget_year"),
        approved=fields.date("approved"),
        output_name=output_name,
        labels=Labels(**label_values),
        rounding_per_term=fields.amount("rounding_per_term"),
        span=node.span,
    )


# Labels with places for values, and the names of those places.
TEMPLATE_LABELS = {"page": ("page", "pages"), "cover_note": ("date",)}


def _fills(template: str, names: tuple[str, ...], span: Span, sink: DiagnosticSink) -> bool:
    """Whether every place in the template is a plain {name} of these; reports it if not.

    Only bare names are allowed: a format ({page:s}), an attribute ({page.x}) or an
    index would fail, or print something else, when the book fills in a number.
    """
    try:
        places = [
            (name, spec, conversion)
            for _, name, spec, conversion in string.Formatter().parse(template)
            if name is not None
        ]
        problem = next(
            (f"'{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}'"
             for name, spec, conversion in places
             if name not in names or spec or conversion),
            None,
        )  # fmt: skip
    except ValueError as err:
        problem = str(err)
    if problem is None:
        return True
    allowed = ", ".join("{" + name + "}" for name in names)
    sink.error(
        span,
        f"'{template}' has a place the book cannot fill ({problem})",
        rule="data.template",
        hint=f"the places here are {allowed}; write a brace itself as {{{{ or }}}}",
    )
    return False


@dataclass(frozen=True)
class _ColumnTemplate:
    """How book.yaml heads a column of a given year offset."""

    heading: str
    short: str


def _column_templates(node: YamlMap, sink: DiagnosticSink) -> dict[int, _ColumnTemplate]:
    """`columns:` in book.yaml: per year offset a heading, or {heading:, short:}."""
    columns = expect_map(node.get("columns"), "'columns' in book.yaml", sink)
    if columns is None:
        sink.error(
            node.span,
            "'columns:' is missing in book.yaml",
            rule="data.missing-key",
            hint="give a heading for each year offset, e.g. '0: TALOUSARVIO {year}'",
        )
        return {}
    templates: dict[int, _ColumnTemplate] = {}
    for key, value in columns.entries:
        if isinstance(key.value, bool) or not isinstance(key.value, int):
            sink.error(
                key.span,
                f"column key '{key.value}' must be a year offset such as -2 or 0",
                rule="data.type",
            )
            continue
        if isinstance(value, YamlMap):
            fields = Fields(value, f"column {key.value} in book.yaml", sink, ("heading", "short"))
            heading = fields.text("heading")
            template = _ColumnTemplate(heading, fields.text("short", heading))
        elif isinstance(value, YamlScalar) and isinstance(value.value, str):
            template = _ColumnTemplate(value.value, value.value)
        else:
            sink.error(value.span, "a column heading must be text", rule="data.type")
            continue
        for text in (template.heading, template.short):
            if "{year}" not in text:
                sink.error(
                    value.span,
                    f"column heading '{text}' does not show the year",
                    rule="data.column-heading",
                    hint="write {year} where the year goes",
                )
                break
            if not _fills(text, ("year",), value.span, sink):
                break
        else:
            templates[key.value] = template
    return templates


# --- chart of accounts and organisation -------------------------------------------


def _top_mappings(
    files: tuple[ParsedData, ...], what: str, sink: DiagnosticSink
) -> Iterator[tuple[str, Span, YamlMap]]:
    """(key, its span, its mapping) for every entry of every file; a key seen before is
    reported, not yielded again."""
    seen: dict[str, Span] = {}
    for data in files:
        top = expect_map(data.tree, f"the {what} file", sink)
        if top is None:
            if data.tree is None:
                sink.error(Span(data.path), f"the {what} file is empty", rule="data.empty")
            continue
        for key, value in top.entries:
            name = str(key.value)
            if name in seen:
                sink.error(
                    key.span,
                    f"'{name}' is defined twice (also at {seen[name]})",
                    rule="data.duplicate",
                )
                continue
            seen[name] = key.span
            mapping = expect_map(value, f"'{name}'", sink)
            if mapping is not None:
                yield name, key.span, mapping


def _accounts(files: tuple[ParsedData, ...], sink: DiagnosticSink) -> dict[str, Account]:
    accounts: dict[str, Account] = {}
    kinds = {kind.value: kind for kind in AccountKind}
    for key, span, node in _top_mappings(files, "chart of accounts", sink):
        fields = Fields(
            node, f"row '{key}'", sink, ("label", "label_sv", "kind", "parts", "binding")
        )
        kind_name = fields.text("kind")
        kind = kinds.get(kind_name)
        if kind is None and kind_name:
            sink.error(
                node.get("kind").span,
                f"unknown kind '{kind_name}' for row '{key}'{suggestion(kind_name, kinds)}",
                rule="data.account-kind",
                hint=f"the kinds are: {', '.join(kinds)}",
            )
        parts = fields.texts("parts")
        accounts[key] = Account(
            key,
            fields.text("label"),
            fields.text("label_sv", ""),
            kind or AccountKind.REVENUE,
            parts,
            fields.flag("binding"),
            span,
        )
        if kind is AccountKind.TOTAL and not parts:
            sink.error(
                span,
                f"total row '{key}' lists no parts",
                rule="data.account-parts",
                hint="add 'parts: [row, row, …]'",
            )
    for account in accounts.values():
        for part in account.parts:
            if part not in accounts:
                sink.error(
                    account.span,
                    f"row '{account.key}' sums '{part}', which is not in the "
                    f"chart of accounts{suggestion(part, accounts)}",
                    rule="data.account-parts",
                )
    return accounts


def _units(files: tuple[ParsedData, ...], sink: DiagnosticSink) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for key, span, node in _top_mappings(files, "units", sink):
        fields = Fields(node, f"unit '{key}'", sink, ("name", "name_sv", "description", "parts"))
        units[key] = Unit(
            key,
            fields.text("name"),
            fields.text("name_sv", ""),
            fields.text("description", ""),
            fields.texts("parts"),
            span,
        )
    for unit in units.values():
        for part in unit.parts:
            if part not in units:
                sink.error(
                    unit.span,
                    f"unit '{unit.key}' names part '{part}', which is not a "
                    f"unit{suggestion(part, units)}",
                    rule="data.unit-parts",
                )
    return units


# --- finance tables ---------------------------------------------------------------


def _finance_tables(
    files: tuple[ParsedData, ...],
    accounts: dict[str, Account],
    units: dict[str, Unit],
    templates: dict[int, _ColumnTemplate],
    info: BookInfo,
    sink: DiagnosticSink,
) -> dict[str, FinanceTable]:
    tables: dict[str, FinanceTable] = {}
    for key, span, node in _top_mappings(files, "finance", sink):
        fields = Fields(
            node, f"finance table '{key}'", sink, ("years", "binding", "rows", "unresolved")
        )
        unit = units.get(key)
        if unit is None:
            sink.error(
                span,
                f"finance table '{key}' is not for a known unit{suggestion(key, units)}",
                rule="data.unknown-unit",
                hint="name the table after a unit in the units file",
            )
            continue
        placed_columns = _columns(node, key, templates, info.budget_year, sink)
        columns = tuple(column for _, column in placed_columns)
        # Rows are measured against the years as written, so that one wrong year is
        # reported once, not again in every row; its cells are then left out.
        years = node.get("years")
        width = len(years.items) if isinstance(years, YamlSeq) else len(columns)
        kept = frozenset(index for index, _ in placed_columns)
        rows = _rows(fields.mapping("rows"), key, accounts, width, kept, sink)
        binding = fields.flag("binding")
        note = info.labels.binding_row if binding else info.labels.indicative_table
        unresolved = _unresolved(node.get("unresolved"), key, rows, columns, sink)
        tables[key] = FinanceTable(unit, columns, rows, binding, note, unresolved, span)
    return tables


def _unresolved(
    node: YamlNode | None,
    table: str,
    rows: tuple[Row, ...],
    columns: tuple[Column, ...],
    sink: DiagnosticSink,
) -> tuple[Unresolved, ...]:
    """`unresolved:` entries: {row:, year:, note:} each, for a cell of this table."""
    if node is None:
        return ()
    if not isinstance(node, YamlSeq):
        sink.error(node.span, "'unresolved' must be a list of {row, year, note}", rule="data.type")
        return ()
    row_keys = [row.account.key for row in rows]
    years = [column.year for column in columns]
    entries = []
    for item in node.items:
        entry = expect_map(item, "an 'unresolved' entry", sink)
        if entry is None:
            continue
        fields = Fields(entry, f"an 'unresolved' entry of '{table}'", sink, ("row", "year", "note"))
        row, year, note = fields.text("row"), fields.integer("year"), fields.text("note")
        if row and row not in row_keys:
            sink.error(
                entry.span,
                f"table '{table}' has no row '{row}'{suggestion(row, row_keys)}",
                rule="data.unresolved",
            )
        elif year and year not in years:
            sink.error(entry.span, f"table '{table}' has no year {year}", rule="data.unresolved")
        elif row and year and note:
            entries.append(Unresolved(row, year, note, entry.span))
    return tuple(entries)


def _columns(
    node: YamlMap,
    key: str,
    templates: dict[int, _ColumnTemplate],
    budget_year: int,
    sink: DiagnosticSink,
) -> tuple[tuple[int, Column], ...]:
    """The valid columns, each with its place in the years as written."""
    years = node.get("years")
    if not isinstance(years, YamlSeq):
        sink.error(
            years.span if years else node.span,
            f"finance table '{key}' needs 'years: [{budget_year - 2}, …]'",
            rule="data.years",
        )
        return ()
    columns: list[Column] = []
    places: list[int] = []
    for place, item in enumerate(years.items):
        year = item.value if isinstance(item, YamlScalar) else None
        if isinstance(year, bool) or not isinstance(year, int):
            sink.error(item.span, f"'{year}' is not a year", rule="data.years")
            continue
        template = templates.get(year - budget_year)
        if template is None:
            known = sorted(budget_year + offset for offset in templates)
            shown = f"{known[0]}–{known[-1]}" if known else "none"
            sink.error(
                item.span,
                f"year {year} is not one of the book's years ({shown})",
                rule="data.years",
                hint=f"the budget year in book.yaml is {budget_year}",
            )
            continue
        if columns and year <= columns[-1].year:
            sink.error(
                item.span,
                f"year {year} comes after {columns[-1].year}",
                rule="data.years",
                hint="list each year once, oldest first",
            )
            continue
        columns.append(
            Column(
                year,
                template.heading.format(year=year),
                template.short.format(year=year),
                item.span,
            )
        )
        places.append(place)
    return tuple(zip(places, columns, strict=True))


def _rows(
    node: YamlMap | None,
    key: str,
    accounts: dict[str, Account],
    width: int,
    kept: frozenset[int],
    sink: DiagnosticSink,
) -> tuple[Row, ...]:
    if node is None:
        return ()
    rows = []
    for row_key, cells_node in node.entries:
        name = str(row_key.value)
        account = accounts.get(name)
        if account is None:
            sink.error(
                row_key.span,
                f"row '{name}' is not in the chart of accounts{suggestion(name, accounts)}",
                rule="data.unknown-row",
                hint="use a row key from the chart of accounts (tilikartta.yaml), or add it there",
            )
            continue
        if not isinstance(cells_node, YamlSeq):
            sink.error(
                cells_node.span,
                f"row '{name}' must list one figure per year, e.g. [1 234, ~, -5 678]",
                rule="data.row-shape",
            )
            continue
        if len(cells_node.items) != width:
            sink.error(
                cells_node.span,
                f"row '{name}' has {len(cells_node.items)} figures, the table has {width} years",
                rule="data.row-shape",
                hint="write ~ for a blank cell so that every year has a place",
            )
            continue
        cells = [_cell(item, name, key, sink) for item in cells_node.items]
        rows.append(Row(account, tuple(c for i, c in enumerate(cells) if i in kept), row_key.span))
    return tuple(rows)


def _cell(item, row: str, table: str, sink: DiagnosticSink) -> Cell:
    if not isinstance(item, YamlScalar):
        sink.error(
            item.span,
            f"a cell of row '{row}' holds a list or mapping, not a figure",
            rule="data.cell",
        )
        return Cell(None, item.span)
    if item.value is None or item.value == "":
        return Cell(None, item.span)
    try:
        return Cell(parse_figure(item.value), item.span)
    except FigureError as err:
        sink.error(
            item.span,
            f"table '{table}', row '{row}': {err}",
            rule="data.cell",
            hint="write whole euros such as -1 234 567, or ~ for a blank cell",
        )
        return Cell(None, item.span)


# --- key-goal tables --------------------------------------------------------------


def _goal_tables(
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
                           rule="data.type")  # fmt: skip
                headings.append("")
        if not 1 <= len(headings) <= MAX_GOAL_COLUMNS:
            sink.error(columns.span, f"a key-goal table has {len(headings)} columns; "
                       f"1 to {MAX_GOAL_COLUMNS} fit the page", rule="data.goal-columns",
                       hint="the budget's key-goal tables have four")  # fmt: skip
        for key, table_node in table_nodes.entries:
            name = str(key.value)
            if name in tables:
                sink.error(
                    key.span, f"key-goal table '{name}' is defined twice", rule="data.duplicate"
                )
                continue
            if not isinstance(table_node, YamlSeq):
                sink.error(
                    table_node.span,
                    f"key-goal table '{name}' must be a list of goals (each starting with '- ')",
                    rule="data.type",
                )
                continue
            rows = []
            for goal in table_node.items:
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
            rule="data.missing-key",
            hint=f"add '{column}: …' (write '{column}: ~' for an empty cell)",
        )
        return GoalCell((), goal.span)
    if not isinstance(node, YamlScalar):
        sink.error(node.span, f"cell '{column}' must be text", rule="data.type")
        return GoalCell((), node.span)
    if node.value is None:
        return GoalCell((), node.span)
    blocks = parse_markup(
        str(node.value),
        path,
        sink,
        parser=parser,
        line_offset=node.content.line - 1,
        column_offset=node.content.column - 1,
        in_cell=True,
        written=node.span if node.written else None,
        written_text=node.written,
    )
    # Headings and directives in a cell were reported by the parser and left out.
    return GoalCell(tuple(b for b in blocks if isinstance(b, Paragraph | ListBlock)), node.span)


# --- directives -------------------------------------------------------------------


def _expand(
    directive: Directive,
    finance: dict[str, FinanceTable],
    goals: dict[str, GoalTable],
    units: dict[str, Unit],
    placed: _Placed,
    sink: DiagnosticSink,
) -> list[Block]:
    if directive.body.strip():
        sink.error(
            directive.body_span,
            f"directive '{directive.name}' takes no options",
            rule="markup.directive-options",
            hint="leave the lines between ``` empty",
        )
    name, key = directive.name, directive.argument
    if name == "finance-table":
        return _place(key, finance, placed.finance, directive, "finance table", sink)
    if name == "goal-table":
        return _place(key, goals, placed.goals, directive, "key-goal table", sink)
    if name == "unit-list":
        unit = _lookup(key, units, directive, "unit", sink)
        if unit is None:
            return []
        if not any(part in units for part in unit.parts):
            sink.error(
                directive.span,
                f"unit '{key}' has no parts to list",
                rule="markup.unit-list",
                hint="list its parts under 'parts:' in the units file",
            )
            return []
        return [_unit_list(unit, units, directive.span)]
    sink.error(
        directive.span,
        f"unknown directive '{name}'{suggestion(name, DIRECTIVES)}",
        rule="markup.unknown-directive",
        hint=f"the directives are: {', '.join(DIRECTIVES)}",
    )
    return []


DIRECTIVES = ("finance-table", "goal-table", "unit-list")


def _lookup(key, table, directive: Directive, what: str, sink: DiagnosticSink):
    if not key:
        sink.error(
            directive.span,
            f"directive '{directive.name}' needs the {what}'s key",
            rule="markup.directive-argument",
            hint=f"write ```{{{directive.name}}} key",
        )
        return None
    found = table.get(key)
    if found is None:
        sink.error(
            directive.span,
            f"no {what} '{key}'{suggestion(key, table)}",
            rule="markup.unknown-reference",
            hint=f"the {what}s are: {', '.join(table) or 'none'}",
        )
    return found


def _place(
    key, tables, placed: dict[str, Span], directive: Directive, what: str, sink: DiagnosticSink
) -> list[Block]:
    table = _lookup(key, tables, directive, what, sink)
    if table is None:
        return []
    if key in placed:
        sink.error(
            directive.span,
            f"{what} '{key}' is placed twice (first at {placed[key]})",
            rule="markup.placed-twice",
            hint="remove one of the two directives",
        )
        return []
    placed[key] = directive.span
    return [table]


def _unit_list(unit: Unit, units: dict[str, Unit], span: Span) -> ListBlock:
    """The parts of a unit, as a running-text list: lower-case names, a full stop at the end."""
    texts = []
    for part in (units[key] for key in unit.parts if key in units):
        text = part.name[:1].lower() + part.name[1:]
        texts.append(f"{text} ({part.description})" if part.description else text)
    texts[-1] += "."
    items = tuple(ListItem((Paragraph((Text(text),), span),), span) for text in texts)
    return ListBlock(False, 1, items, span)
