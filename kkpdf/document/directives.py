"""Directives: a chapter places a data table, or a unit's list of parts, by its key."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.document.fields import suggestion
from kkpdf.document.references import UNKNOWN_REFERENCE
from kkpdf.messages import Message, tr
from kkpdf.model import (
    Block,
    ComputedTable,
    Defined,
    FinanceTable,
    GoalTable,
    ListBlock,
    ListItem,
    Origin,
    Paragraph,
    Text,
    Unit,
)
from kkpdf.parse.markup import Directive

# The rules this module reports.
DIRECTIVE_OPTIONS = Rule("markup.directive-options")
UNIT_LIST = Rule("markup.unit-list")
UNKNOWN_DIRECTIVE = Rule("markup.unknown-directive")
DIRECTIVE_ARGUMENT = Rule("markup.directive-argument")
PLACED_TWICE = Rule("markup.placed-twice")


@dataclass
class Placed:
    """Which data tables a chapter has placed, to catch doubles and leftovers."""

    finance: dict[str, Span] = field(default_factory=dict)
    goals: dict[str, Span] = field(default_factory=dict)
    computed: dict[str, Span] = field(default_factory=dict)


def expand_directive(
    directive: Directive,
    finance: dict[str, FinanceTable],
    goals: dict[str, GoalTable],
    computed: dict[str, ComputedTable],
    units: dict[str, Unit],
    placed: Placed,
    sink: DiagnosticSink,
) -> list[Block]:
    if directive.body.strip():
        sink.error(
            directive.body_span,
            tr("directive '{name}' takes no options", name=directive.name),
            rule=DIRECTIVE_OPTIONS,
            hint=tr("leave the lines between ``` empty"),
        )
    name, key = directive.name, directive.argument
    kinds = {
        "finance-table": (finance, tr("finance table"), tr("finance tables")),
        "goal-table": (goals, tr("key-goal table"), tr("key-goal tables")),
        "investment-table": (computed, tr("computed table"), tr("computed tables")),
        "summary-table": (computed, tr("computed table"), tr("computed tables")),
        "unit-list": (units, tr("unit"), tr("units")),
    }
    if name not in kinds:
        sink.error(
            directive.span,
            tr(
                "unknown directive '{name}'{suggestion}",
                name=name,
                suggestion=suggestion(name, DIRECTIVES),
            ),
            rule=UNKNOWN_DIRECTIVE,
            hint=tr("the directives are: {directives}", directives=", ".join(DIRECTIVES)),
        )
        return []
    if name == "unit-list":
        unit = _lookup(key, directive, kinds, sink)
        if unit is None:
            return []
        if not any(part in units for part in unit.parts):
            sink.error(
                directive.span,
                tr("unit '{key}' has no parts to list", key=key),
                rule=UNIT_LIST,
                hint=tr("list its parts under 'parts:' in the units file"),
            )
            return []
        return [_unit_list(unit, units, directive.span)]
    placed_keys = {"finance-table": placed.finance, "goal-table": placed.goals}
    return _place(key, placed_keys.get(name, placed.computed), directive, kinds, sink)


DIRECTIVES = (
    "chart",
    "finance-table",
    "goal-table",
    "investment-table",
    "summary-table",
    "unit-list",
)

# Up to this many keys, a hint for a key that is not there lists them all; a whole
# book has scores of tables, and a list of them would hide the hint.
FEW_KEYS = 12

# What each directive's key names: the tables it looks in, and what one of them and
# several are called ("finance table", "finance tables").
Kinds = Mapping[str, tuple[Mapping[str, Any], Message, Message]]


def _lookup(key: str, directive: Directive, kinds: Kinds, sink: DiagnosticSink) -> Any:
    tables, what, _ = kinds[directive.name]
    if not key:
        sink.error(
            directive.span,
            tr("directive '{name}' needs the {what}'s key", name=directive.name, what=what),
            rule=DIRECTIVE_ARGUMENT,
            hint=tr("write ```{{{name}}} key", name=directive.name),
        )
        return None
    found = tables.get(key)
    if found is None:
        sink.error(
            directive.span,
            tr(
                "no {what} '{key}'{suggestion}",
                what=what,
                key=key,
                suggestion=suggestion(key, tables),
            ),
            rule=UNKNOWN_REFERENCE,
            hint=_known_keys(key, directive.name, kinds),
        )
    return found


def _known_keys(key: str, name: str, kinds: Kinds) -> Message:
    """A hint for a key the directive's tables lack: the directive that has it, or the
    keys there are, or, for many, how many and where they are written."""
    tables, _, whats = kinds[name]
    for other, (others, other_what, _) in kinds.items():
        # Not the unit list: a unit without a table of its own is the table missing,
        # and its list of parts is no answer to that.
        if others is not tables and other != "unit-list" and key in others:
            return tr("'{key}' is a {what}, placed with ```{{{directive}}} {key}",
                      key=key, what=other_what, directive=other)  # fmt: skip
    if len(tables) <= FEW_KEYS:
        return tr("the {whats} are: {keys}", whats=whats, keys=", ".join(tables) or tr("none"))
    files = sorted({table.span.path.name for table in tables.values()})
    return tr("there are {count} {whats}, each under its key in {files}",
              count=len(tables), whats=whats, files=", ".join(files))  # fmt: skip


def _place(
    key: str, placed: dict[str, Span], directive: Directive, kinds: Kinds, sink: DiagnosticSink
) -> list[Block]:
    table = _lookup(key, directive, kinds, sink)
    if table is None:
        return []
    what = kinds[directive.name][1]
    if key in placed:
        sink.error(
            directive.span,
            tr(
                "{what} '{key}' is placed twice (first at {first})",
                what=what,
                key=key,
                first=placed[key],
            ),
            rule=PLACED_TWICE,
            hint=tr("remove one of the two directives"),
        )
        return []
    placed[key] = directive.span
    return [table]


def _unit_list(unit: Unit, units: dict[str, Unit], span: Span) -> ListBlock:
    """The parts of a unit, as a running-text list: lower-case names, a full stop at the end.

    Each item's text stands where the part's name and description are written, in the
    units file, so that a problem in a name is reported there, as in a table's caption."""
    parts = [units[key] for key in unit.parts if key in units]
    items = []
    for index, part in enumerate(parts):
        children = [Text(part.name[:1].lower() + part.name[1:], _origin(part.name_at))]
        if part.description:
            children += [Text(" ("), Text(part.description, _origin(part.description_at)),
                         Text(")")]  # fmt: skip
        if index == len(parts) - 1:
            children.append(Text("."))
        where = part.name_at.span if part.name_at else span
        items.append(ListItem((Paragraph(tuple(children), where),), span))
    return ListBlock(False, 1, tuple(items), span)


def _origin(defined: Defined | None) -> Origin:
    return defined.origin if defined else ()
