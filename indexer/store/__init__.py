"""indexer.store owns the write path: the corpus (the source of truth), the journal, the
archive's saves and imports. May import core, analysis, ingest and indexer.engine (its surface).
"""
