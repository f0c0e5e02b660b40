"""Which server a client may ask: the same user, interpreter, code and settings.

The server's address is an abstract Unix socket (Linux; nothing in the file system
to go stale) named by a digest of everything a started server has already taken in:
kkpdf's files, the installed packages, the interpreter, and the environment that
modules read when they are imported. Change any of them and the next command finds
no server under the new name and starts a new one; the old one ends when idle.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from kkpdf import code_files

try:  # hashlib's own blake2b, without hashlib's start-up, which loads OpenSSL (0.01 s)
    from _blake2 import blake2b
except ImportError:
    from hashlib import blake2b

# Read when modules are imported (ReportLab's RL_*, Python's own, the locale that
# sets the streams' encoding) or by kkpdf; the rest of the environment only
# reaches the worker, which takes the client's whole environment.
# HOME: ReportLab reads ~/.reportlab_settings. kkpdf's own variables are read when
# a command runs, in the worker; the cache folder is here all the same, so that
# separate caches (the tests', a benchmark's) have separate servers.
IMPORTED_VARIABLES = ("LANG", "TZ", "HOME", "KKPDF_CACHE_DIR")
IMPORTED_PREFIXES = ("RL_", "PYTHON", "LC_")


def fingerprint(paths: list[str], environ: Mapping[str, str], package: str | None = None) -> str:
    """A digest of kkpdf's code (`kkpdf.code_files`, of `package` if given), the
    folders on `paths` (an install changes a folder's time) and the environment a
    started server has read."""
    digest = blake2b(digest_size=12)
    for part in (str(os.getuid()), sys.executable, sys.version):
        digest.update(part.encode(errors="surrogateescape") + b"\0")
    for path, size, modified in code_files(*([package] if package else [])):
        digest.update(f"{path}\0{size}\0{modified}\0".encode(errors="surrogateescape"))
    for path in paths:
        try:
            digest.update(f"{path}\0{os.stat(path).st_mtime_ns}\0".encode(errors="surrogateescape"))
        except OSError:
            digest.update(f"{path}\0-\0".encode(errors="surrogateescape"))
    for name in sorted(environ):
        if name in IMPORTED_VARIABLES or name.startswith(IMPORTED_PREFIXES):
            digest.update(f"{name}={environ[name]}\0".encode(errors="surrogateescape"))
    return digest.hexdigest()


def server_address(key: str) -> str:
    """The abstract socket's name (the leading NUL keeps it out of the file system)."""
    return f"\0kkpdf-{os.getuid()}-{key}"
