"""Which tools serve a book's language: the factories pick by its primary subtag."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from typing import TypeVar

from kkpdf.diagnostics import DiagnosticSink, EnvironmentProblem, Rule, StageFailed
from kkpdf.messages import tr
from kkpdf.model import primary_language
from kkpdf.parse.read import SourceSet

Tool = TypeVar("Tool")

# The rules this module reports.
UNSUPPORTED = Rule("language.unsupported")


class UnknownLanguage(EnvironmentProblem):
    """The book's language is one kkpdf has no hyphenation or spelling for.

    An environment problem where nothing turns it into a diagnostic; the build and
    `kkpdf spell` do (`tool_or_error`), for it is the sources that name the language.
    """


def tool_for(language: str, makers: Mapping[str, Callable[[], Tool]], purpose: str) -> Tool:
    """The tool for `language` (a tag such as "sv-FI"), made by its primary subtag's
    maker; `purpose` ("hyphenation", "spelling") names what is asked for."""
    try:
        make = makers[primary_language(language)]
    except KeyError:
        available = ", ".join(sorted(makers))
        raise UnknownLanguage(
            tr("no spelling for the language '{language}'; spelling is available for: "
               "{languages}", language=language, languages=available)
            if purpose == "spelling"
            else tr("no hyphenation for the language '{language}'; hyphenation is available "
                    "for: {languages}", language=language, languages=available)
        ) from None  # fmt: skip
    return make()


def tool_or_error(make: Callable[[], Tool], sources: SourceSet, sink: DiagnosticSink) -> Tool:
    """`make()`, or, when the book's language has no such tool, an error at `language:`
    in book.yaml, and the build stops there."""
    try:
        return make()
    except UnknownLanguage as err:
        node = sources.book_tree.get("language")
        sink.error(
            node.span if node is not None else sources.book_tree.span,
            err.args[0],  # the Message tool_for gave it
            rule=UNSUPPORTED,
            hint=tr("write the book's language as one of those, such as fi-FI or sv-FI"),
        )
        raise StageFailed("language") from None


def report_unserved(language: str, sources: SourceSet, sink: DiagnosticSink) -> None:
    """An error at `language:` when kkpdf cannot hyphenate `language`, the book's: `check`
    says so as the build would, and the other checks still run (they stop after)."""
    from kkpdf.language.hyphenation import HYPHENATORS  # which it imports in turn

    if not language:
        return  # missing, or not a tag: reported as such
    served = {code: _nothing for code in HYPHENATORS}  # asks which, opens none
    with suppress(StageFailed):
        tool_or_error(lambda: tool_for(language, served, "hyphenation"), sources, sink)


def _nothing() -> None:
    """A tool that is not made: only whether there would be one is asked."""
