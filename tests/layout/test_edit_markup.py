"""A reworded paragraph's edits marked in its markup: the words and their breaks stay
the book's; only underlines and zero-width marks are added."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from kkpdf.layout.context import REMOVED_CALLBACK
from kkpdf.layout.markup import inline_markup
from kkpdf.model import Emphasis, LineBreak, Strong, Text
from kkpdf.proof.changes import WordEdit
from kkpdf.walk import inline_text

WORDS = st.sampled_from(["talous", "arvio", "ja", "kaupunginkanslia", "50", "%", "€", "-kulut"])


@st.composite
def texts(draw):
    return Text(
        " ".join(draw(st.lists(WORDS, min_size=1, max_size=6))) + draw(st.sampled_from(["", " "]))
    )


@st.composite
def inlines(draw, depth: int = 2):
    choices = [texts()]
    if depth:
        choices.append(st.builds(Emphasis, st.tuples(inlines(depth=depth - 1))))
        choices.append(st.builds(Strong, st.tuples(inlines(depth=depth - 1))))
    choices.append(st.just(LineBreak()))
    return draw(st.one_of(*choices))


@st.composite
def edited(draw):
    children = tuple(draw(st.lists(inlines(), min_size=1, max_size=5)))
    text = inline_text(children)
    # Edits are whole words: they begin and end where a word does.
    bounds = [i for i in range(len(text) + 1)
              if i in (0, len(text)) or text[i - 1].isspace() != text[i].isspace()]  # fmt: skip
    points = sorted(draw(st.sets(st.sampled_from(bounds), max_size=6)))
    edits = []
    for start, end in zip(points[::2], points[1::2], strict=False):
        edits.append(WordEdit(start, end, draw(st.sampled_from(["", "pois", "vanha sana"]))))
    if len(points) % 2:
        edits.append(WordEdit(points[-1], points[-1], "poistettu"))
    return children, tuple(edits)


def visible(markup: str) -> str:
    """The text a reader sees: no tags, no soft hyphens."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup)).replace("\u00ad", "")


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=edited())
def test_marks_add_no_text_and_one_mark_per_removal(ctx, case):
    children, edits = case
    plain, marked = inline_markup(children, ctx), inline_markup(children, ctx, edits)
    assert visible(marked) == visible(plain)
    removals = re.findall(rf'<ondraw name="{REMOVED_CALLBACK}" label="([^"]*)"/>', marked)
    # Two removals at one place are one mark with both texts.
    places = {edit.start for edit in edits if edit.removed}
    assert len(removals) == len(places)
    assert "".join(html.unescape(r) for r in removals) == "".join(
        e.removed for e in sorted(edits, key=lambda e: e.start) if e.removed
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=edited())
def test_the_inserted_words_and_only_they_are_underlined_twice(ctx, case):
    children, edits = case
    text = inline_text(children)
    marked = inline_markup(children, ctx, edits)
    underlined = re.findall(r'<u [^>]*kind="double"[^>]*>(.*?)</u>', marked)
    inserted = "".join(text[e.start : e.end] for e in edits)
    said = visible("".join(underlined))
    # Every inserted character underlined, and nothing else (spaces aside).
    assert "".join(said.split()) == "".join(inserted.split())


def test_an_edit_at_the_end_of_a_paragraph_is_marked_after_its_last_word(ctx):
    children = (Text("talous ja "), Emphasis((Text("arvio"),)))
    marked = inline_markup(children, ctx, (WordEdit(15, 15, "poistettu"),))
    assert marked.index("arvio") < marked.index(REMOVED_CALLBACK)
