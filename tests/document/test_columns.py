"""Column headings: book.yaml heads each year offset from the budget year."""

from __future__ import annotations

from kkpdf.model import FinanceTable
from tests.conftest import MINIMAL
from tests.document.conftest import blocks_of, compiled


def test_column_headings_follow_the_budget_year(shipped):
    centre = blocks_of(shipped, FinanceTable)[0]
    assert [c.heading for c in centre.columns] == [
        "TILINPÄÄTÖS 2021",
        "TALOUSARVIO 2022 muutoksineen",
        "TALOUSARVIO 2023",
        "TALOUSSUUNNITELMA 2024",
        "TALOUSSUUNNITELMA 2025",
    ]


def test_changing_the_budget_year_renames_every_column(minimal_book):
    book_yaml = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    finance_file = (
        "keskus:\n  years: [2022, 2023, 2024]\n  binding: true\n  rows:\n"
        "    myyntituotot: [1, 2, 3]\n"
    )
    book = compiled(
        minimal_book(
            {
                "book.yaml": book_yaml.replace("budget_year: 2023", "budget_year: 2024"),
                "data/talous.yaml": finance_file,
            }
        )
    )
    (table,) = blocks_of(book, FinanceTable)
    assert [c.heading for c in table.columns] == [
        "TILINPÄÄTÖS 2022",
        "TALOUSARVIO 2023 muutoksineen",
        "TALOUSARVIO 2024",
    ]
