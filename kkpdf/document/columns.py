"""Column headings: book.yaml's `columns:` heads each year offset from the budget year."""

from __future__ import annotations

from dataclasses import dataclass

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.document.book_info import fills
from kkpdf.document.fields import MISSING_KEY, Fields, expect_map
from kkpdf.messages import tr
from kkpdf.parse.yaml_tree import WRONG_TYPE, YamlMap, YamlScalar

# The rules this module reports.
COLUMN_HEADING = Rule("data.column-heading")


@dataclass(frozen=True)
class ColumnTemplate:
    """How book.yaml heads a column of a given year offset."""

    heading: str
    short: str


def build_column_templates(node: YamlMap, sink: DiagnosticSink) -> dict[int, ColumnTemplate]:
    """`columns:` in book.yaml: per year offset a heading, or {heading:, short:}."""
    columns = expect_map(node.get("columns"), tr("'columns' in book.yaml"), sink)
    if columns is None:
        sink.error(
            node.span,
            tr("'columns:' is missing in book.yaml"),
            rule=MISSING_KEY,
            hint=tr("give a heading for each year offset, e.g. '0: TALOUSARVIO {{year}}'"),
        )
        return {}
    templates: dict[int, ColumnTemplate] = {}
    for key, value in columns.entries:
        if isinstance(key.value, bool) or not isinstance(key.value, int):
            sink.error(
                key.span,
                tr("column key '{key}' must be a year offset such as -2 or 0", key=key.value),
                rule=WRONG_TYPE,
            )
            continue
        if isinstance(value, YamlMap):
            where = tr("column {key} in book.yaml", key=key.value)
            fields = Fields(value, where, sink, ("heading", "short"))
            heading = fields.text("heading")
            template = ColumnTemplate(heading, fields.text("short", heading))
        elif isinstance(value, YamlScalar) and isinstance(value.value, str):
            template = ColumnTemplate(value.value, value.value)
        else:
            sink.error(value.span, tr("a column heading must be text"), rule=WRONG_TYPE)
            continue
        for text in (template.heading, template.short):
            if "{year}" not in text:
                sink.error(
                    value.span,
                    tr("column heading '{text}' does not show the year", text=text),
                    rule=COLUMN_HEADING,
                    hint=tr("write {{year}} where the year goes"),
                )
                break
            if not fills(text, ("year",), value.span, sink):
                break
        else:
            templates[key.value] = template
    return templates
