"""The cache of work every build would otherwise repeat: parsed fonts, hyphenated words.

A small book's build is mostly fixed costs, paid again in every process; what the
fonts' files and the dictionaries give does not change between builds, so it is
kept on disk. The folder is `$KKPDF_CACHE_DIR`, else `$XDG_CACHE_HOME/kkpdf`, else
`~/.cache/kkpdf`. Each entry is named by a digest of everything its content depends
on, so a changed font file or dictionary is a new entry, never a stale one.
Deleting the folder is always safe: what is missing is made again. An entry that
cannot be read (corrupt, truncated, from another Python) counts as missing, and a
folder that cannot be written to only costs the time: the cache never fails a build.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Mapping
from pathlib import Path

from kkpdf.files import OutputProblem, write_atomically

CACHE_VARIABLE = "KKPDF_CACHE_DIR"


def cache_folder(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where the cache is (None: nowhere, when no home folder is known)."""
    chosen = environ.get(CACHE_VARIABLE)
    if chosen:
        return Path(chosen)
    xdg = environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():  # the XDG spec: a relative path is to be ignored
        return Path(xdg) / "kkpdf"
    home = environ.get("HOME")
    return Path(home) / ".cache" / "kkpdf" if home else None


def entry_key(*parts: str | bytes) -> str:
    """A name for an entry from everything its content depends on, and the Python
    that pickled it."""
    digest = hashlib.sha256(sys.version.encode())
    for part in parts:
        # surrogatepass: a path not named in UTF-8 holds lone surrogates
        data = part.encode(errors="surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:40]


def read_entry(folder: Path | None, kind: str, key: str) -> object | None:
    """The entry's content, or None if it is missing or cannot be read."""
    if folder is None:
        return None
    try:
        data = (folder / kind / f"{key}.pickle").read_bytes()
    except OSError:
        return None
    try:
        stored_key, value = pickle.loads(data)
    except Exception:  # any damage to a cache file means: make it again
        return None
    return value if stored_key == key else None


def write_entry(
    folder: Path | None, kind: str, key: str, value: object, keep: int | None = None
) -> None:
    """Store the entry whole or not at all, as every file kkpdf writes, so that a build
    running beside this one reads the old entry or the new, never half; a folder that
    cannot be written to only costs the time. With `keep`, only that many of the kind's
    newest entries stay: a kind with an entry per version of the sources would grow
    without end."""
    if folder is None:
        return
    data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OutputProblem):
        write_atomically(folder / kind / f"{key}.pickle", data)
    if keep is not None:
        _prune(folder / kind, keep)


def _prune(folder: Path, keep: int) -> None:
    entries = []
    for entry in folder.glob("*.pickle"):
        with contextlib.suppress(OSError):  # gone already: another build pruned it
            entries.append((entry.stat().st_mtime_ns, entry))
    for _, entry in sorted(entries, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            entry.unlink()
