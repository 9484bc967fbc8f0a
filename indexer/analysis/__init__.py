"""indexer.analysis.analyzers."""
