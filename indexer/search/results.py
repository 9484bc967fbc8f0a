"""What a search gives back: a SearchResult of Hits and facet counts, frozen.

The search page renders these objects, and the JSON API and `indexer search --json`
print `SearchResult.to_json()`: one shape, written once, so the three cannot drift.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

# The JSON contract (webapp/openapi.py describes it): a hit's public fields, and a
# facet value's. A hit's score and matched words, and whether a facet value is
# excluded, are for the page only.
HIT_JSON_FIELDS = ("id", "title", "type", "topics", "authors", "date", "url", "snippet",
                   "pages", "related_in_meaning")
FACET_JSON_FIELDS = ("value", "count", "selected")


@dataclass(frozen=True)
class Hit:
    """One document in the results. `snippet` is HTML (escaped text with <mark>s);
    `score` is None when the results are browsed by date; `matched` is the "why this
    result" disclosure: a field's label -> the query words, as typed, it matched;
    `pages` the pages of a PDF that hold them (empty for other documents)."""
    id: str
    title: str
    type: str
    topics: tuple[str, ...]
    authors: tuple[str, ...]
    date: str | None
    url: str
    snippet: str = ""
    score: float | None = None
    matched: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pages: tuple[int, ...] = ()       # a PDF's pages (from 1) holding the matched words
    related_in_meaning: bool = False  # found by meaning: it holds none of the words

    def to_json(self) -> dict:
        return {name: _plain(getattr(self, name)) for name in HIT_JSON_FIELDS}


@dataclass(frozen=True)
class FacetCount:
    """One value of a facet with the number of results holding it (disjunctive: a
    facet's own selection is left out of its counts)."""
    value: str
    count: int
    selected: bool = False
    excluded: bool = False

    def to_json(self) -> dict:
        return {name: getattr(self, name) for name in FACET_JSON_FIELDS}


@dataclass(frozen=True)
class SearchResult:
    """One page of a search. `notice` says the results are partial (a capped prefix,
    wildcard or range, or the time budget); None when they are whole."""
    query: str
    total: int
    page: int
    per_page: int
    hits: tuple[Hit, ...] = ()
    facets: dict[str, tuple[FacetCount, ...]] = field(default_factory=dict)
    suggestion: str | None = None
    notice: str | None = None

    def with_notice(self, notice: str | None) -> "SearchResult":
        return replace(self, notice=notice) if notice else self

    def to_json(self) -> dict:
        """The JSON API's shape; "notice" only when the results are partial."""
        return {
            "query": self.query, "total": self.total, "page": self.page,
            "per_page": self.per_page, "results": [hit.to_json() for hit in self.hits],
            "facets": {name: [entry.to_json() for entry in entries]
                       for name, entries in self.facets.items()},
            "suggestion": self.suggestion,
        } | ({"notice": self.notice} if self.notice else {})


def _plain(value):
    """Tuples (immutable here) as JSON lists."""
    return list(value) if isinstance(value, tuple) else value
