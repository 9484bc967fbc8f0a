"""Archivo's ranking: BM25F across fields, with Lucene's idf.

Whoosh's own BM25F scores each field's BM25 on its own and adds them up, so a word
found in both title and body is counted twice at full strength: title boosts
then swamp the body (x3 took SciFact from 0.65 to 0.58). Here a query word is one
`FieldsWord` clause scored with real BM25F (Robertson & Zaragoza): each field's
term frequency is length-normalized with that field's b, weighted, summed, and
only then saturated with k1, so a title match lifts a document without drowning
out the body.

Lucene's idf replaces Whoosh's (log(N/(n+1)) + 1): it gives very common words
almost no weight, as stopword-heavy questions need. The model classes are
module-level and hold plain numbers, so searchers and pickles can carry them.
"""
from __future__ import annotations

from math import log

from whoosh import query as wq
from whoosh.matching import Matcher, NullMatcher
from whoosh.scoring import BM25F, BM25FScorer


def lucene_idf(searcher, fieldname: str, text: str) -> float:
    parent = searcher.get_parent()
    n = parent.doc_frequency(fieldname, text)
    total = parent.doc_count_all()
    return log(1 + (total - n + 0.5) / (n + 0.5))


class ArchivoRanking(BM25F):
    """BM25 with Lucene's idf for single terms (the search-syntax path), and the
    parameters FieldsWord reads: K1 and each field's b (title_B=..., body_B=...)."""

    def __init__(self, B: float = 0.75, K1: float = 1.2, **field_b: float):
        super().__init__(B=B, K1=K1, **field_b)

    def field_b(self, fieldname: str) -> float:
        return self._field_B.get(fieldname, self.B)

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf)
        if isinstance(scorer, BM25FScorer):
            scorer.idf = lucene_idf(searcher, fieldname, text)
            info = searcher.term_info(fieldname, text)
            scorer._maxquality = scorer._score(info.max_weight(), info.min_length())
        return scorer


def _model(searcher, context) -> ArchivoRanking:
    weighting = getattr(context, "weighting", None) or searcher.weighting
    return weighting if isinstance(weighting, ArchivoRanking) else ArchivoRanking()


class FieldsWord(wq.Or):
    """One query word in several fields (Terms whose boosts are the field weights),
    scored as one BM25F term; its own boost is the word's query weight."""

    def normalize(self):
        return self      # never flattened into a plain Or: the scoring differs

    def matcher(self, searcher, context=None):
        model = _model(searcher, context)
        reader = searcher.reader()
        leaves, params, idfs = [], [], []
        for term in self.subqueries:
            field, text = term.fieldname, term.text
            if (field, text) not in reader:
                continue
            leaves.append(reader.postings(field, text))
            avgfl = searcher.get_parent().avg_field_length(field) or 1.0
            params.append((field, term.boost, model.field_b(field), avgfl))
            # The word's document frequency is that of the field holding it most
            # often (the body): a title-only df would make every word look rare.
            idfs.append(lucene_idf(searcher, field, text))
        if not leaves:
            return NullMatcher()
        return _FieldsMatcher(searcher, leaves, params, min(idfs) * self.boost, model.K1)


class _UnionOfLeaves(Matcher):
    """Walks several postings lists in doc order; subclasses score the current doc.
    The current doc number is cached: score() runs for every candidate document."""

    def __init__(self, searcher, leaves):
        self._searcher = searcher
        self._leaves = leaves
        self._sync()

    def _sync(self):
        ids = [m.id() for m in self._leaves if m.is_active()]
        self._id = min(ids) if ids else None

    def is_leaf(self):
        return False

    def children(self):
        return list(self._leaves)

    def is_active(self):
        return self._id is not None

    def id(self):
        return self._id

    def next(self):
        for m in self._leaves:
            if m.is_active() and m.id() == self._id:
                m.next()
        self._sync()

    def skip_to(self, docnum):
        for m in self._leaves:
            if m.is_active() and m.id() < docnum:
                m.skip_to(docnum)
        self._sync()

    def reset(self):
        for m in self._leaves:
            m.reset()
        self._sync()

    def supports(self, astype):
        return False

    def supports_block_quality(self):
        return False

    def replace(self, minquality=0):
        return self if self.is_active() else NullMatcher()


class _FieldsMatcher(_UnionOfLeaves):
    def __init__(self, searcher, leaves, params, idf, k1):
        super().__init__(searcher, leaves)
        self._params, self._idf, self._k1 = params, idf, k1
        self._length = searcher.doc_field_length

    def copy(self):
        return _FieldsMatcher(self._searcher, [m.copy() for m in self._leaves],
                              self._params, self._idf, self._k1)

    def weight(self):
        return sum(m.weight() for m in self._leaves if m.is_active() and m.id() == self._id)

    def max_quality(self):
        return self._idf * (self._k1 + 1)

    def score(self):
        docnum, tf = self._id, 0.0
        for m, (field, weight, b, avgfl) in zip(self._leaves, self._params):
            if m.is_active() and m.id() == docnum:
                length = self._length(docnum, field, 1)
                tf += weight * m.weight() / (1 - b + b * length / avgfl)
        return self._idf * tf * (self._k1 + 1) / (self._k1 + tf)

