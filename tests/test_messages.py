"""Messages in three languages: shown in the language chosen, from `--lang` and the
locale, with its plurals and its lists, and the compiled catalogs read."""

from __future__ import annotations

import gettext
import os

import pytest

from kkpdf.messages import (
    ENGLISH,
    FIELD_CHARACTERS,
    LANGUAGES,
    CatalogMissing,
    Language,
    Seconds,
    catalog_path,
    chosen_language,
    language_of_book,
    listed,
    load_language,
    template_fields,
    tr,
    tr_plural,
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
        (None, {"LANG": "sv_FI@euro"}, "sv"),
        (None, {"LC_MESSAGES": "fi@euro", "LANG": "sv_FI"}, "fi"),
        (None, {"LANG": "fi.UTF-8"}, "fi"),
        (None, {"LANGUAGE": "", "LANG": "sv_FI.UTF-8"}, "sv"),
        # LANG names one locale: a list there is no list of preferences.
        (None, {"LANG": "de_DE:sv_FI"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_language_is_the_option_else_the_locales(requested, environ, expected):
    assert chosen_language(requested, environ) == expected


def test_english_is_the_templates_own():
    assert ENGLISH.translate("anything {x}") == "anything {x}"


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != "en"])
def test_a_compiled_catalog_speaks_its_language(code):
    language = load_language(code)
    assert language.translate("error") != "error"
    assert tr_plural("{count} error", "{count} errors", 2).render(language).startswith("2 ")


def test_a_catalog_missing_or_older_than_its_translations_is_said(tmp_path):
    source = catalog_path("fi", tmp_path)
    source.parent.mkdir(parents=True)
    source.write_text("", encoding="utf-8")
    with pytest.raises(CatalogMissing, match=r"kkpdf\.po; run 'make setup' to compile it$"):
        load_language("fi", tmp_path)
    compiled = source.with_suffix(".mo")
    compiled.write_bytes(catalog_path("fi").with_suffix(".mo").read_bytes())
    os.utime(source, (compiled.stat().st_mtime + 10,) * 2)
    with pytest.raises(CatalogMissing, match=r"older than kkpdf\.po"):
        load_language("fi", tmp_path)


def test_a_duration_has_the_languages_decimal_sign():
    seconds = tr("({seconds} s)", seconds=Seconds(0.456))
    assert (str(seconds), seconds.render(FINNISH)) == ("(0.46 s)", "(0,46 s)")


@pytest.mark.parametrize(
    "tag, code", [("fi-FI", "fi"), ("sv-FI", "sv"), ("sv", "sv"), ("de-DE", "en"), ("EN-gb", "en")]
)
def test_a_books_reports_speak_its_language_or_english(tag, code):
    language = language_of_book(tag)
    assert language.code == code
    assert (language.translate("error") == "error") == (code == "en")


def test_a_catalog_as_new_as_its_translations_is_read(tmp_path):
    source = catalog_path("sv", tmp_path)
    source.parent.mkdir(parents=True)
    source.write_text("", encoding="utf-8")
    compiled = source.with_suffix(".mo")
    compiled.write_bytes(catalog_path("sv").with_suffix(".mo").read_bytes())
    os.utime(source, (compiled.stat().st_mtime,) * 2)
    assert load_language("sv", tmp_path).code == "sv"
    assert language_of_book("sv-FI", tmp_path).translate("error") == "fel"
    with pytest.raises(CatalogMissing):  # read from the folder given, which has no Finnish
        language_of_book("fi-FI", tmp_path)


def test_a_templates_fields_are_its_named_braces():
    assert template_fields("{row} of {table}, {{unit:key}} {row}") == {"row", "table"}
    assert template_fields("no fields") == frozenset()


def test_a_field_of_a_megabyte_is_named_by_its_start():
    key = "x" * 1_000_000
    shown_text = str(tr("no row '{row}' in the chart of accounts", row=key))
    assert shown_text == f"no row '{'x' * FIELD_CHARACTERS}…' in the chart of accounts"
    exact = "y" * FIELD_CHARACTERS  # up to the limit, a field is shown whole
    assert str(tr("no row '{row}'", row=exact)) == f"no row '{exact}'"
