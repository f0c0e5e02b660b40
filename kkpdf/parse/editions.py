"""Editions: one set of sources, the book in each of the town's languages.

book.yaml's `editions: [fi, sv]` names them; the first is written in the keys
themselves. Another edition's text of a key `K` stands beside it as `K_sv`, in
book.yaml and in every data file alike (`label_sv`, `caption_sv`, `output_sv`), and
its chapters beside the first edition's: `luvut/NAME.sv.md` for `luvut/NAME.md`.
The figures are written once, so every edition prints the same ones.

`localise` gives the tree one edition reads: its own texts under the plain keys,
the other editions' keys gone. What it had to leave in the first edition's
language is listed as `Untranslated`, for the checks to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import singledispatch

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.messages import Message, tr
from kkpdf.model import Edition, Untranslated
from kkpdf.parse.yaml_tree import YamlMap, YamlNode, YamlScalar, YamlSeq

# The rules this module reports.
EDITIONS = Rule("book.editions")

# A code is a language's two- or three-letter code, as in the PDF's /Lang.
_CODE = re.compile(r"^[a-z]{2,3}$")

# The keys whose text a reader of the edition sees, by file role; `*` is any key or
# list position. A key outside these (a row key, a figure, an internal note) is the
# same in every edition and needs no translation.
TRANSLATED = {
    "book": (
        "title", "subtitle", "author", "subject", "keywords", "language", "output",
        "labels.*", "columns.*.heading", "columns.*.short", "parts.*.title",
        "data.goals", "data.words",
    ),
    "accounts": ("*.label",),
    "units": ("*.name", "*.description"),
    "finance": ("*.caption", "*.note", "*.currency"),
    "investments": ("*.caption", "*.note", "*.currency", "*.labels.*", "*.groups.*.name",
                    "*.groups.*.projects.*.name"),
    "summaries": ("*.caption", "*.note", "*.currency", "*.total", "*.ratios.*.label"),
}  # fmt: skip


def book_editions(tree: YamlMap, sink: DiagnosticSink) -> tuple[str, ...]:
    """book.yaml's `editions:`, checked: codes, each once, at least two; () without the key."""
    node = tree.get("editions")
    if node is None:
        return ()
    items = node.items if isinstance(node, YamlSeq) else ()
    codes = [item.value for item in items if isinstance(item, YamlScalar)]
    if (
        not isinstance(node, YamlSeq)
        or len(codes) != len(items)
        or not all(isinstance(code, str) and _CODE.match(code) for code in codes)
        or len(set(codes)) != len(codes)
        or len(codes) < 2
    ):
        sink.error(
            node.span,
            tr("'editions' must list two or more language codes, each once"),
            rule=EDITIONS,
            hint=tr(
                "write 'editions: [fi, sv]': the first edition's texts are the keys "
                "themselves, the Swedish ones the keys ending in _sv"
            ),
        )
        return ()
    return tuple(str(code) for code in codes)


def edition_of(codes: tuple[str, ...], wanted: str | None) -> Edition:
    """The edition `wanted` names (the first when None); ValueError for one the book has not,
    whose argument is a Message."""
    if not codes:
        if wanted is not None:
            raise ValueError(tr("the book has no editions to choose from, only one language; "
                                "leave out --edition {edition}", edition=wanted))  # fmt: skip
        return Edition()
    if wanted is None:
        return Edition(codes[0], codes)
    if wanted not in codes:
        raise ValueError(tr("the book has no edition '{edition}'; its editions are {editions}",
                            edition=wanted, editions=", ".join(codes)))  # fmt: skip
    return Edition(wanted, codes)


@dataclass(frozen=True)
class _Reading:
    """What localising one file needs at every node: the edition, the keys to translate,
    and the list the texts it lacks go to."""

    edition: Edition
    patterns: tuple[str, ...]
    missing: list[Untranslated]


def localise(
    node: YamlNode | None, edition: Edition, role: str
) -> tuple[YamlNode | None, tuple[Untranslated, ...]]:
    """The tree as `edition` reads it, and the texts it lacks in its own language."""
    if node is None or not edition.codes:
        return node, ()
    reading = _Reading(edition, TRANSLATED.get(role, ()), [])
    return _localised(node, reading, ""), tuple(reading.missing)


@singledispatch
def _localised(node: YamlScalar, reading: _Reading, path: str) -> YamlNode:
    return node  # a value is the same in every edition; its key says whose it is


def _localised_list(node: YamlSeq, reading: _Reading, path: str) -> YamlNode:
    return YamlSeq(tuple(_localised(item, reading, f"{path}.*") for item in node.items),
                   node.span)  # fmt: skip


_localised.register(YamlSeq, _localised_list)


def _localised_map(node: YamlMap, reading: _Reading, path: str) -> YamlNode:
    edition = reading.edition
    suffixes = {f"_{code}": code for code in edition.codes[1:]}
    own = f"_{edition.code}"
    values = {str(key.value): value for key, value in node.entries}
    entries = []
    for key, value in node.entries:
        name = str(key.value)
        language = next((code for end, code in suffixes.items() if name.endswith(end)), None)
        if language is not None:
            base = name[: -len(own)] if language == edition.code else ""
            if base and base not in values:  # a text only this edition has
                entries.append((YamlScalar(base, key.span, key.style, key.content), value))
            continue
        key_path = f"{path}.{name}".lstrip(".")
        if not edition.first:
            translated = values.get(name + own)
            if translated is not None:
                value = translated
            elif _printed(value) and any(_matches(key_path, p) for p in reading.patterns):
                reading.missing.append(Untranslated(key.span, _what(key_path), name + own, edition))
        entries.append((key, _localised(value, reading, key_path)))
    return YamlMap(tuple(entries), node.span)


_localised.register(YamlMap, _localised_map)


def _matches(key_path: str, pattern: str) -> bool:
    """Whether the dotted path matches the pattern key by key (a `*` is one key)."""
    keys, wanted = key_path.split("."), pattern.split(".")
    return len(keys) == len(wanted) and all(map(fnmatchcase, keys, wanted))


def _printed(value: YamlNode) -> bool:
    """Whether a value has words to translate (an empty note or currency has none)."""
    if isinstance(value, YamlScalar):
        return isinstance(value.value, str) and bool(value.value.strip())
    return isinstance(value, YamlSeq) and bool(value.items)


def _what(key_path: str) -> Message | str:
    """The untranslated key as a message names it: "'label' of 'toimintakate'"."""
    owner, _, key = key_path.rpartition(".")
    return tr("'{key}' of '{owner}'", key=key, owner=owner) if owner else f"'{key}'"
