"""Snippets: the query's words in context, marked and escaped, by one algorithm.

quick_snippet finds the tokens that start like a query term with one regex pass, and
analyzes only those (term_function: the same folding and stemming as the field's
analyzer, through a cache) to confirm them; the busiest passages become at most two
fragments of whole words, never showing the same words twice.
"""
from __future__ import annotations

import re
import unicodedata
from html import escape

from indexer.analysis.analyzers import (ENGLISH, SPANISH, FoldFilter, NltkTokenizer,
                                        SnowballFilter, StopwordFilter, analyze,
                                        fold_token, stem)


class _TermCache(dict):
    """raw token -> index term, filled on first sight (dict lookups from C via map())."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, raw: str) -> str:
        if len(self) > 300_000:
            self.clear()
        term = self[raw] = self.compute(raw)
        return term


def _english_term(language: str):
    def compute(raw: str) -> str:
        text, acronym = fold_token(raw)
        if not acronym and not text.isdigit():
            text = stem(text, language)
        return text
    return compute


_CACHES: dict = {}


def term_function(analyzer):
    """raw token -> index term for the project's analyzers (text_analyzer, exact_analyzer);
    the same tokens, folding and stemming as the analyzer in index mode."""
    items = getattr(analyzer, "items", None)
    if not items:
        return None
    kinds = [type(item) for item in items]
    if kinds == [NltkTokenizer, FoldFilter]:
        key = ("exact",)
        compute = lambda raw: fold_token(raw)[0]  # noqa: E731
    elif kinds == [NltkTokenizer, FoldFilter, StopwordFilter, SnowballFilter]:
        key = ("stem", items[3].language)
        compute = _english_term(items[3].language)
    else:
        return None
    if key not in _CACHES:
        _CACHES[key] = _TermCache(compute)
    return _CACHES[key].__getitem__


# Accented Latin letters -> their base letter, one character for one: a folded copy of
# a text keeps every offset of the original (str.lower() and NFKD would not).
_BASE_LETTERS = str.maketrans({
    c: unicodedata.normalize("NFKD", c)[0] for c in map(chr, range(0xC0, 0x250))
    if len(unicodedata.normalize("NFKD", c)) > 1 and unicodedata.normalize("NFKD", c)[0].isalpha()
})


def match_spans(text: str, words: frozenset, term_of) -> list[tuple[int, int]]:
    """(start, end) of every token of text whose index term is in words, in text order."""
    if not words or not text:
        return []
    prefixes = sorted({w[:-1] if len(w) > 3 else w for w in words}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:[A-Za-z]\.){2,}|\b(?:%s)\w*(?:['’]\w+)*"
                         % "|".join(map(re.escape, prefixes)), re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text.translate(_BASE_LETTERS))
            if term_of(text[m.start():m.end()]) in words]


def find_in_text(text: str, q: str, language: str = "en") -> list[tuple[int, int]]:
    """Where the words of q stand in text, matched as search matches them (stems,
    accents): the document page's "find in this document"."""
    analyzer = SPANISH if language == "es" else ENGLISH
    words = frozenset(t for w in re.findall(r"\w+", q or "") for t in analyze(w, analyzer))
    return match_spans(text, words, term_function(analyzer))


def quick_snippet(text: str, words: frozenset, term_of, maxchars: int = 240,
                  surround: int = 80, top: int = 2) -> str | None:
    """Up to `top` escaped fragments of `text` around the tokens whose index term is in
    `words`, most matches first, shown in text order; None when it finds no match.

    Instead of analyzing every token of the body, one regex finds the tokens that
    start like a query term (a stem is its word's start, but for a changed last
    letter: policy -> polici) and the dotted acronyms (U.S. is the term us), and only
    those are analyzed to confirm them.
    """
    hits = match_spans(text, words, term_of)
    if not hits:
        return None
    groups: list[list[tuple[int, int]]] = []
    for span in hits:               # matches close enough to share one fragment
        if groups and span[1] - groups[-1][0][0] <= maxchars - 2 * surround:
            groups[-1].append(span)
        else:
            groups.append([span])
    best = sorted(groups, key=lambda g: (-len(g), g[0][0]))[:top]
    return " … ".join(_distinct_fragments(text, sorted(best, key=lambda g: g[0][0]), surround))


def _distinct_fragments(text: str, groups: list, surround: int) -> list[str]:
    """One fragment per group, in text order, never showing the same words twice: groups
    whose windows overlap become one fragment, and a fragment whose text another one
    already shows (a phrase the document repeats) is left out."""
    merged: list[list[tuple[int, int]]] = []
    for group in groups:
        if merged and group[0][0] - merged[-1][-1][1] <= 2 * surround:
            merged[-1] = merged[-1] + group
        else:
            merged.append(group)
    fragments, seen = [], []
    for group in merged:
        fragment = _fragment(text, group, surround)
        words = _MARKS.sub("", fragment)
        if not any(words in other or other in words for other in seen):
            fragments.append(fragment)
            seen.append(words)
    return fragments


_MARKS = re.compile(r"</?mark>")


def _fragment(text: str, spans: list[tuple[int, int]], surround: int) -> str:
    left, right = max(0, spans[0][0] - surround), min(len(text), spans[-1][1] + surround)
    if left > 0:                    # whole words at the edges
        space = text.find(" ", left, spans[0][0])
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", spans[-1][1], right)
        right = space if space >= 0 else right
    out, at = [], left
    for start, end in spans:
        out.append(escape(text[at:start], quote=False))
        out.append("<mark>%s</mark>" % escape(text[start:end], quote=False))
        at = end
    out.append(escape(text[at:right], quote=False))
    return " ".join("".join(out).split())
