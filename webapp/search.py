"""Researchers' search: the search page, its JSON twin, its Atom feed and OpenSearch."""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext

from indexer.core.errors import DocumentNotFound
from indexer.core.limits import QueryTooBroad, SearchTooSlow, deepest_page
from indexer.core.lists import FACETS
from indexer.search.request import SORTS, SearchRequest, broken_syntax, has_words
from webapp.citations import CITATION_FORMATS
from webapp.errors import translated
from webapp.labels import FACET_LABELS, topic_label, topic_labels, value_label

bp = Blueprint("search", __name__)


def run_search(args) -> tuple[SearchRequest, dict]:
    search_request = SearchRequest.from_args(args)
    result = current_app.extensions["search"].search(search_request)
    return search_request, result


def url_with(search_request: SearchRequest, endpoint: str = "search.search_page",
             extra: tuple = (), **changes) -> str:
    """A URL for this search with some state changed; every link keeps the whole state."""
    query = urlencode(search_request.to_args(**changes) + list(extra))
    return url_for(endpoint) + (f"?{query}" if query else "")


def toggled(values: dict, facet: str, value: str) -> dict:
    """The facet selection with one value added or removed (a new dict)."""
    current = list(values.get(facet, []))
    current = [v for v in current if v != value] if value in current else current + [value]
    changed = {k: list(v) for k, v in values.items() if k != facet}
    if current:
        changed[facet] = current
    return changed


def without(values: dict, facet: str, value: str) -> dict:
    """The facet selection with one value left out (a new dict)."""
    return toggled(values, facet, value) if value in values.get(facet, []) else values


def facet_links(search_request: SearchRequest, facets: dict) -> list[dict]:
    """Datasette-style facet results: each value with its count and toggle URLs."""
    out = []
    for facet in FACETS:
        entries = []
        for entry in facets.get(facet.name, []):
            value = entry["value"]
            filters, excludes = search_request.filters, search_request.excludes
            # Choosing a value un-excludes it and excluding un-chooses it: never both at once.
            entries.append(dict(entry, label=value_label(facet.name, value), toggle_url=url_with(
                search_request, filters=toggled(filters, facet.name, value),
                excludes=without(excludes, facet.name, value), page=1), exclude_url=url_with(
                search_request, excludes=toggled(excludes, facet.name, value),
                filters=without(filters, facet.name, value), page=1)))
        out.append({"name": facet.name, "label": FACET_LABELS[facet.name], "results": entries})
    return out


def chips(search_request: SearchRequest) -> list[dict]:
    """The selected and excluded values, each with the URL that removes it."""
    found = []
    for name, values in search_request.filters.items():
        for value in values:
            found.append({"label": gettext("%(facet)s: %(value)s", facet=FACET_LABELS[name],
                                           value=value_label(name, value)),
                          "remove_url": url_with(search_request, page=1, filters=toggled(
                              search_request.filters, name, value))})
    for name, values in search_request.excludes.items():
        for value in values:
            found.append({"label": gettext("Not %(facet)s: %(value)s",
                                           facet=str(FACET_LABELS[name]).lower(),
                                           value=value_label(name, value)),
                          "remove_url": url_with(search_request, page=1, excludes=toggled(
                              search_request.excludes, name, value))})
    if search_request.year_from or search_request.year_to:
        found.append({"label": gettext("Years: %(start)s–%(end)s",
                                       start=search_request.year_from or "…",
                                       end=search_request.year_to or "…"),
                      "remove_url": url_with(search_request, year_from=None, year_to=None,
                                             page=1)})
    return found


def enrich(hits: list[dict]) -> list[dict]:
    """Add what a result card needs from the stored record (program, original, event timing)."""
    corpus = current_app.extensions["archive"].corpus
    today = date.today().isoformat()
    for hit in hits:
        try:
            record = corpus.get_record(hit["id"])
        except DocumentNotFound:     # removed since the index was read
            record = {}
        hit["program"] = record.get("program")
        hit["series"] = record.get("series")
        hit["original_kind"] = record.get("original_kind")
        hit["catalogue_entry"] = bool(record.get("catalogue_entry"))
        hit["source_url"] = record.get("source_url")
        hit["topic_labels"] = [topic_label(t) for t in hit["topics"]]
        if hit["type"] == "event" and hit["date"]:
            hit["event_status"] = "upcoming" if hit["date"] >= today[:len(hit["date"])] else "past"
    return hits


