"""Archivo's indexer: ingest, corpus, index and search for the publication archive."""

__version__ = "0.1.0"
