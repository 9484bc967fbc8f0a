"""indexer.engine owns the index: the schema, generations on disk, the segment and
term-array formats, the build, queries and BM25F scoring (Whoosh's files, numpy).
May import indexer.core, indexer.analysis, indexer.ingest (the vocabulary) and Whoosh
(its internals only in indexer.engine.whooshio, which checks the pinned version).

This module is the engine's whole public surface: the store, the search service and
the CLI import these names from indexer.engine, never its submodules (tests/test_layers.py).
"""
from indexer.engine.arrayops import top_documents
from indexer.engine.docsets import date_order, page_by_date
from indexer.engine.docvectors import DocumentVectors
from indexer.engine.facets import FacetArrays, prune_cache
from indexer.engine.index import Generation, IndexStore
from indexer.engine.postings import RecentPostings
from indexer.engine.query import broken_syntax, query_words, text_query, uses_syntax
from indexer.engine.querylimits import budget, partial_notice
from indexer.engine.similar import more_like_query, rare_word_candidates
from indexer.engine.termarrays import open_all as open_term_arrays
from indexer.engine.termsets import TermSets
from indexer.engine.vectorscore import Scored, VectorScorer

__all__ = [
    # the index on disk: one IndexStore per index folder, its generations
    "IndexStore", "Generation",
    # an ID field's terms, segment by segment (an import's duplicate check)
    "TermSets",
    # queries: from what was typed to a query, its words for "did you mean"
    "text_query", "query_words", "broken_syntax", "uses_syntax",
    # matching and scoring every query (BM25F over arrays), collecting the page
    "VectorScorer", "Scored", "RecentPostings", "top_documents", "FacetArrays",
    "prune_cache", "open_term_arrays", "date_order", "page_by_date",
    # search by meaning: the documents' vectors (indexer.engine.docvectors)
    "DocumentVectors",
    # a query's time and expansion budget
    "budget", "partial_notice",
    # documents like others: near-duplicate candidates, "more like this"
    "rare_word_candidates", "more_like_query",
]
