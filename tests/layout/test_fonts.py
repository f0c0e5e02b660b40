"""The book's fonts: our faster text-to-subset mapping gives ReportLab's own codes."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from reportlab.pdfbase.ttfonts import TTFont

from kkpdf.layout.fonts import SubsetFont
from tests.conftest import FONTS

REGULAR = str(FONTS / "Lato-Regular.ttf")

# Finnish and Swedish letters, figures, the book's signs, no-break space, soft
# hyphen, a character Lato lacks (U+4E00), and enough others to need a second subset.
ALPHABET = st.sampled_from(
    "aäöåeiklmnostuvyAÄÖÅKLT0123456789 \u00a0\u00ad\u2212\u2013%€.,:;()–\u4e00"
    + "".join(chr(c) for c in range(0x100, 0x17F))
    + "".join(chr(c) for c in range(0x391, 0x3C9))
)


class Document:
    """What ReportLab keys a font's subsets by: any object, weakly referenced."""


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=40), max_size=30))
def test_texts_map_to_the_codes_reportlab_gives(texts):
    ours, theirs = SubsetFont("kkpdf-test", REGULAR), TTFont("kkpdf-test", REGULAR)
    our_doc, their_doc = Document(), Document()
    for text in texts + texts:  # the second round takes the fast way
        assert ours.splitString(text, our_doc) == theirs.splitString(text, their_doc)


def test_each_document_has_its_own_codes():
    font = SubsetFont("kkpdf-test", REGULAR)
    first, second = Document(), Document()
    # Letters outside ASCII get codes in the order a document first draws them.
    assert font.splitString("äö", first) == [(0, b"\x01\x02")]
    assert font.splitString("öä", second) == [(0, b"\x01\x02")]
    assert font.splitString("äö", first) == [(0, b"\x01\x02")]
    assert font.splitString("äö", second) == [(0, b"\x02\x01")]


def test_a_bytes_text_is_left_to_reportlab():
    font, reference = SubsetFont("kkpdf-test", REGULAR), TTFont("kkpdf-test", REGULAR)
    doc, their_doc = Document(), Document()
    font.splitString("äö", doc)
    reference.splitString("äö", their_doc)
    assert font.splitString("äö".encode(), doc) == reference.splitString("äö".encode(), their_doc)
