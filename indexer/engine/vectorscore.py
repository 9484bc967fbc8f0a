"""Word, boolean and phrase queries scored over whole posting lists with numpy.

Whoosh scores a query one document at a time through a tree of Python matchers:
for a common word that is tens of thousands of method calls per search, most of
a search's time. Here each term's postings are read block by block into arrays
(document numbers, term frequencies), each field's document lengths come from
its length column once per segment, and the same BM25F formulas as
indexer.engine.ranking run as array arithmetic over every document at once. The result
is a score array and a matched mask over the whole index: the facets count from
the mask and the page comes from the top of the scores.

Queries made of other parts (prefix*, wildcards, year ranges, type:/topic:
filters) return None, and the caller runs them through Whoosh's own matchers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

from indexer.engine.facets import segment_key, segment_of
from indexer.engine.postings import (LENGTH_OF_BYTE, NO_IDS, Postings, RecentPostings,
                                     decode_positions, length_bytes, positions_in, read_postings)
from indexer.engine.ranking import ArchivoRanking, FieldsWord, WordPair, lucene_idf
from indexer.engine.schema import SCORED_FIELDS


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
    (keyed like indexer.engine.facets, pruned by its prune_cache), so after a librarian's
    save only the new small segment's lengths are read."""

    def __init__(self, searcher, model: ArchivoRanking, cache: dict,
                 recent: "RecentPostings | None" = None, arrays: dict | None = None):
        self.searcher = searcher
        self.recent = recent or RecentPostings()
        self.arrays = arrays or {}          # segment id -> indexer.engine.termarrays.TermArrays
        self.model = model
        self.reader = searcher.reader()
        self.leaves = self.reader.leaf_readers()
        self.size = self.reader.doc_count_all()
        self._cache = cache
        self._lengths: dict[str, np.ndarray] = {}
        # What a clause that matches nothing gives: shared (read-only), so the many
        # field variants of a phrase that match nothing cost no arrays of every document.
        self.nothing = (_read_only(np.zeros(self.size)), _read_only(np.zeros(self.size, bool)))

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
        if isinstance(q, WordPair):
            return self._word_pair(q)
        kind = type(q)
        if kind is wq.Term and q.fieldname in SCORED_FIELDS:
            return self._term(q, terms)
        if isinstance(q, wq.Phrase) and q.fieldname in SCORED_FIELDS:
            return self._phrase(q, terms)
        if kind in (wq.Or, wq.And):
            parts = [self._eval(s, terms) for s in q.subqueries]
            if any(p is None for p in parts):
                return None
            return _combine(parts, any_of=kind is wq.Or, nothing=self.nothing, boost=q.boost)
        if kind is wq.AndNot:
            a, b = self._eval(q.a, terms), self._eval(q.b, [])
            if a is None or b is None:
                return None
            keep = a[1] & ~b[1]
            return np.where(keep, a[0], 0.0), keep
        return None

    def _fields_word(self, q: FieldsWord, terms):
        """indexer.engine.ranking._FieldsMatcher.score, over all documents at once."""
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

    def _word_pair(self, q: WordPair):
        """indexer.engine.ranking.WordPair: in each field, how many positions of the first word
        have the second within the window; scored like a FieldsWord with those counts."""
        tf = np.zeros(self.size)
        near_any = np.zeros(self.size, dtype=bool)
        for first, second in zip(q.subqueries[0].subqueries, q.subqueries[1].subqueries):
            field = first.fieldname
            docs, counts = self._near_counts(field, first.text, second.text, q.window)
            if not len(docs):
                continue
            b = self.model.field_b(field)
            norm = 1 - b + b * self.lengths(field)[docs] / self._avgfl(field)
            tf[docs] += first.boost * counts / norm
            near_any[docs] = True
        n, total = int(np.count_nonzero(near_any)), self.size
        idf = np.log(1 + (total - n + 0.5) / (n + 0.5)) * q.boost
        k1 = self.model.K1
        return np.where(near_any, idf * tf * (k1 + 1) / (k1 + tf), 0.0), near_any

    def _near_counts(self, field: str, first: str, second: str, window: int):
        """(documents, count) of the documents holding both words in a field, near."""
        both = self._holding_all(field, (first, second))
        if not len(both):
            return both, np.zeros(0)
        a, b = self.postings(field, first, values=True), self.postings(field, second, values=True)
        owner_a, pos_a = positions_in(a, both)
        owner_b, pos_b = positions_in(b, both)
        width = 1 << 32                 # (document, position) as one sortable key
        keys_a, keys_b = owner_a * width + pos_a, owner_b * width + pos_b    # sorted (see _in_order)
        near = np.searchsorted(keys_b, keys_a + window, side="right") > \
            np.searchsorted(keys_b, keys_a - window, side="left")
        counts = np.bincount(owner_a[near], minlength=len(both))
        keep = counts > 0
        return both[keep], counts[keep].astype(np.float64)

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
        candidates = self._holding_all(q.fieldname, q.words)
        if not len(candidates):         # most fields of most phrases: no positions to read
            return self.nothing
        posts = [self.postings(q.fieldname, w, values=True) for w in q.words]
        positions = [positions_in(post, candidates) for post in posts]
        gaps = getattr(q, "gaps", None)     # indexer.engine.query.GappedPhrase: exact distances
        steps = [(gap,) for gap in gaps] if gaps else [range(1, q.slop + 1)] * (len(posts) - 1)
        docs = candidates[_in_order(positions, steps)]
        scores = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=bool)
        matched[docs] = True
        for word, post in zip(q.words, posts):
            keep = in_sorted(docs, post.ids)
            kept = Postings(post.ids[keep], post.tf[keep])
            scores += self._term(wq.Term(q.fieldname, word), terms, kept)[0]
        return scores * q.boost, matched

    # -- arrays from the index -------------------------------------------------
    def _holding_all(self, fieldname: str, words) -> np.ndarray:
        """The documents whose field holds every word (from postings without positions)."""
        candidates = NO_IDS
        for n, word in enumerate(words):
            ids = self.postings(fieldname, word).ids
            candidates = ids if n == 0 else candidates[in_sorted(ids, candidates)]
            if not len(candidates):
                break
        return candidates

    def postings(self, fieldname: str, text, values: bool = False) -> Postings:
        """A term's postings over all segments; with `values`, its positions too."""
        tbytes = text.encode("utf-8") if isinstance(text, str) else text
        parts = []          # (ids, tf, positions as (offsets, flat) or encoded values)
        for leaf, offset in self.leaves:
            arrays = self.arrays.get(_segid(leaf))
            if arrays is not None:          # the segment's term arrays
                found = arrays.get(fieldname, tbytes, positions=values)
                if found is not None:
                    parts.append((found[0].astype(np.int64) + offset,
                                  found[1].astype(np.float64), found[2:] or None))
                continue
            if (fieldname, text) in leaf:
                seg_ids, seg_tf, seg_values = self._segment_postings(leaf, fieldname, text,
                                                                     values)
                parts.append((seg_ids + offset, seg_tf, seg_values))
        if not parts:
            return Postings(NO_IDS, np.zeros(0))
        post = Postings(np.concatenate([p[0] for p in parts]),
                        np.concatenate([p[1] for p in parts]))
        if values:
            _attach_positions(post, [p[2] for p in parts])
        return post

    def _segment_postings(self, leaf, fieldname: str, text, values: bool):
        key = (segment_key(leaf), fieldname, text)
        held = self.recent.get(key) if key[0] is not None else None
        if held is None or (values and held[2] is None):
            ids, tf, vals = read_postings(leaf.postings(fieldname, text), values)
            held = (ids, tf, vals if values else None)
            if key[0] is not None:
                self.recent.put(key, held)
        return held

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
            held[fieldname] = LENGTH_OF_BYTE[length_bytes(leaf, fieldname)]
        return held[fieldname]

    def _avgfl(self, fieldname: str) -> float:
        return self.searcher.avg_field_length(fieldname) or 1.0


