"""What the chapter markup reader (kkpdf.parse.markup) says about what it cannot read.

Whole phrases, so that each reads in the user's language: the constructs a budget
book does not print are named by what a writer knows them as.
"""

from __future__ import annotations

from kkpdf.messages import Message, tr

HEADING_IN_CELL = tr("a heading cannot stand inside a table cell")
HEADING_IN_CELL_HINT = tr("write the text as a paragraph, in **bold** if it must stand out")

# A block inside a list item that cannot stand there: the message and the hint.
DIRECTIVE_IN_LIST = (
    tr("a directive cannot stand inside a list item"),
    tr("put the directive after the list, with a blank line before it"),
)
HEADING_IN_LIST = (
    tr("a heading cannot stand inside a list item"),
    tr("put the heading after the list, with a blank line before it"),
)

CODE_BLOCK = tr("code blocks are not part of a budget book")
CODE_BLOCK_HINT = tr(
    "a directive is written ```{{name}} argument, e.g. ```{{finance-table}} kaupunginkansliakeskus"
)

# The block tokens read as nothing the book prints, by what a writer calls them.
BLOCKS = {
    "blockquote_open": tr("block quotes ('>')"),
    "hr": tr("horizontal rules ('---')"),
    "html_block": tr("raw HTML"),
    "code_block": tr("code blocks"),
}
BLOCK_HINT = tr("write plain paragraphs, lists or headings")

# And the inline ones.
INLINES = {
    "code_inline": tr("inline code (`…`)"),
    "image": tr("images"),
    "link_open": tr("links"),
    "html_inline": tr("raw HTML"),
}
INLINE_HINT = tr("write the text itself; for a web address, write it out")

NESTED_SPAN = tr("a [bracketed text] in another language cannot hold another one")
NESTED_SPAN_HINT = tr(
    "close the first before the second starts: [Covenant of Mayors]{{lang=en}} "
    "ja [Lovisa stad]{{lang=sv-FI}}"
)
SPAN_LANGUAGE_HINT = tr(
    "write the language as a code such as en, sv or sv-FI: [Covenant of Mayors]{{lang=en}}"
)


def unclosed(fence: str) -> tuple[Message, Message]:
    """An open fence (``` or ~~~): the message and the hint."""
    return (
        tr(
            "this {fence} block is not closed, so the rest of the file would be inside it",
            fence=fence,
        ),
        tr("write {fence} on its own line where the block ends", fence=fence),
    )


def misplaced_directive(name: str) -> Message:
    return tr("directive '{name}' cannot be used here", name=name)


def unsupported(what: Message | str) -> Message:
    """`what` (a construct named above, or a token's own name) is not printed."""
    return tr("{what} are not supported in the budget book", what=what)


def span_attributes(given: str) -> Message:
    """A span with attributes other than its language: `given` as written ("lang=x y=z")."""
    return tr(
        "a [bracketed text] takes only its language, as {{lang=en}}, not {{{given}}}",
        given=given,
    )
