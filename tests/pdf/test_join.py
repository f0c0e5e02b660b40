"""Joining a book laid out in parts: pages moved to their side of the sheet, and the
outline and links pointed at the pages of the joined book."""

from __future__ import annotations

import io
import itertools
from contextlib import ExitStack

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from kkpdf.files import OutputProblem
from kkpdf.pdf.join import join_parts, point_navigation
from kkpdf.structure import JoinedPart, Navigation


def link(left: float, right: float) -> Dictionary:
    return Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([left, 10, right, 20]))


def note() -> Dictionary:
    return Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=Array([0, 0, 5, 5]))


def pages_pdf(count: int, annotations: dict[int, list[Dictionary]] | None = None) -> pikepdf.Pdf:
    """`count` pages, each drawing its number, with the given annotations."""
    document = pikepdf.new()
    for number in range(count):
        page = document.add_blank_page(page_size=(200, 300))
        page.Contents = document.make_stream(b"BT /F1 12 Tf (%d) Tj ET" % number)
        for annotation in (annotations or {}).get(number, []):
            page.obj.Annots = page.obj.get(Name.Annots, Array())
            page.obj.Annots.append(document.make_indirect(annotation))
    return document


def as_bytes(document: pikepdf.Pdf) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def joined(first: pikepdf.Pdf, *parts: JoinedPart) -> pikepdf.Pdf:
    """The first document and the parts, joined and read back from saved bytes."""
    with ExitStack() as opened:
        join_parts(first, parts, opened)
        data = as_bytes(first)
    return pikepdf.open(io.BytesIO(data))


def drawn(page: pikepdf.Page) -> list[tuple[str, list]]:
    return [(str(op), list(operands)) for operands, op in pikepdf.parse_content_stream(page)]


def test_parts_are_joined_after_the_first_in_their_order():
    parts = [JoinedPart(as_bytes(pages_pdf(n)), 0) for n in (2, 3)]
    document = joined(pages_pdf(1), *parts)
    texts = [bytes(next(o for o, op in pikepdf.parse_content_stream(p) if str(op) == "Tj")[0])
             for p in document.pages]  # fmt: skip
    assert texts == [b"0", b"0", b"1", b"0", b"1", b"2"]


def test_a_part_in_place_is_joined_untouched():
    part = pages_pdf(2, {0: [link(10, 50)]})
    document = joined(pages_pdf(1), JoinedPart(as_bytes(part), 0))
    for page in document.pages[1:]:
        assert drawn(page)[0] == ("BT", [])
    assert [float(v) for v in document.pages[1].Annots[0].Rect] == [10, 10, 50, 20]


def test_a_moved_part_goes_right_on_its_odd_pages_and_left_on_its_even_ones():
    part = pages_pdf(3, {0: [link(10, 50)], 1: [link(10, 50), note()]})
    document = joined(pages_pdf(1), JoinedPart(as_bytes(part), 7.5))
    # The part's first page is a right-hand (odd) page of the book.
    for page, dx in zip(document.pages[1:], (7.5, -7.5, 7.5), strict=True):
        operations = drawn(page)
        assert operations[0] == ("q", [])
        assert operations[1] == ("cm", [1, 0, 0, 1, pytest.approx(dx), 0])
        assert operations[-1] == ("Q", [])
        # What the page drew is drawn inside the move, unchanged.
        assert [op for op, _ in operations[2:-1]] == ["BT", "Tf", "Tj", "ET"]
    rects = [[float(v) for v in a.Rect] for p in document.pages[1:3] for a in p.Annots]
    # Every annotation moves with its page, links and others alike.
    assert rects == [[17.5, 10, 57.5, 20], [2.5, 10, 42.5, 20], [-7.5, 0, -2.5, 5]]
    assert drawn(document.pages[0])[0] == ("BT", [])  # the first part stays


def outlined(document: pikepdf.Pdf, titles: list[str | list]) -> None:
    """An outline of the titles (a list: the children of the title before it)."""

    def entries(items: list, parent: pikepdf.Object) -> list[pikepdf.Object]:
        made = []
        for item in items:
            if isinstance(item, list):
                children = entries(item, made[-1])
                made[-1].First, made[-1].Last = children[0], children[-1]
            else:
                made.append(document.make_indirect(Dictionary(Title=item, Parent=parent)))
        for before, after in itertools.pairwise(made):
            before.Next, after.Prev = after, before
        return made

    root = document.make_indirect(Dictionary(Type=Name.Outlines))
    top = entries(titles, root)
    root.First, root.Last = top[0], top[-1]
    document.Root.Outlines = root


def page_of(document: pikepdf.Pdf, destination: pikepdf.Object) -> int:
    assert destination[1] == Name.Fit
    return [p.objgen for p in document.pages].index(destination[0].objgen) + 1


def titles_and_pages(document: pikepdf.Pdf) -> list[tuple[str, int]]:
    found = []

    def walk(entry):
        while entry is not None:
            found.append((str(entry.Title), page_of(document, entry.Dest)))
            walk(entry.get(Name.First))
            entry = entry.get(Name.Next)

    walk(document.Root.Outlines.First)
    return found


def test_the_outline_leads_to_the_pages_of_the_joined_book_depth_first():
    document = pages_pdf(6)
    outlined(document, ["Sisällys", "Keskus", ["Talous", ["Menot"], "Tavoitteet"], "Liite"])
    keys = ("contents", "keskus", "talous", "menot", "tavoitteet", "liite")
    pages = {"contents": 2, "keskus": 3, "talous": 4, "menot": 4, "tavoitteet": 5, "liite": 6}
    point_navigation(document, Navigation(keys, (), pages))
    assert titles_and_pages(document) == [
        ("Sisällys", 2), ("Keskus", 3), ("Talous", 4), ("Menot", 4), ("Tavoitteet", 5),
        ("Liite", 6),
    ]  # fmt: skip


@pytest.mark.parametrize("keys", [("a",), ("a", "b", "c")])
def test_an_outline_the_layout_did_not_make_is_refused(keys):
    document = pages_pdf(2)
    outlined(document, ["A", "B"])
    pages = {"a": 1, "b": 2, "c": 2}
    with pytest.raises(
        OutputProblem, match=f"the outline has 2 entries, the layout made {len(keys)}$"
    ):
        point_navigation(document, Navigation(keys, (), pages))


def test_a_book_without_an_outline_has_none_to_point():
    document = pages_pdf(2)
    point_navigation(document, Navigation((), (), {}))
    assert Name.Outlines not in document.Root
    with pytest.raises(OutputProblem, match="the outline has 0 entries, the layout made 1"):
        point_navigation(document, Navigation(("a",), (), {"a": 1}))


def test_links_are_counted_among_the_links_of_their_page_only():
    document = pages_pdf(4, {1: [note(), link(0, 1), note(), link(2, 3)], 2: [link(4, 5)]})
    targets = {"talous": 4, "keskus": 3, "liite": 1}
    navigation = Navigation((), ((1, 1, "talous"), (2, 0, "liite"), (1, 0, "keskus")), targets)
    point_navigation(document, navigation)
    note_a, link_a, note_b, link_b = document.pages[1].Annots
    assert Name.Dest not in note_a and Name.Dest not in note_b
    assert page_of(document, link_a.Dest) == 3
    assert page_of(document, link_b.Dest) == 4
    assert page_of(document, document.pages[2].Annots[0].Dest) == 1
