"""The book's fonts: our faster text-to-subset mapping gives ReportLab's own codes."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from reportlab.pdfbase.ttfonts import TTFont

from kkpdf.cache import read_entry, write_entry
from kkpdf.layout.fonts import SubsetFont, _cached_font
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


def _parse_fields(font: TTFont) -> dict:
    """What a font's parse gave, without what it holds of documents or the scaling function."""
    face = {k: v for k, v in vars(font.face).items() if k != "_pdfScale"}
    own = {k: v for k, v in vars(font).items() if k not in ("face", "state", "encoding")}
    return {**own, **face, "encoding": vars(font.encoding)}


def test_a_cached_font_is_the_parsed_one(tmp_path):
    path = FONTS / "Lato-Regular.ttf"
    parsed = _cached_font(SubsetFont, "CacheTest", path, tmp_path)  # parsed, then stored
    (entry,) = (tmp_path / "fonts").iterdir()
    restored = _cached_font(SubsetFont, "CacheTest", path, tmp_path)
    assert type(restored) is SubsetFont and type(restored.face) is type(parsed.face)
    assert _parse_fields(restored) == _parse_fields(parsed)
    assert restored.face._ttf_data == path.read_bytes()
    assert restored.pdfScale(1500) == parsed.pdfScale(1500) == 750
    # The same subset, byte for byte, and the same codes for the same text.
    text = "Talousarvio 2023 – käyttötalous €"
    assert restored.splitString(text, Document()) == parsed.splitString(text, Document())
    assert restored.face.makeSubset(list(range(32, 127))) == parsed.face.makeSubset(
        list(range(32, 127))
    )
    assert [p.name for p in (tmp_path / "fonts").iterdir()] == [entry.name]
    # And it is the entry that is read, not the file parsed again.
    own, face_class, face = read_entry(tmp_path, "fonts", entry.stem)
    write_entry(tmp_path, "fonts", entry.stem, (own, face_class, {**face, "ascent": 12345}))
    assert _cached_font(SubsetFont, "CacheTest", path, tmp_path).face.ascent == 12345


def test_a_damaged_font_entry_is_parsed_again_and_replaced(tmp_path):
    path = FONTS / "Lato-Bold.ttf"
    parsed = _cached_font(TTFont, "CacheTestBold", path, tmp_path)
    (entry,) = (tmp_path / "fonts").iterdir()
    entry.write_bytes(b"\x80\x05damaged")
    again = _cached_font(TTFont, "CacheTestBold", path, tmp_path)
    assert _parse_fields(again) == _parse_fields(parsed)
    restored = _cached_font(TTFont, "CacheTestBold", path, tmp_path)  # the entry was replaced
    assert _parse_fields(restored) == _parse_fields(parsed)


def test_without_a_cache_folder_the_font_is_parsed(tmp_path):
    font = _cached_font(TTFont, "CacheTestNone", FONTS / "Lato-Italic.ttf", None)
    assert font.face.charWidths
