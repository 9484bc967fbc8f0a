"""The facet side of a search: the selection as masks, and the disjunctive counts the
page shows (each facet counted with every other facet's selection applied)."""
from __future__ import annotations

import numpy as np

from indexer.engine import FacetArrays
from indexer.search.live import LiveIndex
from indexer.search.request import SearchRequest
from indexer.search.results import FacetCount


def selection(facets: FacetArrays, request: SearchRequest) -> tuple[np.ndarray, dict, bool]:
    """(the documents left after exclusions, facet -> mask of its chosen values,
    whether anything is chosen or excluded)."""
    base = facets.exclusion_mask(request.excludes)
    masks = facets.selection_masks(request.filters, request.excludes,
                                   request.year_from, request.year_to)
    # Without a selection or exclusion, the final set is just what the query matches.
    return base, masks, bool(masks) or bool(request.excludes)


def final_set(base: np.ndarray, masks: dict) -> np.ndarray:
    """The results: what the query matched (`base`) within every facet's selection."""
    final = base.copy()
    for mask in masks.values():
        final &= mask
    return final


def facet_counts(live: LiveIndex, q, base: np.ndarray, masks: dict, narrowed: bool,
                 request: SearchRequest) -> dict[str, tuple[FacetCount, ...]]:
    """Per facet, the values to show with their counts (indexer.engine's FacetArrays
    chooses and orders them). Those of the blank search (the landing page) are kept
    per searcher, since every visit and every cleared selection asks for them again."""
    if q is not None or narrowed or request.filters or request.excludes or request.full_facet:
        return _counted(live, base, masks, request)
    if live.blank_counts is None:
        live.blank_counts = _counted(live, base, masks, request)
    return live.blank_counts


def _counted(live: LiveIndex, base: np.ndarray, masks: dict,
             request: SearchRequest) -> dict[str, tuple[FacetCount, ...]]:
    """Disjunctive counts: each facet counted with every other facet's selection."""
    lists = live.facets.lists(live.facets.disjunctive_counts(base, masks),
                              request.filters, request.excludes, full=request.full_facet)
    return {name: tuple(FacetCount(**entry) for entry in entries)
            for name, entries in lists.items()}
