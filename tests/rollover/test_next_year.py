"""`kkpdf next-year`: the shipped book rolled on, twice; comments, order and columns
kept; the cells to fill in listed; nothing written on a dry run or from broken sources."""

from __future__ import annotations

from kkpdf.cli import main
from kkpdf.parse.yaml_tree import YamlSeq, load_yaml
from kkpdf.rollover.edits import TextEdits, refill, remove_items
from tests.conftest import MINIMAL, SOURCES, copy_book


def run(args, capsys):
    status = main([str(a) for a in args])
    printed = capsys.readouterr()
    return status, printed.err


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def brackets(text: str) -> list[tuple[int, int]]:
    """Where each figure list opens and closes: the columns line up when these do."""
    return [(line.index("["), line.index("]")) for line in text.splitlines() if ": " in line
            and "[" in line and not line.lstrip().startswith("years")]  # fmt: skip


def test_the_shipped_book_rolls_on_and_still_passes_the_checks(tmp_path, capsys):
    book = copy_book(SOURCES, tmp_path / "sources")
    finance = book / "data" / "talous.yaml"
    before = finance.read_text(encoding="utf-8")

    status, err = run(["next-year", book], capsys)

    assert status == 0, err
    assert err.splitlines()[-1].startswith(
        f"kkpdf: 0 errors, 0 warnings; {book} rolled from 2023 to 2024: 4 finance tables "
        "moved on, 91 cells to fill in; wrote 2 files ("
    )
    after = finance.read_text(encoding="utf-8")
    assert comments(after) == comments(before)
    assert brackets(after) == brackets(before)[: len(brackets(after))]
    lines = after.splitlines()
    assert "  years: [2022, 2023, 2024, 2025, 2026]" in lines
    # TP 2022 blank (accounts), TA 2023 carried, TA 2024 blank as in the areas, TS 2025
    # carried, TS 2026 new.
    assert "    henkilostokulut:               [         ~, -1 907 662,          ~, " \
        "-2 015 169,          ~]" in lines  # fmt: skip
    assert "    toimintakulut:                 [         ~, -2 337 509,          ~]" in lines
    assert "  unresolved:" not in after  # both entries excused figures of 2021
    book_yaml = (book / "book.yaml").read_text(encoding="utf-8")
    assert "budget_year: 2024\napproved: ~\n" in book_yaml
    assert comments(book_yaml) == comments((SOURCES / "book.yaml").read_text(encoding="utf-8"))

    status, err = run(["check", book], capsys)
    assert status == 0, err
    assert "0 errors" in err.splitlines()[-1]


def test_each_cell_to_fill_in_is_a_note_at_its_place(tmp_path, capsys):
    book = copy_book(SOURCES, tmp_path / "sources")
    status, err = run(["next-year", book, "--dry-run"], capsys)
    assert status == 0, err
    notes = [line for line in err.splitlines() if ": note: " in line]
    assert len([n for n in notes if ": note: fill in " in n]) == 91
    prefix = f"{book}/"
    assert notes[:5] == [
        prefix + "book.yaml:18:11: note: approved: cleared; give the date the council approves "
        "the 2024 budget",
        prefix + "data/talous.yaml:14:1: note: 2 'unresolved' entries of "
        "'kaupunginkansliakeskus' removed with the figures they excused",
        prefix + "data/talous.yaml:18:46: note: fill in Kaupunginkansliakeskus, Myyntituotot "
        "TP 2022: the accounts of 2022",
        prefix + "data/talous.yaml:18:70: note: fill in Kaupunginkansliakeskus, Myyntituotot "
        "TA 2024: blank as in Kaupunginkansliapalvelut, Tieto- ja viestintäteknologiapalvelut "
        "and Talouspalvelut, so that the sums across tables hold",
        prefix + "data/talous.yaml:18:94: note: fill in Kaupunginkansliakeskus, Myyntituotot "
        "TS 2026: no figure for 2026 was planned",
    ]


def test_a_dry_run_writes_nothing(tmp_path, capsys):
    book = copy_book(SOURCES, tmp_path / "sources")
    files = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in book.rglob("*") if p.is_file()}
    status, err = run(["next-year", book, "--dry-run"], capsys)
    assert status == 0, err
    assert (
        err.splitlines()[-1]
        .split(" (")[0]
        .endswith("91 cells to fill in; --dry-run: 2 files would change, nothing written")
    )
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in book.rglob("*") if p.is_file()}
    assert after == files


