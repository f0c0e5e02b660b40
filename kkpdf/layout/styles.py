"""Page geometry, colours and paragraph styles: the book's look in one place."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from kkpdf.layout.fonts import FontSet

PAGE_WIDTH, PAGE_HEIGHT = A4
# Duplex: the wider margin is on the binding side, left on odd pages, right on even.
INNER_MARGIN = 25 * mm
OUTER_MARGIN = 18 * mm
TOP_MARGIN = 24 * mm
BOTTOM_MARGIN = 22 * mm
TEXT_WIDTH = PAGE_WIDTH - INNER_MARGIN - OUTER_MARGIN
TEXT_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN

INK = colors.HexColor("#1f2328")
ACCENT = colors.HexColor("#0b4a7a")
MUTED = colors.HexColor("#5b6470")
RULE = colors.HexColor("#9aa4ae")
HAIRLINE = colors.HexColor("#d5dae0")
HEADER_FILL = colors.HexColor("#e6eef5")
DRAFT_MARK = colors.Color(0.85, 0.2, 0.2, alpha=0.10)
DRAFT_TEXT = colors.HexColor("#b71c1c")
BOX_TEXT = colors.white  # on DRAFT_TEXT: a draft's box of words
ERROR_FILL = colors.HexColor("#f8c9c4")
WARNING_FILL = colors.HexColor("#fccf86")  # amber: apart from the binding row's pale yellow
WARNING_EDGE = colors.HexColor("#8a5a00")  # a warning's dashed frame, and its word in a report
CHANGE_BAR = colors.HexColor("#1565c0")
CHANGE_FILL = colors.HexColor("#d6e6f8")
COMMENT = colors.HexColor("#f2b705")  # the note of a reviewer's comment carried into a draft
# Names of the row-label styles whose figures a draft draws itself, in the same face.
ROW_BOLD, ROW_ITALIC = "row-label-total", "row-label-memo"
# Warm, so that the binding row cannot be mistaken for the (cool) header row.
BINDING_FILL = colors.HexColor("#f7e6b5")
# A chart's colours, lightest to darkest: each stands out from white at 3:1 (WCAG
# 1.4.11), and each is darker than the one before in luminance and in grey, so
# that they stay apart printed in greyscale and for a reader who does not tell red
# from green (orange, teal, purple, slate, navy, dark brown). Six within 3:1 of
# white cannot be more than about 1.3 apart each; `chart_colours` spreads fewer
# over the whole range. Text on the lightest is ink; on the others, white.
CHART_SERIES = (
    colors.HexColor("#e37100"),
    colors.HexColor("#3f7f74"),
    colors.HexColor("#a5346c"),
    colors.HexColor("#285267"),
    colors.HexColor("#15387f"),
    colors.HexColor("#421a1a"),
)


def chart_colours(count: int) -> tuple[colors.Color, ...]:
    """`count` of the chart colours, as far apart in lightness as they can be."""
    last = len(CHART_SERIES) - 1
    if count == 1:
        return CHART_SERIES[:1]
    return tuple(CHART_SERIES[(2 * index * last + count - 1) // (2 * (count - 1))]
                 for index in range(count))  # fmt: skip


def luminance(colour: colors.Color) -> float:
    """WCAG 2.1 relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = colour.rgb()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: colors.Color, other: colors.Color) -> float:
    """WCAG 2.1 contrast ratio of two colours."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: colors.Color) -> colors.Color:
    """Ink or white, whichever reads better on `fill`: a label on a bar or a slice."""
    return INK if contrast(INK, fill) >= contrast(colors.white, fill) else colors.white


FIGURE_COLUMN_WIDTH = 23 * mm
LEADER_DOTS = " . "  # from a contents entry to its page number, drawn by the entry
LABEL_COLUMN_MAX = 64 * mm
# The key-goal table of the budget has four columns, the last (who) the narrowest.
GOAL_COLUMN_SHARES = (0.27, 0.27, 0.27, 0.19)


def goal_column_widths(count: int) -> list[float]:
    shares = GOAL_COLUMN_SHARES if count == len(GOAL_COLUMN_SHARES) else [1 / count] * count
    return [TEXT_WIDTH * share for share in shares]


@dataclass(frozen=True)
class Styles:
    """The book's paragraph and table styles, made from its fonts."""

    body: ParagraphStyle
    list_body: ParagraphStyle
    headings: dict[int, ParagraphStyle]
    caption: ParagraphStyle
    table_note: ParagraphStyle
    figure_header: ParagraphStyle
    row_label: ParagraphStyle
    row_label_total: ParagraphStyle
    row_label_memo: ParagraphStyle
    goal_header: ParagraphStyle
    goal_cell: ParagraphStyle
    toc_levels: list[ParagraphStyle]
    toc_part: ParagraphStyle  # a part's line in the contents, above its chapters'
    toc_section: ParagraphStyle  # a section's, among its chapter's subheadings
    part_title: ParagraphStyle  # on the part's own page
    section_title: ParagraphStyle  # a section's first heading, atop its first page
    report_kind: ParagraphStyle
    report_line: ParagraphStyle
    toc_title: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_note: ParagraphStyle


