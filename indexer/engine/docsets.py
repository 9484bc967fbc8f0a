"""A precomputed date order: browsing by date (no query: the researcher clicking facets)
takes its page from one order instead of sorting every document per request.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np


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
