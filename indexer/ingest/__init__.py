"""indexer.ingest.pipeline."""
