"""Archivo's own query clauses: a word over several fields, and two words near each other.

They are nodes of a Whoosh query tree (so the parser's output and ours combine), but
only the array engine (indexer.engine.vectorscore) matches and scores them: asking
Whoosh for a matcher is an error, so no second scorer can creep back in.
"""
from __future__ import annotations

from whoosh import query as wq


class _ArraysOnly:
    def matcher(self, searcher, context=None):
        raise TypeError(f"{type(self).__name__} is scored by indexer.engine.vectorscore, "
                        "not by Whoosh's matchers")


class FieldsWord(_ArraysOnly, wq.Or):
    """One query word in several fields (Terms whose boosts are the field weights),
    scored as one BM25F term (indexer.engine.bm25f.word_score); its own boost is the
    word's query weight. Its document frequency is that of the field holding it most
    often (the body): a title-only df would make every word look rare."""

    def normalize(self):
        return self      # never flattened into a plain Or: the scoring differs


class WordPair(_ArraysOnly, wq.And):
    """Two query words (FieldsWord clauses over the same fields) near each other
    (after the sequential dependence model).

    In each field, tf_f counts the positions of the first word that have the second
    within `window` positions on either side (stopwords count as positions, so a
    window of 6 spans a short phrase). It is scored as a FieldsWord with those counts
    and the idf of the number of documents holding the pair that close in any field.
    Matches only documents holding both words, so it never widens a search.
    """

    def __init__(self, first: FieldsWord, second: FieldsWord, window: int = 6,
                 boost: float = 1.0):
        super().__init__([first, second], boost=boost)
        self.window = window

    def normalize(self):
        return self
