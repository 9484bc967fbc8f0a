"""Snippets without re-analyzing each hit's whole body: the same output, a fraction of the work.

Whoosh's retokenizing Highlighter runs every token of the stored text through the
field's analyzer (four generator stages per token) and then through the
ContextFragmenter, which for a plain search was most of the time of a query.
This highlighter finds the tokens with one regex pass (the analyzer's own
pattern), maps each raw token to its index term through a cache (the same
folding and stemming as the analyzer), and hands the ContextFragmenter only the
tokens that can change its result: each matched token with the context before it
that the fragmenter keeps (``surround`` characters, plus the token before it),
and the tokens after it until any fragment it opens must have closed. Everything
else only ever enters and leaves the fragmenter's look-behind buffer, so
skipping it gives the very same fragments (tests compare with Whoosh's own).

Fields whose analyzer or fragmenter it does not know fall back to Whoosh.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from html import escape
from itertools import accumulate

from whoosh import highlight
from whoosh.analysis.acore import Token

from indexer.analysis.analyzers import (ENGLISH, SPANISH, FoldFilter, NltkTokenizer,
                                        SnowballFilter, StopwordFilter, _TOKEN_RE, analyze,
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


def _token(start: int, end: int, pos: int, term: str, matched: bool) -> Token:
    token = Token(positions=True, chars=True, removestops=False, mode="index")
    token.text = term
    token.startchar, token.endchar, token.pos = start, end, pos
    token.boost = 1.0
    token.stopped = False
    token.matched = matched
    return token


def context_tokens(text: str, words: frozenset, term_of, fragmenter) -> list[Token]:
    """The tokens the ContextFragmenter needs to produce exactly its full-text fragments."""
    charlimit = fragmenter.charlimit
    surround = fragmenter.surround
    if charlimit and len(text) > charlimit:
        spans = []
        for match in _TOKEN_RE.finditer(text):
            spans.append(match.span())
            if match.end() > charlimit:
                break           # the fragmenter stops at this token: none after it matter
        terms = [term_of(text[s:e]) for s, e in spans]
    else:
        terms = list(map(term_of, _TOKEN_RE.findall(text)))
        spans = None
    matched = [i for i, term in enumerate(terms) if term in words]
    if not matched:
        return []
    if spans is None:
        spans = [m.span() for m in _TOKEN_RE.finditer(text)]
    starts = [s for s, _ in spans]
    # ends_sum[k] = total length of tokens 0..k-1: the fragmenter's countdown falls by
    # each token's length, from at most 2*surround at a matched token.
    ends_sum = [0]
    ends_sum += accumulate(e - s for s, e in spans)
    count = len(spans)
    keep: list[tuple[int, int]] = []
    for j in matched:
        if j == 0:
            first = 0
        else:
            # Tokens starting before (end of token j-1) - surround have left the
            # fragmenter's look-behind buffer by the time token j-1 is read; token j-1
            # itself is always kept, so the buffer is emptied exactly as in a full pass.
            first = min(j - 1, bisect_left(starts, spans[j - 1][1] - surround))
        # The fragment a match opens or extends has closed once tokens j.. hold
        # 2*surround characters; keep one token more.
        last = min(count - 1, bisect_left(ends_sum, ends_sum[j] + 2 * surround) + 1)
        if keep and first <= keep[-1][1] + 1:
            keep[-1] = (keep[-1][0], max(keep[-1][1], last))
        else:
            keep.append((first, last))
    wanted = set(matched)
    return [_token(spans[i][0], spans[i][1], i, terms[i], i in wanted)
            for first, last in keep for i in range(first, last + 1)]


class ArchivoHighlighter(highlight.Highlighter):
    """Whoosh's Highlighter, with the retokenizing path done by context_tokens()."""

    def highlight_hit(self, hitobj, fieldname, text=None, top=3, minscore=1,
                      strict_phrase=False):
        results = hitobj.results
        field = results.searcher.schema[fieldname]
        term_of = term_function(field.analyzer)
        if (strict_phrase or term_of is None or type(self.fragmenter)
                is not highlight.ContextFragmenter or self.can_load_chars(results, fieldname)):
            return super().highlight_hit(hitobj, fieldname, text, top, minscore, strict_phrase)
        if text is None:
            if fieldname not in hitobj:
                raise KeyError(f"Field {fieldname!r} is not stored.")
            text = hitobj[fieldname]
        if results.has_matched_terms():
            bterms = (term for term in results.matched_terms() if term[0] == fieldname)
        else:
            bterms = results.query_terms(expand=True, fieldname=fieldname)
        words = frozenset(field.from_bytes(term[1]) for term in bterms)
        tokens = highlight.set_matched_filter(
            context_tokens(text, words, term_of, self.fragmenter), words)
        tokens = self._merge_matched_tokens(tokens)
        fragments = self.fragmenter.fragment_tokens(text, tokens)
        fragments = highlight.top_fragments(fragments, top, self.scorer, self.order,
                                            minscore=minscore)
        return self.formatter.format(fragments)


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
    pattern = re.compile(r"\b(?:%s)\w*(?:['’]\w+)*" % "|".join(map(re.escape, prefixes)),
                         re.IGNORECASE)
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
    letter: policy -> polici), and only those are analyzed to confirm them.
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
