"""How a change is worded for a proofreader: `Change.describe()`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, strategies as st

from kkpdf.diagnostics import Span
from kkpdf.proof.changes import Change, ChangeKind

SPAN = Span(Path("luvut/01.md"), 3, 1)
# Words of a sentence, numbered so that the expected excerpts can be read off.
SENTENCE = ["yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän", "kahdeksan",
            "yhdeksän", "kymmenen", "yksitoista", "kaksitoista"]  # fmt: skip


def described(kind: ChangeKind, old: str = "", new: str = "", where: str = "") -> str:
    return str(Change(kind, SPAN, old, new, where).describe())


def reworded(old: list[str], new: list[str]) -> str:
    return described(ChangeKind.REWORDED, " ".join(old), " ".join(new))


def test_a_changed_figure_names_its_cell_and_both_figures():
    where = "Keskus, Myyntituotot TA 2022"
    assert described(ChangeKind.FIGURE, "2 000", "2 500", where) == f"{where}: 2 000 → 2 500"


def test_a_blank_figure_is_called_blank_on_either_side():
    where = "Keskus, Poistot ja arvonalentumiset TA 2022"
    assert described(ChangeKind.FIGURE, "", "0", where) == f"{where}: blank → 0"
    assert described(ChangeKind.FIGURE, "0", "", where) == f"{where}: 0 → blank"


def test_added_text_is_quoted_from_the_new_version_and_removed_text_from_the_old():
    assert described(ChangeKind.ADDED, new="Uusi kappale.") == "“Uusi kappale.”"
    assert described(ChangeKind.REMOVED, old="Poistuva kappale.") == "“Poistuva kappale.”"


def test_an_added_or_removed_row_is_quoted_after_its_table():
    assert described(ChangeKind.ROW_ADDED, new="Investoinnit", where="Keskus") == (
        "Keskus: “Investoinnit”"
    )
    assert described(ChangeKind.ROW_REMOVED, old="Poistot", where="Keskus") == "Keskus: “Poistot”"


def test_a_reworded_paragraph_shows_the_changed_words_with_three_words_of_context():
    new = [*SENTENCE[:4], "VIISI", *SENTENCE[5:]]
    assert reworded(SENTENCE, new) == (
        "“…kaksi kolme neljä viisi kuusi seitsemän kahdeksan…” → "
        "“…kaksi kolme neljä VIISI kuusi seitsemän kahdeksan…”"
    )


def test_the_context_reaches_from_the_first_changed_word_to_the_last():
    # Two words become one and, two words on, a word is inserted: the versions
    # differ in length, and the excerpt of each is measured in its own words.
    new = [*SENTENCE[:4], "viisikuusi", "seitsemän", "ja", *SENTENCE[7:]]
    assert reworded(SENTENCE, new) == (
        "“…kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen…” → "
        "“…kaksi kolme neljä viisikuusi seitsemän ja kahdeksan yhdeksän kymmenen…”"
    )


def test_a_change_in_the_first_words_has_no_ellipsis_before_it():
    new = ["YKSI", *SENTENCE[1:]]
    assert reworded(SENTENCE, new) == "“yksi kaksi kolme neljä…” → “YKSI kaksi kolme neljä…”"
    new = [*SENTENCE[:3], "NELJÄ", *SENTENCE[4:]]  # three words before it: all of them shown
    assert reworded(SENTENCE, new).startswith("“yksi kaksi kolme neljä viisi")


def test_a_change_in_the_last_words_has_no_ellipsis_after_it():
    new = [*SENTENCE[:-1], "KAKSITOISTA"]
    assert reworded(SENTENCE, new) == (
        "“…yhdeksän kymmenen yksitoista kaksitoista” → “…yhdeksän kymmenen yksitoista KAKSITOISTA”"
    )
    new = [*SENTENCE[:8], "YHDEKSÄN", *SENTENCE[9:]]  # three words after it: all shown
    assert reworded(SENTENCE, new).endswith("kymmenen yksitoista kaksitoista”")


def test_a_short_rewording_is_shown_whole():
    assert reworded(["Keskukseen", "kuuluvat:"], ["Keskukseen", "kuuluvat", "nämä:"]) == (
        "“Keskukseen kuuluvat:” → “Keskukseen kuuluvat nämä:”"
    )


def test_a_rewording_only_in_spacing_shows_both_texts_whole():
    # A space made non-breaking: the same words, so no word can be pointed at.
    old, new = "Kulut ovat 10 000 euroa.", "Kulut ovat 10\u00a0000 euroa."
    assert described(ChangeKind.REWORDED, old, new) == f"“{old}” → “{new}”"


def test_a_long_paragraph_of_few_distinct_words_still_shows_only_the_changed_word():
    # 250 words from a vocabulary of eight: every word is frequent, and a change
    # must still be found as the one word it is, not as the rest of the paragraph.
    vocabulary = ["talous", "ja", "toiminta", "jatkuu", "vuonna", "2023", "koko", "kaupungissa"]
    old = [vocabulary[n % len(vocabulary)] for n in range(250)]
    new = [*old[:125], "muuttuu", *old[126:]]
    before, after = (" ".join(words[122:129]) for words in (old, new))
    assert reworded(old, new) == f"“…{before}…” → “…{after}…”"


def test_text_of_90_characters_is_shown_whole_and_longer_text_is_cut_to_90():
    text = "Talousarvio " * 7 + "kaupungille"
    assert len(text) == 95
    assert described(ChangeKind.ADDED, new=text[:90]) == f"“{text[:90]}”"
    assert described(ChangeKind.ADDED, new=text[:91]) == f"“{text[:89]}…”"
    assert described(ChangeKind.REMOVED, old=text) == f"“{text[:89]}…”"


@given(st.text(min_size=80, max_size=100))
def test_quoted_text_is_at_most_90_characters_and_begins_as_the_text(text):
    shown = described(ChangeKind.ADDED, new=text)[1:-1]
    if len(text) <= 90:
        assert shown == text
    else:
        assert len(shown) == 90
        assert shown.endswith("…")
        assert text.startswith(shown[:-1])


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö", min_size=1, max_size=8)


@given(st.lists(WORD, min_size=1, max_size=20, unique=True), st.data())
def test_one_changed_word_is_shown_with_up_to_three_words_either_side(words, data):
    at = data.draw(st.integers(0, len(words) - 1))
    new = [*words[:at], "0", *words[at + 1 :]]  # a word no other word equals
    first, last = max(0, at - 3), min(len(words), at + 4)

    def excerpt(text: list[str]) -> str:
        cut_before, cut_after = first > 0, last < len(words)
        return "…" * cut_before + " ".join(text[first:last]) + "…" * cut_after

    assert reworded(words, new) == f"“{excerpt(words)}” → “{excerpt(new)}”"


def test_an_excerpt_cut_at_90_characters_ends_in_one_ellipsis():
    words = ["kaupunginkansliakeskuksen", "tietohallintopalvelut", "henkilöstöhallinnon",
             "talousarviovuoden", "toiminnallinen", "kehittäminen", "jatkuu", "yhteistyössä",
             "kaupunginhallituksen", "kanssa."]  # fmt: skip
    new = [*words[:4], "toiminnallisesti", *words[5:]]
    before, after = " ".join(words[1:8]), " ".join(new[1:8])
    assert len(before) > 90
    assert reworded(words, new) == f"“…{before[:89]}…” → “…{after[:89]}…”"


def test_a_moved_text_is_quoted_with_where_it_stood():
    moved = Change(ChangeKind.MOVED, SPAN, "Siirtyvä kappale.", "Siirtyvä kappale.", "",
                   moved_from=Span(Path("vanha/luvut/02.md"), 7, 1))  # fmt: skip
    assert str(moved.describe()) == "from 02.md:7: “Siirtyvä kappale.”"
    reworded = Change(ChangeKind.MOVED, SPAN, "Siirtyvä kappale.", "Siirtynyt kappale.", "",
                      moved_from=Span(Path("vanha/luvut/02.md"), 7, 1))  # fmt: skip
    assert str(reworded.describe()) == "from 02.md:7: “Siirtyvä kappale.” → “Siirtynyt kappale.”"


def test_a_renamed_label_is_quoted_before_and_after_and_a_file_named_as_one():
    assert described(ChangeKind.RENAMED, "Myyntituotot", "Myyntitulot", "Keskus") == (
        "Keskus: “Myyntituotot” → “Myyntitulot”"
    )
    assert described(ChangeKind.RENAMED, "Tavoite", "Päämäärä") == "“Tavoite” → “Päämäärä”"
    assert described(ChangeKind.RENAMED, "luvut/a.md", "luvut/b.md", "luvut/a.md → luvut/b.md") == (
        "file luvut/a.md → luvut/b.md"
    )


def test_a_column_is_named_by_its_table_and_heading():
    assert described(
        ChangeKind.COLUMN_ADDED, new="TALOUSSUUNNITELMA 2024", where="Keskus, TS 2024"
    ) == ("Keskus, TS 2024: “TALOUSSUUNNITELMA 2024”")
    assert described(
        ChangeKind.COLUMN_REMOVED, old="TILINPÄÄTÖS 2021", where="Keskus, TP 2021"
    ) == ("Keskus, TP 2021: “TILINPÄÄTÖS 2021”")


def test_every_kind_has_a_word_of_its_own():
    from kkpdf.proof.changes import KIND_WORDS

    assert set(KIND_WORDS) == set(ChangeKind)
    assert len({str(word) for word in KIND_WORDS.values()}) == len(ChangeKind)


def test_the_json_of_a_change_has_its_words_place_before_and_whether_it_stood_after():
    from kkpdf.proof.changes import WordEdit

    change = Change(ChangeKind.MOVED, SPAN, "a b", "a c", "", words=(WordEdit(2, 3, "b"),),
                    moved_from=Span(Path("vanha/luvut/02.md"), 7, 3))  # fmt: skip
    facts = change.as_json()
    assert (facts["kind"], facts["moved_from"], facts["words"], facts["after"]) == (
        "moved", "vanha/luvut/02.md:7:3", [{"start": 2, "end": 3, "removed": "b"}], False
    )  # fmt: skip
    removed = Change(ChangeKind.REMOVED, SPAN, "Viimeinen.", "", "", after=True).as_json()
    assert (removed["after"], removed["moved_from"], removed["words"]) == (True, None, [])


def test_a_moved_table_is_named_in_the_readers_language():
    from kkpdf.messages import load_language, tr

    name = tr("table {name}", name="Keskus")
    moved = Change(ChangeKind.MOVED, SPAN, name, name, "", moved_from=Span(Path("01.md"), 3, 1))
    finnish = moved.describe().render(load_language("fi"))
    assert "taulukko Keskus" in finnish
