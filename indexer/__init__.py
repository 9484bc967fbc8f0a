"""Archivo's indexer: core <- analysis <- ingest <- engine <- store, search <- cli
(each subpackage's __init__ says what it owns and may import; see ARCHITECTURE.md)."""

__version__ = "0.1.0"
