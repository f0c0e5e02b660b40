"""Paragraphs as the book needs them, where ReportLab's own would go wrong.

A `BookParagraph` keeps its role, source span and structure element; it breaks
its lines once per width and keeps them when it is split, so that the hyphens of
the text survive; and as it is drawn, the hyphens we added are given as soft
hyphens and spans in another language are closed on every line.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Paragraph

from kkpdf.diagnostics import Span
from kkpdf.layout.linebreaks import SOFT_HYPHEN, soft_line_ends
from kkpdf.layout.markup import balance_languages, open_language
from kkpdf.layout.tagging import Node, Tagger


@dataclass(frozen=True)
class Link:
    """Where a paragraph links to, and what the link says to someone who cannot see it."""

    target: str  # a bookmark name
    description: str


class BookParagraph(Paragraph):
    """A paragraph that remembers what it is, where it came from and whose text it is.

    `node` is its structure element (None: not tagged, or tagged by its container);
    with `link`, the whole paragraph is a link and `node` its Link element.
    """

    # ReportLab's split() builds the pieces through self.__class__ with its own keywords,
    # so ours are optional here and copied onto the pieces in split().
    def __init__(
        self,
        markup,
        style=None,
        *args,
        role: str = "P",
        span: Span | None = None,
        plain: str = "",
        node: Node | None = None,
        tagger: Tagger | None = None,
        link: Link | None = None,
        **kwargs,
    ) -> None:
        super().__init__(markup, style, *args, **kwargs)
        self.role, self.span, self.plain = role, span, plain
        self.node, self.tagger, self.link = node, tagger, link
        self.source_start = 0  # where this piece's text begins in `plain`
        self.language_at_start = ""  # of a span in another language this piece begins inside
        self._parsed_frags = None
        self._wrapped_at: float | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        # ReportLab asks for the size again and again at the same width (to keep a
        # paragraph with the next, to try a split, for each pass over a table's
        # rows); the lines depend on the width alone, so they are broken once.
        if self._wrapped_at == availWidth and hasattr(self, "blPara"):
            self.width = availWidth
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size

    def breakLines(self, width):  # noqa: N802 - ReportLab hook
        # ReportLab keeps its broken words in `frags` and joins them again before the
        # next breaking, stripping a hyphen it did not add too ("e-palvelut" wrapped
        # twice becomes "epalvelut"). Each breaking starts from the parsed fragments.
        if self._parsed_frags is None:
            self._parsed_frags = self.frags
        else:
            self.frags = self._parsed_frags
        return super().breakLines(width)

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        kept = getattr(self, "blPara", None)
        parts = super().split(availWidth, availHeight)
        if not parts and kept is not None and not hasattr(self, "blPara"):
            # ReportLab drops the lines to have them broken again on the next page;
            # at the same width they would be the same (the wrap checks the width).
            self.blPara = kept
        if len(parts) == 2 and hasattr(self, "blPara") and self._wrapped_at is not None:
            # At the width the lines were broken at: a table splits a cell's paragraph
            # with the cell's width, having wrapped it within the cell's padding.
            self._keep_lines(parts, self._wrapped_at)
        start, language = self.source_start, self.language_at_start
        for part in parts:
            part.role, part.span, part.plain = self.role, self.span, self.plain
            part.node, part.tagger, part.link = self.node, self.tagger, self.link
            part.source_start, part.language_at_start = start, language
            if hasattr(part, "blPara"):  # its lines are known: the next piece begins after
                _, start = soft_line_ends(_line_texts(part.blPara), self.plain, start)
                language = open_language(part.blPara, language)
        return parts

    def _keep_lines(self, parts: list, width: float) -> None:
        """Both pieces keep the lines this paragraph was broken into.

        ReportLab would break each piece again from its broken words, joining them
        with a function that strips every hyphen at a join, its own or the text's
        ("e-palvelut" printed "epalvelut"), and the first piece, one break point
        short, might no longer fit. At the same width the lines are the same, so
        they are kept. The second piece keeps the whole paragraph's words, which its
        lines index, for a further split.
        """
        lines = self.blPara
        first, second = parts
        if lines.kind != 1 or getattr(self.style, "autoLeading", "") not in ("", "off"):
            return  # ReportLab's simple lines hold no broken words
        first._wrapped_at = width
        rest = lines.lines[len(first.blPara.lines) :]
        second._parsed_frags = second.frags  # should it ever be broken again
        second.frags = self.frags
        second.blPara = lines.clone(lines=rest)
        second.width, second.height = width, len(rest) * second.style.leading
        second._wrapped_at = width

    def draw(self) -> None:
        lines = _line_texts(self.blPara)
        if any(line.rstrip(" ").endswith(("-", SOFT_HYPHEN)) for line in lines):
            soft, _ = soft_line_ends(lines, self.plain, self.source_start)
            for number in soft:
                _soften(self.blPara, number)
        balance_languages(self.blPara, self.language_at_start)
        if self.tagger is None:
            super().draw()
            return
        started = self.tagger.begin(self.canv, self.node)  # the most drawn: no `with`
        try:
            super().draw()
        finally:
            self.tagger.end(self.canv, started)
        if self.link is not None and self.node is not None:
            self.tagger.link(self.canv, self.node, self.link.description, self.link.target,
                             (0, 0, self.width, self.height))  # fmt: skip


def _line_texts(lines) -> list[str]:
    """The text of each line of a broken paragraph, as it will be drawn."""
    return [_line_text(line) for line in lines.lines]


def _line_text(line) -> str:
    if isinstance(line, tuple):  # ReportLab's simple lines: (extra space, [word, …])
        return " ".join(line[1])
    return "".join(getattr(word, "text", "") for word in line.words)


def _soften(lines, number: int) -> None:
    """Draw the hyphen ending this line as U+00AD: the same glyph, read as a soft hyphen."""
    line = lines.lines[number]
    if isinstance(line, tuple):
        words = line[1]
        words[-1] = words[-1].rstrip(" ")[:-1] + SOFT_HYPHEN
        return
    for word in reversed(line.words):
        text = getattr(word, "text", "").rstrip(" ")
        if text:
            word.text = text[:-1] + SOFT_HYPHEN
            return
