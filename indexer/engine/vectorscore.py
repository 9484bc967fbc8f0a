"""Every query scored over whole posting lists with numpy: Archivo's one scorer.

Whoosh's own matchers score a query one document at a time through a tree of Python
objects: for a common word that is tens of thousands of method calls per search. Here
each term's postings are read into arrays (indexer.engine.termsource), and the
formulas of indexer.engine.bm25f run as array arithmetic over every document at once.
The result is a score array and a matched mask over the whole index: the facets count
from the mask and the page comes from the top of the scores.

Every part of the search syntax is matched here: words (FieldsWord), word pairs,
phrases, AND/OR/NOT and +/-, field filters (a Term on a field that is not scored: a
constant score, as a filter adds the same to every match), prefixes and wildcards
(the matching terms of the term table within indexer.engine.querylimits' caps, scored
as their OR), term ranges (the same terms, as a filter) and year ranges (a filter
over the year column).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

from indexer.engine import bm25f
from indexer.engine.arrayops import combine, holds
from indexer.engine.clauses import FieldsWord, WordPair
from indexer.engine.facets import FacetArrays
from indexer.engine.postings import RecentPostings
from indexer.engine.querylimits import check_time, limit_expansions
from indexer.engine.schema import FACETS, SCORED_FIELDS
from indexer.engine.termsource import TermSource
from indexer.engine.wordscores import WordScores

_EXPANDING = (wq.Prefix, wq.Wildcard, wq.TermRange)


@dataclass
class Scored:
    """A query's score of every document, the documents it matches, and which
    (field, term) pairs matched where (for highlighting and "why this result")."""
    scores: np.ndarray
    matched: np.ndarray
    terms: list[tuple[str, str, np.ndarray]]
    # Matches that hold none of the words, found by meaning (indexer.search.fusion)
    by_meaning: np.ndarray | None = None

    def terms_in(self, docnum: int) -> list[tuple[str, str]]:
        return [(f, t) for f, t, ids in self.terms if holds(ids, docnum)]

    def words_of(self, fieldname: str) -> frozenset:
        return frozenset(t.decode("utf-8", "replace") if isinstance(t, bytes) else t
                         for f, t, ids in self.terms if f == fieldname and len(ids))


class VectorScorer:
    """Scores queries over one searcher. `cache` keeps per-segment length arrays,
    `recent` decoded postings, `arrays` the segments' term arrays, `facets` the columns
    a year range reads (read from the searcher when not given)."""

    def __init__(self, searcher, cache: dict, recent: RecentPostings | None = None,
                 arrays: dict | None = None, facets: FacetArrays | None = None,
                 model: bm25f.Bm25f = bm25f.RANKING):
        self.source = TermSource(searcher, cache, recent, arrays)
        self.words = WordScores(self.source, model)
        self.arrays = self.source.arrays
        self.size = self.source.size
        self.nothing = self.words.nothing
        self._facets = facets

    def score(self, q) -> Scored:
        terms: list = []
        scores, matched = self._eval(q, terms)
        return Scored(scores, matched, terms)

    # -- the query tree ------------------------------------------------------------
    def _eval(self, q, terms):
        check_time()        # the search's time budget (indexer.engine.querylimits)
        if isinstance(q, FieldsWord):
            return self.words.fields_word(q, terms)
        if isinstance(q, WordPair):
            return self.words.word_pair(q)
        if isinstance(q, wq.Not):
            return self._everything_but([q.query])
        if isinstance(q, wq.AndNot):
            return self._excluding(self._eval(q.a, terms), [q.b])
        if isinstance(q, (wq.AndMaybe, wq.Require)):
            return self._binary(q, terms)
        if isinstance(q, (wq.And, wq.Or)):
            return self._compound(q, terms)
        if isinstance(q, wq.Phrase):
            if q.fieldname not in SCORED_FIELDS:    # no positions there: no phrase either
                return self.nothing
            return self.words.phrase(q, terms)
        if isinstance(q, wq.NumericRange):
            return self._numeric_range(q, terms)
        if isinstance(q, _EXPANDING):
            return self._expansion(q, terms)
        if isinstance(q, wq.Term):
            if q.fieldname in SCORED_FIELDS:
                return self.words.term(q.fieldname, q.text, q.boost, terms)
            return self._filter(q, terms)
        if isinstance(q, type(wq.NullQuery)):
            return self.nothing
        raise TypeError(f"the search engine cannot score a {type(q).__name__} query")

    def _compound(self, q, terms):
        """AND / OR; NOT parts inside either exclude their matches (as Whoosh reads them)."""
        negated = [s.query for s in q.subqueries if isinstance(s, wq.Not)]
        kept = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        if not kept:
            return self._everything_but(negated) if negated else self.nothing
        parts = [self._eval(s, terms) for s in kept]
        result = combine(parts, any_of=isinstance(q, wq.Or), nothing=self.nothing,
                         boost=q.boost)
        return self._excluding(result, negated) if negated else result

    def _binary(self, q, terms):
        """`+a b` (AndMaybe): a's matches, b adding where it matches too; Require: both
        must match, only a scores."""
        a = self._eval(q.a, terms)
        b = self._eval(q.b, terms if isinstance(q, wq.AndMaybe) else [])
        if isinstance(q, wq.AndMaybe):
            return np.where(a[1], a[0] + b[0], 0.0), a[1]
        keep = a[1] & b[1]
        return np.where(keep, a[0], 0.0), keep

    def _excluding(self, part, negated: list):
        excluded = np.zeros(self.size, dtype=bool)
        for sub in negated:
            excluded |= self._eval(sub, [])[1]
        if not excluded.any():
            return part
        keep = part[1] & ~excluded
        return np.where(keep, part[0], 0.0), keep

    def _everything_but(self, negated: list):
        """A NOT alone: every document the parts do not match, each scoring 1 (Whoosh's
        InverseMatcher's constant)."""
        return self._excluding((np.ones(self.size), np.ones(self.size, dtype=bool)), negated)

    # -- filters and expansions ----------------------------------------------------
    def _filter(self, q: wq.Term, terms):
        """A term of a field that only narrows (type:, topic:, language:, year:2012): its
        documents, each scoring the clause's boost (Whoosh's weight of an unscored field)."""
        post = self.source.postings(q.fieldname, q.text)
        if not len(post.ids):
            return self.nothing
        return self._constant(post.ids, q.boost, q.fieldname, q.text, terms)

    def _constant(self, ids: np.ndarray, boost: float, fieldname: str, text, terms):
        scores = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=bool)
        scores[ids] = boost
        matched[ids] = True
        terms.append((fieldname, text, ids))
        return scores, matched

    def _numeric_range(self, q: wq.NumericRange, terms):
        """year:2010-2016: the documents whose year column is in the range (a filter)."""
        facet = next((f for f in FACETS if f.field == q.fieldname), None)
        if facet is None:
            raise TypeError(f"no column to read a range of {q.fieldname!r} from")
        if self._facets is None:
            self._facets = FacetArrays(self.source.reader)
        column = self._facets.columns[facet.name]
        wanted = [v for v in column.values if _in_range(int(v), q)]
        ids = np.flatnonzero(column.mask_for(wanted, self.size))
        if not len(ids):
            return self.nothing
        return self._constant(ids, q.boost, q.fieldname, b"", terms)

    def _expansion(self, q, terms):
        """A prefix or wildcard: the OR of its terms in the term table, at most
        MAX_EXPANSIONS per segment (a capped one marks the results partial). A term range
        (title:[a TO c]) matches the same way but filters: each match scores its boost."""
        if q.fieldname not in self.source.searcher.schema:
            return self.nothing
        if not hasattr(q, "_expand"):       # not capped yet (built outside text_query)
            q = limit_expansions(q)
        found = sorted({btext for leaf, _ in self.source.leaves
                        for btext in q.expanded_terms(leaf) if btext})
        if not found:
            return self.nothing
        scores = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=bool)
        scored = q.fieldname in SCORED_FIELDS and not isinstance(q, wq.TermRange)
        for btext in found:         # sparse sums: a thousand terms, not a thousand arrays
            check_time()
            if scored:
                part = self.words.term_sparse(q.fieldname, btext, q.boost, terms)
            else:
                ids = self.source.postings(q.fieldname, btext).ids
                part = (ids, q.boost) if len(ids) else None
                terms += [(q.fieldname, btext, ids)] if part else []
            if part is not None:
                scores[part[0]] += part[1]
                matched[part[0]] = True
        if isinstance(q, wq.TermRange):     # a range filters: one constant, however many terms
            scores = np.where(matched, q.boost, 0.0)
        return scores, matched


def _in_range(value: int, q: wq.NumericRange) -> bool:
    if q.start is not None and (value < q.start or (q.startexcl and value == q.start)):
        return False
    return q.end is None or (value < q.end or (not q.endexcl and value == q.end))
