"""Word, boolean and phrase queries scored over whole posting lists with numpy.

Whoosh scores a query one document at a time through a tree of Python matchers:
for a common word that is tens of thousands of method calls per search, most of
a search's time. Here each term's postings are read block by block into arrays
(document numbers, term frequencies), each field's document lengths come from
its length column once per segment, and the same BM25F formulas as
indexer.ranking run as array arithmetic over every document at once. The result
is a score array and a matched mask over the whole index: the facets count from
the mask and the page comes from the top of the scores.

Queries made of other parts (prefix*, wildcards, year ranges, type:/topic:
filters) return None, and the caller runs them through Whoosh's own matchers.
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

from indexer.facets import segment_key
from indexer.ranking import ArchivoRanking, FieldsWord, lucene_idf
from indexer.schema import SEARCH_FIELDS, SPANISH_FIELDS

SCORED_FIELDS = frozenset(SEARCH_FIELDS) | frozenset(SPANISH_FIELDS)
# Length byte -> the length Whoosh decodes from it (lengths are stored lossily in a byte).
_LENGTH_OF_BYTE = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float64)
_NO_IDS = np.zeros(0, dtype=np.int64)


@dataclass
class Postings:
    ids: np.ndarray                 # global document numbers, ascending
    tf: np.ndarray                  # term frequency of each
    values: list = field(default_factory=list)   # encoded positions, when asked for


@dataclass
class Scored:
    """A query's score of every document, the documents it matches, and which
    (field, term) pairs matched where (for highlighting and "why this result")."""
    scores: np.ndarray
    matched: np.ndarray
    terms: list[tuple[str, str, np.ndarray]]

    def terms_in(self, docnum: int) -> list[tuple[str, str]]:
        return [(f, t) for f, t, ids in self.terms if _holds(ids, docnum)]

    def words_of(self, fieldname: str) -> frozenset:
        return frozenset(t for f, t, ids in self.terms if f == fieldname and len(ids))


class VectorScorer:
    """Scores queries over one searcher; per-segment length arrays are kept in `cache`
    (keyed like indexer.facets, pruned by its prune_cache), so after a librarian's
    save only the new small segment's lengths are read."""

    def __init__(self, searcher, model: ArchivoRanking, cache: dict):
        self.searcher = searcher
        self.model = model
        self.reader = searcher.reader()
        self.leaves = self.reader.leaf_readers()
        self.size = self.reader.doc_count_all()
        self._cache = cache
        self._lengths: dict[str, np.ndarray] = {}

    # -- the query tree ------------------------------------------------------
    def score(self, q) -> Scored | None:
        terms: list = []
        result = self._eval(q, terms)
        if result is None:
            return None
        scores, matched = result
        return Scored(scores, matched, terms)

    def _eval(self, q, terms):
        if isinstance(q, FieldsWord):
            return self._fields_word(q, terms)
        kind = type(q)
        if kind is wq.Term and q.fieldname in SCORED_FIELDS:
            return self._term(q, terms)
        if kind is wq.Phrase and q.fieldname in SCORED_FIELDS:
            return self._phrase(q, terms)
        if kind in (wq.Or, wq.And):
            parts = [self._eval(s, terms) for s in q.subqueries]
            if any(p is None for p in parts):
                return None
            return _combine(parts, any_of=kind is wq.Or, size=self.size, boost=q.boost)
        if kind is wq.AndNot:
            a, b = self._eval(q.a, terms), self._eval(q.b, [])
            if a is None or b is None:
                return None
            keep = a[1] & ~b[1]
            return np.where(keep, a[0], 0.0), keep
        return None

    def _fields_word(self, q: FieldsWord, terms):
        """indexer.ranking._FieldsMatcher.score, over all documents at once."""
        tf = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=bool)
        idfs = []
        for term in q.subqueries:
            post = self.postings(term.fieldname, term.text)
            if not len(post.ids):
                continue
            b = self.model.field_b(term.fieldname)
            norm = 1 - b + b * self.lengths(term.fieldname)[post.ids] / self._avgfl(term.fieldname)
            tf[post.ids] += term.boost * post.tf / norm
            matched[post.ids] = True
            idfs.append(lucene_idf(self.searcher, term.fieldname, term.text))
            terms.append((term.fieldname, term.text, post.ids))
        if not idfs:
            return np.zeros(self.size), matched
        k1 = self.model.K1
        return min(idfs) * q.boost * tf * (k1 + 1) / (k1 + tf), matched

    def _term(self, q: wq.Term, terms, post: Postings | None = None):
        """BM25 of one word in one field, as ArchivoRanking's scorer gives it."""
        post = post or self.postings(q.fieldname, q.text)
        scores = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=bool)
        if len(post.ids):
            b, k1 = self.model.field_b(q.fieldname), self.model.K1
            norm = 1 - b + b * self.lengths(q.fieldname)[post.ids] / self._avgfl(q.fieldname)
            idf = lucene_idf(self.searcher, q.fieldname, q.text)
            scores[post.ids] = q.boost * idf * post.tf * (k1 + 1) / (post.tf + k1 * norm)
            matched[post.ids] = True
            terms.append((q.fieldname, q.text, post.ids))
        return scores, matched

    def _phrase(self, q: wq.Phrase, terms):
        """Whoosh's phrase: the words in order, each within `slop` positions of the
        one before; scored as the sum of the words' BM25 where the phrase occurs."""
        posts = [self.postings(q.fieldname, w, values=True) for w in q.words]
        candidates = posts[0].ids if posts else _NO_IDS
        for post in posts[1:]:
            candidates = np.intersect1d(candidates, post.ids, assume_unique=True)
        positions = [_positions(post, candidates) for post in posts]
        docs = candidates[_in_order(positions, q.slop, len(candidates))]
        scores = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=bool)
        matched[docs] = True
        for word, post in zip(q.words, posts):
            keep = np.isin(post.ids, docs, assume_unique=True)
            kept = Postings(post.ids[keep], post.tf[keep])
            scores += self._term(wq.Term(q.fieldname, word), terms, kept)[0]
        return scores * q.boost, matched

    # -- arrays from the index -------------------------------------------------
    def postings(self, fieldname: str, text, values: bool = False) -> Postings:
        ids, tfs, vals = [], [], []
        for leaf, offset in self.leaves:
            if (fieldname, text) not in leaf:
                continue
            seg_ids, seg_tf, seg_values = _read_postings(leaf.postings(fieldname, text), values)
            ids.append(seg_ids + offset)
            tfs.append(seg_tf)
            vals.extend(seg_values)
        if not ids:
            return Postings(_NO_IDS, np.zeros(0))
        return Postings(np.concatenate(ids), np.concatenate(tfs), vals)

    def lengths(self, fieldname: str) -> np.ndarray:
        if fieldname not in self._lengths:
            self._lengths[fieldname] = np.concatenate(
                [self._segment_lengths(leaf, fieldname) for leaf, _ in self.leaves]
                or [np.zeros(0)])
        return self._lengths[fieldname]

    def _segment_lengths(self, leaf, fieldname: str) -> np.ndarray:
        key = segment_key(leaf)
        held = self._cache.setdefault(key, {}) if key is not None else {}
        if fieldname not in held:
            held[fieldname] = _LENGTH_OF_BYTE[_length_bytes(leaf, fieldname)]
        return held[fieldname]

    def _avgfl(self, fieldname: str) -> float:
        return self.searcher.avg_field_length(fieldname) or 1.0


