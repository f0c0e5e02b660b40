from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from kkpdf.language.hyphenation import SOFT_HYPHEN, Hyphenator
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
