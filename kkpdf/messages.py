"""Texts for people, in the reader's language: Finnish, Swedish or English.

A message is written in the code in English, as a template with named fields
(`tr("row '{row}' has {count} figures", row=..., count=...)`), and stays a
`Message` until it is shown. Only then is it put in a language: the one the user
chose (`--lang`, else the locale) for the terminal and JSON, the edition's own for
a draft's report. So a stage never needs to know who will read what it reports,
and the same diagnostic reads in Finnish in a Finnish draft and in English in CI.

The translations are gettext catalogs, `kkpdf/locale/<code>/LC_MESSAGES/kkpdf.po`,
kept with Babel's tools (`make catalogs`); `make setup` compiles them to `.mo`,
which the standard library's gettext reads at run time. The English texts are the
templates themselves: English needs no catalog.
"""

from __future__ import annotations

import collections
import functools
import gettext
import heapq
import itertools
import operator
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The gettext domain and where its catalogs are.
DOMAIN = "kkpdf"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# The languages kkpdf speaks; English is the templates' own.
LANGUAGES = ("fi", "sv", "en")
ENGLISH_CODE = "en"
# Where the locale is read from, in gettext's order: the first one set decides.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_LEADING_LETTERS = re.compile(r"[A-Za-z]*")


@dataclass(frozen=True)
class Message:
    """A text to be shown: its English template, and the values of its fields.

    A value is shown as it is (a label, a file name, a figure already written the
    Finnish way), except a `Message`, which is put in the same language, and an
    exception, whose message is. `plural`/`count` choose between two templates by a
    number, as the language's plural rule says ("1 error", "2 errors").
    """

    template: str
    fields: tuple[tuple[str, object], ...] = ()
    plural: str = field(default="", compare=False)
    count: int = field(default=0, compare=False)

    def render(self, language: Language) -> str:
        template = language.translate(self.template, self.plural, self.count)
        values = {name: _bounded(shown(value, language)) for name, value in self.fields}
        return template.format_map(values)

    def __str__(self) -> str:
        return self.render(ENGLISH)


# A field longer than this is cut: a 1 MB key typed by mistake is named by its start,
# not echoed whole into every message and report that names it.
FIELD_CHARACTERS = 2000


def _bounded(text: str) -> str:
    return text if len(text) <= FIELD_CHARACTERS else f"{text[:FIELD_CHARACTERS]}…"


def tr(template: str, /, **fields: object) -> Message:
    """A message to translate. The template is a string literal: Babel extracts it."""
    return Message(template, tuple(fields.items()))


def tr_plural(template: str, plural: str, count: int, /, **fields: object) -> Message:
    """A message with a singular and a plural form, chosen by `count` ({count} in both)."""
    return Message(template, (("count", count), *fields.items()), plural, count)


@functools.singledispatch
def shown(value: object, language: Language) -> str:
    """A field's value as the message shows it in `language`."""
    return str(value)


def _shown_message(value: Message, language: Language) -> str:
    return value.render(language)


def _shown_exception(value: BaseException, language: Language) -> str:
    # Helpers raise plain errors whose first argument may be a Message.
    if value.args and isinstance(value.args[0], Message):
        return value.args[0].render(language)
    return str(value)


shown.register(Message, _shown_message)
shown.register(BaseException, _shown_exception)


def suggestion(word: str, choices: Iterable[str]) -> Message | str:
    """' (did you mean 'x'?)' or '', to follow a message's text as its field `{suggestion}`."""
    close = closest(word, tuple(choices))
    return tr(" (did you mean '{word}'?)", word=close) if close is not None else ""


# How alike a suggestion must be (difflib's ratio), and how many choices are compared
# in full: of more, the SHORTLIST sharing most runs of three letters with the word are
# (a misspelling shares most of them with what was meant). A chart
# of accounts has a few hundred rows; a file of thousands of unknown keys against
# thousands of rows would otherwise cost minutes of comparisons (issue #19).
SIMILARITY = 0.6
EXACT_CHOICES = 500
SHORTLIST = 16


def closest(word: str, choices: tuple[str, ...]) -> str | None:
    """The choice most like `word`, as `difflib.get_close_matches(word, choices, n=1)`
    finds it, or None; of many choices, only those of a shortlist are compared."""
    import difflib  # only when something is misspelt

    if len(choices) > EXACT_CHOICES:
        choices = _shortlist(word, choices)
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    floor = SIMILARITY
    for choice in choices:
        matcher.set_seq1(choice)
        # The cheap upper bounds first: a choice that cannot reach the best so far is
        # not compared in full (a tie still is: the later in sort order wins, as in difflib).
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            continue
        score = matcher.ratio()
        if score >= floor and (best is None or (score, choice) > best):
            best, floor = (score, choice), score
    return best[1] if best is not None else None


