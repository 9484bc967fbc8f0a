"""Which slice of the results a request's page is, and the orders pages are cut from."""
from __future__ import annotations

import dataclasses

from indexer.core.limits import deepest_page
from indexer.search.request import SearchRequest

# The stored column each date sort reads: publication date, or when the archive got it.
SORT_FIELDS = {"newest": "date", "oldest": "date", "added": "added"}


def within_window(request: SearchRequest) -> SearchRequest:
    """Deep pages cost like the whole result list: past MAX_RESULT_WINDOW, the last
    page within it (SearchRequest.from_args clamps the same; callers may not)."""
    return dataclasses.replace(request, page=min(request.page, deepest_page(request.per_page)))


def page_window(request: SearchRequest) -> tuple[int, int]:
    """(start, end) of the page among the ranked results, end excluded."""
    return (request.page - 1) * request.per_page, request.page * request.per_page


def by_date(request: SearchRequest, has_query: bool) -> bool:
    """Whether the page is cut from a date order: asked for, or nothing to rank by."""
    return not has_query or request.sort != "relevance"
