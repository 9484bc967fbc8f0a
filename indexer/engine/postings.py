"""Postings as numpy arrays, and the recently searched terms' postings kept decoded.

indexer.engine.vectorscore scores from these. Reading them from Whoosh's blocks and
length columns is Whoosh's byte layout (indexer.engine.whooshio), re-exported here.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from indexer.engine.facets import segment_key
from indexer.engine.whooshio import (LENGTH_OF_BYTE, NO_IDS, decode_positions,  # noqa: F401
                                     encode_positions, length_bytes, read_postings)


@dataclass
class Postings:
    ids: np.ndarray                 # global document numbers, ascending
    tf: np.ndarray                  # term frequency of each
    values: list = field(default_factory=list)   # encoded positions, when asked for
    # Or decoded: posting i's positions are positions[pos_offsets[i]:pos_offsets[i + 1]].
    pos_offsets: np.ndarray | None = None
    positions: np.ndarray | None = None


class RecentPostings:
    """The decoded postings of recently searched terms, per segment, within a byte
    budget (least recently used first out). Researchers refine a query a facet at a
    time, so the same terms come back; decoding Whoosh's pickled, zlib-compressed
    blocks is most of a search's cost. Kept across reopens: a librarian's save
    adds a small segment, and the large segments' entries stay valid."""

    def __init__(self, budget_bytes: int = 48 << 20):
        self.budget = budget_bytes
        self._items: OrderedDict = OrderedDict()
        self._bytes = 0

    def get(self, key):
        held = self._items.get(key)
        if held is None:
            return None
        self._items.move_to_end(key)
        return held[0]

    def put(self, key, item) -> None:
        self._drop(key)
        size = _size_of(item)
        if size > self.budget:
            return
        self._items[key] = (item, size)
        self._bytes += size
        while self._bytes > self.budget:
            self._drop(next(iter(self._items)))

    def prune(self, reader) -> None:
        """Forget the entries of segments the reader no longer has."""
        current = {segment_key(leaf) for leaf, _ in reader.leaf_readers()}
        for key in [k for k in self._items if k[0] not in current]:
            self._drop(key)

    def _drop(self, key) -> None:
        if key in self._items:
            self._bytes -= self._items.pop(key)[1]


def _size_of(item) -> int:
    ids, tf, vals = item
    return ids.nbytes + tf.nbytes + (sum(len(v) + 40 for v in vals) if vals else 0) + 200


def positions_in(post: Postings, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(index into docs, position) of every occurrence of a word in the given documents
    (all of which hold it)."""
    slots = np.searchsorted(post.ids, docs)
    if post.positions is not None:          # from indexer.engine.termarrays: a gather, no decoding
        starts, stops = post.pos_offsets[slots], post.pos_offsets[slots + 1]
        counts = stops - starts
        flat = np.repeat(starts - (np.cumsum(counts) - counts), counts) + \
            np.arange(int(counts.sum()))
        return np.repeat(np.arange(len(docs)), counts), post.positions[flat].astype(np.int64)
    counts, positions = decode_positions([post.values[i] for i in slots.tolist()])
    return np.repeat(np.arange(len(docs)), counts), positions