def test_a_second_roll_works_too(tmp_path, capsys):
    book = copy_book(SOURCES, tmp_path / "sources")
    assert run(["next-year", book], capsys)[0] == 0
    status, err = run(["next-year", book], capsys)
    assert status == 0, err
    assert "rolled from 2024 to 2025" in err
    text = (book / "data" / "talous.yaml").read_text(encoding="utf-8")
    assert "  years: [2023, 2024, 2025, 2026, 2027]" in text.splitlines()
    # Only TA 2024 of the Centre and the areas carries over, as TA muutoksineen.
    assert "    toimintakulut:                 [         ~, -4 374 219" not in text
    assert run(["check", book], capsys)[0] == 0


def test_sources_with_errors_are_not_rolled(tmp_path, capsys):
    finance = (MINIMAL / "data" / "talous.yaml").read_text(encoding="utf-8")
    book = copy_book(MINIMAL, tmp_path / "book", {
        "data/talous.yaml": finance.replace("[-4 000, -4 000, -4 000]", "[-4 000, -4 000, -9 000]")
    })  # fmt: skip
    files = {p: p.read_bytes() for p in book.rglob("*") if p.is_file()}
    status, err = run(["next-year", book], capsys)
    assert status == 1
    lines = err.splitlines()
    assert f"{book}/book.yaml:1:1: error: the sources have errors, so they are not rolled to " \
        "the next year" in lines  # fmt: skip
    assert "  hint: correct them until `kkpdf check` passes, then roll again" in lines
    assert any(": error: Toimintakate ulkoinen TA 2023 is −9" in line for line in lines)
    assert not any(": warning: " in line for line in lines)
    assert lines[-1].startswith(
        "kkpdf: 2 errors, 0 warnings; nothing written; the sources are as they were ("
    )
    assert {p: p.read_bytes() for p in book.rglob("*") if p.is_file()} == files


def test_a_year_in_the_file_name_moves_and_one_in_the_title_is_pointed_out(tmp_path, capsys):
    book_yaml = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    book = copy_book(MINIMAL, tmp_path / "book", {
        "book.yaml": book_yaml.replace("output: testikirja.pdf", "output: kirja-2023.pdf")
    })  # fmt: skip
    status, err = run(["next-year", book], capsys)
    assert status == 0, err
    assert "output: kirja-2024.pdf\n" in (book / "book.yaml").read_text(encoding="utf-8")
    lines = err.splitlines()
    assert f"{book}/book.yaml:10:9: note: output: the file name had 2023 written in it and " \
        "now has 2024" in lines  # fmt: skip
    assert f"{book}/book.yaml:2:8: note: title has the year 2023 written as digits, which " \
        "stays as it is" in lines  # fmt: skip
    assert "  hint: write {budget_year} in the name, and it follows the year" in lines


def test_line_ends_and_byte_order_mark_are_kept(tmp_path, capsys):
    book = copy_book(MINIMAL, tmp_path / "book")
    finance = book / "data" / "talous.yaml"
    finance.write_bytes(b"\xef\xbb\xbf" + finance.read_bytes().replace(b"\n", b"\r\n"))
    assert run(["next-year", book], capsys)[0] == 0
    raw = finance.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfkeskus:\r\n  years: [2022, 2023, 2024]\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_the_minimal_book_keeps_only_its_budget_column(tmp_path, capsys):
    """TP, TA muutoksineen and TA become TP (blank), TA muutoksineen (the old TA) and a
    new TA (blank)."""
    book = copy_book(MINIMAL, tmp_path / "book")
    assert run(["next-year", book], capsys)[0] == 0
    lines = (book / "data" / "talous.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[1:6] == [
        "  years: [2022, 2023, 2024]",
        "  binding: true",
        "  rows:",
        "    myyntituotot:   [    ~,  3 000,      ~]",
        "    toimintatuotot: [    ~,  3 000,      ~]",
    ]


def sequence(text: str) -> tuple[TextEdits, YamlSeq]:
    tree = load_yaml(text, MINIMAL / "x.yaml")
    (_, node), *_ = tree.entries
    return TextEdits(text), node


