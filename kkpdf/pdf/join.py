"""A book laid out in parts made one: the later parts' pages joined after the first's,
the outline and the links pointed at the pages of the joined book."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import ExitStack

import pikepdf
from pikepdf import Array, Name

from kkpdf.files import OutputProblem
from kkpdf.messages import tr
from kkpdf.structure import JoinedPart, Navigation


def join_parts(document: pikepdf.Pdf, parts: tuple[JoinedPart, ...], opened: ExitStack) -> None:
    """Append the pages of `parts` to `document`, each part's moved by its shift.

    The parts are opened in `opened`, which must hold them until the document is
    saved: pikepdf copies their streams then.
    """
    for joined in parts:
        other = opened.enter_context(pikepdf.open(io.BytesIO(joined.pdf)))
        _move_pages(other, joined.shift)
        document.pages.extend(other.pages)


def _move_pages(document: pikepdf.Pdf, shift: float) -> None:
    """Move odd pages right and even pages left by `shift` (see JoinedPart)."""
    if not shift:
        return
    for number, page in enumerate(document.pages):
        dx = shift if number % 2 == 0 else -shift
        page.contents_add(b"q 1 0 0 1 %.4f 0 cm\n" % dx, prepend=True)
        page.contents_add(b"\nQ\n", prepend=False)
        for annotation in page.obj.get(Name.Annots, ()):
            left, bottom, right, top = (float(v) for v in annotation.Rect)
            annotation.Rect = Array([left + dx, bottom, right + dx, top])


def point_navigation(document: pikepdf.Pdf, navigation: Navigation) -> None:
    """Every outline entry and link to the page of its place in the joined book.

    The first part knew the later parts' places only by name, and pointed them at
    its contents page meanwhile.
    """
    pages, fit = document.pages, Name.Fit

    def destination(key: str) -> Array:
        return Array([pages[navigation.pages_of[key] - 1].obj, fit])

    outline = document.Root.get(Name.Outlines)
    entries = list(_outline_entries(outline.get(Name.First))) if outline is not None else []
    if len(entries) != len(navigation.outline_keys):
        raise OutputProblem(
            tr("the outline has {entries} entries, the layout made {made}",
               entries=len(entries), made=len(navigation.outline_keys))
        )  # fmt: skip
    for entry, key in zip(entries, navigation.outline_keys, strict=True):
        entry.Dest = destination(key)
    on_page: dict[int, list[pikepdf.Object]] = {}
    for page, index, target in navigation.links:
        if page not in on_page:
            annotations = pages[page].obj.get(Name.Annots, ())
            on_page[page] = [a for a in annotations if a.Subtype == Name.Link]
        on_page[page][index].Dest = destination(target)


def _outline_entries(entry: pikepdf.Object | None) -> Iterator[pikepdf.Object]:
    """The outline's entries in the order of the outline: each, then its children."""
    while entry is not None:
        yield entry
        yield from _outline_entries(entry.get(Name.First))
        entry = entry.get(Name.Next)
