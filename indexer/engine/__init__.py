"""indexer.engine owns the index: the schema, generations on disk, the segment and
term-array formats, the build, queries and BM25F scoring (Whoosh's files, numpy).
May import indexer.core, indexer.analysis, indexer.ingest (the vocabulary) and Whoosh
(its internals only in indexer.engine.whooshio, which checks the pinned version).

This module is the engine's whole public surface: the store, the search service and
the CLI import these names from indexer.engine, never its submodules (tests/test_layers.py).
"""
from indexer.engine.docsets import MaskSet, MatchRecorder, date_order, matched_mask, page_by_date
from indexer.engine.facets import FacetArrays, prune_cache
from indexer.engine.index import Generation, IndexStore
from indexer.engine.query import broken_syntax, query_words, text_query
from indexer.engine.querylimits import DeadlineCollector, budget, partial_notice
from indexer.engine.ranking import ArchivoRanking, FieldsWord
from indexer.engine.similar import rare_word_candidates
from indexer.engine.termarrays import open_all as open_term_arrays
from indexer.engine.vectorscore import RecentPostings, Scored, VectorScorer, top_documents

__all__ = [
    # the index on disk: one IndexStore per index folder, its generations
    "IndexStore", "Generation",
    # queries: from what was typed to a query, its words for "did you mean"
    "text_query", "query_words", "broken_syntax",
    # scoring and collecting (what the search service drives)
    "ArchivoRanking", "FieldsWord", "VectorScorer", "Scored", "RecentPostings",
    "top_documents", "FacetArrays", "prune_cache", "open_term_arrays",
    "MaskSet", "MatchRecorder", "date_order", "matched_mask", "page_by_date",
    # a query's time and expansion budget
    "budget", "partial_notice", "DeadlineCollector",
    # near-duplicates: the best matches of a text's rarest words
    "rare_word_candidates",
]
