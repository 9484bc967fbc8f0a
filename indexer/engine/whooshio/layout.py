"""Whoosh 3's bytes, read by hand: posting blocks, length columns, positions, term infos.

indexer.engine.vectorscore and termarrays read postings as numpy arrays. The
readers here use the whoosh3 codec's block layout (each block a pickled,
zlib-compressed tuple of delta-coded document numbers, weights and encoded
positions) and its matchers' private fields; postings of any other matcher are
read through the generic Matcher interface instead, only slower. Every name and
layout here is Whoosh 3.54's (indexer.engine.whooshio.pin checks the version).
"""
from __future__ import annotations

import pickle
from itertools import chain
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3TermInfo, _lenfield
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte  # noqa: F401 (re-exported)

# Length byte -> the length Whoosh decodes from it (lengths are stored lossily in a byte).
LENGTH_OF_BYTE = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float64)
NO_IDS = np.zeros(0, dtype=np.int64)

# W3TermInfo.to_bytes of a term whose postings are not in Whoosh's postings file:
# its struct ("!BfIBBfII"), then the postings' extent (offset "!q", length "!i"), 0 and 0.
TERM_INFO = np.dtype([("flags", "u1"), ("weight", ">f4"), ("df", ">u4"),
                      ("minlength", "u1"), ("maxlength", "u1"), ("maxweight", ">f4"),
                      ("minid", ">u4"), ("maxid", ">u4"), ("offset", ">i8"), ("length", ">i4")])
assert TERM_INFO.itemsize == W3TermInfo._struct.size + 12

# The value Whoosh's Frequency format gives a posting of weight 1 (a spelling posting's).
FREQUENCY_ONE = pack_uint(1)


def read_postings(m, values: bool):
    """(ids, tf, values) of one segment's postings; deletions are left in (the
    caller's live mask drops them), so the raw block arrays can be used as they are."""
    while isinstance(m, FilterMatcher):
        m = m.child
    if isinstance(m, W3LeafMatcher) and not m._byteids:
        return _read_blocks(m, values)
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


def _read_blocks(m, values: bool):
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
