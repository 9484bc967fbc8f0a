"""indexer.ingest owns the way from a file's bytes to Document values: formats, cleaning,
segmenting, metadata, topics, language, validation. May import indexer.core, indexer.analysis.
"""
