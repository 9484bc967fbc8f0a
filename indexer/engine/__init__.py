"""indexer.engine."""
