"""Texts reworded word by word, moved within and between chapters, and chapter files renamed."""

from __future__ import annotations

import difflib

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import Paragraph, walk_blocks
from kkpdf.proof.changes import ChangeKind, WordEdit, compare_books
from kkpdf.walk import inline_text
from tests.conftest import MINIMAL, copy_book
from tests.proof.test_changes import CHAPTER, book, place

LONG = [
    "Kaupunginkanslia vastaa kaupungin hallinnosta ja taloudesta.",
    "Tietohallinto hoitaa kaupungin verkot ja laitteet.",
    "Talouspalvelut laatii talousarvion ja tilinpäätöksen.",
    "Henkilöstöpalvelut palkkaa ja kouluttaa kaupungin väkeä.",
]


def chapter(title: str, paragraphs: list[str]) -> str:
    return f"# {title}\n\n" + "".join(f"{text}\n\n" for text in paragraphs)


def test_a_reworded_paragraph_carries_its_changed_words_in_the_new_blocks_text(tmp_path):
    text = CHAPTER.replace("Keskukseen kuuluvat:", "*Keskukseen* kuuluvat nämä:")
    new = compile_document(copy_book(MINIMAL, tmp_path / "new", {"luvut/01.md": text}),
                           DiagnosticSink())  # fmt: skip
    (change,) = compare_books(compile_document(MINIMAL, DiagnosticSink()), new)
    paragraph = next(b for b in walk_blocks(new.chapters[0].blocks)
                     if isinstance(b, Paragraph) and b.span == change.span)  # fmt: skip
    printed = inline_text(paragraph.children)
    assert (change.kind, printed) == (ChangeKind.REWORDED, "Keskukseen kuuluvat nämä:")
    assert change.words == (WordEdit(11, 25, "kuuluvat:"),)
    assert change.as_json()["words"] == [{"start": 11, "end": 25, "removed": "kuuluvat:"}]


def test_a_paragraph_moved_within_its_chapter_is_one_change_with_its_old_place(tmp_path):
    old = book(tmp_path / "old", {"luvut/01.md": chapter("Luku", LONG)})
    new = book(tmp_path / "new", {"luvut/01.md": chapter("Luku", [*LONG[1:3], LONG[0], LONG[3]])})
    (change,) = compare_books(old, new)
    assert (change.kind, change.old, change.new, place(change)) == (
        ChangeKind.MOVED, LONG[0], LONG[0], "01.md:7"
    )  # fmt: skip
    assert change.moved_from is not None
    assert change.moved_from.path.is_relative_to(tmp_path / "old")  # the old sources
    assert (change.moved_from.line, change.words) == (3, ())
    assert str(change.describe()) == f"from 01.md:3: “{LONG[0]}”"
    assert change.as_json()["moved_from"] == f"{tmp_path / 'old' / 'luvut' / '01.md'}:3:1"


def test_a_paragraph_moved_to_another_chapter_is_moved(tmp_path):
    old = book(tmp_path / "old", {"luvut/01.md": chapter("Yksi", LONG[:2]),
                                  "luvut/02.md": chapter("Kaksi", LONG[2:])})  # fmt: skip
    new = book(tmp_path / "new", {"luvut/01.md": chapter("Yksi", LONG[:1]),
                                  "luvut/02.md": chapter("Kaksi", LONG[1:])})  # fmt: skip
    (change,) = compare_books(old, new)
    assert (change.kind, change.new, place(change)) == (ChangeKind.MOVED, LONG[1], "02.md:3")
    assert (change.moved_from.path.name, change.moved_from.line) == ("01.md", 5)


def test_a_paragraph_moved_and_reworded_is_moved_with_its_changed_words(tmp_path):
    reworded = LONG[0].replace("hallinnosta", "hallinnosta, viestinnästä")
    old = book(tmp_path / "old", {"luvut/01.md": chapter("Yksi", LONG)})
    new = book(tmp_path / "new", {"luvut/01.md": chapter("Yksi", [*LONG[1:], reworded])})
    (change,) = compare_books(old, new)
    assert (change.kind, change.old, change.new) == (ChangeKind.MOVED, LONG[0], reworded)
    assert change.words == (WordEdit(34, 59, "hallinnosta"),)
    assert reworded[34:59] == "hallinnosta, viestinnästä"
    assert str(change.describe()) == (
        "from 01.md:3: “Kaupunginkanslia vastaa kaupungin hallinnosta ja taloudesta.…” → "
        "“Kaupunginkanslia vastaa kaupungin hallinnosta, viestinnästä ja taloudesta.…”"
    ).replace(".…”", ".”")


