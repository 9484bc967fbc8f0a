"""Result entries: the fields a hit shows, its snippet, and where the query matched.

Snippets are made by one algorithm (indexer.search.highlighting.quick_snippet) from the
words the array engine matched, whatever part of the search syntax found them.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from html import escape

from indexer.analysis.analyzers import ENGLISH, EXACT, analyze

SNIPPET_CHARS = 240
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


def result_entry(fields: dict, url: str, snippet: str = "", score: float | None = None,
                 matched: dict | None = None) -> dict:
    """A result; browsing by date has no score, no highlight and no matched words."""
    if not snippet:
        snippet = escape(_shorten(fields.get("summary") or fields.get("body", "")))
    return {
        "id": fields["id"], "title": fields["title"], "type": fields.get("type", ""),
        "topics": _split(fields.get("topics")), "authors": _split(fields.get("authors")),
        "date": fields.get("date") or None, "url": url,
        "snippet": snippet, "score": score, "matched": matched or {},
    }


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
