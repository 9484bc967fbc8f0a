"""Array helpers of the scorer: sorted-set membership, words in order or near one
another, combining clauses, and the top of a score array.

(document, position) pairs become one integer key, document * 2**32 + position;
documents come in order and positions ascend within each, so every key array is
sorted already and membership is a binary search, never a sort or a hash of
millions of keys.
"""
from __future__ import annotations

import numpy as np

_WIDTH = 1 << 32


def in_sorted(sorted_values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """For each wanted value, whether the sorted array holds it."""
    if not len(sorted_values):
        return np.zeros(len(wanted), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, wanted), len(sorted_values) - 1)
    return sorted_values[at] == wanted


def holds(ids: np.ndarray, docnum: int) -> bool:
    i = np.searchsorted(ids, docnum)
    return bool(i < len(ids) and ids[i] == docnum)


def distinct_sorted(values: np.ndarray) -> np.ndarray:
    if not len(values):
        return values
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


def in_order(positions: list[tuple[np.ndarray, np.ndarray]], steps: list) -> np.ndarray:
    """Which documents (indexes into the candidates) hold the words in order, each one
    of its allowed steps after the one before (1..slop: Whoosh's ordered SpanNear).
    `positions` holds, per word, (candidate index, position) of every occurrence."""
    if not positions:
        return np.zeros(0, dtype=np.int64)
    owner, pos = positions[0]
    ends = owner * _WIDTH + pos
    for (owner, pos), allowed in zip(positions[1:], steps):
        keys = owner * _WIDTH + pos
        near = np.zeros(len(keys), dtype=bool)
        for gap in allowed:
            near |= in_sorted(ends, keys - gap)
        ends = keys[near]
    return distinct_sorted(ends // _WIDTH)


def near_counts(first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray],
                window: int, documents: int) -> np.ndarray:
    """Per candidate document, how many positions of the first word have a position of
    the second within `window` on either side; each word as (candidate index, position)."""
    keys_a = first[0] * _WIDTH + first[1]
    keys_b = second[0] * _WIDTH + second[1]
    near = np.searchsorted(keys_b, keys_a + window, side="right") > \
        np.searchsorted(keys_b, keys_a - window, side="left")
    return np.bincount(first[0][near], minlength=documents)


def combine(parts, any_of: bool, nothing, boost: float):
    """The OR (any_of) or AND of (scores, matched) parts: scores add up, and an AND
    scores only the documents every part matches. `nothing` is the shared empty part."""
    if any_of:
        parts = [part for part in parts if part is not nothing]
        if not parts:
            return nothing
    elif any(part is nothing for part in parts) or not parts:
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


def read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


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