def _attach_positions(post: Postings, parts: list) -> None:
    """The positions of a term's postings over all segments, as one offsets array and one
    flat array: taken from the segments' arrays, decoded from Whoosh's values elsewhere."""
    offsets, flats, shift = [], [], 0
    for part in parts:
        if isinstance(part, tuple):
            part_offsets, flat = part
        else:
            counts, flat = decode_positions(part or [])
            part_offsets = np.concatenate([[0], np.cumsum(counts)])
        offsets.append(np.asarray(part_offsets[:-1]) + shift)
        flats.append(np.asarray(flat))
        shift += len(flat)
    post.pos_offsets = np.concatenate(offsets + [[shift]]).astype(np.int64)
    post.positions = np.concatenate(flats) if flats else np.zeros(0, dtype=np.int64)


def _segid(leaf):
    segment = segment_of(leaf)
    return None if segment is None else segment.segid


def _combine(parts, any_of: bool, nothing, boost: float):
    if any_of:
        parts = [part for part in parts if part is not nothing]
        if not parts:
            return nothing
    elif any(part is nothing for part in parts):
        return nothing
    size = len(nothing[0])
    scores = np.zeros(size)
    matched = np.zeros(size, dtype=bool) if any_of else np.ones(size, dtype=bool)
    for part_scores, part_matched in parts:
        scores += part_scores
        matched = (matched | part_matched) if any_of else (matched & part_matched)
    if not any_of:
        scores = np.where(matched, scores, 0.0)
    return (scores * boost if boost != 1 else scores), matched


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _in_order(positions: list[tuple[np.ndarray, np.ndarray]], steps: list) -> np.ndarray:
    """Which documents hold the words in order, each one of its allowed steps after
    the one before (1..slop: Whoosh's ordered SpanNear), over all documents at once.

    (document, position) pairs become one integer key; documents come in order and
    positions ascend within each, so every key array is sorted already and membership
    is a binary search, never a sort or a hash of millions of keys."""
    if not positions:
        return np.zeros(0, dtype=np.int64)
    width = 1 << 32
    owner, pos = positions[0]
    ends = owner * width + pos
    for (owner, pos), allowed in zip(positions[1:], steps):
        keys = owner * width + pos
        near = np.zeros(len(keys), dtype=bool)
        for gap in allowed:
            near |= in_sorted(ends, keys - gap)
        ends = keys[near]
    return _distinct_sorted(ends // width)


def in_sorted(sorted_values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """For each wanted value, whether the sorted array holds it."""
    if not len(sorted_values):
        return np.zeros(len(wanted), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, wanted), len(sorted_values) - 1)
    return sorted_values[at] == wanted


def _distinct_sorted(values: np.ndarray) -> np.ndarray:
    if not len(values):
        return values
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


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
