"""Paging through results: the page links, "1–10 of 45", the per-page choice.

The search page offers 10, 20 or 50 results a page; any other per_page in its URL (an
old link, a typo, a hand-made 10000) is the default, not an error, so a shared link
always opens. The JSON twin keeps its own wider limits (SearchRequest: 1 to 100).
Every link is made by the caller's `link(**changes)`, which keeps the whole search
(query, facets, sort, per page) and changes only what it is given.
"""
from __future__ import annotations

from typing import Callable

from indexer.core.limits import deepest_page

PER_PAGE_CHOICES = (10, 20, 50)
DEFAULT_PER_PAGE = PER_PAGE_CHOICES[0]


def page_args(args):
    """The search page's parameters with a per_page it does not offer left out."""
    if args.get("per_page") in {str(n) for n in PER_PAGE_CHOICES} or "per_page" not in args:
        return args
    kept = args.copy()
    kept.pop("per_page")
    return kept


def page_of(position: int, per_page: int) -> int:
    """The page (from 1) on which the result at `position` (from 1) is listed."""
    return (position - 1) // per_page + 1


def pages(search_request, total: int, link: Callable[..., str]) -> dict:
    """What the results page shows of its place in the results, with every link."""
    per_page, page = search_request.per_page, search_request.page
    last = max(1, min(-(-total // per_page), deepest_page(per_page)))  # limits.MAX_RESULT_WINDOW
    first_shown = (page - 1) * per_page + 1
    return {
        "current": page, "last": last, "first_url": link(page=1),
        "prev_url": link(page=page - 1) if page > 1 else None,
        "next_url": link(page=page + 1) if page < last else None,
        "numbers": [(n, link(page=n)) for n in range(max(1, page - 3), min(last, page + 3) + 1)],
        # "11–20 of 45": the positions of this page's results, when it has any.
        "first_shown": first_shown, "last_shown": min(total, page * per_page),
        "total": total,
        # Another page size keeps the first result of this page in view.
        "per_page": per_page,
        "per_page_urls": [(n, link(per_page=n, page=page_of(first_shown, n)))
                          for n in PER_PAGE_CHOICES],
    }
