"""Key-goal tables: goals whose cells are short Markdown texts."""

from __future__ import annotations

from kkpdf.model import GoalTable, Paragraph
from tests.document.conftest import blocks_of


def test_goal_cells_keep_their_paragraphs(shipped):
    tables = {t.key: t for t in blocks_of(shipped, GoalTable)}
    first = tables["sujuva_paatoksenteko"].rows[0].cells[0]
    assert [type(b) for b in first.blocks] == [Paragraph, Paragraph]
    assert len(tables["sujuva_paatoksenteko"].rows[1].cells[0].blocks) == 4
    assert len(tables) == 4
