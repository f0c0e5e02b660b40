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
            node, f"row '{key}'", sink, ("label", "label_sv", "kind", "parts", "binding")
        )
        kind_name = fields.text("kind")
        kind = kinds.get(kind_name)
        if kind is None and kind_name:
            sink.error(
                node.get("kind").span,
                f"unknown kind '{kind_name}' for row '{key}'{suggestion(kind_name, kinds)}",
                rule=ACCOUNT_KIND,
                hint=f"the kinds are: {', '.join(kinds)}",
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
                f"total row '{key}' lists no parts",
                rule=ACCOUNT_PARTS,
                hint="add 'parts: [row, row, …]'",
            )
    for account in accounts.values():
        for part in account.parts:
            if part not in accounts:
                sink.error(
                    account.span,
                    f"row '{account.key}' sums '{part}', which is not in the "
                    f"chart of accounts{suggestion(part, accounts)}",
                    rule=ACCOUNT_PARTS,
                )
    return accounts


def build_units(files: tuple[ParsedData, ...], sink: DiagnosticSink) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for key, span, node in top_mappings(files, tr("the units file"), sink):
        fields = Fields(node, f"unit '{key}'", sink, ("name", "name_sv", "description", "parts"))
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
                    f"unit '{unit.key}' names part '{part}', which is not a "
                    f"unit{suggestion(part, units)}",
                    rule=UNIT_PARTS,
                )
    return units
