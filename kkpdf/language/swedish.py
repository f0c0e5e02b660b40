"""Opening the Swedish language tools: pyphen's hyphenation patterns and a Hunspell
dictionary through Enchant.

Both are imported only when a Swedish book asks for them, as Voikko is for a
Finnish one, so that a machine that builds only Finnish books needs neither
Enchant's C library nor the Swedish dictionary.
"""

from __future__ import annotations

from collections.abc import Sequence

from kkpdf.diagnostics import EnvironmentProblem

# The dictionaries Enchant is asked for, in order: Finland's Swedish first, for its
# words (Lovisa, kommunstyrelsen as written here), then Sweden's.
SWEDISH_DICTIONARIES = ("sv_FI", "sv_SE")


class SwedishUnavailable(EnvironmentProblem):
    """pyphen, Enchant or the Swedish Hunspell dictionary is missing on this machine."""


def open_pyphen(patterns: str, *, left: int, right: int):  # -> pyphen.Pyphen (lazy import)
    """pyphen's hyphenation by the named patterns ("sv"), keeping `left` letters at a
    word's start and `right` at its end."""
    try:
        import pyphen
    except ImportError:
        raise SwedishUnavailable(
            "the Python package 'pyphen' is missing; run 'make setup' (it installs the "
            "Python packages into .venv)"
        ) from None
    if patterns not in pyphen.LANGUAGES:
        raise SwedishUnavailable(
            f"Swedish hyphenation is not available (pyphen has no patterns '{patterns}'); "
            "reinstall pyphen: run 'make setup'"
        )
    return pyphen.Pyphen(lang=patterns, left=left, right=right)


def open_enchant(tags: Sequence[str] = SWEDISH_DICTIONARIES):  # -> enchant.Dict (lazy import)
    """The first of the dictionaries `tags` that Enchant has."""
    install = "install the Debian packages libenchant-2-2 and hunspell-sv: " \
        "sudo apt-get install libenchant-2-2 hunspell-sv"  # fmt: skip
    try:
        import enchant
    except ImportError as err:  # pyenchant itself, or Enchant's C library it loads
        raise SwedishUnavailable(f"Swedish spelling is not available ({err}); {install}") from None
    for tag in tags:
        if enchant.dict_exists(tag):
            return enchant.Dict(tag)
    raise SwedishUnavailable(
        f"Swedish spelling is not available (Enchant has no dictionary {' or '.join(tags)}); "
        f"{install}"
    )
