"""Opening Voikko, the Finnish language library behind hyphenation and spelling."""

from __future__ import annotations

import os
from pathlib import Path

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


# Where Voikko looks for its dictionaries (libvoikko's documentation), beside the
# folders of VOIKKO_DICTIONARY_PATH.
DICTIONARY_FOLDERS = ("~/.voikko", "~/.config/voikko", "/etc/voikko", "/usr/lib/voikko",
                      "/usr/local/lib/voikko", "/usr/share/voikko")  # fmt: skip


def dictionary_version(voikko) -> str:
    """What the results of `voikko` depend on: the library's version and every Finnish
    dictionary it could have found, by its index (SM-Version, Build-Date) and the size
    and time of its files; a new dictionary is a new version."""
    folders = [*os.environ.get("VOIKKO_DICTIONARY_PATH", "").split(os.pathsep),
               *DICTIONARY_FOLDERS]  # fmt: skip
    parts = [type(voikko).getVersion()]
    for folder in folders:
        if not folder:
            continue
        for file in sorted(Path(folder).expanduser().glob("*/mor-*/*")):
            try:
                stat = file.stat()
                index = file.read_text("utf-8", "replace") if file.name == "index.txt" else ""
            except OSError:
                continue
            parts.append(f"{file} {stat.st_size} {stat.st_mtime_ns} {index}")
    return "\n".join(parts)
