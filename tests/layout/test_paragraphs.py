"""BookParagraph: the hyphens of the text survive ReportLab's breaking lines again."""

from __future__ import annotations

import pytest

from kkpdf.layout import styles as st
from kkpdf.layout.markup import text_markup
from kkpdf.layout.paragraphs import BookParagraph


@pytest.mark.parametrize("widths", [(350, 350), (350, 460, 350)])
def test_a_hyphen_of_the_text_survives_wrapping_again(ctx, widths):
    """ReportLab rejoins its broken words before breaking again, and strips a hyphen
    it did not add; a paragraph wrapped twice (to keep it with the next, or on the
    next page) printed "epalvelut"."""
    paragraph = BookParagraph("sana " * 12 + "ab <i>for energy</i> e-palvelut loppu.",
                              ctx.styles.body)  # fmt: skip
    for width in widths:
        paragraph.wrap(width, 10_000)
        text = " ".join(
            "".join(getattr(word, "text", "") for word in line.words)
            for line in paragraph.blPara.lines
        )
        assert "e-" in text and "epalvelut" not in text


@pytest.mark.parametrize("emphasis", [False, True])
def test_the_pieces_of_a_split_paragraph_keep_the_lines_and_hyphens_of_the_whole(ctx, emphasis):
    """ReportLab broke each piece again from broken words and dropped the text's own
    hyphens at the joins; the pieces now keep the lines of the whole paragraph.
    (Emphasis makes ReportLab's lines of fragments, plain text its simple lines.)"""
    words = ["e-palvelut", "ICT-palvelut", "kaupunki", "talousarvio", "ja"]
    text = " ".join(words[(n * 7) % 5] for n in range(260))
    markup = text_markup(text, ctx)
    if emphasis:
        markup = markup.replace("ja", "<i>ja</i>")
    style, width = ctx.styles.body, st.TEXT_WIDTH

    def lines(paragraph):
        return [" ".join(line[1]) if isinstance(line, tuple)
                else "".join(getattr(w, "text", "") for w in line.words)
                for line in paragraph.blPara.lines]  # fmt: skip

    whole = BookParagraph(markup, style, plain=text)
    whole.wrap(width, 10_000)
    for first_lines in (2, 5, 9):
        paragraph = BookParagraph(markup, style, plain=text)
        paragraph.wrap(width, 10_000)
        got = []
        while True:
            parts = paragraph.split(width, first_lines * style.leading)
            if len(parts) != 2:
                paragraph.wrap(width, 10_000)
                got += lines(paragraph)
                break
            for part in parts:
                part.wrap(width, 10_000)
            got += lines(parts[0])
            paragraph = parts[1]
        assert got == lines(whole)
