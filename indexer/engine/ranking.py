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

`WordPair` is a small proximity clause (after the sequential dependence model):
two words next to each other in the query, found near each other in a document,
add a little. It is scored like a FieldsWord, with "the first word with the
second close by" counted in place of a word, and the pair's own idf.
"""
from __future__ import annotations

from bisect import bisect_left
from math import log

from whoosh import query as wq
from whoosh.scoring import BM25F, BM25FScorer

from indexer.engine.whooshio import ListMatcher, Matcher, NullMatcher


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


class WordPair(wq.And):
    """Two query words (FieldsWord clauses over the same fields) near each other.

    In each field, tf_f counts the positions of the first word that have the second
    within `window` positions on either side (stopwords count as positions, so a
    window of 6 spans a short phrase). The score is FieldsWord's with those counts:
    tf = sum over fields of weight*tf_f/(1-b_f+b_f*len_f/avgfl_f),
    score = boost * idf * tf*(k1+1)/(k1+tf), where idf is Lucene's idf of the
    number of documents holding the pair that close in any field.
    Matches only documents holding both words, so it never widens a search.
    """

    def __init__(self, first: FieldsWord, second: FieldsWord, window: int = 6,
                 boost: float = 1.0):
        super().__init__([first, second], boost=boost)
        self.window = window
        self._near = None       # (parent searcher, [per-leaf {docnum: [(field, count)]}])

    def normalize(self):
        return self

    def _counts(self, reader) -> dict[int, list[tuple[str, int]]]:
        """docnum -> [(field, near count)] in one segment."""
        found: dict[int, list[tuple[str, int]]] = {}
        for ta, tb in zip(self.subqueries[0].subqueries, self.subqueries[1].subqueries):
            field = ta.fieldname
            if (field, ta.text) not in reader or (field, tb.text) not in reader:
                continue
            ma, mb = reader.postings(field, ta.text), reader.postings(field, tb.text)
            while ma.is_active() and mb.is_active():
                da, db = ma.id(), mb.id()
                if da < db:
                    ma.skip_to(db)
                elif db < da:
                    mb.skip_to(da)
                else:
                    count = near_count(ma.value_as("positions"), mb.value_as("positions"),
                                       self.window)
                    if count:
                        found.setdefault(da, []).append((field, count))
                    ma.next()
                    mb.next()
        return found

    def _leaf_counts(self, searcher):
        """The near counts of every segment, computed once per query and searcher:
        the pair's document frequency needs all of them."""
        parent = searcher.get_parent()
        if self._near is None or self._near[0] is not parent:
            self._near = (parent, [(leaf, self._counts(leaf.reader()))
                                   for leaf, _ in parent.leaf_searchers()])
        return self._near[1]

    def matcher(self, searcher, context=None):
        leaves = self._leaf_counts(searcher)
        counts = next((c for leaf, c in leaves if leaf is searcher), None)
        if counts is None:          # a searcher outside the parent's leaves
            counts = self._counts(searcher.reader())
        if not counts:
            return NullMatcher()
        model = _model(searcher, context)
        parent = searcher.get_parent()
        n, total = sum(len(c) for _, c in leaves), parent.doc_count_all()
        idf = log(1 + (total - n + 0.5) / (n + 0.5)) * self.boost
        weights = {t.fieldname: t.boost for t in self.subqueries[0].subqueries}
        k1, ids, scores = model.K1, sorted(counts), []
        for docnum in ids:
            tf = 0.0
            for field, count in counts[docnum]:
                b = model.field_b(field)
                avgfl = parent.avg_field_length(field) or 1.0
                length = searcher.doc_field_length(docnum, field, 1)
                tf += weights[field] * count / (1 - b + b * length / avgfl)
            scores.append(idf * tf * (k1 + 1) / (k1 + tf))
        return ListMatcher(ids, weights=scores)


def near_count(first, second, window: int) -> int:
    """How many positions in `first` have a position of `second` within `window`
    (both sorted; a bisection per position beats numpy on lists this short)."""
    count, n = 0, len(second)
    for position in first:
        at = bisect_left(second, position - window)
        if at < n and second[at] <= position + window:
            count += 1
    return count
