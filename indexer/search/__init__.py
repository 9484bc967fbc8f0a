"""indexer.search.service."""
