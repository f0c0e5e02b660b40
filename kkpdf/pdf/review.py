"""Reading a reviewed copy of the book: its reviewers' annotations, and what is drawn
under them, glyph by glyph, with the source block each glyph's element names.

The pages' content streams are read operator by operator, as a viewer places the
text: the graphics and text state, each font's widths and its ToUnicode map, the
marked-content sequences. A marked-content identifier leads through the page's
parent tree to its structure element, and up from it to the nearest element that
names its source (the user property `kkpdf:source`). Only the pages that hold a
comment are read. The annotations the draft makes itself (their /NM begins with
`kkpdf-`) and links are not comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Name

from kkpdf.diagnostics import DiagnosticSink, EnvironmentProblem, Rule, Span
from kkpdf.messages import tr
from kkpdf.pdf.glyphs import page_glyphs
from kkpdf.pdf.pdfa import OWN_ANNOTATIONS
from kkpdf.pdf.structure_tree import SOURCE_PROPERTY
from kkpdf.proof.comments import KINDS, OPEN, Annotation, Comment, Glyph, comments_of, locate

NO_SOURCES = Rule("comments.no-sources")
REVIEW_STATES = {"Accepted", "Rejected", "Cancelled", "Completed"}


class ReviewProblem(EnvironmentProblem):
    """A reviewed PDF cannot be read; the message says why."""


@dataclass(frozen=True)
class Reviewed:
    """A reviewer's copy: its comments, each with the glyphs of its page."""

    path: Path
    comments: tuple[tuple[Annotation, tuple[Glyph, ...]], ...]
    has_sources: bool  # whether its structure names source blocks: a kkpdf book of now


def read_reviewed(path: Path) -> Reviewed:
    try:
        document = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise ReviewProblem(
            tr("{path} is encrypted: save a copy without a password and give that", path=path)
        ) from None
    except (pikepdf.PdfError, OSError) as err:
        problem = err.strerror if isinstance(err, OSError) else tr("not a PDF file")
        raise ReviewProblem(
            tr("cannot read {path}: {problem}", path=path, problem=problem)
        ) from None
    with document:
        try:
            return _read(path, document)
        except (pikepdf.PdfError, AttributeError, IndexError, KeyError, TypeError, ValueError):
            raise ReviewProblem(tr("cannot read {path}: {problem}", path=path,
                                   problem=tr("its structure is damaged"))) from None  # fmt: skip


def _read(path: Path, document: pikepdf.Pdf) -> Reviewed:
    root = document.Root.get(Name.StructTreeRoot)
    parents = _parent_tree(root.get(Name.ParentTree)) if root is not None else {}
    sources = _Sources()
    found = []
    for number, page in enumerate(document.pages, start=1):
        annotations = [a for a in page.obj.get(Name.Annots, ()) if _is_comment(a)]
        replies = [a for a in annotations if Name.IRT in a]
        comments = [a for a in annotations if Name.IRT not in a]
        if not comments:
            continue
        elements = parents.get(int(page.obj.get(Name.StructParents, -1)), pikepdf.Array())

        def source_of(mcid: int, elements=elements) -> str:
            element = elements[mcid] if 0 <= mcid < len(elements) else None
            return sources.of(element) if isinstance(element, pikepdf.Dictionary) else ""

        glyphs = tuple(page_glyphs(page, source_of))
        for annotation in comments:
            found.append((_annotation(annotation, number, replies), glyphs))
    return Reviewed(path, tuple(found), _has_sources(root, sources))


def _is_comment(annotation: pikepdf.Object) -> bool:
    return (isinstance(annotation, pikepdf.Dictionary)
            and str(annotation.get(Name.Subtype, "")) in KINDS
            and not str(annotation.get(Name.NM, "")).startswith(OWN_ANNOTATIONS))  # fmt: skip


def _annotation(annotation: pikepdf.Object, page: int, replies: list) -> Annotation:
    mine = [r for r in replies if r.IRT.objgen == annotation.objgen]
    status, words = OPEN, [str(annotation.get(Name.Contents, ""))]
    for reply in sorted(mine, key=lambda r: str(r.get(Name.M, ""))):
        # Text strings by the standard; some readers write names.
        state = str(reply.get(Name.State, "")).lstrip("/")
        if state and str(reply.get(Name.StateModel, "Review")).lstrip("/") == "Review":
            status = state.lower() if state in REVIEW_STATES else OPEN
        elif said := str(reply.get(Name.Contents, "")).strip():
            words.append(f"{_text(reply, Name.T) or '?'}: {said}")
    quads = [float(v) for v in annotation.get(Name.QuadPoints, ())]
    boxes = []
    for at in range(0, len(quads) - 7, 8):
        xs, ys = quads[at : at + 8 : 2], quads[at + 1 : at + 8 : 2]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
    return Annotation(
        page=page,
        kind=KINDS[str(annotation.Subtype)],
        rect=(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)),
        quads=tuple(boxes),
        author=_text(annotation, Name.T),
        date=iso_date(_text(annotation, Name.M) or _text(annotation, Name.CreationDate)),
        contents=" / ".join(w.strip() for w in words if w.strip()),
        status=status,
    )


