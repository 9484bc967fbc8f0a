"""The live generation as the search service reads it: one long-lived Whoosh searcher,
and what is worked out from it once and kept until it is reopened (facet columns, the
arrays scorer, date orders, the blank search's counts, the spelling word list).

Reopened when the index changes (a librarian's save, or a rebuild swapping in a new
generation), never once per query. Not thread-safe on its own: SearchService holds
its lock around every use.
"""
from __future__ import annotations

from indexer.analysis.spelling import WordList, load_words
from indexer.engine import (DocumentVectors, FacetArrays, IndexStore, RecentPostings,
                            VectorScorer, date_order, open_term_arrays, prune_cache)
from indexer.search.paging import SORT_FIELDS


class LiveIndex:
    def __init__(self, store: IndexStore):
        self.store = store
        self.generation = None
        self.searcher = None
        self.facets: FacetArrays | None = None
        self.vectors: VectorScorer | None = None
        self.meaning: DocumentVectors | None = None     # the documents' vectors
        self.blank_counts = None        # the landing page's facets (search.facets)
        self._order = None
        self._words = None
        # Kept across reopens, pruned to the segments still live: most segments
        # outlive a librarian's save.
        self._segment_cache: dict = {}
        self._length_cache: dict = {}
        self._recent = RecentPostings()
        self._arrays: dict = {}
        self._meaning_rows: dict = {}

    def fresh(self):
        """The searcher of the live generation, reopened first when the index changed."""
        generation = self.store.current_generation()
        # Reopen rather than Searcher.refresh(): a refreshed searcher shares the old
        # one's segment readers (closing the old one breaks it) and can keep a
        # segment's stale deletions, so a removed document would still be found.
        if self.searcher is None or generation != self.generation \
                or not self.searcher.up_to_date():
            self.close()
            self.searcher = self.store.open().searcher()
            self.generation = generation
            self.facets = None
            self._words = None
        if self.facets is None:
            self._read_columns()
        return self.searcher

    def _read_columns(self):
        reader = self.searcher.reader()
        self.facets = FacetArrays(reader, self._segment_cache)
        self.vectors = VectorScorer(self.searcher, self._length_cache, self._recent,
                                    self._term_arrays(reader), self.facets)
        self.meaning = DocumentVectors(self.store.root / self.generation, reader,
                                       self._meaning_rows)
        self._meaning_rows = self.meaning.opened
        for cache in (self._segment_cache, self._length_cache):
            prune_cache(cache, reader)
        self._recent.prune(reader)
        self.blank_counts = self._order = None

    def _term_arrays(self, reader) -> dict:
        """Segment id -> its postings as arrays (indexer.engine.termarrays), opened once."""
        self._arrays = open_term_arrays(self.store.root / self.generation, reader,
                                        self._arrays)
        return {segid: arrays for (_, segid), arrays in self._arrays.items() if arrays is not None}

    def date_order(self, sort: str):
        """The cached order of every document by the sort's field (per searcher)."""
        if self._order is None:
            self._order = {}
        field = SORT_FIELDS.get(sort, "date")
        if field not in self._order:
            self._order[field] = date_order(self.searcher, self.facets.size, field)
        return self._order[field]

    def body_words(self) -> WordList:
        """The live generation's body words, read when first needed after each reopen."""
        if self._words is None:
            self._words = WordList(load_words(self.store.root / self.generation))
        return self._words

    def close(self):
        if self.searcher is not None:
            self.searcher.close()
        self.searcher = None
