"""indexer.core owns what every layer shares: errors, settings, the Document model,
limits, the controlled lists (types, facets), file helpers and forked worker processes. May import nothing of Archivo.
"""
