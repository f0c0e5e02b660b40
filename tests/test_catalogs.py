"""The code's messages against the catalogs: templates Babel can extract, their fields
given, and a Finnish and a Swedish translation of each with the same fields.

Read from the source with `ast` (so not run under `make mutate`, which rewrites it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kkpdf.messages import LANGUAGES, catalog_path, template_fields

PACKAGE = Path(__file__).resolve().parent.parent / "kkpdf"
CALLS = {"tr": 1, "tr_plural": 2}  # how many leading arguments are templates


def message_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in CALLS:
                calls.append((path, node))
    return calls


def test_the_package_has_messages_to_check():
    assert len(message_calls()) > 50


@pytest.mark.parametrize("path, call", message_calls(), ids=lambda v: getattr(v, "name", ""))
def test_a_template_is_a_literal_whose_fields_are_given(path, call):
    """Babel extracts only literal templates, and a field without a value would fail
    only when the message is shown: both are found here, for every call."""
    where = f"{path.relative_to(PACKAGE.parent)}:{call.lineno}"
    count = CALLS[call.func.id]
    templates = call.args[:count]
    assert len(templates) == count and all(
        isinstance(t, ast.Constant) and isinstance(t.value, str) for t in templates
    ), f"{where}: the template must be a string literal, not an f-string or a name"
    given = {keyword.arg for keyword in call.keywords}
    assert None not in given, f"{where}: name each field (no **fields)"
    if call.func.id == "tr_plural":
        given.add("count")
    for template in templates:
        assert template_fields(template.value) == given, (
            f"{where}: the template's fields {sorted(template_fields(template.value))} "
            f"are not the ones given {sorted(given)}"
        )


def templates() -> dict[str, str | None]:
    """Every template in the code: the singular's text, and its plural where it has one."""
    found: dict[str, str | None] = {}
    for _, call in message_calls():
        texts = [arg.value for arg in call.args[: CALLS[call.func.id]]]
        found[texts[0]] = texts[1] if len(texts) > 1 else None
    return found


@pytest.fixture(scope="module", params=[code for code in LANGUAGES if code != "en"])
def catalog(request):
    from babel.messages.pofile import read_po

    with catalog_path(request.param).open("rb") as file:
        return read_po(file)


def test_every_message_has_its_translation(catalog):
    """English is the templates' own; Finnish and Swedish come from the catalogs."""
    missing = []
    for template, plural in templates().items():
        entry = catalog.get(template)
        forms = () if entry is None else (entry.string if plural else (entry.string,))
        if entry is None or entry.fuzzy or not forms or not all(forms):
            missing.append(template)
        elif plural and entry.id != (template, plural):
            missing.append(f"{template} (its plural is now {plural!r})")
    assert missing == [], (
        f"{len(missing)} message(s) lack a {catalog.locale} translation; run 'make messages' "
        "and translate them in " + str(catalog_path(str(catalog.locale)))
    )


def test_a_translation_has_the_fields_of_its_template(catalog):
    wrong = [
        (message.id, translation)
        for message in catalog
        if message.id
        for template, translation in zip(
            message.id if isinstance(message.id, tuple) else (message.id,),
            message.string if isinstance(message.string, tuple) else (message.string,),
            strict=False,
        )
        if translation and template_fields(translation) != template_fields(template)
    ]
    assert wrong == []


def test_a_catalog_holds_no_message_the_code_no_longer_has(catalog):
    known = templates()
    stale = [message.id for message in catalog if message.id and _singular(message.id) not in known]
    assert stale == [], "run 'make messages' to drop them"


def _singular(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id
