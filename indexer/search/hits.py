"""Hits: the fields a result shows, its snippet, and where the query matched.

Snippets are made by one algorithm (indexer.search.highlighting.quick_snippet) from the
words the array engine matched, whatever part of the search syntax found them.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from html import escape

from indexer.analysis.analyzers import ENGLISH, EXACT, analyze
from indexer.search.highlighting import match_spans, quick_snippet, term_function
from indexer.search.results import Hit

SNIPPET_CHARS = 240
# Pages a hit names ("p. 4, 17, 23"): the first few, in page order.
MAX_PAGES = 5
FIELD_LABELS = {"title": "title", "summary": "summary", "body": "text", "author_text": "authors",
                "program_text": "program", "series_text": "series", "topics": "topics",
                "type": "type", "year": "year"}


class SnippetCache:
    """Snippets of recently shown results, least recently used out first.

    A researcher narrowing a search by facets sees the same documents for the same
    words again and again; finding the words in a body is most of building a page.
    Keyed by the document's id and etag, so an edited document gets a new snippet.
    """

    def __init__(self, size: int = 4096):
        self.size = size
        self._items: OrderedDict = OrderedDict()

    def get(self, key, make):
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = self._items[key] = make()
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return value


def pages_of(spans: list[tuple[int, int]], page_starts: str | None,
             limit: int = MAX_PAGES) -> tuple[int, ...]:
    """The PDF pages (from 1) that hold the matched words at spans, given the stored
    page offsets ("812,2040,..."); () for a document without pages."""
    starts = [int(n) for n in (page_starts or "").split(",") if n.isdigit()]
    if not starts:
        return ()
    return tuple(sorted({bisect_right(starts, start) + 1 for start, _ in spans})[:limit])


def make_hit(fields: dict, url: str, snippet: str = "", score: float | None = None,
             matched: dict | None = None, pages: tuple[int, ...] = (),
             related_in_meaning: bool = False) -> Hit:
    """A hit; browsing by date has no score, no highlight and no matched words.
    pages: the PDF pages that hold the matched words, when the document has pages."""
    if not snippet:
        snippet = escape(_shorten(fields.get("summary") or fields.get("body", "")))
    return Hit(id=fields["id"], title=fields["title"], type=fields.get("type", ""),
               topics=_split(fields.get("topics")), authors=_split(fields.get("authors")),
               date=fields.get("date") or None, url=url, snippet=snippet, score=score,
               matched=matched or {}, pages=pages, related_in_meaning=related_in_meaning)


class HitMaker:
    """Makes the hits of the arrays' path (and of browsing), keeping their snippets."""

    def __init__(self, doc_url):
        self.doc_url = doc_url
        self._snippets = SnippetCache()

    def plain(self, fields: dict) -> Hit:
        return make_hit(fields, self.doc_url(fields["id"]))

    def scored(self, searcher, docnum: int, score, scored, typed) -> Hit:
        """A hit the arrays scored (`scored`: indexer.engine's Scored)."""
        fields = searcher.stored_fields(docnum)
        # Spanish documents are highlighted with their Spanish words and analysis.
        names = ("body_es", "body") if fields.get("language") == "es" else ("body",)
        words = tuple(scored.words_of(name) for name in names)
        key = (fields["id"], fields.get("etag"), names, words)
        snippet, pages = self._snippets.get(
            key, lambda: _snippet(searcher, fields, names, words))
        return make_hit(fields, self.doc_url(fields["id"]), snippet,
                        None if score is None else round(float(score), 4),
                        matched_words(scored.terms_in(docnum), fields, typed), pages,
                        scored.by_meaning is not None and bool(scored.by_meaning[docnum]))


def _snippet(searcher, fields: dict, names: tuple, words: tuple) -> tuple[str, tuple[int, ...]]:
    """The snippet, and the PDF pages that hold the words (for a PDF with pages)."""
    body = fields.get("body", "")
    for name, field_words in zip(names, words):
        term_of = term_function(searcher.schema[name].analyzer)
        snippet = quick_snippet(body, field_words, term_of)
        if snippet:
            pages = pages_of(match_spans(body, field_words, term_of),
                             fields.get("page_starts")) if fields.get("page_starts") else ()
            return snippet, pages
    return "", ()


def _split(value) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(",") if v)


def _shorten(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


def typed_words(q: str) -> dict[str, str]:
    """Index term -> the word as the researcher typed it ("secur" -> "security")."""
    typed: dict[str, str] = {}
    for word in re.findall(r"\w+", q or ""):
        for analyzer in (ENGLISH, EXACT):
            for term in analyze(word, analyzer):
                typed.setdefault(term, word)
    return typed


def matched_words(pairs, fields: dict, typed: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Which query words matched in which fields: the "why this result" disclosure.
    `pairs` are the (field, term) pairs that matched the document."""
    found: dict[str, list[str]] = {}
    for fieldname, term in pairs or []:
        if fieldname == "year":     # range terms are coarse numeric bytes: show the year held
            word = str(fields.get("year", ""))
        else:
            word = term.decode("utf-8", "replace") if isinstance(term, bytes) else str(term)
        word = typed.get(word, word)
        label = FIELD_LABELS.get(fieldname)
        if label and word not in found.setdefault(label, []):
            found[label].append(word)
    return {k: tuple(v) for k, v in found.items() if v}
