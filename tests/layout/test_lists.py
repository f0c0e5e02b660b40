"""List items: an item that does not fit goes to the next page whole."""

from __future__ import annotations

from kkpdf.layout import styles as st
from kkpdf.layout.lists import ListItemFlowable


def test_an_empty_list_item_that_does_not_fit_goes_to_the_next_page(ctx):
    item = ListItemFlowable("–", [], ctx, ctx.styles.list_body, None)
    _, height = item.wrap(st.TEXT_WIDTH, 1_000)
    assert height > 0
    assert item.split(st.TEXT_WIDTH, height / 2) == []
    assert item.split(st.TEXT_WIDTH, height) == [item]
