"""Opening Voikko, the Finnish language library behind hyphenation and spelling."""

from __future__ import annotations

from kkpdf.diagnostics import EnvironmentProblem


class VoikkoUnavailable(EnvironmentProblem):
    """libvoikko or its Finnish dictionary is missing on this machine."""


def open_voikko(language: str, purpose: str):  # -> libvoikko.Voikko (imported lazily)
    """A Voikko handle; `purpose` ("hyphenation", "spelling") names what needs it."""
    try:
        import libvoikko
    except ImportError:
        raise VoikkoUnavailable(
            "the Python package 'libvoikko' is missing; run 'make setup' (it installs the "
            "Python packages into .venv)"
        ) from None
    try:
        return libvoikko.Voikko(language)
    except (OSError, libvoikko.VoikkoException) as err:
        raise VoikkoUnavailable(
            f"Finnish {purpose} is not available ({err}); install the Debian packages "
            "libvoikko1 and voikko-fi: sudo apt-get install libvoikko1 voikko-fi"
        ) from None
