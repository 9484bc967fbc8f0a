"""indexer.search owns searching: the request, the service and its typed results, hits and
snippets, near-duplicates, evaluation. May import core, analysis, ingest and indexer.engine
(its surface); not the store.
"""
