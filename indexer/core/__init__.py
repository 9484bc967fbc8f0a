"""indexer.core."""
