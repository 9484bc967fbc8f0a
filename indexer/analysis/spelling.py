""""Did you mean" words of the body, as a word list file beside each generation.

Whoosh's spelling=True on the body indexed every unstemmed body word as a second
field (spell_body): as many postings again as the body itself, written on every
rebuild (about 40% of the posting writer's work). Suggestions only need the words,
not which documents hold them, so a rebuild writes them once to spelling.txt in
the generation, and a librarian's save appends its document's words. The words
are exactly those Whoosh put in spell_body: the body's tokens folded, without
stopwords (acronyms kept), unstemmed.
"""
from __future__ import annotations

import os
from bisect import bisect_left
from pathlib import Path
from typing import Iterable

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton
from whoosh.spelling import Corrector, ListCorrector

from indexer.analysis.analyzers import _TOKEN_RE, fold_token, stopword_set

WORDS_FILE = "spelling.txt"


def spell_words(text: str, language: str = "en") -> set[str]:
    """The body words Whoosh's spelling field held for this text."""
    return spelling_words(set(_TOKEN_RE.findall(text or "")), language)


def spelling_words(tokens: Iterable[str], language: str = "en") -> set[str]:
    """The spelling words of a set of raw tokens (a rebuild gathers the tokens of all
    bodies as it indexes them, and the words of a union are the union of the words)."""
    stops = stopword_set(language)
    words = set()
    for raw in tokens:
        word, acronym = fold_token(raw)
        if acronym or word not in stops:
            words.add(word)
    return words


def write_words(folder: Path, words: Iterable[str]) -> None:
    data = "".join(f"{w}\n" for w in sorted(words)).encode()
    tmp = Path(folder) / f".tmp-{WORDS_FILE}"
    tmp.write_bytes(data)
    os.replace(tmp, Path(folder) / WORDS_FILE)


def append_words(folder: Path, words: Iterable[str]) -> None:
    """A save's words; readers sort and dedupe on load (under the writer lock)."""
    data = "".join(f"{w}\n" for w in sorted(words)).encode()
    if data:
        with open(Path(folder) / WORDS_FILE, "ab") as handle:
            handle.write(data)


def load_words(folder: Path) -> list[str]:
    try:
        text = (Path(folder) / WORDS_FILE).read_text()
    except FileNotFoundError:
        return []
    return sorted(set(text.split()))


class WordList:
    """The sorted body words of one generation: membership and suggestions."""

    def __init__(self, words: list[str]):
        self.words = words

    def __contains__(self, word: str) -> bool:
        i = bisect_left(self.words, word)
        return i < len(self.words) and self.words[i] == word

    def corrector(self, reader, fieldname: str = "body") -> Corrector:
        return _WordListCorrector(self.words, reader, fieldname)


class _WordListCorrector(Corrector):
    """Whoosh's ReaderCorrector over the word list: every word within maxdist edits,
    scored as ReaderCorrector scores them (by the word's frequency in the field)."""

    def __init__(self, words: list[str], reader, fieldname: str):
        self.words, self.reader, self.fieldname = words, reader, fieldname

    def _suggestions(self, text, maxdist, prefix):
        dfa = levenshtein_automaton(text, maxdist, prefix).to_dfa()
        freq = self.reader.frequency
        for sug in find_all_matches(dfa, ListCorrector.Skipper(self.words)):
            f = freq(self.fieldname, sug) or 1
            yield (0 - (maxdist + (1.0 / f * 0.5)), sug)
