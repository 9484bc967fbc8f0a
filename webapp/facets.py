"""A facet's own page: every value of one facet for the current search, with counts.

The results page lists a facet's top values; "All values" opens this page, which
needs no JavaScript: its filter box is a GET form (facet_q, matched without case or
accents), its values are paged (facet_page) and sorted by count or A–Z (facet_sort).
Each value links to the results with it chosen or excluded, the search kept whole.
The JSON twin (?format=json) gives the same values without labels.
"""
from __future__ import annotations

import dataclasses

from flask import Blueprint, abort, current_app, jsonify, render_template, request

from indexer.analysis.analyzers import fold
from indexer.core.lists import FACETS_BY_NAME
from indexer.search.request import SearchRequest
from webapp.labels import FACET_LABELS
from webapp.paging import page_args
from webapp.search import facet_links, facet_page_url, url_with

bp = Blueprint("facets", __name__)

VALUES_PER_PAGE = 100
FACET_SORTS = ("count", "az")


@bp.get("/facet/<name>")
def facet_page(name: str):
    if name not in FACETS_BY_NAME:
        abort(404)
    search_request = SearchRequest.from_args(page_args(request.args))
    # One hit is enough: this page shows the facet, not the results.
    result = current_app.extensions["search"].search(dataclasses.replace(
        search_request, page=1, per_page=1, full_facet=name))
    [facet] = [f for f in facet_links(search_request, result.facets) if f["name"] == name]
    wanted = fold(request.args.get("facet_q", "").strip())[:100]
    sort = request.args.get("facet_sort") if request.args.get("facet_sort") in FACET_SORTS \
        else "count"
    values = [v for v in facet["results"] if wanted in fold(str(v["label"]))]
    if sort == "az":
        values.sort(key=lambda v: fold(str(v["label"])))
    if request.args.get("format") == "json":
        return jsonify({"facet": name, "total": len(values), "values": [
            {k: v[k] for k in ("value", "count", "selected", "excluded")} for v in values]})
    last = max(1, -(-len(values) // VALUES_PER_PAGE))
    page = min(last, max(1, _whole(request.args.get("facet_page"))))
    state = {"facet_q": request.args.get("facet_q", "").strip()[:100] or None,
             "facet_sort": sort if sort != "count" else None}

    def link(**changes) -> str:
        return facet_page_url(search_request, name, extra=tuple(
            (k, str(v)) for k, v in (state | changes).items() if v is not None))

    return render_template(
        "facet.html", facet=facet, req=search_request, result=result,
        values=values[(page - 1) * VALUES_PER_PAGE:page * VALUES_PER_PAGE],
        facet_q=state["facet_q"] or "", facet_sort=sort, label=FACET_LABELS[name],
        results_url=url_with(search_request, page=1),
        sort_urls={s: link(facet_sort=None if s == "count" else s, facet_page=None)
                   for s in FACET_SORTS},
        prev_url=link(facet_page=page - 1 if page > 2 else None) if page > 1 else None,
        next_url=link(facet_page=page + 1) if page < last else None,
        page=page, last=last, matched=len(values), json_url=link(format="json", facet_page=None))


def _whole(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and len(raw) < 7 else 1