def _text(dictionary: pikepdf.Object, key: Name) -> str:
    value = dictionary.get(key)
    return str(value) if isinstance(value, pikepdf.String) else ""


PDF_DATE = re.compile(r"D?:?(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?([Zz+-])?(\d\d)?'?(\d\d)?")


def iso_date(text: str) -> str:
    """A PDF date (`D:20261130142500+02'00'`) in ISO 8601; as written if it is none."""
    match = PDF_DATE.match(text.strip())
    if not match:
        return text
    year, month, day, hour, minute, second, zone, zone_hours, zone_minutes = match.groups()
    said = f"{year}-{month or '01'}-{day or '01'}"
    if hour is None:
        return said
    said += f"T{hour}:{minute or '00'}:{second or '00'}"
    if zone in ("Z", "z") or (zone and zone_hours in (None, "00") and not zone_minutes):
        return said + ("Z" if zone in ("Z", "z") else f"{zone}00:00")
    if zone:
        return said + f"{zone}{zone_hours}:{zone_minutes or '00'}"
    return said


def _parent_tree(tree: pikepdf.Object | None) -> dict[int, pikepdf.Object]:
    """A number tree's entries (ISO 32000-1, 7.9.7), its kids walked (once each: a
    damaged file may lead in circles)."""
    found: dict[int, pikepdf.Object] = {}
    waiting, seen = [tree] if tree is not None else [], set()
    while waiting:
        node = waiting.pop()
        if node.objgen in seen and node.objgen != (0, 0):
            continue
        seen.add(node.objgen)
        numbers = list(node.get(Name.Nums, ()))
        for key, value in zip(numbers[::2], numbers[1::2], strict=False):
            found[int(key)] = value
        waiting += list(node.get(Name.Kids, ()))
    return found


class _Sources:
    """The source block of each structure element: its own, or its nearest ancestor's."""

    def __init__(self) -> None:
        self.known: dict[tuple[int, int], str] = {}

    def of(self, element: pikepdf.Object | None) -> str:
        chain: list[tuple[int, int]] = []  # the elements walked up, each given the answer
        source = ""
        while element is not None:
            key = element.objgen
            if key in self.known:
                source = self.known[key]
                break
            if key in chain:  # a damaged file's circle
                break
            chain.append(key)
            source = _own_source(element)
            if source:
                break
            parent = element.get(Name.P)
            up = isinstance(parent, pikepdf.Dictionary) and parent.get(Name.Type) == Name.StructElem
            element = parent if up else None
        for key in chain:
            if key != (0, 0):  # a direct object has no number to be known by
                self.known[key] = source
        return source


def _own_source(element: pikepdf.Object) -> str:
    given = element.get(Name.A)
    for attributes in given if isinstance(given, pikepdf.Array) else [given]:
        if isinstance(attributes, pikepdf.Dictionary) and attributes.get(Name.O) == Name(
            "/UserProperties"
        ):
            for named in attributes.get(Name.P, ()):
                if str(named.get(Name.N, "")) == SOURCE_PROPERTY:
                    return str(named.get(Name.V, ""))
    return ""


def _has_sources(root: pikepdf.Object | None, sources: _Sources) -> bool:
    """Whether any element names its source, looked for in the first few hundred."""
    if root is None:
        return False
    waiting, looked = [root.get(Name.K)], 0
    while waiting and looked < 500:
        node = waiting.pop()
        kids = node if isinstance(node, pikepdf.Array) else [node]
        for kid in kids:
            if (
                isinstance(kid, pikepdf.Dictionary)
                and kid.get(Name.Type, Name.StructElem) == (Name.StructElem)
                and Name.S in kid
            ):
                looked += 1
                if _own_source(kid):
                    return True
                waiting.append(kid.get(Name.K, pikepdf.Array()))
    return False


def reviewers_comments(pdfs: list[Path], sources: Path, sink: DiagnosticSink) -> list[Comment]:
    """The comments of the reviewers' copies `pdfs` at their places in the `sources`
    folder; a copy that names no sources is reported and left out."""
    located = []
    for path in pdfs:
        reviewed = read_reviewed(path)
        if not reviewed.has_sources:
            sink.error(Span(path), tr("{path} names no places in the sources: not a book kkpdf "
                                      "built, or built before its pages named them", path=path),
                       rule=NO_SOURCES, hint=tr("build the book again and have it reviewed "
                                                "in that copy"))  # fmt: skip
            continue
        located += [(a, locate(a, glyphs)) for a, glyphs in reviewed.comments]

    def read(relative: str) -> str | None:
        try:
            return (sources / relative).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    return comments_of(located, read)