def _read_postings(m, values: bool):
    """(ids, tf, values) of one segment's postings; deletions are left in (the
    caller's live mask drops them), so the raw block arrays can be used as they are."""
    while isinstance(m, FilterMatcher):
        m = m.child
    if isinstance(m, W3LeafMatcher) and not m._byteids:
        ids, tfs, vals = [], [], []
        while m.is_active():
            m._read_data()          # one block: (delta-coded ids, weights, values)
            block_ids, weights, block_values = m._data
            ids.append(np.cumsum(np.array(block_ids, dtype=np.int64)))
            tfs.append(_weights(weights, len(block_ids)))
            if values:
                m._read_values()
                vals.extend(m._values)
            m._next_block()
        if not ids:
            return _NO_IDS, np.zeros(0), vals
        return np.concatenate(ids), np.concatenate(tfs), vals
    if isinstance(m, ListMatcher):      # short lists are inlined in the term's info
        tf = m._weights if m._weights is not None else [1.0] * len(m._ids)
        return (np.asarray(m._ids, dtype=np.int64), np.asarray(tf, dtype=np.float64),
                list(m._values or []) if values else [])
    ids, tfs, vals = [], [], []
    while m.is_active():
        ids.append(m.id())
        tfs.append(m.weight())
        if values:
            vals.append(m.value())
        m.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(tfs, dtype=np.float64), vals