def make_styles(fonts: FontSet) -> Styles:
    text = {
        "fontName": fonts.regular,
        "textColor": INK,
        "allowWidows": 0,
        "allowOrphans": 0,
        "embeddedHyphenation": 1,
        # ReportLab would cut a word too long for the line anywhere, without a hyphen;
        # words break only where the hyphenator allows (soft hyphens), or not at all.
        "splitLongWords": 0,
        "bulletFontName": fonts.regular,
    }
    body = ParagraphStyle("body", fontSize=10, leading=14, spaceAfter=7, alignment=TA_LEFT, **text)
    list_body = ParagraphStyle("list-body", parent=body, spaceAfter=2)
    heading = {**text, "fontName": fonts.bold, "keepWithNext": 1, "embeddedHyphenation": 0}
    headings = {
        1: ParagraphStyle(
            "h1",
            fontSize=20,
            leading=25,
            spaceAfter=14,
            textColor=ACCENT,
            **{k: v for k, v in heading.items() if k != "textColor"},
        ),
        2: ParagraphStyle("h2", fontSize=13, leading=17, spaceBefore=14, spaceAfter=6, **heading),
        3: ParagraphStyle("h3", fontSize=11, leading=14, spaceBefore=12, spaceAfter=5, **heading),
        4: ParagraphStyle("h4", fontSize=10, leading=13, spaceBefore=10, spaceAfter=4, **heading),
    }
    small = {**text, "fontSize": 8, "leading": 10}
    toc_levels = [
        ParagraphStyle(
            "toc1",
            fontName=fonts.bold,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            leftIndent=0,
            firstLineIndent=0,
            textColor=INK,
        ),
        ParagraphStyle(
            "toc2",
            fontName=fonts.regular,
            fontSize=9.5,
            leading=12.5,
            spaceBefore=2,
            leftIndent=8 * mm,
            firstLineIndent=0,
            textColor=INK,
        ),
        # The levels below: smaller and muted, each one step further in.
        *(
            ParagraphStyle(
                f"toc{level}",
                fontName=fonts.regular,
                fontSize=9,
                leading=12,
                spaceBefore=1,
                leftIndent=8 * (level - 1) * mm,
                firstLineIndent=0,
                textColor=MUTED,
            )
            for level in (3, 4)
        ),
    ]
    return Styles(
        body=body,
        list_body=list_body,
        headings=headings,
        caption=ParagraphStyle(
            "caption",
            fontSize=10,
            leading=13,
            spaceBefore=4,
            spaceAfter=3,
            keepWithNext=1,
            **{**text, "fontName": fonts.bold},
        ),
        table_note=ParagraphStyle(
            "table-note",
            spaceBefore=3,
            spaceAfter=8,
            **{**small, "fontName": fonts.italic, "textColor": MUTED},
        ),
        figure_header=ParagraphStyle(
            "figure-header",
            alignment=TA_RIGHT,
            **{**small, "fontName": fonts.bold, "fontSize": 7.5, "leading": 9},
        ),
        row_label=ParagraphStyle("row-label", **{**text, "fontSize": 8.5, "leading": 11}),
        row_label_total=ParagraphStyle(
            "row-label-total", **{**text, "fontName": fonts.bold, "fontSize": 8.5, "leading": 11}
        ),
        row_label_memo=ParagraphStyle(
            "row-label-memo",
            **{
                **text,
                "fontName": fonts.italic,
                "fontSize": 8.5,
                "leading": 11,
                "textColor": MUTED,
            },
        ),
        goal_header=ParagraphStyle(
            "goal-header",
            alignment=TA_LEFT,
            **{**small, "fontName": fonts.bold, "fontSize": 7.5, "leading": 9},
        ),
        goal_cell=ParagraphStyle(
            "goal-cell", spaceAfter=3, **{**small, "fontSize": 8.5, "leading": 10.5}
        ),
        toc_levels=toc_levels,
        toc_part=ParagraphStyle(
            "toc-part",
            fontName=fonts.bold,
            fontSize=12,
            leading=16,
            spaceBefore=14,
            leftIndent=0,
            firstLineIndent=0,
            textColor=ACCENT,
        ),
        toc_section=ParagraphStyle(
            "toc-section",
            fontName=fonts.bold,
            fontSize=9.5,
            leading=12.5,
            spaceBefore=4,
            leftIndent=8 * mm,
            firstLineIndent=0,
            textColor=INK,
        ),
        section_title=ParagraphStyle(
            "section-title",
            fontSize=16,
            leading=20,
            spaceAfter=10,
            textColor=ACCENT,
            **{k: v for k, v in heading.items() if k != "textColor"},
        ),
        part_title=ParagraphStyle(
            "part-title",
            fontSize=28,
            leading=34,
            alignment=TA_LEFT,
            **{**heading, "textColor": ACCENT},
        ),
        report_kind=ParagraphStyle(
            "report-kind", **{**small, "fontName": fonts.bold, "textColor": DRAFT_TEXT}
        ),
        report_line=ParagraphStyle("report-line", **{**small, "fontSize": 8.5, "leading": 11}),
        toc_title=ParagraphStyle(
            "toc-title", fontSize=20, leading=25, spaceAfter=12, **{**heading, "textColor": ACCENT}
        ),
        cover_title=ParagraphStyle(
            "cover-title",
            fontSize=28,
            leading=34,
            alignment=TA_LEFT,
            **{**heading, "textColor": ACCENT},
        ),
        cover_subtitle=ParagraphStyle(
            "cover-subtitle",
            fontSize=18,
            leading=24,
            spaceBefore=10,
            alignment=TA_LEFT,
            **{**text, "fontName": fonts.regular},
        ),
        cover_note=ParagraphStyle(
            "cover-note",
            fontSize=11,
            leading=15,
            alignment=TA_LEFT,
            **{**text, "textColor": MUTED},
        ),
    )
