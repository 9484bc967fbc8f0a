"""Numpy-backed document sets for the searcher: cheap filters and a precomputed date order.

Turning a boolean mask of 100,000 documents into a Python set (and back) costs
more than the search itself, so Whoosh gets a read-only DocIdSet view of the mask,
and browsing by date (no query: the researcher clicking facets) takes its page
from one precomputed order instead of sorting every document per request.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from whoosh.collectors import ScoredCollector, WrappingCollector

from indexer.engine.querylimits import checked
from indexer.engine.whooshio import DocIdSet


class MaskSet(DocIdSet):
    """A boolean mask seen as the set of its true positions (global document numbers)."""

    def __init__(self, mask: np.ndarray):
        self.mask = mask

    def __contains__(self, docnum: int) -> bool:
        return 0 <= docnum < len(self.mask) and bool(self.mask[docnum])

    def __iter__(self):
        return iter(np.flatnonzero(self.mask).tolist())

    def __len__(self) -> int:
        return int(np.count_nonzero(self.mask))

    def __bool__(self) -> bool:
        # Whoosh tests a filter's truth before using it; an empty mask still filters.
        return True


def matched_mask(searcher, q, size: int) -> np.ndarray:
    """The documents a query matches, as a mask, read segment by segment."""
    mask = np.zeros(size, dtype=bool)
    subsearchers = searcher.subsearchers or [(searcher, 0)]
    for sub, offset in subsearchers:
        ids = np.fromiter(checked(q.docs(sub)), dtype=np.int64)     # within the time budget
        if len(ids):
            mask[ids + offset] = True
    return mask


class DateOrder(NamedTuple):
    order: np.ndarray       # document numbers by (date, docnum) ascending
    undated: np.ndarray     # mask of the documents without a date


def date_order(searcher, size: int, field: str = "date") -> DateOrder:
    """Document numbers by (the field's date, docnum) ascending (Whoosh's own order for
    sortedby=field), and which of them have none."""
    keys = np.empty(size, dtype=object)
    for sub, offset in searcher.subsearchers or [(searcher, 0)]:
        column = sub.reader().column_reader(field)
        n = sub.reader().doc_count_all()
        keys[offset:offset + n] = [column.sort_key(i) for i in range(n)]
    undated = np.array([not key for key in keys], dtype=bool)
    # A stable argsort keeps ties in docnum order, as Whoosh's (key, docnum) sort does.
    return DateOrder(np.argsort(keys, kind="stable"), undated)


def page_by_date(dates: DateOrder, final: np.ndarray, start: int, stop: int,
                 newest: bool) -> list[int]:
    """The page [start:stop] of the final set in date order (newest first or oldest
    first); undated documents come last either way, not before the oldest."""
    ranked = dates.order[final[dates.order]]
    if newest:
        ranked = ranked[::-1]
    without = dates.undated[ranked]
    ranked = np.concatenate([ranked[~without], ranked[without]])
    return ranked[start:stop].tolist()


class MatchRecorder(WrappingCollector):
    """Passes a collector every match unchanged and marks each in a mask (global numbers).

    Placed inside the filter (as Whoosh places its own filter: outermost), it sees
    every document the query matches, so one pass over the postings gives both the
    ranked page and the matched set the facet counts need.
    """

    def __init__(self, child, size: int):
        self.child = child
        self.mask = np.zeros(size, dtype=bool)
        # A scored collector "replaces" its matcher as its top N fills, dropping the
        # parts that can no longer reach the top N: it would then not see every match.
        inner = child
        while inner is not None:
            if isinstance(inner, ScoredCollector):
                inner.replace = 0
            inner = getattr(inner, "child", None)

    def matches(self):
        found = []
        for sub_docnum in self.child.matches():
            found.append(sub_docnum)
            yield sub_docnum
        if found:
            self.mask[np.asarray(found, dtype=np.int64) + self.offset] = True
