from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from kkpdf.language.hyphenation import (
    SOFT_HYPHEN,
    SWEDISH_EDGE,
    Hyphenator,
    SwedishHyphenator,
    hyphenator_for,
)
from kkpdf.language.languages import UnknownLanguage
from kkpdf.language.swedish import SwedishUnavailable
from kkpdf.language.voikko import VoikkoUnavailable


@pytest.fixture(scope="module")
def hyphenator():
    h = Hyphenator()
    yield h
    h.close()


def shown(text: str) -> str:
    return text.replace(SOFT_HYPHEN, "|")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # Compounds break between their parts, not inside short parts.
        ("TALOUSSUUNNITELMA", "TALOUS|SUUNNITELMA"),
        ("kaupunginkansliakeskuksen", "kaupungin|kanslia|keskuksen"),
        ("asiantuntijapalveluita", "asian|tuntija|palveluita"),
        # A simple word breaks at its syllables.
        ("tunnettavuutta", "tun|net|ta|vuut|ta"),
        # A hyphenated compound breaks at its hyphen, and inside only at compound seams.
        ("taloushallinto-ohjelmiston", "talous|hallinto-ohjelmiston"),
        # A part of LONG_PART (14) letters breaks inside too; one of 13 does not.
        ("työhyvinvointikoordinaattori", "työ|hyvin|vointi|koor|di|naat|to|ri"),
        ("asuntomessuorganisaation", "asunto|messu|organisaation"),
        # Inside a hyphenated compound, a later piece's own seams are found at their
        # place in the whole word, after the hyphen.
        ("ICT-palvelukeskus", "ICT-palvelu|keskus"),
        ("talous-ja henkilöstöhallinto", "talous-ja henkilöstö|hallinto"),
        # Short words and figures stay whole.
        ("aikaa", "aikaa"),
        ("S365", "S365"),
    ],
)
def test_breaks(hyphenator, word, expected):
    assert shown(hyphenator.text(word)) == expected


def test_no_break_leaves_a_single_letter(hyphenator):
    for word in ("ajantasaiset", "osaavaa", "ennakoitavissa", "esihenkilöiden", "ilmastotoimia"):
        pieces = shown(hyphenator.text(word)).split("|")
        assert all(len(piece) >= 2 for piece in pieces), pieces


def test_words_are_looked_up_once(hyphenator):
    hyphenator.text("kehityskeskustelu kehityskeskustelu")
    before = hyphenator.word.cache_info().hits
    hyphenator.text("kehityskeskustelu")
    assert hyphenator.word.cache_info().hits == before + 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aäoöeiuyklmnprstv -.,1")), max_size=60))
def test_hyphenation_only_adds_soft_hyphens(hyphenator, text):
    result = hyphenator.text(text)
    assert result.replace(SOFT_HYPHEN, "") == text
    assert SOFT_HYPHEN + SOFT_HYPHEN not in result
    assert not result.startswith(SOFT_HYPHEN)


def test_a_missing_dictionary_says_what_to_install():
    with pytest.raises(VoikkoUnavailable, match="apt-get install libvoikko1 voikko-fi") as caught:
        Hyphenator(language="xx")
    assert str(caught.value).startswith("Finnish hyphenation is not available (")


def test_a_new_hyphenator_is_set_up_for_print():
    """Made here, not by the module's fixture: mutation testing credits a constructor
    to the first test that runs it, and each setting needs a word that shows it."""
    fresh = Hyphenator()
    try:
        # No one-letter syllable at either end ("a-te-ri-a" would be ugly).
        assert shown(fresh.text("ateria")) == "ate|ria"
        # A word Voikko does not know still breaks at its syllables.
        assert shown(fresh.text("Lovinfo")) == "Lo|vin|fo"
        # A third piece of a hyphenated compound breaks where it stands in the word.
        assert shown(fresh.text("ICT-ja-palvelukeskus")) == "ICT-ja-palvelu|keskus"
    finally:
        fresh.close()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # A word of six letters, the shortest hyphenated; one of five stays whole.
        ("talous", "ta|lous"),
        ("kuusi", "kuusi"),
        # A word Voikko does not know breaks at its syllables...
        ("blorkkafintu", "blork|ka|fin|tu"),
        # ...unless it is a piece of a hyphenated compound, which breaks at its hyphen,
        ("ICT-blorkkafintu", "ICT-blorkkafintu"),
        # or inside the piece when it is LONG_PART (14) letters long or longer.
        ("ICT-blorkkafintuma", "ICT-blork|ka|fin|tu|ma"),
        ("ICT-blorkkafintum", "ICT-blorkkafintum"),
        # Pieces of one short part each break at the hyphen only.
        ("kaupunki-kaupunki", "kaupunki-kaupunki"),
    ],
)
def test_breaks_at_the_edges(hyphenator, word, expected):
    assert shown(hyphenator.text(word)) == expected


# --- Swedish ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def swedish():
    h = SwedishHyphenator()
    yield h
    h.close()


def points(marked: str) -> tuple[str, frozenset[int], frozenset[int]]:
    """A word written with its break points by hand: "=" between a compound's parts
    (which must be offered where the edges allow), "-" between syllables (which may).
    Two marks around one consonant ("kan-s-li") say Swedish takes either break."""
    word, seams, syllables = "", set(), set()
    for char in marked:
        if char == "=":
            seams.add(len(word))
        elif char == "-":
            syllables.add(len(word))
        else:
            word += char
    return word, frozenset(seams), frozenset(seams | syllables)


