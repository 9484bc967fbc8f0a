"""The scores of one word, one word over fields, two words near each other, a phrase:
each over every document at once, from a TermSource's arrays and indexer.engine.bm25f.

Each returns (scores, matched) arrays over the whole index and appends the (field,
term, documents) it matched to `terms`, for highlighting and "why this result".
"""
from __future__ import annotations

import numpy as np

from indexer.engine import bm25f
from indexer.engine.arrayops import in_order, in_sorted, near_counts, read_only
from indexer.engine.clauses import FieldsWord, WordPair
from indexer.engine.postings import Postings, positions_in
from indexer.engine.termsource import TermSource


class WordScores:
    def __init__(self, source: TermSource, model: bm25f.Bm25f):
        self.source, self.model = source, model
        self.size = source.size
        # What a clause that matches nothing gives: shared (read-only), so the many
        # field variants of a phrase that match nothing cost no arrays of every document.
        self.nothing = (read_only(np.zeros(self.size)), read_only(np.zeros(self.size, bool)))

    def idf(self, fieldname: str, text) -> float:
        return float(bm25f.idf(self.source.doc_frequency(fieldname, text), self.size))

    def _normalized_tf(self, fieldname: str, ids: np.ndarray, tf: np.ndarray) -> np.ndarray:
        lengths = self.source.lengths(fieldname)[ids]
        return tf / bm25f.length_norm(lengths, self.source.avg_length(fieldname),
                                      self.model.b(fieldname))

    def term(self, fieldname: str, text, boost: float, terms: list,
             post: Postings | None = None):
        """BM25 of one word in one field (a BM25F word of one field of weight 1)."""
        found = self.term_sparse(fieldname, text, boost, terms, post)
        if found is None:
            return self.nothing
        scores = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=bool)
        scores[found[0]] = found[1]
        matched[found[0]] = True
        return scores, matched

    def term_sparse(self, fieldname: str, text, boost: float, terms: list,
                    post: Postings | None = None):
        """term()'s (documents, scores) of the documents it matches only, or None."""
        post = post or self.source.postings(fieldname, text)
        if not len(post.ids):
            return None
        tf = self._normalized_tf(fieldname, post.ids, post.tf)
        terms.append((fieldname, text, post.ids))
        return post.ids, bm25f.word_score(tf, boost * self.idf(fieldname, text), self.model.k1)

    def fields_word(self, q: FieldsWord, terms: list):
        """BM25F of one word over its fields; its idf is the lowest of its fields' (the
        field holding it most often)."""
        tf = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=bool)
        idfs = []
        for term in q.subqueries:
            post = self.source.postings(term.fieldname, term.text)
            if not len(post.ids):
                continue
            tf[post.ids] += term.boost * self._normalized_tf(term.fieldname, post.ids, post.tf)
            matched[post.ids] = True
            idfs.append(self.idf(term.fieldname, term.text))
            terms.append((term.fieldname, term.text, post.ids))
        if not idfs:
            return self.nothing
        # The word's query weight joins the idf first: one scalar, not a pass over the array.
        return bm25f.word_score(tf, q.boost * min(idfs), self.model.k1), matched

    def word_pair(self, q: WordPair):
        """In each field, how many positions of the first word have the second within the
        window, scored as a FieldsWord with those counts and the pair's own idf."""
        tf = np.zeros(self.size)
        near_any = np.zeros(self.size, dtype=bool)
        for first, second in zip(q.subqueries[0].subqueries, q.subqueries[1].subqueries):
            field = first.fieldname
            docs, counts = self._near(field, first.text, second.text, q.window)
            if not len(docs):
                continue
            tf[docs] += first.boost * self._normalized_tf(field, docs, counts)
            near_any[docs] = True
        if not near_any.any():
            return self.nothing
        pair_idf = bm25f.idf(int(np.count_nonzero(near_any)), self.size)
        return np.where(near_any, bm25f.word_score(tf, q.boost * pair_idf, self.model.k1),
                        0.0), near_any

    def _near(self, field: str, first: str, second: str, window: int):
        """(documents, count) of the documents holding both words in a field, near."""
        both = self.source.holding_all(field, (first, second))
        if not len(both):
            return both, np.zeros(0)
        a = self.source.postings(field, first, values=True)
        b = self.source.postings(field, second, values=True)
        counts = near_counts(positions_in(a, both), positions_in(b, both), window, len(both))
        keep = counts > 0
        return both[keep], counts[keep].astype(np.float64)

    def phrase(self, q, terms: list):
        """Whoosh's phrase semantics: the words in order, each within `slop` positions of
        the one before (or at the exact gaps of a GappedPhrase); scored as the sum of the
        words' BM25 in the documents where the phrase occurs."""
        candidates = self.source.holding_all(q.fieldname, q.words)
        if not len(candidates):         # most fields of most phrases: no positions to read
            return self.nothing
        posts = [self.source.postings(q.fieldname, w, values=True) for w in q.words]
        positions = [positions_in(post, candidates) for post in posts]
        gaps = getattr(q, "gaps", None)     # indexer.engine.query.GappedPhrase: exact distances
        steps = [(gap,) for gap in gaps] if gaps else [range(1, q.slop + 1)] * (len(posts) - 1)
        docs = candidates[in_order(positions, steps)]
        if not len(docs):
            return self.nothing
        scores = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=bool)
        matched[docs] = True
        for word, post in zip(q.words, posts):
            keep = in_sorted(docs, post.ids)
            kept = Postings(post.ids[keep], post.tf[keep])
            scores += self.term(q.fieldname, word, 1.0, terms, kept)[0]
        return scores * q.boost, matched
