"""SearchRequest -> SearchResult: ranked hits, snippets, disjunctive facets, a suggestion.

One long-lived Whoosh searcher per process, refreshed when the index changes (a
librarian's save, or a rebuild swapping in a new generation), never one per query.
No Flask here: the web app and the CLI both call SearchService.search().
"""
from __future__ import annotations

import dataclasses
import re
import threading
from pathlib import Path

import numpy as np
from whoosh import query as wq
from whoosh.collectors import FilterCollector

from indexer.analysis.analyzers import fold, stopword_set
from indexer.analysis.spelling import WordList, load_words
from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.core.errors import DocumentNotFound
from indexer.core.limits import deepest_page
from indexer.engine import (ArchivoRanking, DeadlineCollector, FacetArrays, FieldsWord, IndexStore,
                            MaskSet, MatchRecorder, RecentPostings, Scored, VectorScorer, budget,
                            date_order, matched_mask, open_term_arrays, page_by_date,
                            partial_notice, prune_cache, query_words, text_query, top_documents)
from indexer.search.highlighting import match_spans, quick_snippet, term_function
from indexer.search.hits import (SnippetCache, highlighter, hit_score, matched_words, pages_of,
                                 result_entry, typed_words)
from indexer.search.request import SearchRequest



def default_doc_url(doc_id: str) -> str:
    return f"/documents/{doc_id}"


# The stored column each date sort reads: publication date, or when the archive got it.
_SORT_FIELDS = {"newest": "date", "oldest": "date", "added": "added"}