def _shortlist(word: str, choices: tuple[str, ...]) -> tuple[str, ...]:
    index = _triple_index(choices)
    shared = collections.Counter(itertools.chain.from_iterable(
        index.get(triple, ()) for triple in _triples(word)))  # fmt: skip
    best = heapq.nlargest(SHORTLIST, shared.items(), key=operator.itemgetter(1))
    return tuple(choices[number] for number in sorted(number for number, _ in best))


@functools.lru_cache(maxsize=8)  # the same few lists of keys are offered again and again
def _triple_index(choices: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """Each run of three letters (a space before and after the text), with the choices
    (by place) that hold it."""
    found: dict[str, list[int]] = {}
    for number, choice in enumerate(choices):
        for triple in _triples(choice):
            found.setdefault(triple, []).append(number)
    return {triple: tuple(numbers) for triple, numbers in found.items()}


def _triples(text: str) -> set[str]:
    padded = f" {text.lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def listed(items: Sequence[object]) -> Listed:
    """Items as a message lists them: "A", "A and B", "A, B and C"."""
    return Listed(tuple(items))


@dataclass(frozen=True)
class Listed:
    """Items joined by commas and the language's "and", each shown in that language."""

    items: tuple[object, ...]

    def __str__(self) -> str:
        return _shown_listed(self, ENGLISH)


def _shown_listed(value: Listed, language: Language) -> str:
    *first, last = (shown(item, language) for item in value.items)
    if not first:
        return last
    return tr("{items} and {last}", items=", ".join(first), last=last).render(language)


shown.register(Listed, _shown_listed)


@dataclass(frozen=True)
class Joined:
    """Items shown one after another with a separator, each in the message's language."""

    items: tuple[object, ...]
    separator: str = "; "


def _shown_joined(value: Joined, language: Language) -> str:
    return value.separator.join(shown(item, language) for item in value.items)


shown.register(Joined, _shown_joined)


@dataclass(frozen=True)
class Seconds:
    """A duration, with the decimal sign of the language ("0,46" in Finnish and Swedish)."""

    value: float


def _shown_seconds(value: Seconds, language: Language) -> str:
    text = f"{value.value:.2f}"
    return text if language.code == ENGLISH_CODE else text.replace(".", ",")


shown.register(Seconds, _shown_seconds)


@dataclass(frozen=True)
class Language:
    """A language messages are shown in: its code and its catalog."""

    code: str
    catalog: gettext.NullTranslations = field(compare=False, repr=False)

    def translate(self, template: str, plural: str = "", count: int = 0) -> str:
        if plural:
            return self.catalog.ngettext(template, plural, count)
        return self.catalog.gettext(template)


ENGLISH = Language(ENGLISH_CODE, gettext.NullTranslations())


class CatalogMissing(Exception):
    """A language's compiled catalog is missing or older than its translations."""


def catalog_path(code: str, root: Path = LOCALE_DIR) -> Path:
    return root / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_language(code: str, root: Path = LOCALE_DIR) -> Language:
    """The language `code` with its compiled catalog; English needs none.

    Raises `CatalogMissing` when the `.mo` is not there or is older than the `.po`
    it is made from: shown in words a translator no longer wrote, or in English,
    a message would mislead.
    """
    if code == ENGLISH_CODE:
        return ENGLISH
    source = catalog_path(code, root)
    compiled = source.with_suffix(".mo")
    if not compiled.is_file() or (
        source.is_file() and source.stat().st_mtime > compiled.stat().st_mtime
    ):
        raise CatalogMissing(
            f"the message catalog {compiled} is missing or older than {source.name}; "
            "run 'make setup' to compile it"
        )
    with compiled.open("rb") as file:
        return Language(code, gettext.GNUTranslations(file))


def language_of_book(tag: str, root: Path = LOCALE_DIR) -> Language:
    """The language a book's own reports speak (a draft's, the archive's), from its
    language tag ("sv-FI"); English for a language kkpdf has no catalog of."""
    code = tag.split("-")[0].lower()
    return load_language(code if code in LANGUAGES else ENGLISH_CODE, root)


def chosen_language(requested: str | None, environ: Mapping[str, str]) -> str:
    """The code of the language to speak: `--lang`, else the first of the locale's
    languages kkpdf knows (`LANGUAGE=sv:fi`, `LANG=fi_FI.UTF-8`), else English."""
    if requested:
        return requested
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable)
        if not value:
            continue
        # LANGUAGE lists several in order of preference; the others name one locale.
        for locale in value.split(":") if variable == "LANGUAGE" else (value,):
            # The language is the locale's leading letters: "sv" of "sv_FI.UTF-8@euro".
            code = _LEADING_LETTERS.match(locale).group().lower()  # type: ignore[union-attr]
            if code in LANGUAGES:
                return code
        if variable != "LANGUAGE":
            # The locale that decides names a language kkpdf does not speak ("C").
            return ENGLISH_CODE
    return ENGLISH_CODE


def template_fields(template: str) -> frozenset[str]:
    """The names of a template's fields: "{row} of {table}" → {"row", "table"}."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)
