"""The mapping file: how an export's sheets, columns and rows are the book's tables,
years and rows of the chart of accounts.

    sheets:                       # a sheet → the table its figures go to
      Kaupunginkansliakeskus: kaupunginkansliakeskus
    label_column: B               # the rows' labels
    account_column: A             # the rows' account numbers (optional)
    header_row: 1                 # the headings with a year each: "TP 2021", "TA 2023"
    scale: 1                      # 1000 where the export is in thousands of euros
    signs: {cost: -1}             # by the chart's kind, or by a row's key
    rows:                         # a label or account number → a row of the chart
      Palvelujen ostot: palveluiden_ostot

Instead of `sheets:`, `table_column:` names the column that says whose figures a row
has, and `tables:` maps its texts to tables. A sheet or a text that is a table's key
or its unit's name needs no line, nor does a label that is the chart's label. Every
value keeps its span, so that a problem with it is reported where it is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.importing.cells import column_number
from kkpdf.messages import suggestion, tr
from kkpdf.parse.yaml_tree import YamlError, YamlMap, YamlNode, YamlScalar, YamlSeq, load_yaml

# The rules this module reports.
MAPPING = Rule("import.mapping")

KEYS = ("sheets", "table_column", "tables", "label_column", "account_column", "header_row",
        "scale", "signs", "rows", "ignore_rows", "ignore_columns", "ignore_sheets")  # fmt: skip
SCALES = (1, 1000)


@dataclass(frozen=True)
class Entry:
    """One `text: key` line of the mapping, with where the key is written."""

    key: str
    span: Span


@dataclass(frozen=True)
class Mapping:
    path: Path
    span: Span
    label_column: int
    account_column: int | None = None
    table_column: int | None = None
    header_row: int = 1
    scale: int = 1
    sheets: dict[str, Entry] = field(default_factory=dict)
    tables: dict[str, Entry] = field(default_factory=dict)
    signs: dict[str, tuple[int, Span]] = field(default_factory=dict)
    rows: dict[str, Entry] = field(default_factory=dict)
    ignore_rows: frozenset[str] = frozenset()
    ignore_columns: frozenset[int] = frozenset()
    ignore_sheets: frozenset[str] = frozenset()


def normal(text: str) -> str:
    """A label as it is compared: case, spaces and no-break spaces aside."""
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def read_mapping(path: Path, sink: DiagnosticSink) -> Mapping | None:
    """The mapping at `path`; None, with the problems in `sink`, where it has any."""
    where = Span(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        tree = load_yaml(text, path)
    except OSError as err:
        sink.error(where, tr("cannot read the mapping: {problem}", problem=err.strerror),
                   rule=MAPPING)  # fmt: skip
        return None
    except UnicodeDecodeError:
        sink.error(where, tr("the mapping is not UTF-8 text"), rule=MAPPING,
                   hint=tr("save it as UTF-8"))  # fmt: skip
        return None
    except YamlError as err:
        sink.error(err.span, err.message, rule=MAPPING, hint=err.hint)
        return None
    if not isinstance(tree, YamlMap):
        sink.error(where if tree is None else tree.span,
                   tr("the mapping is not a mapping of keys to values"), rule=MAPPING,
                   hint=tr("begin with 'sheets:' or 'table_column:', see README.md"))  # fmt: skip
        return None
    errors = len(sink.errors)
    reader = _Reader(sink)
    for key, _ in tree.entries:
        if key.value not in KEYS:
            sink.error(key.span, tr("unknown key '{key}' in {where}{suggestion}", key=key.value,
                                    where=tr("the mapping"),
                                    suggestion=suggestion(str(key.value), KEYS)),
                       rule=MAPPING,
                       hint=tr("the keys here are: {keys}", keys=", ".join(KEYS)))  # fmt: skip
    label = reader.column(tree, "label_column")
    if label is None and tree.get("label_column") is None:
        sink.error(tree.span, tr("'{key}:' is missing in {where}", key="label_column",
                                 where=tr("the mapping")),
                   rule=MAPPING, hint=tr("add '{key}: …'", key="label_column"))  # fmt: skip
    if tree.get("sheets") is not None and tree.get("table_column") is not None:
        sink.error(tree.span, tr("the mapping has both 'sheets:' and 'table_column:'"),
                   rule=MAPPING, hint=tr("keep the one that says where the export names its "
                                         "tables: its sheets, or a column"))  # fmt: skip
    header = reader.number(tree, "header_row", 1)
    scale = reader.number(tree, "scale", 1)
    if scale not in SCALES:
        sink.error(_at(tree, "scale"), tr("'scale' is {value}, not 1 or 1000", value=scale),
                   rule=MAPPING,
                   hint=tr("write 'scale: 1000' for an export in thousands of euros"))  # fmt: skip
    mapping = Mapping(
        path,
        tree.span,
        label or 1,
        account_column=reader.column(tree, "account_column"),
        table_column=reader.column(tree, "table_column"),
        header_row=header,
        scale=scale,
        sheets=reader.entries(tree, "sheets"),
        tables=reader.entries(tree, "tables", normal),
        signs=reader.signs(tree),
        rows=reader.entries(tree, "rows", normal),
        ignore_rows=frozenset(normal(text) for text, _ in reader.texts(tree, "ignore_rows")),
        ignore_columns=frozenset(
            number for text, span in reader.texts(tree, "ignore_columns")
            if (number := reader.letters(text, span)) is not None
        ),
        ignore_sheets=frozenset(text for text, _ in reader.texts(tree, "ignore_sheets")),
    )  # fmt: skip
    return mapping if len(sink.errors) == errors else None


def _at(tree: YamlMap, key: str) -> Span:
    node = tree.get(key)
    return tree.span if node is None else node.span


@dataclass(frozen=True)
class _Reader:
    """Reads the mapping's values, each reported at its place where it is not what it must be."""

    sink: DiagnosticSink

    def _wrong(self, node: YamlNode, key: str, what: str) -> None:
        self.sink.error(node.span, tr("'{key}' must be {what}", key=key, what=what), rule=MAPPING,
                        hint=tr("see the mapping's example in README.md"))  # fmt: skip

    def letters(self, text: str, span: Span) -> int | None:
        number = column_number(text)
        if number is None:
            self.sink.error(span, tr("'{text}' is not a column's letters", text=text),
                            rule=MAPPING, hint=tr("name a column as the spreadsheet does: A, "
                                                  "B, …, AA"))  # fmt: skip
        return number

    def column(self, tree: YamlMap, key: str) -> int | None:
        node = tree.get(key)
        if node is None:
            return None
        if not isinstance(node, YamlScalar) or not isinstance(node.value, str):
            self._wrong(node, key, tr("a column's letters, such as B"))
            return None
        return self.letters(node.value, node.span)

    def number(self, tree: YamlMap, key: str, default: int) -> int:
        node = tree.get(key)
        if node is None:
            return default
        if not isinstance(node, YamlScalar) or type(node.value) is not int or node.value < 1:
            self._wrong(node, key, tr("a whole number, 1 or more"))
            return default
        return node.value

    def entries(self, tree: YamlMap, key: str, read: type[str] | None = None) -> dict[str, Entry]:
        """`text: key` lines; `read` makes the text what it is compared as."""
        node = tree.get(key)
        if node is None:
            return {}
        if not isinstance(node, YamlMap):
            self._wrong(node, key, tr("a mapping of texts to keys"))
            return {}
        found: dict[str, Entry] = {}
        for text, value in node.entries:
            if not isinstance(value, YamlScalar) or not isinstance(value.value, str):
                self._wrong(value, str(text.value), tr("a key, such as palveluiden_ostot"))
                continue
            name = str(text.value)
            found[read(name) if read else name] = Entry(value.value, value.span)
        return found

    def texts(self, tree: YamlMap, key: str) -> list[tuple[str, Span]]:
        node = tree.get(key)
        if node is None:
            return []
        if not isinstance(node, YamlSeq):
            self._wrong(node, key, tr("a list"))
            return []
        return [(str(item.value), item.span) for item in node.items
                if isinstance(item, YamlScalar) and item.value is not None]  # fmt: skip

    def signs(self, tree: YamlMap) -> dict[str, tuple[int, Span]]:
        node = tree.get("signs")
        if node is None:
            return {}
        if not isinstance(node, YamlMap):
            self._wrong(node, "signs", tr("a mapping of kinds or rows to 1 or -1"))
            return {}
        found = {}
        for name, value in node.entries:
            if not isinstance(value, YamlScalar) or type(value.value) is not int \
                    or value.value not in (1, -1):  # fmt: skip
                self._wrong(value, str(name.value), tr("1 or -1"))
                continue
            found[str(name.value)] = (int(value.value), value.span)  # type: ignore[arg-type]
        return found
