"""SearchRequest -> SearchResult: ranked hits, snippets, disjunctive facets, a suggestion.

One long-lived Whoosh searcher per process, refreshed when the index changes (a
librarian's save, or a rebuild swapping in a new generation), never one per query.
No Flask here: the web app and the CLI both call SearchService.search().
"""
from __future__ import annotations

import threading
from html import escape

import numpy as np
from whoosh import highlight
from whoosh import query as wq

from indexer.analysis import fold
from indexer.errors import DocumentNotFound
from indexer.facets import FacetArrays
from indexer.index import IndexStore
from indexer.query import SearchRequest, query_words, text_query
from indexer.ranking import ArchivoRanking
from indexer.schema import FACETS

SNIPPET_CHARS = 240
FACET_LIMIT = 50
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


def default_doc_url(doc_id: str) -> str:
    return f"/documents/{doc_id}"


class SearchService:
    def __init__(self, store: IndexStore, doc_url=default_doc_url):
        self.store = store
        self.doc_url = doc_url
        self._lock = threading.RLock()
        self._generation = None
        self._searcher = None
        self._facets = None
        self._blank_counts = None

    # -- the long-lived searcher ----------------------------------------------
    def _fresh_searcher(self):
        generation = self.store.current_generation()
        if self._searcher is None or generation != self._generation:
            self.close()
            self._searcher = self.store.open().searcher(weighting=ranking())
            self._generation = generation
            self._facets = None
        elif not self._searcher.up_to_date():
            fresh = self._searcher.refresh()
            if fresh is not self._searcher:
                self._searcher.close()
                self._searcher, self._facets = fresh, None
        if self._facets is None:
            self._facets = FacetArrays(self._searcher.reader())
            self._blank_counts = None
        return self._searcher

    def close(self):
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None

    # -- searching -------------------------------------------------------------
    def search(self, request: SearchRequest) -> dict:
        with self._lock:
            searcher = self._fresh_searcher()
            return self._search(searcher, request)

    def ranked_ids(self, q: str, limit: int = 10) -> list[tuple[str, float]]:
        """(id, score) of the best `limit` documents for a query string, no filters.

        The same query path and ranking as search(): `indexer evaluate` measures this.
        """
        query = text_query(q)
        if query is None:
            return []
        with self._lock:
            results = self._fresh_searcher().search(query, limit=limit, optimize=False)
            return [(hit["id"], hit.score or 0.0) for hit in results]

    def _search(self, searcher, request: SearchRequest) -> dict:
        facets = self._facets
        q = text_query(request.q)
        base = facets.exclusion_mask(request.excludes)
        if q is not None:
            matched = np.zeros(facets.size, dtype=bool)
            ids = np.fromiter(searcher.docs_for_query(q), dtype=np.int64)
            matched[ids] = True
            base &= matched
        masks = facets.selection_masks(request.filters, request.excludes,
                                       request.year_from, request.year_to)
        final = base.copy()
        for mask in masks.values():
            final &= mask
        total = int(final.sum())
        hits = self._page(searcher, q, final, request) if total else []
        return {
            "query": request.q, "total": total, "page": request.page,
            "per_page": request.per_page, "results": hits,
            "facets": self._facet_lists(facets.disjunctive_counts(base, masks), request),
            "suggestion": self._suggest(searcher, request.q, total),
        }

    def _page(self, searcher, q, final: np.ndarray, request: SearchRequest) -> list[dict]:
        allowed = set(np.flatnonzero(final).tolist())
        limit = request.page * request.per_page
        # No block-quality skipping: Whoosh's AndNotMatcher.skip_to_quality reads past
        # its end on some "word -word" queries (IndexError); BM25F clauses cannot
        # skip by block anyway, so plain queries lose nothing.
        kwargs = {"filter": allowed, "limit": limit, "terms": True, "optimize": False}
        if request.sort != "relevance" or q is None:
            kwargs["sortedby"] = "date"
            kwargs["reverse"] = request.sort != "oldest"
        results = searcher.search(q if q is not None else wq.Every(), **kwargs)
        results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=80)
        results.formatter = EscapingFormatter()
        start = (request.page - 1) * request.per_page
        return [self._hit(hit) for hit in list(results)[start:limit]]

    def _hit(self, hit) -> dict:
        fields = hit.fields()
        snippet = hit.highlights("body", top=2) if hit.results.q is not None else ""
        if not snippet:
            snippet = escape(_shorten(fields.get("summary") or fields.get("body", "")))
        return {
            "id": fields["id"], "title": fields["title"], "type": fields.get("type", ""),
            "topics": _split(fields.get("topics")), "authors": _split(fields.get("authors")),
            "date": fields.get("date") or None, "url": self.doc_url(fields["id"]),
            "snippet": snippet, "score": round(hit.score or 0.0, 4),
            "matched": _matched(hit),
        }

    def _facet_lists(self, counts, request: SearchRequest) -> dict:
        lists = {}
        for facet in FACETS:
            column = self._facets.columns[facet.name]
            selected = set(request.filters.get(facet.name, []))
            excluded = set(request.excludes.get(facet.name, []))
            entries = [{"value": v, "count": int(c), "selected": v in selected,
                        "excluded": v in excluded}
                       for v, c in zip(column.values, counts[facet.name])
                       if c or v in selected or v in excluded]
            if facet.name == "year":
                entries.sort(key=lambda e: e["value"], reverse=True)
            else:
                entries.sort(key=lambda e: (-e["count"], e["value"].lower()))
            keep = [e for e in entries[:FACET_LIMIT]]
            keep += [e for e in entries[FACET_LIMIT:] if e["selected"] or e["excluded"]]
            lists[facet.name] = keep
        return lists

    def _suggest(self, searcher, q: str, total: int) -> str | None:
        """ "Did you mean": replace words the index does not hold with its nearest words."""
        words = query_words(q)
        if not words:
            return None
        reader = searcher.reader()
        corrector = searcher.corrector("body")
        changed, suggestion = False, q
        for word in words:
            folded = fold(word)
            if reader.frequency("spell_body", folded) or reader.frequency("spell_title", folded):
                continue
            options = corrector.suggest(folded, limit=1, maxdist=2)
            if options and options[0] != folded:
                suggestion = suggestion.replace(word, options[0], 1)
                changed = True
        return suggestion if changed else None

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
    """BM25F across fields (indexer.ranking); field weights are indexer.schema.SEARCH_FIELDS.

    K1 1.6 and a title b of 0.5 (titles vary little in length, so they are
    length-normalized less) were tuned on Cranfield and the SciFact train split.
    """
    return ArchivoRanking(B=0.75, K1=1.6, title_B=0.5)


def _split(value) -> list[str]:
    return [v for v in (value or "").split(",") if v]


def _shorten(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


def _matched(hit) -> dict[str, list[str]]:
    """Which query words matched in which fields: the "why this result" disclosure."""
    found: dict[str, list[str]] = {}
    for fieldname, term in hit.matched_terms() or []:
        word = term.decode("utf-8", "replace") if isinstance(term, bytes) else str(term)
        label = FIELD_LABELS.get(fieldname)
        if label and word not in found.setdefault(label, []):
            found[label].append(word)
    return {k: v for k, v in found.items() if v}
