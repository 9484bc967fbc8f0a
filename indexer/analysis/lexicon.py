"""Known English and Spanish words, to mend the words a PDF's text layer cuts in two.

A PDF's text layer places letters, not words: a wide letter gap reads as a space
("ser ies"), and a line-end hyphen ("migra-" / "tion") is a printed split. Whether the
parts make one word is a question for a word list: pyspellchecker's frequency lists
(en: 160,572 words, es: 86,158; MIT), read from the installed package, so nothing is
downloaded. They lack much of the archive's own language (infraestructura, remesas,
nearshoring), so ingest also counts the words the document itself spells whole.

Loaded once per process on first use (about 0.5 s, 25 MB): only processes that read
PDFs pay for it.
"""
from __future__ import annotations

import functools
import gzip
import json
from importlib import resources

LANGUAGES = ("en", "es")


@functools.cache
def known_words() -> frozenset[str]:
    words: set[str] = set()
    for language in LANGUAGES:
        path = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
        with path.open("rb") as handle:
            words.update(json.load(gzip.open(handle)))
    return frozenset(words)


def is_word(token: str) -> bool:
    """A word of either language, in any case ("Series", "SERIES", "series")."""
    return token.lower() in known_words()
