"""Whoosh's on-disk postings and length columns, read as numpy arrays.

indexer.engine.vectorscore scores from these. The readers use the whoosh3 codec's block
layout (each block a pickled, zlib-compressed tuple of delta-coded document
numbers, weights and encoded positions); postings of any other matcher are read
through the generic Matcher interface instead, only slower.
"""
from __future__ import annotations

import pickle
from pickle import dumps
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length

from indexer.engine.facets import segment_key

# Length byte -> the length Whoosh decodes from it (lengths are stored lossily in a byte).
LENGTH_OF_BYTE = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float64)
NO_IDS = np.zeros(0, dtype=np.int64)


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


def read_postings(m, values: bool):
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
            return NO_IDS, np.zeros(0), vals
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


def length_bytes(leaf, fieldname: str) -> np.ndarray:
    """The segment's length byte of every document in a field (0 when it has none)."""
    count = leaf.doc_count_all()
    column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    out = np.zeros(count, dtype=np.uint8)
    if column is None:
        return out
    held = min(count, column._count)
    out[:held] = np.frombuffer(column._dbfile.get(column._basepos, held), dtype=np.uint8)
    return out


_ONE = pack_uint(1)
_ONE_POSITION: dict[int, bytes] = {}     # the pickle of [p] by p: most postings hold one


def encode_positions(poslist: list[int]) -> bytes:
    """Positions.encode, with the pickle of one position (most postings) cached.

    The result is always a new bytes object, as Positions.encode's is: a block pickles
    its values as a tuple, and pickle would write a repeated object as a back-reference,
    so shared objects would change the bytes on disk (readable, but not identical).
    """
    if len(poslist) == 1:
        pos = poslist[0]
        tail = _ONE_POSITION.get(pos)
        if tail is None:
            tail = _ONE_POSITION[pos] = dumps([pos], 2)
        return _ONE + tail
    deltas, base = [], 0
    for pos in poslist:
        deltas.append(pos - base)
        base = pos
    return pack_uint(len(deltas)) + dumps(deltas, 2)


def decode_positions(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(count per posting, all positions one posting after another) of encoded values.

    Whoosh stores each posting's positions as a 4-byte count and a pickled list of
    deltas; the lists of all the postings are unpickled in one call (a MARK,
    the lists one after another, LIST), not one call per posting.
    """
    pieces = [v[4:-1] if v.endswith(b".") else v[4:] for v in values]
    lists = pickle.loads(b"\x80\x02(" + b"".join(pieces) + b"l.")
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    deltas = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(counts.sum()))
    # Deltas restart at each posting: subtract the running sum where each one starts.
    running = np.cumsum(deltas)
    firsts = np.cumsum(counts) - counts
    before = np.where(firsts > 0, running[np.maximum(firsts - 1, 0)], 0) if len(deltas) \
        else np.zeros(len(counts), dtype=np.int64)
    return counts, running - np.repeat(before, counts)


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
