"""What the scorer reads from the index, as arrays: a term's postings over all segments
(from the segments' term arrays, or decoded from Whoosh's blocks), each field's
document lengths, and the term table's document frequencies and average lengths.
"""
from __future__ import annotations

import numpy as np

from indexer.engine.arrayops import in_sorted
from indexer.engine.facets import segment_key, segment_of
from indexer.engine.postings import (LENGTH_OF_BYTE, NO_IDS, Postings, RecentPostings,
                                     decode_positions, length_bytes, read_postings)
from indexer.engine.schema import SCORED_FIELDS


class TermSource:
    """Arrays of one searcher. Per-segment length arrays are kept in `cache` (keyed like
    indexer.engine.facets, pruned by its prune_cache), so after a librarian's save only
    the new small segment's lengths are read."""

    def __init__(self, searcher, cache: dict, recent: RecentPostings | None = None,
                 arrays: dict | None = None):
        self.searcher = searcher
        self.recent = recent or RecentPostings()
        self.arrays = arrays or {}          # segment id -> indexer.engine.termarrays.TermArrays
        self.reader = searcher.reader()
        self.leaves = self.reader.leaf_readers()
        self.size = self.reader.doc_count_all()
        self._cache = cache
        self._lengths: dict[str, np.ndarray] = {}

    # -- the term table ------------------------------------------------------------
    def doc_frequency(self, fieldname: str, text) -> int:
        return self.reader.doc_frequency(fieldname, text)

    def avg_length(self, fieldname: str) -> float:
        return self.searcher.avg_field_length(fieldname) or 1.0

    def to_bytes(self, fieldname: str, text) -> bytes | None:
        """A query term's text as the term table holds it (None: the field cannot hold it)."""
        if isinstance(text, bytes):
            return text
        if fieldname not in self.searcher.schema:
            return None
        try:
            return self.searcher.schema[fieldname].to_bytes(text)
        except ValueError:
            return None

    # -- postings ------------------------------------------------------------------
    def holding_all(self, fieldname: str, words) -> np.ndarray:
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
        tbytes = self.to_bytes(fieldname, text)
        if tbytes is None:
            return Postings(NO_IDS, np.zeros(0))
        parts = []          # (ids, tf, positions as (offsets, flat) or encoded values)
        for leaf, offset in self.leaves:
            arrays = self.arrays.get(_segid(leaf)) if fieldname in SCORED_FIELDS else None
            if arrays is not None:          # the segment's term arrays
                found = arrays.get(fieldname, tbytes, positions=values)
                if found is not None:
                    parts.append((found[0].astype(np.int64) + offset,
                                  found[1].astype(np.float64), found[2:] or None))
                continue
            if (fieldname, tbytes) in leaf:
                seg_ids, seg_tf, seg_values = self._segment_postings(leaf, fieldname, tbytes,
                                                                     values)
                parts.append((seg_ids + offset, seg_tf, seg_values))
        if not parts:
            return Postings(NO_IDS, np.zeros(0))
        post = Postings(np.concatenate([p[0] for p in parts]),
                        np.concatenate([p[1] for p in parts]))
        if values:
            _attach_positions(post, [p[2] for p in parts])
        return post

    def _segment_postings(self, leaf, fieldname: str, tbytes: bytes, values: bool):
        key = (segment_key(leaf), fieldname, tbytes)
        held = self.recent.get(key) if key[0] is not None else None
        if held is None or (values and held[2] is None):
            ids, tf, vals = read_postings(leaf.postings(fieldname, tbytes), values)
            held = (ids, tf, vals if values else None)
            if key[0] is not None:
                self.recent.put(key, held)
        return held

    # -- lengths -------------------------------------------------------------------
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
