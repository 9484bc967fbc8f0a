"""How a query is matched and its page of hits made: by the one scorer.

Every query the search box accepts is matched and scored by the arrays
(indexer.engine's VectorScorer, the formulas of indexer.engine.bm25f); a page is then
cut from its scores, or by date when the request sorts by date.
`live` is the search service's LiveIndex (indexer.search.live).
"""
from __future__ import annotations

import numpy as np

from indexer.engine import Scored, more_like_query, page_by_date, top_documents, uses_syntax
from indexer.search.fusion import WEIGHT, fuse, fuse_vector
from indexer.search.hits import HitMaker, typed_words
from indexer.search.live import LiveIndex
from indexer.search.paging import by_date, page_window
from indexer.search.request import SearchRequest
from indexer.search.results import Hit


def match(live: LiveIndex, q, base: np.ndarray, masks: dict, narrowed: bool,
          request: SearchRequest, semantic: bool = False) -> tuple[np.ndarray, Scored | None]:
    """(`base` narrowed to the query's matches, their Scored arrays); no query, no scores.
    semantic: plain words are ranked by meaning as well (indexer.search.fusion)."""
    if q is None:
        return base, None
    scored = score(live, q, request.q, semantic)
    return base & scored.matched, scored


def score(live: LiveIndex, q, text: str, semantic: bool) -> Scored:
    """The one scorer's BM25F, fused with meaning for a plain query when semantic."""
    scored = live.vectors.score(q)
    if semantic and not uses_syntax(text):
        scored = fuse(text, scored, live.meaning, live.facets.live)
    return scored


def page_hits(live: LiveIndex, hits: HitMaker, q, final: np.ndarray, ranked: Scored | None,
              request: SearchRequest) -> tuple[Hit, ...]:
    """The request's page of hits, by the scores or by date."""
    searcher = live.searcher
    start, limit = page_window(request)
    if by_date(request, q is not None):
        docnums = page_by_date(live.date_order(request.sort), final, start,
                               limit, newest=request.sort != "oldest")
        scores = [None] * len(docnums)
    else:
        docnums, scores = top_documents(ranked.scores, final, start, limit)
    if q is None:           # browsing by date: no scores, no highlights
        return tuple(hits.plain(searcher.stored_fields(d)) for d in docnums)
    typed = typed_words(request.q)
    return tuple(hits.scored(searcher, int(d), s, ranked, typed)
                 for d, s in zip(docnums, scores))


def best_ids(live: LiveIndex, query, text: str, limit: int,
             semantic: bool = False) -> list[tuple[str, float]]:
    """(id, score) of the best `limit` live documents for a query (parsed, and as
    typed), no filters."""
    docs, scores = _best(live, score(live, query, text, semantic), limit)
    return [(live.searcher.stored_fields(int(d))["id"], float(s)) for d, s in zip(docs, scores)]


def more_like(live: LiveIndex, docnum: int, limit: int, semantic: bool = False) -> list[dict]:
    """The stored fields of the documents most like `docnum`: its key body terms,
    scored by the one engine like any query, fused with its vector's likeness."""
    searcher = live.searcher
    scored = live.vectors.score(more_like_query(searcher, docnum, "body", 12))
    if semantic:
        scored = fuse_vector(live.meaning.of([docnum])[0], scored, live.meaning,
                             live.facets.live, WEIGHT, live.meaning.of([docnum])[0])
    docs, _ = _best(live, scored, limit, leave_out=docnum)
    return [searcher.stored_fields(int(d)) for d in docs]


def _best(live: LiveIndex, scored: Scored, limit: int, leave_out: int | None = None):
    final = scored.matched & live.facets.live
    if leave_out is not None:
        final[leave_out] = False
    return top_documents(scored.scores, final, 0, limit)