def pages(search_request: SearchRequest, total: int) -> dict:
    last = max(1, min(-(-total // search_request.per_page),
                      deepest_page(search_request.per_page)))     # see limits.MAX_RESULT_WINDOW
    page = search_request.page
    return {
        "current": page, "last": last, "first_url": url_with(search_request, page=1),
        "prev_url": url_with(search_request, page=page - 1) if page > 1 else None,
        "next_url": url_with(search_request, page=page + 1) if page < last else None,
        "numbers": [(n, url_with(search_request, page=n))
                    for n in range(max(1, page - 3), min(last, page + 3) + 1)],
    }


# The JSON twin's contract: exactly these keys (the page uses more of the result).
API_HIT_KEYS = ("id", "title", "type", "topics", "authors", "date", "url", "snippet", "pages")
API_FACET_KEYS = ("value", "count", "selected")
_ONLY_OPERATORS = re.compile(r"(?:\s|\bAND\b|\bOR\b|\bNOT\b|[-+*?():\"'\[\]{}^~])*")


def api_result(result: dict) -> dict:
    """The JSON twin; "notice" only when the results are partial (a capped expansion)."""
    return {
        "query": result["query"], "total": result["total"], "page": result["page"],
        "per_page": result["per_page"],
        "results": [{k: hit[k] for k in API_HIT_KEYS} for hit in result["results"]],
        "facets": {name: [{k: e[k] for k in API_FACET_KEYS} for e in entries]
                   for name, entries in result["facets"].items()},
        "suggestion": result["suggestion"],
    } | ({"notice": result["notice"]} if result.get("notice") else {})


def _corrected(search_request: SearchRequest, result: dict):
    """(what was typed, the search shown, its result): when nothing matches what was
    typed and its spelling suggestion does, the suggestion's results, as researchers
    expect; `spell=off` (the "search instead" link) keeps the words as typed."""
    if result["total"] or not result.get("suggestion") or request.args.get("spell") == "off":
        return search_request, search_request, result
    args = request.args.copy()
    args["q"] = result["suggestion"]
    corrected, shown = run_search(args)
    if not shown["total"]:
        return search_request, search_request, result
    return search_request, corrected, dict(shown, suggestion=None)


def topics_with_documents() -> list[tuple[str, str]]:
    """The vocabulary's topics that some document has, for the no-results page: a topic
    offered there must lead somewhere (the blank search's counts, cached per worker)."""
    blank = current_app.extensions["search"].search(SearchRequest(per_page=1))
    held = {entry["value"] for entry in blank["facets"].get("topic", []) if entry["count"]}
    return [(slug, label) for slug, label in topic_labels() if slug in held]


def query_note(q: str, total: int) -> str | None:
    """A hint for a query that holds no word to look for ("OR", "-", "()"), or whose
    syntax could not be read whole (then part of it was searched as plain words)."""
    if q.strip() and not total and _ONLY_OPERATORS.fullmatch(q):
        return gettext("This search holds only operators or symbols and no word to look "
                       "for. Put words around them, e.g. trade OR energy, migration -refugees.")
    if broken_syntax(q):
        return gettext("Part of this search's syntax could not be read (an unmatched quote "
                       "or parenthesis, or AND, OR or NOT with nothing beside it), so it was "
                       "searched as plain words.")
    return None


@bp.get("/")
def search_page():
    refused = False
    try:
        search_request, result = run_search(request.args)
    except (QueryTooBroad, SearchTooSlow) as too_broad:
        refused = True
        if request.args.get("format") == "json":
            raise                   # the JSON error shape, status 400
        # The search page itself, saying why, with the query kept to edit.
        search_request = SearchRequest.from_args(request.args)
        result = {"query": search_request.q, "total": 0, "page": 1, "results": [],
                  "facets": {}, "suggestion": None, "notice": translated(too_broad)}
    if request.args.get("format") == "json":
        return jsonify(api_result(result))
    typed, search_request, result = _corrected(search_request, result)
    return render_template(
        "search.html", note=result.get("notice") or query_note(search_request.q,
                                                               result["total"]),
        corrected_from=typed.q if typed is not search_request else None,
        uncorrected_url=url_with(typed, extra=(("spell", "off"),)),
        all_topics=topics_with_documents() if not result["total"] else [],
        # The results page itself, so a document opened from it links back to it.
        back_url=url_with(search_request),
        req=search_request, result=result, hits=enrich(result["results"]),
        facets=facet_links(search_request, result["facets"]), chips=chips(search_request),
        pages=pages(search_request, result["total"]), sorts=SORTS,
        # Without words to rank by, the service lists newest first: say so.
        shown_sort=search_request.sort if search_request.sort != "relevance"
        or refused or has_words(search_request.q) else "newest",
        sort_urls={s: url_with(search_request, sort=s, page=1) for s in SORTS},
        suggestion_url=url_with(search_request, q=result["suggestion"], page=1)
        if result["suggestion"] else None,
        clear_url=url_with(SearchRequest(q=search_request.q, sort=search_request.sort)),
        json_url=url_with(search_request, "search.api_search"),
        feed_url=url_with(search_request, "feeds.feed", page=1, sort="newest"),
        export_urls={fmt: url_with(search_request, "documents.export_results",
                                   extra=(("format", fmt),)) for fmt in CITATION_FORMATS},
        year_bounds=_year_bounds(result["facets"].get("year", [])),
    ), 400 if refused else 200


def _year_bounds(years: list[dict]) -> tuple[int | None, int | None]:
    values = [int(e["value"]) for e in years]
    return (min(values), max(values)) if values else (None, None)


@bp.get("/api/search")
def api_search():
    _, result = run_search(request.args)
    return jsonify(api_result(result))
