"""The chart of accounts (the rows of the finance tables) and the organisation's units."""

from __future__ import annotations

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.document.fields import Fields, suggestion, top_mappings
from kkpdf.messages import tr
from kkpdf.model import Account, AccountKind, Unit
from kkpdf.parse.book import ParsedData

# The rules this module reports.
ACCOUNT_KIND = Rule("data.account-kind")
ACCOUNT_PARTS = Rule("data.account-parts")
UNIT_PARTS = Rule("data.unit-parts")


def build_accounts(files: tuple[ParsedData, ...], sink: DiagnosticSink) -> dict[str, Account]:
    accounts: dict[str, Account] = {}
    kinds = {kind.value: kind for kind in AccountKind}
    for key, span, node in top_mappings(files, tr("the chart of accounts file"), sink):
        fields = Fields(
            node,
            tr("row '{key}'", key=key),
            sink,
            ("label", "label_sv", "kind", "parts", "binding"),
        )
        kind_name = fields.text("kind")
        kind = kinds.get(kind_name)
        if kind is None and kind_name:
            sink.error(
                node.get("kind").span,
                tr(
                    "unknown kind '{kind}' for row '{key}'{suggestion}",
                    kind=kind_name,
                    key=key,
                    suggestion=suggestion(kind_name, kinds),
                ),
                rule=ACCOUNT_KIND,
                hint=tr("the kinds are: {kinds}", kinds=", ".join(kinds)),
            )
        parts = fields.texts("parts")
        label = fields.text("label")
        accounts[key] = Account(
            key,
            label,
            fields.text("label_sv", ""),
            kind or AccountKind.REVENUE,
            parts,
            fields.flag("binding"),
            span,
            label_at=fields.defined("label", label),
        )
        if kind is AccountKind.TOTAL and not parts:
            sink.error(
                span,
                tr("total row '{key}' lists no parts", key=key),
                rule=ACCOUNT_PARTS,
                hint=tr("add 'parts: [row, row, …]'"),
            )
    for account in accounts.values():
        for part in account.parts:
            if part not in accounts:
                sink.error(
                    account.span,
                    tr(
                        "row '{key}' sums '{part}', which is not in the chart of "
                        "accounts{suggestion}",
                        key=account.key,
                        part=part,
                        suggestion=suggestion(part, accounts),
                    ),
                    rule=ACCOUNT_PARTS,
                )
    return accounts


def build_units(files: tuple[ParsedData, ...], sink: DiagnosticSink) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for key, span, node in top_mappings(files, tr("the units file"), sink):
        fields = Fields(
            node, tr("unit '{key}'", key=key), sink, ("name", "name_sv", "description", "parts")
        )
        name, description = fields.text("name"), fields.text("description", "")
        units[key] = Unit(
            key,
            name,
            fields.text("name_sv", ""),
            description,
            fields.texts("parts"),
            span,
            name_at=fields.defined("name", name),
            description_at=fields.defined("description", description),
        )
    for unit in units.values():
        for part in unit.parts:
            if part not in units:
                sink.error(
                    unit.span,
                    tr(
                        "unit '{key}' names part '{part}', which is not a unit{suggestion}",
                        key=unit.key,
                        part=part,
                        suggestion=suggestion(part, units),
                    ),
                    rule=UNIT_PARTS,
                )
    return units
