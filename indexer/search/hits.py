"""Result entries: the fields a hit shows, its snippet, and where the query matched.

Shared by both search paths (indexer.engine.vectorscore's arrays and Whoosh's own hits),
so a result looks the same whichever path ranked it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from html import escape

from whoosh import highlight

from indexer.analysis.analyzers import ENGLISH, EXACT, analyze
from indexer.search.highlighting import ArchivoHighlighter

SNIPPET_CHARS = 240
# Pages a hit names ("p. 4, 17, 23"): the first few, in page order.
MAX_PAGES = 5
FIELD_LABELS = {"title": "title", "summary": "summary", "body": "text", "author_text": "authors",
                "program_text": "program", "series_text": "series", "topics": "topics",
                "type": "type", "year": "year"}


class EscapingFormatter(highlight.Formatter):
    """Highlight markup built from escaped text: a document can never inject HTML."""
    between = " … "

    def _text(self, text):
        return escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return "<mark>%s</mark>" % escape(highlight.get_text(text, token, replace), quote=False)


def highlighter() -> ArchivoHighlighter:
    return ArchivoHighlighter(
        fragmenter=highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=80),
        formatter=EscapingFormatter())


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
             limit: int = MAX_PAGES) -> list[int]:
    """The PDF pages (from 1) that hold the matched words at spans, given the stored
    page offsets ("812,2040,..."); [] for a document without pages."""
    starts = [int(n) for n in (page_starts or "").split(",") if n.isdigit()]
    if not starts:
        return []
    return sorted({bisect_right(starts, start) + 1 for start, _ in spans})[:limit]


def result_entry(fields: dict, url: str, snippet: str = "", score: float | None = None,
                 matched: dict | None = None, pages: list[int] | None = None) -> dict:
    """A result; browsing by date has no score, no highlight and no matched words.
    pages: the PDF pages that hold the matched words, when the document has pages."""
    if not snippet:
        snippet = escape(_shorten(fields.get("summary") or fields.get("body", "")))
    return {
        "id": fields["id"], "title": fields["title"], "type": fields.get("type", ""),
        "topics": _split(fields.get("topics")), "authors": _split(fields.get("authors")),
        "date": fields.get("date") or None, "url": url,
        "snippet": snippet, "score": score, "matched": matched or {}, "pages": pages or [],
    }


def hit_score(hit) -> float | None:
    """BM25F score; a date-sorted search has none (Whoosh puts the sort key there)."""
    return round(hit.score, 4) if isinstance(hit.score, (int, float)) else None


def _split(value) -> list[str]:
    return [v for v in (value or "").split(",") if v]


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


def matched_words(pairs, fields: dict, typed: dict[str, str]) -> dict[str, list[str]]:
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
    return {k: v for k, v in found.items() if v}
