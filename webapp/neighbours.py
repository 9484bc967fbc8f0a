"""Previous and next between results, on a document page opened from them.

A result's link carries the results page it was listed on (?back=/?q=...) and its
position in the results (&n=11). The document page runs that search again for the
results beside it, so the 10th result's "next" is the 11th, on the next page.

Nothing of ?back= is echoed: it must be this site's search page (documents.results_url),
is read into a SearchRequest, and every link is made anew from that request, so a
forged ?back= can neither leave the site nor put markup in the page. When the results
have changed since (the document is no longer at that position), only "back" is shown.
"""
from __future__ import annotations

from urllib.parse import parse_qsl

from flask import url_for
from werkzeug.datastructures import MultiDict

from indexer.core.errors import BadRequest
from indexer.core.limits import deepest_page
from indexer.search.request import SearchRequest
from webapp.paging import page_args, page_of
from webapp.search import run_search, url_with


def position_of(raw: str | None) -> int | None:
    """The ?n= position, when it is a whole number of a result one may page to."""
    if not raw or not raw.isdigit() or len(raw) > 6:
        return None
    position = int(raw)
    return position if position >= 1 else None


def neighbours(doc_id: str, back: str | None, position: int | None) -> dict | None:
    """{"back_url", "position", "total", "prev", "next"} for a document at `position` of
    the search `back` (prev/next are {"url", "title"} or None); None when it is not."""
    if back is None or position is None:   # back is "/" or "/?..." (documents.results_url)
        return None
    try:
        search_request = SearchRequest.from_args(page_args(MultiDict(
            parse_qsl(back.partition("?")[2], keep_blank_values=True))))
    except BadRequest:
        return None
    per_page = search_request.per_page
    reachable = deepest_page(per_page) * per_page
    if position > reachable:
        return None
    found, total = _results_around(search_request, position)
    here = found.get(position)
    if here is None or here.id != doc_id:
        return None

    def link(at: int) -> dict | None:
        hit = found.get(at)
        if hit is None or not 1 <= at <= min(total, reachable):
            return None
        results_page = url_with(search_request, page=page_of(at, per_page))
        return {"title": hit.title, "url": url_for(
            "documents.document_page", doc_id=hit.id, back=results_page, n=at)}

    return {"back_url": url_with(search_request, page=page_of(position, per_page)),
            "position": position, "total": total,
            "prev": link(position - 1), "next": link(position + 1)}


def _results_around(search_request: SearchRequest, position: int) -> tuple[dict, int]:
    """position -> hit for the results at and beside `position`, and the total: one
    search, or two when the position is first or last on its page."""
    per_page = search_request.per_page
    wanted = {page_of(at, per_page) for at in (max(1, position - 1), position, position + 1)}
    found, total = {}, 0
    for page in sorted(wanted):
        args = MultiDict(search_request.to_args(page=page))
        _, result = run_search(args)
        total = result.total
        if result.page != page:        # clamped: past the last reachable page
            continue
        for offset, hit in enumerate(result.hits):
            found[(page - 1) * per_page + offset + 1] = hit
    return found, total
