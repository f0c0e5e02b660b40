"""The fonts of the finished file: each subset tagged by its own bytes, and text maps
that give no character U+0000."""

from __future__ import annotations

import hashlib
import io
import re

import pikepdf
from pikepdf import Array, Dictionary, Name
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kkpdf.pdf.fonts import clean_unicode_maps, name_subsets
from tests.conftest import FONTS

for _face in ("Regular", "Bold"):
    pdfmetrics.registerFont(TTFont(f"TestLato-{_face}", FONTS / f"Lato-{_face}.ttf"))


def subset_pdf(texts: dict[str, str]) -> pikepdf.Pdf:
    """A page drawing each text in its font (ReportLab tags every subset AAAAAA)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for line, (font, text) in enumerate(texts.items()):
        canvas.setFont(font, 12)
        canvas.drawString(72, 72 + 20 * line, text)
    canvas.showPage()
    canvas.save()
    return pikepdf.open(io.BytesIO(buffer.getvalue()))


def fonts_by_name(document: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    return {str(f.BaseFont): f for f in document.pages[0].Resources.Font.values()}


def expected_tag(font: pikepdf.Object) -> str:
    # A tag of six letters A–Z from the first bytes of the subset's SHA-256.
    digest = hashlib.sha256(font.FontDescriptor.FontFile2.read_raw_bytes()).digest()
    return "".join("ABCDEFGHIJKLMNOPQRSTUVWXYZ"[byte % 26] for byte in digest[:6])


def test_each_subset_gets_a_tag_of_its_own_made_from_its_bytes():
    document = subset_pdf({"TestLato-Regular": "hei", "TestLato-Bold": "hei", "Helvetica": "x"})
    before = fonts_by_name(document)
    assert set(before) == {"/AAAAAA+Lato-Regular", "/AAAAAA+Lato-Bold", "/Helvetica"}
    name_subsets(document)
    after = fonts_by_name(document)
    regular = f"/{expected_tag(before['/AAAAAA+Lato-Regular'])}+Lato-Regular"
    bold = f"/{expected_tag(before['/AAAAAA+Lato-Bold'])}+Lato-Bold"
    assert set(after) == {regular, bold, "/Helvetica"}  # a font not embedded keeps its name
    for name in (regular, bold):
        assert re.fullmatch(r"/[A-Z]{6}\+Lato-(Regular|Bold)", name)
        assert str(after[name].FontDescriptor.FontName) == name  # the descriptor agrees
    assert regular[1:7] != bold[1:7]


def test_another_subset_of_the_same_face_gets_another_tag():
    tags = []
    for text in ("hei", "häntä"):  # the subset holds ASCII, and "ä" as well
        document = subset_pdf({"TestLato-Regular": text})
        name_subsets(document)
        tags += [n for n in fonts_by_name(document) if "Lato" in n]
    assert tags[0] != tags[1] and tags[0][7:] == tags[1][7:] == "+Lato-Regular"


def test_only_embedded_subsets_are_renamed():
    document = pikepdf.new()
    page = document.add_blank_page()
    file = document.make_stream(b"not really a font")
    fonts = {
        # A subset tag on a font with no embedded file, a full font embedded, a
        # subset of another font format: none is a TrueType subset to tag.
        "/A": Dictionary(BaseFont=Name("/AAAAAA+Plain")),
        "/B": Dictionary(BaseFont=Name("/Whole"),
                         FontDescriptor=Dictionary(FontName=Name("/Whole"), FontFile2=file)),
        "/C": Dictionary(BaseFont=Name("/AAAAAA+Type1"),
                         FontDescriptor=Dictionary(FontName=Name("/AAAAAA+Type1"), FontFile=file)),
        "/D": Dictionary(BaseFont=Name("/AAAAA+Short"),
                         FontDescriptor=Dictionary(FontName=Name("/AAAAA+Short"), FontFile2=file)),
        "/E": Dictionary(BaseFont=Name("/xAAAAAA+In"),
                         FontDescriptor=Dictionary(FontName=Name("/xAAAAAA+In"), FontFile2=file)),
    }  # fmt: skip
    page.Resources = Dictionary(Font=Dictionary(fonts))
    name_subsets(document)
    names = [str(f.BaseFont) for f in page.Resources.Font.values()]
    assert names == ["/AAAAAA+Plain", "/Whole", "/AAAAAA+Type1", "/AAAAA+Short", "/xAAAAAA+In"]


def cmap(*blocks: list[tuple[str, str]]) -> bytes:
    text = b"begincmap\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
    for block in blocks:
        text += b"%d beginbfchar\n" % len(block)
        text += b"".join(b"<%s> <%s>\n" % (c.encode(), u.encode()) for c, u in block)
        text += b"endbfchar\n"
    return text + b"endcmap\n"


def font_with_map(document: pikepdf.Pdf, data: bytes | None) -> Dictionary:
    font = Dictionary(Type=Name.Font, BaseFont=Name("/Plain"))
    if data is not None:
        font.ToUnicode = document.make_stream(data)
    return document.make_indirect(font)


def test_codes_mapped_to_u0000_are_dropped_and_the_others_kept():
    document = pikepdf.new()
    page = document.add_blank_page()
    original = cmap(
        [("00", "0000"), ("01", "0000"), ("20", "0020"), ("21", "0000"), ("E4", "00E4")],
        [("7f", "0000"), ("80", "0000")],  # a block of unused slots only: dropped whole
        [("41", "0041")],
    )
    page.Resources = Dictionary(Font=Dictionary(F1=font_with_map(document, original)))
    clean_unicode_maps(document)
    assert page.Resources.Font.F1.ToUnicode.read_bytes() == cmap(
        [("20", "0020"), ("E4", "00E4")], [("41", "0041")]
    )


def test_the_fonts_of_forms_are_cleaned_too_and_others_left_alone():
    document = pikepdf.new()
    page = document.add_blank_page()
    mapped = cmap([("20", "0020"), ("21", "0021")])  # nothing unmapped: left as it is
    form = document.make_stream(b"", Type=Name.XObject, Subtype=Name.Form,
                                BBox=Array([0, 0, 1, 1]))  # fmt: skip
    form.Resources = Dictionary(
        Font=Dictionary(F2=font_with_map(document, cmap([("20", "0020"), ("00", "0000")])))
    )
    page.Resources = Dictionary(
        Font=Dictionary(F1=font_with_map(document, mapped), F3=font_with_map(document, None)),
        XObject=Dictionary(X1=form),
    )
    clean_unicode_maps(document)
    assert form.Resources.Font.F2.ToUnicode.read_bytes() == cmap([("20", "0020")])
    assert page.Resources.Font.F1.ToUnicode.read_bytes() == mapped
    assert Name.ToUnicode not in page.Resources.Font.F3


def test_a_subset_from_reportlab_maps_no_code_to_u0000_after_cleaning():
    document = subset_pdf({"TestLato-Regular": "häntä"})
    font = fonts_by_name(document)["/AAAAAA+Lato-Regular"]
    assert b"<0000>" in font.ToUnicode.read_bytes()
    clean_unicode_maps(document)
    cleaned = font.ToUnicode.read_bytes()
    assert b"<0000>" not in cleaned
    assert b"<68> <0068>" in cleaned and b"<20> <0020>" in cleaned
    ((count, entries),) = re.findall(rb"(\d+) beginbfchar\n(.*?)endbfchar", cleaned, re.DOTALL)
    assert int(count) == entries.count(b"\n") == 96 + 1  # codes 20–7F, and "ä"
