"""Opening the Swedish language tools: pyphen's hyphenation patterns and a Hunspell
dictionary through Enchant.

Both are imported only when a Swedish book asks for them, as Voikko is for a
Finnish one, so that a machine that builds only Finnish books needs neither
Enchant's C library nor the Swedish dictionary.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kkpdf.diagnostics import EnvironmentProblem
from kkpdf.messages import Message, tr

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
            tr("the Python package 'pyphen' is missing; run 'make setup' (it installs the "
               "Python packages into .venv)")
        ) from None  # fmt: skip
    if patterns not in pyphen.LANGUAGES:
        raise SwedishUnavailable(
            tr("Swedish hyphenation is not available (pyphen has no patterns '{patterns}'); "
               "reinstall pyphen: run 'make setup'", patterns=patterns)
        )  # fmt: skip
    return pyphen.Pyphen(lang=patterns, left=left, right=right)


def pyphen_version(patterns: str) -> str:
    """What pyphen's hyphenation by `patterns` depends on: its version and the patterns'
    file, by size and time (called after `open_pyphen`, which found them)."""
    import pyphen

    path = Path(pyphen.LANGUAGES[patterns])
    stat = path.stat()
    return f"{pyphen.__version__} {path} {stat.st_size} {stat.st_mtime_ns}"


def open_enchant(tags: Sequence[str] = SWEDISH_DICTIONARIES):  # -> enchant.Dict (lazy import)
    """The first of the dictionaries `tags` that Enchant has."""
    install = tr("install the Debian packages libenchant-2-2 and hunspell-sv: "
                 "sudo apt-get install libenchant-2-2 hunspell-sv")  # fmt: skip
    try:
        import enchant
    except ImportError as err:  # pyenchant itself, or Enchant's C library it loads
        raise SwedishUnavailable(
            tr("Swedish spelling is not available ({problem}); {install}",
               problem=err, install=install)
        ) from None  # fmt: skip
    for tag in tags:
        if enchant.dict_exists(tag):
            return enchant.Dict(tag)
    raise SwedishUnavailable(
        tr("Swedish spelling is not available (Enchant has no dictionary {dictionaries}); "
           "{install}", dictionaries=_either(tags), install=install)
    )  # fmt: skip


def _either(tags: Sequence[str]) -> Message | str:
    """ "sv_FI or sv_SE", in the reader's language."""
    said: Message | str = ""
    for tag in tags:
        said = tr("{choices} or {choice}", choices=said, choice=tag) if said else tag
    return said
