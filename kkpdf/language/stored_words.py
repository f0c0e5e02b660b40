"""What a language tool said of each word, kept between builds in `kkpdf.cache`.

The shipped book asks Voikko about some 700 words in every build, the same words
each time; their answers depend only on the word, the dictionary and the rules
here, which the entry's key names.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from kkpdf.cache import read_entry, write_entry

Answer = TypeVar("Answer")

# Entries are kept under this folder of the cache.
KIND = "words"
# The most words kept: a bound on the file, far above a book's vocabulary.
LIMIT = 200_000


class StoredWords(Generic[Answer]):
    """`answer(word)`, looked up first among the answers stored under `key` in the
    cache `folder` (None: in this process only); `keep` stores the new ones."""

    def __init__(self, answer: Callable[[str], Answer], folder: Path | None, key: str) -> None:
        self._answer, self._folder, self._key = answer, folder, key
        stored = read_entry(folder, KIND, key)
        self._known: dict[str, Answer] = stored if isinstance(stored, dict) else {}
        self._new = 0  # answers not yet stored

    def __call__(self, word: str) -> Answer:
        known = self._known.get(word)
        if known is None:
            known = self._answer(word)
            if len(self._known) < LIMIT:
                self._known[word] = known
                self._new += 1
        return known

    def keep(self) -> None:
        """Store the answers, with those another process stored meanwhile (a layout's
        child process, an edition's), if any are new."""
        if not self._new or self._folder is None:
            return
        stored = read_entry(self._folder, KIND, self._key)
        if isinstance(stored, dict) and len(stored) < LIMIT:
            self._known = {**stored, **self._known}
        write_entry(self._folder, KIND, self._key, self._known)
        self._new = 0
