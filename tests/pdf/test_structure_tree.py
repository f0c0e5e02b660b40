"""The structure tree as a screen reader walks it: element kinds in order, their
pages and content, table scopes, links owned by their elements, the parent tree."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from kkpdf.diagnostics import Span
from kkpdf.files import OutputProblem
from kkpdf.pdf.structure_tree import write_structure
from kkpdf.structure import Element, LinkAnnotation, MarkedContent, Structure


def link() -> Dictionary:
    return Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 1, 1]))


def note() -> Dictionary:
    return Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=Array([0, 0, 1, 1]))


def document_with(pages: int, annotations: dict[int, list[Dictionary]]) -> pikepdf.Pdf:
    document = pikepdf.new()
    for number in range(pages):
        page = document.add_blank_page()
        found = annotations.get(number, [])
        if found:
            page.obj.Annots = Array([document.make_indirect(a) for a in found])
    return document


BOOK = Structure(
    Element(
        "Document",
        (
            Element("H1", (MarkedContent(0, 0),)),
            # A paragraph across a page break: its second piece by reference.
            Element("P", (MarkedContent(0, 1), MarkedContent(1, 0))),
            Element(
                "Table",
                (
                    Element(
                        "TR",
                        (
                            Element("TH", (MarkedContent(1, 1),), scope="Column"),
                            Element("TD", (MarkedContent(1, 2),)),
                        ),
                    ),
                ),
            ),
            Element(
                "P",
                (MarkedContent(2, 0), Element("Link", (MarkedContent(2, 1), LinkAnnotation(2, 0)))),
            ),
            Element("P", (Element("Link", (LinkAnnotation(2, 1), MarkedContent(2, 2))),)),
        ),
    )
)


@pytest.fixture
def tagged():
    document = document_with(4, {2: [note(), link(), link()]})
    write_structure(document, BOOK, Path("sources"))
    return document


def page_number(document: pikepdf.Pdf, page: pikepdf.Object) -> int:
    return [p.objgen for p in document.pages].index(page.objgen)


def read(document: pikepdf.Pdf, node: pikepdf.Object) -> tuple:
    """(kind, page, kids): MCIDs as (page, MCID), links as ("link", page, index)."""
    page = page_number(document, node.Pg) if Name.Pg in node else None
    kids = []
    for kid in node.K:
        if isinstance(kid, int):
            kids.append((page, int(kid)))
        elif kid.get(Name.Type) == Name.MCR:
            kids.append((page_number(document, kid.Pg), int(kid.MCID)))
        elif kid.get(Name.Type) == Name.OBJR:
            on = page_number(document, kid.Pg)
            links = [a for a in document.pages[on].Annots if a.Subtype == Name.Link]
            index = [a.objgen for a in links].index(kid.Obj.objgen)
            kids.append(("link", on, index))
        else:
            assert kid.P.objgen == node.objgen, "a child that names another parent"
            kids.append(read(document, kid))
    return (str(node.S)[1:], page, kids)


def test_the_tree_holds_the_elements_in_order_with_their_pages_and_content(tagged):
    root = tagged.Root.StructTreeRoot
    assert root.Type == Name.StructTreeRoot
    document = root.K
    assert document.Type == Name.StructElem and document.P.objgen == root.objgen
    assert read(tagged, document) == (
        "Document", None, [
            ("H1", 0, [(0, 0)]),
            ("P", 0, [(0, 1), (1, 0)]),
            ("Table", None, [("TR", None, [("TH", 1, [(1, 1)]), ("TD", 1, [(1, 2)])])]),
            ("P", 2, [(2, 0), ("Link", 2, [(2, 1), ("link", 2, 0)])]),
            ("P", None, [("Link", 2, [("link", 2, 1), (2, 2)])]),
        ],
    )  # fmt: skip


def test_a_header_cell_gives_its_scope_and_no_other_element_an_attribute(tagged):
    found = {}

    def walk(node):
        found[str(node.S)[1:]] = node.get(Name.A)
        for kid in node.K:
            if isinstance(kid, pikepdf.Dictionary) and kid.get(Name.Type) == Name.StructElem:
                walk(kid)

    walk(tagged.Root.StructTreeRoot.K)
    th = found.pop("TH")
    assert (th.O, th.Scope) == (Name.Table, Name.Column)
    assert set(found.values()) == {None}


def test_the_parent_tree_leads_from_content_and_links_to_their_elements(tagged):
    root = tagged.Root.StructTreeRoot
    numbers = list(root.ParentTree.Nums)
    parents = dict(zip(numbers[::2], numbers[1::2], strict=True))
    assert sorted(parents) == [0, 1, 2, 4, 5]  # pages 0–2; 4 pages, then the two links
    kinds = {key: [str(e.S) for e in value] for key, value in parents.items() if key < 4}
    assert kinds == {0: ["/H1", "/P"], 1: ["/P", "/TH", "/TD"], 2: ["/P", "/Link", "/Link"]}
    assert root.ParentTreeNextKey == 6
    pages = tagged.pages
    assert [int(p.StructParents) for p in pages[:3]] == [0, 1, 2]
    assert Name.StructParents not in pages[3]  # a page with no content of the book
    note_, first, second = pages[2].Annots
    assert Name.StructParent not in note_
    assert (int(first.StructParent), int(second.StructParent)) == (4, 5)
    assert parents[4].S == parents[5].S == Name.Link
    assert parents[4].objgen != parents[5].objgen


def test_every_page_tabs_by_structure_and_the_catalogue_says_it_is_tagged(tagged):
    assert all(page.Tabs == Name.S for page in tagged.pages)
    assert tagged.Root.MarkInfo.Marked is True
    assert tagged.Root.StructTreeRoot.is_indirect


def test_a_link_no_element_owns_is_refused():
    document = document_with(1, {0: [link(), link()]})
    structure = Structure(Element("Document", (Element("Link", (LinkAnnotation(0, 1),)),)))
    with pytest.raises(OutputProblem, match=r"^1 links of the book belong to no structure element"):
        write_structure(document, structure, Path("sources"))


def test_an_element_of_a_source_block_names_its_place_inside_the_sources_folder():
    sources = Path("/books/sources")
    paragraph = Span(sources / "luvut" / "02.md", 12, 3)
    cell = Span(sources / "data" / "talous.yaml", 7, 21)
    structure = Structure(Element("Document", (
        Element("P", (MarkedContent(0, 0),), span=paragraph),
        Element("TH", (MarkedContent(0, 1),), scope="Row", span=cell),
        Element("P", (MarkedContent(0, 2),)),
        Element("P", (MarkedContent(0, 3),), span=Span(sources / "luvut" / "ä (1)\\.md", 2, 1)),
        Element("P", (MarkedContent(0, 4),), span=Span(sources / "a (1)\\.md", 3, 1)),
    )))  # fmt: skip
    document = document_with(1, {})
    write_structure(document, structure, sources)
    first, header, plain, named, ascii_named = document.Root.StructTreeRoot.K.K
    assert str(first.A.O) == "/UserProperties"
    assert [(str(p.N), str(p.V)) for p in first.A.P] == [("kkpdf:source", "luvut/02.md:12:3")]
    # Beside a header cell's scope: an array of both attribute objects.
    scope, properties = header.A
    assert (scope.O, scope.Scope) == (Name.Table, Name.Row)
    assert str(properties.P[0].V) == "data/talous.yaml:7:21"
    assert Name.A not in plain
    # Any name a file may have: parentheses, backslashes, letters beyond ASCII.
    assert str(named.A.P[0].V) == "luvut/ä (1)\\.md:2:1"
    assert str(ascii_named.A.P[0].V) == "a (1)\\.md:3:1"
    assert document.Root.MarkInfo.UserProperties is True
