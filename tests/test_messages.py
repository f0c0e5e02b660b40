"""Messages in three languages: templates the tools can extract, fields that match,
and the choice of language from `--lang` and the locale."""

from __future__ import annotations

import ast
import gettext
import os
from pathlib import Path

import pytest

from kkpdf.messages import (
    ENGLISH,
    LANGUAGES,
    CatalogMissing,
    Language,
    catalog_path,
    chosen_language,
    listed,
    load_language,
    template_fields,
    tr,
    tr_plural,
)

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


class Catalog(gettext.NullTranslations):
    """A catalog given by a dict, as a compiled one would answer."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__()
        self.texts = texts

    def gettext(self, message: str) -> str:
        return self.texts.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.texts.get(singular if n == 1 else plural, singular if n == 1 else plural)


FINNISH = Language(
    "fi",
    Catalog({
        "row '{row}' of {table}": "taulukon {table} rivi '{row}'",
        "table '{name}'": "taulukko '{name}'",
        "{items} and {last}": "{items} ja {last}",
        "{count} error": "{count} virhe",
        "{count} errors": "{count} virhettä",
    }),
)  # fmt: skip


def test_a_message_is_shown_in_english_until_a_language_is_chosen():
    message = tr("row '{row}' of {table}", row="myyntituotot", table=tr("table '{name}'", name="x"))
    assert str(message) == "row 'myyntituotot' of table 'x'"
    assert message.render(FINNISH) == "taulukon taulukko 'x' rivi 'myyntituotot'"


def test_an_exception_field_is_shown_in_the_language_of_its_message():
    problem = ValueError(tr("table '{name}'", name="x"))
    assert tr("{items} and {last}", items="a", last=problem).render(FINNISH) == "a ja taulukko 'x'"
    assert str(tr("{items} and {last}", items="a", last=ValueError("plain"))) == "a and plain"


def test_plural_forms_follow_the_count():
    assert [tr_plural("{count} error", "{count} errors", n).render(FINNISH) for n in (1, 2)] == [
        "1 virhe",
        "2 virhettä",
    ]
    assert str(tr_plural("{count} error", "{count} errors", 0)) == "0 errors"


@pytest.mark.parametrize(
    "items, english, finnish",
    [
        (["A"], "A", "A"),
        (["A", "B"], "A and B", "A ja B"),
        (["A", "B", "C"], "A, B and C", "A, B ja C"),
    ],
)
def test_a_list_joins_with_the_languages_and(items, english, finnish):
    assert str(listed(items)) == english
    assert str(tr("{item}", item=listed(items))) == english
    assert tr("{item}", item=listed(items)).render(FINNISH) == finnish


@pytest.mark.parametrize(
    "requested, environ, expected",
    [
        ("sv", {"LANG": "fi_FI.UTF-8"}, "sv"),
        (None, {"LANG": "fi_FI.UTF-8"}, "fi"),
        (None, {"LANG": "sv_FI.UTF-8"}, "sv"),
        (None, {"LANGUAGE": "de:sv", "LANG": "fi_FI.UTF-8"}, "sv"),
        (None, {"LANGUAGE": "de", "LANG": "fi_FI.UTF-8"}, "fi"),
        (None, {"LC_ALL": "C.UTF-8", "LANG": "fi_FI.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "sv_SE", "LANG": "en_GB.UTF-8"}, "sv"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_language_is_the_option_else_the_locales(requested, environ, expected):
    assert chosen_language(requested, environ) == expected


def test_english_is_the_templates_own():
    assert ENGLISH.translate("anything {x}") == "anything {x}"


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


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != "en"])
def test_a_compiled_catalog_speaks_its_language(code):
    language = load_language(code)
    assert language.translate("error") != "error"
    assert tr_plural("{count} error", "{count} errors", 2).render(language).startswith("2 ")


def test_a_catalog_missing_or_older_than_its_translations_is_said(tmp_path):
    source = catalog_path("fi", tmp_path)
    source.parent.mkdir(parents=True)
    source.write_text("", encoding="utf-8")
    with pytest.raises(CatalogMissing, match="run 'make setup'"):
        load_language("fi", tmp_path)
    compiled = source.with_suffix(".mo")
    compiled.write_bytes(catalog_path("fi").with_suffix(".mo").read_bytes())
    os.utime(source, (compiled.stat().st_mtime + 10,) * 2)
    with pytest.raises(CatalogMissing, match=r"older than kkpdf\.po"):
        load_language("fi", tmp_path)
