"""indexer.store."""
