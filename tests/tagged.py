"""Reading a tagged PDF back: its structure tree, with the text each element holds.

The text of every marked-content sequence is taken from the pages with pypdf,
which decodes it through the fonts' ToUnicode maps as a screen reader would; the
tree is walked with pikepdf. Tests compare what they read with the document model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Name
from pypdf import PdfReader

SOFT_LINE_END = re.compile("\u00ad\\s*")


@dataclass
class Piece:
    """Text drawn on a page and its marked-content identifier (None: an artifact or
    nothing). Sequences inside a text object (languages) are finer than pypdf
    reports text; `language_spans` reads those."""

    mcid: int | None
    artifact: bool
    text: str


@dataclass
class Tagged:
    kind: str
    attributes: dict[str, str] = field(default_factory=dict)
    children: list[Tagged] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)  # (page, MCID), in order
    annotations: list[pikepdf.Object] = field(default_factory=list)
    text: str = ""

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, *kinds: str) -> list[Tagged]:
        return [element for element in self.walk() if element.kind in kinds]


@dataclass
class TaggedPdf:
    root: Tagged
    pieces: dict[int, list[Piece]]  # page → what is drawn on it, in order
    pdf: pikepdf.Pdf


def page_pieces(reader: PdfReader) -> dict[int, list[Piece]]:
    pieces: dict[int, list[Piece]] = {}
    for number, page in enumerate(reader.pages):
        found: list[Piece] = []
        stack: list[tuple[int | None, bool]] = []

        def before(operator, operands, cm, tm, stack=stack):
            if operator == b"BDC":
                tag, properties = operands[0], operands[1]
                mcid = properties.get("/MCID") if hasattr(properties, "get") else None
                outer = stack[-1] if stack else (None, False)
                stack.append(
                    (mcid if mcid is not None else outer[0], outer[1] or tag == "/Artifact")
                )
            elif operator == b"BMC":
                stack.append(stack[-1] if stack else (None, False))
            elif operator == b"EMC":
                stack.pop()

        def text(value, cm, tm, font, size, found=found, stack=stack):
            if value:
                mcid, artifact = stack[-1] if stack else (None, False)
                found.append(Piece(mcid, artifact, value))

        page.extract_text(visitor_operand_before=before, visitor_text=text)
        pieces[number] = found
    return pieces


def normalise(text: str) -> str:
    """As a reader hears it: soft hyphens at line ends join the word, spaces collapse."""
    return " ".join(SOFT_LINE_END.sub("", text).split())


def read_tagged(path: Path) -> TaggedPdf:
    pdf = pikepdf.open(path)
    pieces = page_pieces(PdfReader(path))
    pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
    by_mcid: dict[tuple[int, int], str] = {}
    for number, found in pieces.items():
        for piece in found:
            if piece.mcid is not None:
                key = (number, piece.mcid)
                by_mcid[key] = by_mcid.get(key, "") + piece.text

    def element(node: pikepdf.Object) -> Tagged:
        made = Tagged(str(node.S)[1:])
        for key in ("Lang", "Alt"):
            if Name("/" + key) in node:
                made.attributes[key] = str(node[Name("/" + key)])
        given = node.get(Name.A, pikepdf.Array())
        for attributes in given if isinstance(given, pikepdf.Array) else [given]:
            if Name.Scope in attributes:
                made.attributes["Scope"] = str(attributes.Scope)[1:]
            for prop in (
                attributes.get(Name.P, []) if attributes.get(Name.O) == Name.UserProperties else []
            ):
                made.attributes[str(prop.N)] = str(prop.V)
        kids = node.K if isinstance(node.K, pikepdf.Array) else [node.K]
        texts = []
        for kid in kids:
            if isinstance(kid, int):  # an MCID on the element's own page
                key = (pages[node.Pg.objgen], kid)
                made.content.append(key)
                texts.append(by_mcid.get(key, ""))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get(Name.Type) == Name.MCR:
                key = (pages[kid.Pg.objgen], int(kid.MCID))
                made.content.append(key)
                texts.append(by_mcid.get(key, ""))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get(Name.Type) == Name.OBJR:
                made.annotations.append(kid.Obj)
            elif isinstance(kid, pikepdf.Dictionary):
                child = element(kid)
                made.children.append(child)
                texts.append(child.text)
        made.text = " ".join(texts)
        return made

    (document,) = [element(pdf.Root.StructTreeRoot.K)]
    return TaggedPdf(document, pieces, pdf)


_BFCHAR_ENTRY = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]+)>")


def _unicode_map(font: pikepdf.Object) -> dict[int, str]:
    cmap = font.ToUnicode.read_bytes()
    blocks = re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.DOTALL)
    return {
        int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
        for block in blocks
        for code, text in _BFCHAR_ENTRY.findall(block)
    }


def language_spans(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    """(language, text) of every marked-content sequence that gives a /Lang.

    Read from the content streams operator by operator, since the sequences sit
    inside text objects, finer than text extraction goes.
    """
    found: list[tuple[str, str]] = []
    for page in pdf.pages:
        fonts = page.Resources.get(Name.Font, {})
        maps = {name: _unicode_map(font) for name, font in fonts.items()}
        current: dict[int, str] = {}
        open_spans: list[list] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "Tf":
                current = maps.get(str(operands[0]), {})
            elif op == "BDC":
                properties = operands[1]
                lang = str(properties.get(Name.Lang, "")) if hasattr(properties, "get") else ""
                open_spans.append([lang, ""])
            elif op == "BMC":
                open_spans.append(["", ""])
            elif op == "EMC":
                lang, text = open_spans.pop()
                if lang:
                    found.append((lang, text))
            elif op in ("Tj", "TJ") and open_spans and open_spans[-1][0]:
                strings = operands[0] if op == "TJ" else [operands[0]]
                for item in strings:
                    if isinstance(item, pikepdf.String):
                        open_spans[-1][1] += "".join(current.get(b, "\ufffd") for b in bytes(item))
    return found


def sequence_problems(pdf: pikepdf.Pdf) -> list[str]:
    """What is wrong with the marked-content sequences of each page's content stream:
    a sequence with an MCID or an artifact inside another such sequence, an EMC with
    nothing open, or a sequence still open at the end of the page."""
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        open_kinds: list[str] = []  # "mcid", "artifact" or "span" per open sequence
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                properties = operands[1] if op == "BDC" else None
                tagged = hasattr(properties, "get") and Name.MCID in properties
                kind = "mcid" if tagged else "artifact" if operands[0] == Name.Artifact else "span"
                if kind != "span" and any(k != "span" for k in open_kinds):
                    problems.append(f"page {number}: {kind} inside {open_kinds}")
                open_kinds.append(kind)
            elif op == "EMC":
                if not open_kinds:
                    problems.append(f"page {number}: EMC with nothing open")
                else:
                    open_kinds.pop()
        if open_kinds:
            problems.append(f"page {number}: {open_kinds} still open at the end")
    return problems


def outline_of(path: Path) -> list:
    """The outline as (title, page from 1, children) triples, nested."""
    reader = PdfReader(path)

    def entries(items) -> list:
        made: list = []
        for item in items:
            if isinstance(item, list):
                title, page, _ = made[-1]
                made[-1] = (title, page, entries(item))
            else:
                made.append((item.title, reader.get_destination_page_number(item) + 1, []))
        return made

    return entries(reader.outline)


def annotations(reader: PdfReader, subtype: str):
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation["/Subtype"] == subtype:
                yield number, annotation


def table_rows(path: Path) -> list[list[tuple[str, ...]]]:
    """Every table of a tagged PDF as a reader hears it: its rows, each row its cells' text."""
    tables = read_tagged(path).root.find("Table")
    return [
        [tuple(normalise(cell.text) for cell in row.children) for row in table.find("TR")]
        for table in tables
    ]
