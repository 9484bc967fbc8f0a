"""indexer.core owns what every layer shares: errors, settings, the Document model,
limits, the controlled lists (types, facets) and file helpers. May import nothing of Archivo.
"""