def test_texts_of_alike_letters_but_other_words_are_not_a_move(tmp_path):
    before, after = (
        "Vastuuhenkilö: kaupunginkansliakeskuksen johtaja",
        "Vastuualueen nimi: Kaupunginkansliapalvelut",
    )
    assert difflib.SequenceMatcher(a=before, b=after).ratio() > 0.6  # alike letters
    old = book(tmp_path / "old", {"luvut/01.md": chapter("Yksi", [before, LONG[0]]),
                                  "luvut/02.md": chapter("Kaksi", LONG[1:])})  # fmt: skip
    new = book(tmp_path / "new", {"luvut/01.md": chapter("Yksi", [LONG[0]]),
                                  "luvut/02.md": chapter("Kaksi", [*LONG[1:], after])})  # fmt: skip
    found = {(c.kind, c.old, c.new) for c in compare_books(old, new)}
    assert found == {(ChangeKind.REMOVED, before, ""), (ChangeKind.ADDED, "", after)}


def test_a_short_heading_is_not_taken_for_a_move_between_chapters(tmp_path):
    first, second = "# Yksi\n\nTeksti.\n", "# Kaksi\n\nMuuta.\n"
    heading = "\n## Talousarvio\n"
    old = book(tmp_path / "old", {"luvut/01.md": first.replace("\n", heading, 1),
                                  "luvut/02.md": second})  # fmt: skip
    new = book(tmp_path / "new", {"luvut/01.md": first,
                                  "luvut/02.md": second.replace("\n", heading, 1)})  # fmt: skip
    found = {(c.kind, c.old, c.new) for c in compare_books(old, new)}
    assert found == {
        (ChangeKind.REMOVED, "Talousarvio", ""),
        (ChangeKind.ADDED, "", "Talousarvio"),
    }


def test_a_short_heading_moved_within_its_chapter_is_moved(tmp_path):
    old = book(tmp_path / "old", {"luvut/01.md": "# Yksi\n\n## Talous\n\nA.\n\nB.\n\nC.\n"})
    new = book(tmp_path / "new", {"luvut/01.md": "# Yksi\n\nA.\n\nB.\n\n## Talous\n\nC.\n"})
    found = [(c.kind, c.new, place(c)) for c in compare_books(old, new)]
    assert found == [(ChangeKind.MOVED, "Talous", "01.md:7")]


def test_a_text_the_book_has_twice_is_not_moved_between_chapters(tmp_path):
    # The same sentence in two chapters: which one went where cannot be told.
    twice = "Sitovuustaso on toimintakate koko keskukselle."
    old = book(tmp_path / "old", {"luvut/01.md": chapter("Yksi", [twice, LONG[0]]),
                                  "luvut/02.md": chapter("Kaksi", [twice])})  # fmt: skip
    new = book(tmp_path / "new", {
        "luvut/01.md": chapter("Yksi", [LONG[0]]),
        "luvut/02.md": chapter("Kaksi", [twice, LONG[1], twice]),
    })  # fmt: skip
    kinds = sorted(c.kind.value for c in compare_books(old, new))
    assert kinds == ["added", "added", "removed"]


def test_a_renamed_chapter_file_is_one_change(tmp_path):
    text = chapter("Luku", LONG)
    old = book(tmp_path / "old", {"luvut/01.md": CHAPTER, "luvut/02-vanha.md": text})
    new = book(tmp_path / "new", {"luvut/01.md": CHAPTER, "luvut/02-uusi.md": text})
    (change,) = compare_books(old, new)
    assert (change.kind, change.old, change.new, change.where, place(change)) == (
        ChangeKind.RENAMED, "luvut/02-vanha.md", "luvut/02-uusi.md",
        "luvut/02-vanha.md → luvut/02-uusi.md", "02-uusi.md:1",
    )  # fmt: skip
    assert str(change.describe()) == "file luvut/02-vanha.md → luvut/02-uusi.md"


def test_a_renamed_and_edited_chapter_reports_the_rename_and_the_edits(tmp_path):
    old = book(tmp_path / "old", {"luvut/01.md": CHAPTER, "luvut/vanha.md": chapter("Luku", LONG)})
    edited = chapter("Luku", [*LONG[:3], LONG[3].replace("palkkaa", "rekrytoi"), "Uusi kappale."])
    new = book(tmp_path / "new", {"luvut/01.md": CHAPTER, "luvut/uusi.md": edited})
    found = [(c.kind, c.new) for c in compare_books(old, new)]
    assert found == [
        (ChangeKind.RENAMED, "luvut/uusi.md"),
        (ChangeKind.REWORDED, LONG[3].replace("palkkaa", "rekrytoi")),
        (ChangeKind.ADDED, "Uusi kappale."),
    ]