def offered(hyphenated: str) -> frozenset[int]:
    """Where a word with soft hyphens may break, as indexes into the word without them."""
    found, index = set(), 0
    for char in hyphenated:
        if char == SOFT_HYPHEN:
            found.add(index)
        else:
            index += 1
    return frozenset(found)


# Written from Swedish syllables and word formation, not from pyphen's output.
SWEDISH_WORDS = [
    "verk-sam-hets=bi-drag",
    "per-so-nal=kost-na-der",
    "stads=kan-s-li=cen-t-ra-len",
    "e-ko-no-mi=plan",
    "för-sälj-nings=in-täk-ter",
    "av=skriv-ning-ar",
    "väl=färds=om-rå-det",
    "bud-get=för-sla-get",
    "kom-mun=sty-rel-sen",
    "be=folk-nings=ut=veck-ling-en",
    "skat-te=in-täk-ter",
    "fas-tig-hets=skatt",
    "rä-ken-skaps=pe-ri-o-den",
    "till=växt",
    "äl-d-re=om-sor-gen",
    "stads=full=mäk-ti-ge",
    "bild-nings=sek-torn",
    "ar-bets=gi-var=av=gif-ter",
    "e-ko-no-mi=för=valt-ning-en",
]


@pytest.mark.parametrize("marked", SWEDISH_WORDS)
def test_swedish_words_break_at_their_syllables_and_seams_only(swedish, marked):
    word, seams, allowed = points(marked)
    breaks = offered(swedish.text(word))
    assert breaks <= allowed, shown(swedish.text(word))
    inner = {i for i in seams if SWEDISH_EDGE <= i <= len(word) - SWEDISH_EDGE}
    assert inner <= breaks, f"a compound seam is not offered: {shown(swedish.text(word))}"


@pytest.mark.parametrize("marked", SWEDISH_WORDS)
def test_no_swedish_break_leaves_fewer_than_three_letters(swedish, marked):
    word, _, _ = points(marked)
    # A line breaks the word once: what matters is the first and the last piece.
    pieces = shown(swedish.text(word)).split("|")
    assert len(pieces[0]) >= SWEDISH_EDGE and len(pieces[-1]) >= SWEDISH_EDGE, pieces


def test_the_edges_keep_the_short_first_and_last_syllables_whole(swedish):
    # "av" of avskrivningar and "ar" at its end are syllables, but too short to leave.
    assert shown(swedish.text("avskrivningar")) == "avskriv|ningar"
    assert shown(swedish.text("ekonomiplan")) == "eko|no|mi|plan"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Capitals break as their lower-case letters do.
        ("VERKSAMHETSBIDRAG", "VERK|SAM|HETS|BI|DRAG"),
        ("Budgetförslaget", "Bud|get|för|sla|get"),
        # A hyphenated compound breaks at its hyphen and inside its pieces, never
        # right beside the hyphen.
        ("social-och hälsovårdstjänster", "social-och häl|so|vårds|tjäns|ter"),
        ("budget-ekonomiplan", "bud|get-eko|no|mi|plan"),
        # Six letters is the shortest word with room for three on each side;
        # shorter words, figures and codes stay whole.
        ("staden", "sta|den"),
        ("skola", "skola"),
        ("S365", "S365"),
        ("Lovisa stad 2023", "Lovisa stad 2023"),
    ],
)
def test_swedish_text(swedish, text, expected):
    assert shown(swedish.text(text)) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aåäoöeiuyklmnprstv -.,1")), max_size=60))
def test_swedish_hyphenation_only_adds_soft_hyphens(swedish, text):
    result = swedish.text(text)
    assert result.replace(SOFT_HYPHEN, "") == text
    assert SOFT_HYPHEN + SOFT_HYPHEN not in result
    assert "-" + SOFT_HYPHEN not in result and SOFT_HYPHEN + "-" not in result
    assert not result.startswith(SOFT_HYPHEN)


def test_swedish_words_are_looked_up_once(swedish):
    swedish.text("personalkostnader personalkostnader")
    before = swedish.word.cache_info().hits
    swedish.text("personalkostnader")
    assert swedish.word.cache_info().hits == before + 1


def test_missing_swedish_patterns_say_so():
    with pytest.raises(SwedishUnavailable, match="pyphen has no patterns 'xx'"):
        SwedishHyphenator(patterns="xx")


# --- the book's language picks the hyphenator -------------------------------------------


@pytest.mark.parametrize(
    ("language", "kind"),
    [("fi-FI", Hyphenator), ("fi", Hyphenator), ("sv-FI", SwedishHyphenator),
     ("sv-SE", SwedishHyphenator), ("SV", SwedishHyphenator)],
)  # fmt: skip
def test_the_language_picks_the_hyphenator(language, kind):
    hyphenator = hyphenator_for(language)
    try:
        assert type(hyphenator) is kind
        assert hyphenator.language == language[:2].lower()
    finally:
        hyphenator.close()


def test_an_unknown_language_names_itself_and_the_languages_there_are():
    with pytest.raises(UnknownLanguage) as caught:
        hyphenator_for("en-GB")
    message = str(caught.value)
    assert "'en-GB'" in message
    assert "hyphenation is available for: fi, sv" in message