def test_a_refilled_list_keeps_its_columns_and_grows_only_where_a_value_is_wider():
    edits, node = sequence("a: [    30 782,     72 400, ~]\n")
    refill(edits, node, ["~", "-2 015 169", "1"])
    assert edits.applied() == "a: [         ~, -2 015 169, 1]\n"
    edits, node = sequence("a:\n  - 1\n  - 22\n")
    refill(edits, node, ["333", "~"])
    assert edits.applied() == "a:\n  - 333\n  -  ~\n"


def test_removed_list_items_take_their_lines_but_not_the_comments_after_them():
    text = "u:\n  - row: a\n    year: 1\n  # about b\n  - row: b\n    year: 2\nnext: 1\n"
    edits, node = sequence(text)
    tree = load_yaml(text, MINIMAL / "x.yaml")
    key = tree.entries[0][0]
    remove_items(edits, key.span, node, {0})
    assert edits.applied() == "u:\n  # about b\n  - row: b\n    year: 2\nnext: 1\n"
    edits, node = sequence(text)
    remove_items(edits, key.span, node, {0, 1})
    assert edits.applied() == "next: 1\n"
    edits, node = sequence("u: [{row: a, year: 1}, {row: b, year: 2}]\n")
    remove_items(edits, key.span, node, {1})
    assert edits.applied() == "u: [{row: a, year: 1}]\n"


def test_rolled_sources_that_would_fail_the_checks_are_not_written(tmp_path, capsys, monkeypatch):
    """A safety net: here the budget year is left behind while the tables move on."""
    import kkpdf.rollover

    monkeypatch.setattr(kkpdf.rollover, "roll_book", lambda edits, tree, old: None)
    book = copy_book(SOURCES, tmp_path / "sources")
    files = {p: p.read_bytes() for p in book.rglob("*") if p.is_file()}
    status, err = run(["next-year", book], capsys)
    assert status == 1
    assert err.splitlines()[:2] == [
        f"{book}/book.yaml:1:1: error: the rolled sources would not pass the checks "
        "(data/talous.yaml:15: year 2026 is not one of the book's years (2021–2025)); "
        "nothing was written",
        "  hint: roll the book by hand this time, and report this with the sources",
    ]
    assert {p: p.read_bytes() for p in book.rglob("*") if p.is_file()} == files


def test_the_whole_example_book_rolls_on_with_its_statements_and_investments(tmp_path, capsys):
    from tests.conftest import TOWN

    book = copy_book(TOWN, tmp_path / "town")
    status, err = run(["next-year", book], capsys)
    assert status == 0, err
    # The investments move with their years; the year the tied tables blank (2024, as
    # the Centre's areas plan no further) and the new last year are blank.
    investments = (book / "data" / "investoinnit.yaml").read_text(encoding="utf-8")
    assert "  years: [2024, 2025, 2026]" in investments
    assert "          spending: [         ~, -3 500 000,          ~]" in investments
    assert "investoinnit.yaml:4:1: note: the projects of 'investoinnit' have no figures for " \
        "2024, 2026 yet" in err  # fmt: skip
    summaries = (book / "data" / "yhteenvedot.yaml").read_text(encoding="utf-8")
    assert "  years: [2024]" in summaries
    assert "  years: [2022, 2023, 2024, 2025, 2026]" in summaries
    status, err = run(["check", book], capsys)
    assert status == 0, err
    assert "0 errors" in err.splitlines()[-1]


def test_an_unresolved_entry_of_a_carried_year_keeps_the_difference_it_accepts(tmp_path, capsys):
    # TA 2023 is carried as the new TA muutoksineen, its figures as written, so the
    # difference the entry names is still the cell's: the entry goes on unchanged and
    # goes on excusing that difference only.
    talous = (MINIMAL / "data" / "talous.yaml").read_text(encoding="utf-8")
    entry = (
        "  unresolved:\n    - row: toimintakate\n      year: 2023\n"
        "      difference: -500\n      note: the sources differ\n"
    )
    talous = talous.replace("[-4 000, -4 000, -4 000]", "[-4 000, -4 000, -4 500]") + entry
    book = copy_book(MINIMAL, tmp_path / "book", {"data/talous.yaml": talous})
    assert run(["next-year", book], capsys)[0] == 0
    after = (book / "data" / "talous.yaml").read_text(encoding="utf-8")
    assert after.endswith(entry)
    status, err = run(["check", book], capsys)
    assert status == 0, err
    assert "kept as published: the sources differ" in err
    assert "0 errors, 1 warning" in err.splitlines()[-1]