class SearchService:
    def __init__(self, store: IndexStore, doc_url=default_doc_url,
                 topics_file: Path = DEFAULT_TOPICS_FILE):
        self.store = store
        self.doc_url = doc_url
        self.topics_file = topics_file      # its equivalents expand a query across languages
        self._lock = threading.RLock()
        self._generation = None
        self._searcher = None
        self._facets = None
        self._blank_counts = None
        self._order = None
        self._words = None
        self._segment_cache: dict = {}
        self._length_cache: dict = {}
        self._recent = RecentPostings()
        self._snippets = SnippetCache()
        self._arrays: dict = {}
        self._vectors = None

    # -- the long-lived searcher ----------------------------------------------
    def _fresh_searcher(self):
        generation = self.store.current_generation()
        # Reopen rather than Searcher.refresh(): a refreshed searcher shares the old
        # one's segment readers (closing the old one breaks it) and can keep a
        # segment's stale deletions, so a removed document would still be found.
        if self._searcher is None or generation != self._generation \
                or not self._searcher.up_to_date():
            self.close()
            self._searcher = self.store.open().searcher(weighting=ranking())
            self._generation = generation
            self._facets = None
            self._words = None
        if self._facets is None:
            reader = self._searcher.reader()
            self._facets = FacetArrays(reader, self._segment_cache)
            self._vectors = VectorScorer(self._searcher, self._searcher.weighting,
                                         self._length_cache, self._recent, self._term_arrays(reader))
            for cache in (self._segment_cache, self._length_cache):
                prune_cache(cache, reader)
            self._recent.prune(reader)
            self._blank_counts = self._order = None
        return self._searcher

    def _term_arrays(self, reader) -> dict:
        """Segment id -> its postings as arrays (indexer.engine.termarrays), opened once."""
        self._arrays = open_term_arrays(self.store.root / self._generation, reader,
                                        self._arrays)
        return {segid: arrays for (_, segid), arrays in self._arrays.items() if arrays is not None}

    def close(self):
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None

    # -- searching -------------------------------------------------------------
    def search(self, request: SearchRequest) -> dict:
        """The request's results; a capped expansion adds a "notice" (partial results),
        a search past its time budget raises SearchTooSlow (indexer.engine.querylimits)."""
        # Deep pages cost like the whole result list: past MAX_RESULT_WINDOW, the last
        # page within it (SearchRequest.from_args clamps the same; callers may not).
        request = dataclasses.replace(request, page=min(request.page,
                                                        deepest_page(request.per_page)))
        with self._lock, budget() as held:
            searcher = self._fresh_searcher()
            result = self._search(searcher, request)
        notice = partial_notice(held)
        return result | {"notice": notice} if notice else result

    def ranked_ids(self, q: str, limit: int = 10) -> list[tuple[str, float]]:
        """(id, score) of the best `limit` documents for a query string, no filters.

        The same query path and ranking as search(): `indexer evaluate` measures this.
        """
        query = text_query(q, self.topics_file)
        if query is None:
            return []
        with self._lock:
            searcher = self._fresh_searcher()
            scored = self._vectors.score(query)
            if scored is None:
                results = searcher.search(query, limit=limit, optimize=False)
                return [(hit["id"], hit.score or 0.0) for hit in results]
            docs, scores = top_documents(scored.scores, scored.matched & self._facets.live,
                                         0, limit)
            return [(searcher.stored_fields(int(d))["id"], float(s))
                    for d, s in zip(docs, scores)]

    def _search(self, searcher, request: SearchRequest) -> dict:
        facets = self._facets
        q = text_query(request.q, self.topics_file)
        base = facets.exclusion_mask(request.excludes)
        masks = facets.selection_masks(request.filters, request.excludes,
                                       request.year_from, request.year_to)
        # Without a selection or exclusion, the final set is just what the query matches.
        narrowed = bool(masks) or bool(request.excludes)
        results = None
        # Words, phrases and their boolean combinations: scored with numpy in one go.
        scored = self._vectors.score(q) if q is not None else None
        if scored is not None:
            base &= scored.matched
        elif q is not None and _or_of_words(q):
            # An OR of several words: the ranked pass prunes what cannot reach the page,
            # which beats one unpruned pass; the matched set comes from an unscored pass.
            base &= matched_mask(searcher, q, facets.size)
            results = self._ranked(searcher, q, base, masks, narrowed, request, record=False)[0]
        elif q is not None:
            # One pass over the postings: the ranked search also records every match.
            results, matched = self._ranked(searcher, q, base, masks, narrowed, request)
            base &= matched
        final = base.copy()
        for mask in masks.values():
            final &= mask
        total = int(np.count_nonzero(final))
        hits = self._page(searcher, q, final, results or scored, request) if total else []
        return {
            "query": request.q, "total": total, "page": request.page,
            "per_page": request.per_page, "results": hits,
            "facets": self._facets.lists(self._counts(q, base, masks, narrowed),
                                         request.filters, request.excludes),
            "suggestion": self._suggest(searcher, request.q, total),
        }

    def _counts(self, q, base: np.ndarray, masks: dict, narrowed: bool) -> dict:
        """Disjunctive counts; those of the blank search (the landing page) are kept per
        searcher, since every visit and every cleared selection asks for them again."""
        if q is not None or narrowed:
            return self._facets.disjunctive_counts(base, masks)
        if self._blank_counts is None:
            self._blank_counts = self._facets.disjunctive_counts(base, masks)
        return self._blank_counts

    def _ranked(self, searcher, q, allowed: np.ndarray, masks: dict, narrowed: bool,
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
            kwargs["sortedby"] = _SORT_FIELDS[request.sort]
            kwargs["reverse"] = request.sort != "oldest"
        inner = searcher.collector(**kwargs)
        recorder = MatchRecorder(inner, self._facets.size) if record else None
        collector = DeadlineCollector(recorder or inner)
        if narrowed:
            for mask in masks.values():
                allowed = allowed & mask
            collector = FilterCollector(collector, MaskSet(allowed))
        searcher.search_with_collector(q, collector)
        return collector.results(), (recorder.mask if record else None)

    def _page(self, searcher, q, final: np.ndarray, ranked,
              request: SearchRequest) -> list[dict]:
        """The request's page of hits; `ranked` is Whoosh's results or the Scored arrays."""
        start, limit = (request.page - 1) * request.per_page, request.page * request.per_page
        by_date = q is None or request.sort != "relevance"
        if by_date and (q is None or isinstance(ranked, Scored)):
            docnums = page_by_date(self._date_order(searcher, request.sort), final, start,
                                   limit, newest=request.sort != "oldest")
            scores = [None] * len(docnums)
        elif isinstance(ranked, Scored):
            docnums, scores = top_documents(ranked.scores, final, start, limit)
        else:
            ranked.highlighter = highlighter()
            typed = typed_words(request.q)
            return [self._whoosh_hit(hit, typed) for hit in list(ranked)[start:limit]]
        if q is None:           # browsing by date: no scores, no highlights
            return [self._plain_hit(searcher.stored_fields(d)) for d in docnums]
        typed = typed_words(request.q)
        return [self._scored_hit(searcher, int(d), s, ranked, typed)
                for d, s in zip(docnums, scores)]

    def _date_order(self, searcher, sort: str):
        """The cached order of every document by the sort's field (per searcher)."""
        if self._order is None:
            self._order = {}
        field = _SORT_FIELDS.get(sort, "date")
        if field not in self._order:
            self._order[field] = date_order(searcher, self._facets.size, field)
        return self._order[field]

    def _plain_hit(self, fields: dict) -> dict:
        return result_entry(fields, self.doc_url(fields["id"]))

    def _scored_hit(self, searcher, docnum: int, score, scored: Scored, typed) -> dict:
        fields = searcher.stored_fields(docnum)
        # Spanish documents are highlighted with their Spanish words and analysis.
        names = ("body_es", "body") if fields.get("language") == "es" else ("body",)
        words = tuple(scored.words_of(name) for name in names)
        key = (fields["id"], fields.get("etag"), names, words)
        snippet, pages = self._snippets.get(
            key, lambda: self._snippet(searcher, fields, names, words))
        return result_entry(fields, self.doc_url(fields["id"]), snippet,
                            None if score is None else round(float(score), 4),
                            matched_words(scored.terms_in(docnum), fields, typed), pages)

    @staticmethod
    def _snippet(searcher, fields: dict, names: tuple, words: tuple) -> tuple[str, list[int]]:
        """The snippet, and the PDF pages that hold the words (for a PDF with pages)."""
        body = fields.get("body", "")
        for name, field_words in zip(names, words):
            term_of = term_function(searcher.schema[name].analyzer)
            snippet = quick_snippet(body, field_words, term_of)
            if snippet:
                pages = pages_of(match_spans(body, field_words, term_of),
                                 fields.get("page_starts")) if fields.get("page_starts") else []
                return snippet, pages
        return "", []

    def _whoosh_hit(self, hit, typed: dict[str, str]) -> dict:
        fields = hit.fields()
        snippet = ""
        if fields.get("language") == "es":     # Spanish words, Spanish analysis
            snippet = hit.highlights("body_es", text=fields.get("body", ""), top=2)
        snippet = snippet or hit.highlights("body", top=2)
        return result_entry(fields, self.doc_url(fields["id"]), snippet, hit_score(hit),
                            matched_words(hit.matched_terms(), fields, typed))

    def _suggest(self, searcher, q: str, total: int) -> str | None:
        """ "Did you mean": replace words the index does not hold with its nearest words."""
        words = query_words(q)
        if not words:
            return None
        reader = searcher.reader()
        body_words = self._body_words()
        corrector = None
        changed, suggestion = False, q
        stops = stopword_set("en") | stopword_set("es")
        for word in words:
            folded = fold(word)
            # Stopwords are never indexed: "how" must not become "new".
            if folded in stops or folded in body_words \
                    or reader.frequency("spell_title", folded):
                continue
            corrector = corrector or body_words.corrector(reader, "body")
            options = corrector.suggest(folded, limit=1, maxdist=2)
            if options and options[0] != folded:
                # Whole words only: "trad" must not change inside "trade".
                suggestion = re.sub(rf"\b{re.escape(word)}\b", options[0], suggestion, count=1)
                changed = True
        return suggestion if changed else None

    def _body_words(self) -> WordList:
        """The live generation's body words, read when first needed after each reopen."""
        if self._words is None:
            self._words = WordList(load_words(self.store.root / self._generation))
        return self._words

    # -- single documents ------------------------------------------------------
    def more_like_this(self, doc_id: str, limit: int = 5) -> list[dict]:
        with self._lock:
            searcher = self._fresh_searcher()
            docnum = searcher.document_number(id=doc_id)
            if docnum is None:
                raise DocumentNotFound(f"no document with id {doc_id!r} in the index")
            results = searcher.more_like(docnum, "body", top=limit, numterms=12)
            return [{"id": h["id"], "title": h["title"], "type": h.get("type", ""),
                     "date": h.get("date") or None, "url": self.doc_url(h["id"])}
                    for h in results]

    def doc_count(self) -> int:
        with self._lock:
            return self._fresh_searcher().doc_count()


def ranking():
    """BM25F across fields (indexer.engine.ranking); field weights are
    indexer.engine.schema.SEARCH_FIELDS.

    K1 1.8, b 0.65 and a title b of 0.5 (titles vary little in length, so they
    are length-normalized less) were tuned on Cranfield and the SciFact train split.
    """
    return ArchivoRanking(B=0.65, K1=1.8, title_B=0.5, title_es_B=0.5)


def _or_of_words(q) -> bool:
    """An OR of different words ("a OR b", two plain words), not one word over fields."""
    if not isinstance(q, wq.Or) or isinstance(q, FieldsWord):
        return False
    return len(q.subqueries) > 2 or any(not isinstance(s, FieldsWord) for s in q.subqueries)


