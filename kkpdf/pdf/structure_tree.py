"""The structure tree of a tagged PDF, written from the `Structure` the layout recorded.

An element that stands for a source block carries where it is written, as a user
property (ISO 32000-1, 14.7.5.4) named `kkpdf:source` whose value is
`path:line:column`, the path inside the sources folder: a reviewer's comment on a
page finds its way back to the line (`kkpdf comments`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from kkpdf.diagnostics import Span
from kkpdf.files import OutputProblem, path_in_sources
from kkpdf.interrupts import no_stop
from kkpdf.messages import tr_plural
from kkpdf.structure import Element, LinkAnnotation, MarkedContent, Structure

# The user property of an element that names its source block.
SOURCE_PROPERTY = "kkpdf:source"


def write_structure(
    document: pikepdf.Pdf,
    structure: Structure,
    sources: Path,
    checkpoint: Callable[[], None] = no_stop,
) -> None:
    """The structure tree, its parent tree, and what tagged PDF asks of the catalogue
    and the pages (ISO 32000-1, 14.7 and 14.8; ISO 14289-1, 7); `sources` is the
    folder the elements' source paths are given in; `checkpoint` is asked before each
    element (a book's tree takes a second or more, and is only in memory)."""
    pages = [page.obj for page in document.pages]
    links = {
        (number, index): annotation
        for number, page in enumerate(pages)
        for index, annotation in enumerate(
            a for a in page.get(Name.Annots, ()) if a.get(Name.Subtype) == Name.Link
        )
    }
    root = document.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    content: dict[int, dict[int, pikepdf.Object]] = {}  # page → MCID → element
    owners: list[pikepdf.Object] = []  # the element of each annotation, in key order

    # pikepdf's names are made once: each Name(...) and Name.X costs a call into C++.
    names: dict[str, Name] = {}

    def name(text: str) -> Name:
        return names.get(text) or names.setdefault(text, Name("/" + text))

    structure_element, mcr, objr = name("StructElem"), name("MCR"), name("OBJR")
    attribute_key = name("A")
    places: dict[Path, str] = {}
    made_sources: dict[tuple[Path, int, int], pikepdf.Object] = {}

    def source(span: Span) -> pikepdf.Object:
        key = (span.path, span.line, span.column)
        if key not in made_sources:
            place = places.get(span.path) or places.setdefault(
                span.path, path_in_sources(span.path, sources)
            )
            # Parsed whole: a third of the time of four objects made one by one.
            value = _pdf_text(f"{place}:{span.line}:{span.column}")
            made_sources[key] = pikepdf.Object.parse(
                b"<< /O /UserProperties /P [<< /N (" + SOURCE_PROPERTY.encode() + b") /V "
                + value + b" >>] >>"
            )  # fmt: skip
        return made_sources[key]

    def element(node: Element, parent: pikepdf.Object) -> pikepdf.Object:
        checkpoint()
        entries = {"/Type": structure_element, "/S": name(node.kind), "/P": parent}
        # Content on the element's own page (/Pg) is named by its MCID alone.
        own_page = next((c.page for c in node.children if isinstance(c, MarkedContent)), None)
        if own_page is not None:
            entries["/Pg"] = pages[own_page]
        # Most elements hold marked content only: made whole in one call.
        simple = all(isinstance(child, MarkedContent) for child in node.children)
        if simple:
            entries["/K"] = Array(_kids(node, own_page, pages, mcr, iter(())))
        made = document.make_indirect(Dictionary(entries))
        if node.alt:
            made.Alt = pikepdf.String(node.alt)
        attributes = []
        if node.scope:
            attributes.append(Dictionary({"/O": name("Table"), "/Scope": name(node.scope)}))
        if node.span is not None:
            attributes.append(source(node.span))
        if attributes:  # set on the made element: ten times cheaper than in `entries`
            made[attribute_key] = attributes[0] if len(attributes) == 1 else Array(attributes)
        made_kids = []  # child elements and link references, known once `made` is
        for child in node.children:
            if isinstance(child, Element):
                made_kids.append(element(child, made))
            elif isinstance(child, MarkedContent):
                content.setdefault(child.page, {})[child.mcid] = made
            elif isinstance(child, LinkAnnotation):
                annotation = links.pop((child.page, child.index))
                annotation.StructParent = len(pages) + len(owners)
                owners.append(made)
                made_kids.append(Dictionary(Type=objr, Obj=annotation, Pg=pages[child.page]))
        if not simple:
            made.K = Array(_kids(node, own_page, pages, mcr, iter(made_kids)))
        return made

    root.K = element(structure.root, root)
    if links:
        raise OutputProblem(
            tr_plural("{count} links of the book belong to no structure element",
                      "{count} links of the book belong to no structure element", len(links))
        )  # fmt: skip
    numbers: list = []
    for number, page in enumerate(pages):
        page.Tabs = Name.S  # the tab order follows the structure
        if number in content:
            page.StructParents = number
            mcids = content[number]
            numbers += [number, Array([mcids[mcid] for mcid in range(len(mcids))])]
    for key, owner in enumerate(owners, start=len(pages)):
        numbers += [key, owner]
    root.ParentTree = document.make_indirect(Dictionary(Nums=Array(numbers)))
    root.ParentTreeNextKey = len(pages) + len(owners)
    document.Root.StructTreeRoot = root
    document.Root.MarkInfo = Dictionary(Marked=True, UserProperties=bool(places))


def _kids(node: Element, own_page: int | None, pages: list, mcr: Name,
          made: Iterator[pikepdf.Object]) -> list:  # fmt: skip
    """An element's /K in order: MCIDs, marked-content references, and `made`
    (its child elements and link references, in their order)."""
    kids: list = []
    for child in node.children:
        if isinstance(child, MarkedContent):
            kids.append(child.mcid if child.page == own_page
                        else Dictionary({"/Type": mcr, "/Pg": pages[child.page],
                                         "/MCID": child.mcid}))  # fmt: skip
        else:
            kids.append(next(made))
    return kids


def _pdf_text(text: str) -> bytes:
    """`text` as a PDF text string: literal if ASCII, else UTF-16 with its byte-order mark."""
    if text.isascii():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})".encode("ascii")
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"