def test_a_new_file_unlike_the_vanished_one_is_not_a_rename(tmp_path):
    old = book(tmp_path / "old", {"luvut/01.md": CHAPTER, "luvut/vanha.md": chapter("Vanha", LONG)})
    new = book(tmp_path / "new", {"luvut/01.md": CHAPTER, "luvut/uusi.md": "# Uusi\n\nMuuta.\n"})
    kinds = [c.kind for c in compare_books(old, new)]
    assert ChangeKind.RENAMED not in kinds
    assert kinds.count(ChangeKind.REMOVED) == 5 and kinds.count(ChangeKind.ADDED) == 2


def test_the_shipped_chapters_changed_in_three_ways(tmp_path):
    """A paragraph of the town book moved, one reworded and a file renamed, all at once."""
    from tests.conftest import TOWN, copy_book

    folder = copy_book(TOWN, tmp_path / "town")
    old = compile_document(folder, DiagnosticSink())
    first = folder / "luvut" / "01-kaupunginkansliakeskus.md"
    paragraphs = first.read_text(encoding="utf-8").split("\n\n")
    long = max(range(len(paragraphs)), key=lambda n: len(paragraphs[n]) * (
        not paragraphs[n].startswith(("#", "`", "-", "|", ":"))))  # fmt: skip
    moved = paragraphs.pop(long)
    first.write_text("\n\n".join([*paragraphs, moved]), encoding="utf-8")
    renamed = folder / "luvut" / "40-tekninen-keskus.md"
    renamed.rename(folder / "luvut" / "41-tekniikka.md")
    yaml_file = folder / "book.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(
        "luvut/40-tekninen-keskus.md", "luvut/41-tekniikka.md"), encoding="utf-8")  # fmt: skip
    found = [
        (c.kind, c.where) for c in compare_books(old, compile_document(folder, DiagnosticSink()))
    ]
    assert found == [
        (ChangeKind.MOVED, ""),
        (ChangeKind.RENAMED, "luvut/40-tekninen-keskus.md → luvut/41-tekniikka.md"),
    ]


def test_diff_names_a_move_by_its_place_in_the_earlier_revision(tmp_path, capsys):
    import json
    import subprocess

    from kkpdf.cli import main
    from tests.proof.test_draft import committed, git

    sources = committed(MINIMAL, tmp_path / "repo")
    (sources / "luvut" / "01.md").write_text(CHAPTER + "\n" + chapter("Lisä", LONG), "utf-8")
    subprocess.run([*git(tmp_path / "repo"), "commit", "-qam", "lisä"], check=True)
    (sources / "luvut" / "01.md").write_text(
        CHAPTER + "\n" + chapter("Lisä", [*LONG[1:], LONG[0]]), "utf-8"
    )
    assert main(["diff", "HEAD", "--sources", str(sources), "--format", "json"]) == 0
    (moved,) = json.loads(capsys.readouterr().out)
    assert (moved["kind"], moved["new"], moved["words"], moved["after"]) == (
        "moved", LONG[0], [], False
    )  # fmt: skip
    # The folder the revision was read into is gone: the place names the revision.
    assert moved["moved_from"] == f"HEAD:{sources.as_posix()}/luvut/01.md:20:1"
    assert moved["file"] == f"{sources / 'luvut' / '01.md'}"
    assert main(["diff", "HEAD", "--sources", str(sources)]) == 0
    assert "moved: from 01.md:20:" in capsys.readouterr().out


def test_a_table_placed_in_another_chapter_is_moved_and_one_no_longer_placed_removed(tmp_path):
    table = "```{finance-table} keskus\n```\n"
    goals = "```{goal-table} teema\n```\n"
    old = book(tmp_path / "old", {"luvut/01.md": f"# Yksi\n\nTalous.\n\n{table}\n{goals}",
                                  "luvut/02.md": "# Kaksi\n\nMuuta.\n"})  # fmt: skip
    new = book(tmp_path / "new", {"luvut/01.md": "# Yksi\n\nTalous.\n",
                                  "luvut/02.md": f"# Kaksi\n\nMuuta.\n\n{table}"})  # fmt: skip
    found = [(c.kind, str(c.old), str(c.new), place(c), c.after) for c in compare_books(old, new)]
    assert found == [
        # The goal table's cells and the table itself, after the chapter's last text.
        (ChangeKind.REMOVED, "Ensimmäinen kappale.", "", "01.md:3", True),
        (ChangeKind.REMOVED, "Toinen kappale.", "", "01.md:3", True),
        (ChangeKind.REMOVED, "Teemme työtä.", "", "01.md:3", True),
        (ChangeKind.REMOVED, "key-goal table teema", "", "01.md:3", True),
        (ChangeKind.MOVED, "table Keskus", "table Keskus", "talous.yaml:1", False),
    ]
    moved = compare_books(old, new)[-1]
    # It stood after the paragraph "Talous." of the first chapter.
    assert (moved.moved_from.path.name, moved.moved_from.line) == ("01.md", 3)
    assert str(moved.describe()) == "from 01.md:3: “table Keskus”"


