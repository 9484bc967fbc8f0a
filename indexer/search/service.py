"""SearchRequest -> SearchResult: ranked hits, snippets, disjunctive facets, a suggestion.

One long-lived Whoosh searcher per process (indexer.search.live), refreshed when the
index changes, never one per query. The steps of a search have a module each: the
facet selection and counts (facets), which engine matches and scores (matching), the
page (paging), the hits and their snippets (hits), "did you mean" (suggest); the
result is the frozen SearchResult (results).
No Flask here: the web app and the CLI both call SearchService.search().
"""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.core.errors import DocumentNotFound
from indexer.engine import IndexStore, budget, partial_notice, text_query
from indexer.search.facets import facet_counts, final_set, selection
from indexer.search.hits import HitMaker, make_hit
from indexer.search.live import LiveIndex
from indexer.search.matching import best_ids, match, more_like, page_hits
from indexer.search.paging import within_window
from indexer.search.request import SearchRequest
from indexer.search.results import Hit, SearchResult
from indexer.search.suggest import suggestion


def default_doc_url(doc_id: str) -> str:
    return f"/documents/{doc_id}"


class SearchService:
    def __init__(self, store: IndexStore, doc_url=default_doc_url,
                 topics_file: Path = DEFAULT_TOPICS_FILE, semantic: bool = True):
        self.store = store
        self.semantic = semantic            # rank plain words by meaning too (search.fusion)
        self.doc_url = doc_url
        self.topics_file = topics_file      # its equivalents expand a query across languages
        self._lock = threading.RLock()
        self._live = LiveIndex(store)
        self._hits = HitMaker(doc_url)

    # -- the long-lived searcher ----------------------------------------------
    def _fresh_searcher(self):
        return self._live.fresh()

    # What the engine's tests look into (tests/test_vectorscore.py, test_termarrays.py).
    @property
    def _searcher(self):
        return self._live.searcher

    @property
    def _vectors(self):
        return self._live.vectors

    @property
    def _facets(self):
        return self._live.facets

    def close(self):
        self._live.close()

    # -- searching -------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        """The request's results; a capped expansion adds a notice (partial results),
        a search past its time budget raises SearchTooSlow (indexer.engine.querylimits)."""
        request = within_window(request)
        with self._lock, budget() as held:
            self._fresh_searcher()
            result = self._search(request)
        return result.with_notice(partial_notice(held))

    def ranked_ids(self, q: str, limit: int = 10) -> list[tuple[str, float]]:
        """(id, score) of the best `limit` documents for a query string, no filters.

        The same query path and ranking as search(): `indexer evaluate` measures this.
        """
        query = text_query(q, self.topics_file)
        if query is None:
            return []
        with self._lock:
            self._fresh_searcher()
            return best_ids(self._live, query, q, limit, self.semantic)

    def _search(self, request: SearchRequest) -> SearchResult:
        live = self._live
        q = text_query(request.q, self.topics_file)
        base, masks, narrowed = selection(live.facets, request)
        base, ranked = match(live, q, base, masks, narrowed, request, self.semantic)
        final = final_set(base, masks)
        total = int(np.count_nonzero(final))
        return SearchResult(
            query=request.q, total=total, page=request.page, per_page=request.per_page,
            hits=page_hits(live, self._hits, q, final, ranked, request) if total else (),
            facets=facet_counts(live, q, base, masks, narrowed, request),
            suggestion=suggestion(live, request.q))

    # -- single documents ------------------------------------------------------
    def more_like_this(self, doc_id: str, limit: int = 5) -> tuple[Hit, ...]:
        with self._lock:
            searcher = self._fresh_searcher()
            docnum = searcher.document_number(id=doc_id)
            if docnum is None:
                raise DocumentNotFound(f"no document with id {doc_id!r} in the index")
            return tuple(make_hit(fields, self.doc_url(fields["id"]))
                         for fields in more_like(self._live, docnum, limit, self.semantic))

    def doc_count(self) -> int:
        with self._lock:
            return self._fresh_searcher().doc_count()