def _weights(weights, count: int) -> np.ndarray:
    """A block's term frequencies: None means all 1, one number means all that number."""
    if weights is None:
        return np.ones(count)
    if isinstance(weights, (int, float)):
        return np.full(count, float(weights))
    return np.asarray(weights, dtype=np.float64)


def _length_bytes(leaf, fieldname: str) -> np.ndarray:
    """The segment's length byte of every document in a field (0 when it has none)."""
    count = leaf.doc_count_all()
    column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    out = np.zeros(count, dtype=np.uint8)
    if column is None:
        return out
    held = min(count, column._count)
    out[:held] = np.frombuffer(column._dbfile.get(column._basepos, held), dtype=np.uint8)
    return out


def _combine(parts, any_of: bool, size: int, boost: float):
    scores = np.zeros(size)
    matched = np.zeros(size, dtype=bool) if any_of else np.ones(size, dtype=bool)
    for part_scores, part_matched in parts:
        scores += part_scores
        matched = (matched | part_matched) if any_of else (matched & part_matched)
    if not any_of:
        scores = np.where(matched, scores, 0.0)
    return (scores * boost if boost != 1 else scores), matched


def _positions(post: Postings, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(index into docs, position) of every occurrence of a word in the given documents.

    Whoosh stores each posting's positions as a 4-byte count and a pickled list of
    deltas; the lists of all the documents are unpickled in one call (a MARK,
    the lists one after another, LIST), not one call per document.
    """
    slots = np.searchsorted(post.ids, docs)
    pieces = [post.values[i][4:] for i in slots.tolist()]
    pieces = [p[:-1] if p.endswith(b".") else p for p in pieces]
    lists = pickle.loads(b"\x80\x02(" + b"".join(pieces) + b"l.")
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    deltas = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(counts.sum()))
    owner = np.repeat(np.arange(len(lists)), counts)
    # Deltas restart at each document: subtract the running sum where each one starts.
    running = np.cumsum(deltas)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]) if len(counts) else counts
    restart = np.repeat(running[starts - 1] * (starts > 0), counts) if len(counts) else running
    return owner, running - restart


def _in_order(positions: list[tuple[np.ndarray, np.ndarray]], slop: int,
              count: int) -> np.ndarray:
    """Which documents hold the words in order, each 1..slop positions after the one
    before (Whoosh's ordered SpanNear), over all documents at once."""
    if not positions:
        return np.zeros(0, dtype=np.int64)
    width = 1 << 32          # (document, position) as one integer key
    owner, pos = positions[0]
    ends = np.unique(owner * width + pos)
    for owner, pos in positions[1:]:
        keys = owner * width + pos
        near = np.zeros(len(keys), dtype=bool)
        for gap in range(1, slop + 1):
            near |= np.isin(keys - gap, ends)
        ends = np.unique(keys[near])
    return np.unique(ends // width)


def _holds(ids: np.ndarray, docnum: int) -> bool:
    i = np.searchsorted(ids, docnum)
    return bool(i < len(ids) and ids[i] == docnum)


def top_documents(scores: np.ndarray, final: np.ndarray, start: int, stop: int):
    """The page [start:stop] of the final set by score (ties: lower document number
    first), without sorting every match."""
    docs = np.flatnonzero(final)
    ranked = scores[docs]
    if stop < len(docs):
        # Keep everything tied with the stop-th score, so pages never disagree on ties.
        kth = np.partition(ranked, len(ranked) - stop)[len(ranked) - stop]
        keep = ranked >= kth
        docs, ranked = docs[keep], ranked[keep]
    order = np.lexsort((docs, -ranked))[start:stop]
    return docs[order], ranked[order]
