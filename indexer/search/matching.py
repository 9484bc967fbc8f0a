"""Which engine matches and scores a query, and how its page of hits is made.

Words, phrases and their boolean combinations are scored by the arrays
(indexer.engine's VectorScorer); what it declines goes through Whoosh's matchers. Every
branch between the two is here, so that one place changes when one scorer answers all.
`live` is the search service's LiveIndex (indexer.search.live).
"""
from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh.collectors import FilterCollector

from indexer.engine import (DeadlineCollector, FieldsWord, MaskSet, MatchRecorder,
                            Scored, matched_mask, page_by_date, top_documents)
from indexer.search.hits import (HitMaker, highlighter, hit_score, make_hit, matched_words,
                                 typed_words)
from indexer.search.live import LiveIndex
from indexer.search.paging import SORT_FIELDS, by_date, page_window
from indexer.search.request import SearchRequest
from indexer.search.results import Hit


def match(live: LiveIndex, q, base: np.ndarray, masks: dict, narrowed: bool,
          request: SearchRequest):
    """(`base` narrowed to the query's matches, what ranked them): the Scored arrays,
    Whoosh's results of the page, or None when there is no query."""
    searcher, facets = live.searcher, live.facets
    results = None
    # Words, phrases and their boolean combinations: scored with numpy in one go.
    scored = live.vectors.score(q) if q is not None else None
    if scored is not None:
        base &= scored.matched
    elif q is not None and _or_of_words(q):
        # An OR of several words: the ranked pass prunes what cannot reach the page,
        # which beats one unpruned pass; the matched set comes from an unscored pass.
        base &= matched_mask(searcher, q, facets.size)
        results = _ranked(searcher, facets, q, base, masks, narrowed, request, record=False)[0]
    elif q is not None:
        # One pass over the postings: the ranked search also records every match.
        results, matched = _ranked(searcher, facets, q, base, masks, narrowed, request)
        base &= matched
    return base, results or scored


def _ranked(searcher, facets, q, allowed: np.ndarray, masks: dict, narrowed: bool,
            request: SearchRequest, record: bool = True):
    """Whoosh's own path: the ranked results of the request's page, and the mask
    of every match.

    The filter is the selection without the query (a match passes it exactly when
    it is in the final set), so the recorder inside it sees all matches.
    """
    limit = request.page * request.per_page
    # No block-quality skipping: Whoosh's AndNotMatcher.skip_to_quality reads past
    # its end on some "word -word" queries (IndexError); BM25F clauses cannot
    # skip by block anyway, so plain queries lose nothing.
    kwargs = {"limit": limit, "terms": True, "optimize": False}
    if request.sort != "relevance":
        kwargs["sortedby"] = SORT_FIELDS[request.sort]
        kwargs["reverse"] = request.sort != "oldest"
    inner = searcher.collector(**kwargs)
    recorder = MatchRecorder(inner, facets.size) if record else None
    collector = DeadlineCollector(recorder or inner)
    if narrowed:
        for mask in masks.values():
            allowed = allowed & mask
        collector = FilterCollector(collector, MaskSet(allowed))
    searcher.search_with_collector(q, collector)
    return collector.results(), (recorder.mask if record else None)


def page_hits(live: LiveIndex, hits: HitMaker, q, final: np.ndarray, ranked,
              request: SearchRequest) -> tuple[Hit, ...]:
    """The request's page of hits; `ranked` is Whoosh's results or the Scored arrays."""
    searcher = live.searcher
    start, limit = page_window(request)
    if by_date(request, q is not None) and (q is None or isinstance(ranked, Scored)):
        docnums = page_by_date(live.date_order(request.sort), final, start,
                               limit, newest=request.sort != "oldest")
        scores = [None] * len(docnums)
    elif isinstance(ranked, Scored):
        docnums, scores = top_documents(ranked.scores, final, start, limit)
    else:
        ranked.highlighter = highlighter()
        typed = typed_words(request.q)
        return tuple(_whoosh_hit(hit, typed, hits.doc_url) for hit in list(ranked)[start:limit])
    if q is None:           # browsing by date: no scores, no highlights
        return tuple(hits.plain(searcher.stored_fields(d)) for d in docnums)
    typed = typed_words(request.q)
    return tuple(hits.scored(searcher, int(d), s, ranked, typed)
                 for d, s in zip(docnums, scores))


def _whoosh_hit(hit, typed: dict[str, str], doc_url) -> Hit:
    fields = hit.fields()
    snippet = ""
    if fields.get("language") == "es":     # Spanish words, Spanish analysis
        snippet = hit.highlights("body_es", text=fields.get("body", ""), top=2)
    snippet = snippet or hit.highlights("body", top=2)
    return make_hit(fields, doc_url(fields["id"]), snippet, hit_score(hit),
                    matched_words(hit.matched_terms(), fields, typed))


def best_ids(live: LiveIndex, query, limit: int) -> list[tuple[str, float]]:
    """(id, score) of the best `limit` live documents for a parsed query, no filters."""
    searcher = live.searcher
    scored = live.vectors.score(query)
    if scored is None:
        results = searcher.search(query, limit=limit, optimize=False)
        return [(hit["id"], hit.score or 0.0) for hit in results]
    docs, scores = top_documents(scored.scores, scored.matched & live.facets.live,
                                 0, limit)
    return [(searcher.stored_fields(int(d))["id"], float(s))
            for d, s in zip(docs, scores)]


def _or_of_words(q) -> bool:
    """An OR of different words ("a OR b", two plain words), not one word over fields."""
    if not isinstance(q, wq.Or) or isinstance(q, FieldsWord):
        return False
    return len(q.subqueries) > 2 or any(not isinstance(s, FieldsWord) for s in q.subqueries)
