"""Which tools serve a book's language: the factories pick by its primary subtag."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from kkpdf.diagnostics import EnvironmentProblem
from kkpdf.model import primary_language

Tool = TypeVar("Tool")


class UnknownLanguage(EnvironmentProblem):
    """The book's language is one kkpdf has no hyphenation or spelling for."""


def tool_for(language: str, makers: Mapping[str, Callable[[], Tool]], purpose: str) -> Tool:
    """The tool for `language` (a tag such as "sv-FI"), made by its primary subtag's
    maker; `purpose` ("hyphenation", "spelling") names what is asked for."""
    try:
        make = makers[primary_language(language)]
    except KeyError:
        raise UnknownLanguage(
            f"no {purpose} for the language '{language}'; {purpose} is available for: "
            f"{', '.join(sorted(makers))} (the book's language is 'language:' in book.yaml)"
        ) from None
    return make()
