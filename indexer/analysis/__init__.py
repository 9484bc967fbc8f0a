"""indexer.analysis owns text analysis (tokens, stems, stopwords, folding) and the
spelling word lists. May import indexer.core (and Whoosh's analysis and NLTK's stemmers).
"""
