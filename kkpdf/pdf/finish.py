"""Stage 6, PDF post-processing: the laid-out parts made one tagged PDF/A and PDF/UA file.

ReportLab writes plain PDF. This stage, with pikepdf, joins a book laid out in
parts (`join`), gives each font subset a tag of its own and drops the text
mappings to U+0000 (`fonts`), and writes the structure tree the layout recorded
(`structure_tree`: tagged PDF, PDF/A level A, PDF/UA-1). It adds what PDF/A
requires (`pdfa`): an sRGB output intent, the print flag on every annotation,
XMP metadata declaring the conformance, the dates of the build; it removes the
empty page transitions ReportLab writes, and attaches the sources on request
(PDF/A-3). With `validate`, pikepdf's PDF/A validator checks the written bytes
against the veraPDF rules and a file that does not pass is refused; the tests
validate every kind of book the build makes, so a build need not pay for it
every time. The build writes the bytes (`kkpdf.files.write_atomically`).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from contextlib import ExitStack

import pikepdf
from pikepdf import Name

from kkpdf.files import OutputProblem
from kkpdf.interrupts import no_stop
from kkpdf.messages import tr
from kkpdf.model import BookInfo
from kkpdf.pdf.fonts import clean_unicode_maps, name_subsets
from kkpdf.pdf.join import join_parts, point_navigation
from kkpdf.pdf.pdfa import (
    Attachment,
    add_output_intent,
    attach,
    check_pdfa,
    tidy_pages,
    write_metadata,
)
from kkpdf.pdf.structure_tree import write_structure
from kkpdf.structure import JoinedPart, Navigation, Structure


def finish_pdf(
    pdf: bytes,
    info: BookInfo,
    structure: Structure,
    *,
    date: datetime.datetime,
    attachments: tuple[Attachment, ...] = (),
    validate: bool = False,
    conforming: bool = True,
    more: tuple[JoinedPart, ...] = (),
    navigation: Navigation | None = None,
    label: str | None = None,
    checkpoint: Callable[[], None] = no_stop,
) -> bytes:
    """Tagged PDF/A-2a and PDF/UA-1, or PDF/A-3a when sources are attached.

    A draft passes `conforming=False`: its annotations are not what PDF/A allows,
    so it gets the same metadata and structure but claims neither standard.
    A book laid out in parts gives the others in `more`; they are joined after
    the first, and the outline and links are pointed by `navigation`. A draft's
    `label` says what it is and compares ("LUONNOS … · muutokset 1a94d68..6fe2f71+").
    `checkpoint` is asked between the steps, while the PDF is only in memory.
    """
    part = (3 if attachments else 2) if conforming else None
    with ExitStack() as opened:
        document = opened.enter_context(pikepdf.open(io.BytesIO(pdf)))
        join_parts(document, more, opened)
        checkpoint()
        if navigation is not None:
            point_navigation(document, navigation)
        name_subsets(document)
        if str(document.Root.get(Name.Lang, "")) != info.language:
            raise OutputProblem(
                tr("the PDF does not declare its language {language}", language=info.language)
            )
        tidy_pages(document)
        write_structure(document, structure, info.span.path.parent, checkpoint)
        checkpoint()
        clean_unicode_maps(document)
        add_output_intent(document, date)
        if attachments:
            attach(document, attachments, date)
        write_metadata(document, info, date, part, label)
        checkpoint()
        output = io.BytesIO()
        document.save(
            output,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
        )
    data = output.getvalue()
    if validate and part is not None:
        # pikepdf checks the rules levels A and B share; the tagging is tested apart.
        check_pdfa(data, part)
    return data


def outline_openings(pdf: bytes) -> tuple[tuple[str, int], ...]:
    """The outline's first level, each entry's title and page (from 1; 0 where it leads
    elsewhere): where the contents, the parts or the chapters open."""
    with pikepdf.open(io.BytesIO(pdf)) as document, document.open_outline() as outline:
        pages = {page.objgen: number for number, page in enumerate(document.pages, 1)}
        openings = []
        for item in outline.root:
            destination = item.destination
            page = destination[0] if isinstance(destination, pikepdf.Array) else None
            openings.append((item.title, pages.get(page.objgen, 0) if page is not None else 0))
        return tuple(openings)
