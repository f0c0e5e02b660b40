"""Opening Voikko, the Finnish language library behind hyphenation and spelling."""

from __future__ import annotations

from kkpdf.diagnostics import EnvironmentProblem
from kkpdf.messages import Message, tr


class VoikkoUnavailable(EnvironmentProblem):
    """libvoikko or its Finnish dictionary is missing on this machine."""


def open_voikko(language: str, purpose: str):  # -> libvoikko.Voikko (imported lazily)
    """A Voikko handle; `purpose` ("hyphenation", "spelling") names what needs it."""
    try:
        import libvoikko
    except ImportError:
        raise VoikkoUnavailable(
            tr("the Python package 'libvoikko' is missing; run 'make setup' (it installs the "
               "Python packages into .venv)")
        ) from None  # fmt: skip
    try:
        return libvoikko.Voikko(language)
    except (OSError, libvoikko.VoikkoException) as err:
        raise VoikkoUnavailable(_unavailable(purpose, err)) from None


def _unavailable(purpose: str, err: Exception) -> Message:
    if purpose == "spelling":
        return tr("Finnish spelling is not available ({problem}); install the Debian packages "
                  "libvoikko1 and voikko-fi: sudo apt-get install libvoikko1 voikko-fi",
                  problem=err)  # fmt: skip
    return tr("Finnish hyphenation is not available ({problem}); install the Debian packages "
              "libvoikko1 and voikko-fi: sudo apt-get install libvoikko1 voikko-fi",
              problem=err)  # fmt: skip