def test_a_table_placed_anew_is_added(tmp_path):
    old = book(tmp_path / "old", {"luvut/01.md": "# Yksi\n\nTalous.\n"})
    new = book(
        tmp_path / "new", {"luvut/01.md": "# Yksi\n\nTalous.\n\n```{finance-table} keskus\n```\n"}
    )
    found = [(c.kind, str(c.new), place(c)) for c in compare_books(old, new)]
    assert found == [(ChangeKind.ADDED, "table Keskus", "talous.yaml:1")]


def test_a_paragraph_removed_after_a_reworded_one_is_marked_where_it_stood(tmp_path):
    """Reworded and removed at one place: the removed text stood after the reworded
    one, so its mark is at the paragraph now after that, not at the reworded one."""
    old = book(tmp_path / "old", {"luvut/01.md": chapter("Luku", LONG)})
    reworded = LONG[1].replace("hoitaa", "hoitaa aina")
    new = book(tmp_path / "new", {"luvut/01.md": chapter("Luku", [LONG[0], reworded, LONG[3]])})
    changes = {change.kind: change for change in compare_books(old, new)}
    assert place(changes[ChangeKind.REWORDED]) == "01.md:5"
    removed = changes[ChangeKind.REMOVED]
    assert (removed.old, place(removed), removed.after) == (LONG[2], "01.md:7", False)


def test_a_paragraph_removed_before_a_reworded_one_is_marked_at_that_one(tmp_path):
    old = book(tmp_path / "old", {"luvut/01.md": chapter("Luku", LONG)})
    reworded = LONG[2].replace("laatii", "laatii aina")
    new = book(tmp_path / "new", {"luvut/01.md": chapter("Luku", [LONG[0], reworded, LONG[3]])})
    changes = {change.kind: change for change in compare_books(old, new)}
    removed = changes[ChangeKind.REMOVED]
    assert (removed.old, place(removed)) == (LONG[1], place(changes[ChangeKind.REWORDED]))


def test_a_paragraph_removed_after_the_last_reworded_one_of_its_chapter_stands_after_it(
    tmp_path,
):
    old = book(tmp_path / "old", {"luvut/01.md": chapter("Luku", LONG)})
    reworded = LONG[2].replace("laatii", "laatii aina")
    new = book(tmp_path / "new", {"luvut/01.md": chapter("Luku", [*LONG[:2], reworded])})
    changes = {change.kind: change for change in compare_books(old, new)}
    removed = changes[ChangeKind.REMOVED]
    assert (place(removed), removed.after) == ("01.md:7", True)


NEW = "Rakennusvalvonta myöntää luvat ja valvoo rakentamista koko kunnan alueella."


def test_paragraphs_removed_before_a_reworded_one_are_marked_at_it_not_at_a_new_one(tmp_path):
    """Old L0 L1 L2, new N L2': N is new, L2' the reworded L2. L0 and L1 stood right
    before L2, so their mark is at L2', after N."""
    old = book(tmp_path / "old", {"luvut/01.md": chapter("Luku", LONG[:3])})
    reworded = LONG[2].replace("laatii", "laatii aina")
    new = book(tmp_path / "new", {"luvut/01.md": chapter("Luku", [NEW, reworded])})
    changes = compare_books(old, new)
    kinds = {change.kind: change for change in changes}
    assert place(kinds[ChangeKind.ADDED]) == "01.md:3"
    assert place(kinds[ChangeKind.REWORDED]) == "01.md:5"
    removed = [c for c in changes if c.kind is ChangeKind.REMOVED]
    assert [(c.old, place(c), c.after) for c in removed] == [
        (LONG[0], "01.md:5", False), (LONG[1], "01.md:5", False)
    ]  # fmt: skip


def test_a_paragraph_replaced_by_an_unrelated_one_is_marked_at_the_new_one(tmp_path):
    old = book(tmp_path / "old", {"luvut/01.md": chapter("Luku", LONG)})
    new = book(tmp_path / "new", {"luvut/01.md": chapter("Luku", [LONG[0], NEW, *LONG[2:]])})
    changes = {change.kind: change for change in compare_books(old, new)}
    assert place(changes[ChangeKind.ADDED]) == "01.md:5"
    assert place(changes[ChangeKind.REMOVED]) == "01.md:5"


def test_an_old_text_is_reworded_into_one_new_text_only(tmp_path):
    old = book(tmp_path / "old", {"luvut/01.md": chapter("Luku", LONG[:1])})
    first, second = LONG[0].replace("hallinnosta", "hallinnostaan"), LONG[0] + " Aina."
    new = book(tmp_path / "new", {"luvut/01.md": chapter("Luku", [first, second])})
    kinds = sorted(change.kind.value for change in compare_books(old, new))
    assert kinds == ["added", "reworded"]
