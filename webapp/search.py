"""Researchers' search: the search page, its JSON twin, its Atom feed and OpenSearch."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext

from indexer.core.errors import DocumentNotFound
from indexer.core.limits import QueryTooBroad, SearchTooSlow
from indexer.core.lists import FACETS
from indexer.search.request import SORTS, SearchRequest, broken_syntax, has_words
from indexer.search.results import FacetCount, Hit, SearchResult
from webapp.citations import CITATION_FORMATS
from webapp.errors import translated
from webapp.labels import FACET_LABELS, topic_label, topic_labels, value_label
from webapp.paging import page_args, pages

bp = Blueprint("search", __name__)


def run_search(args) -> tuple[SearchRequest, SearchResult]:
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


def facet_links(search_request: SearchRequest,
                facets: dict[str, tuple[FacetCount, ...]]) -> list[dict]:
    """Datasette-style facet results: each value with its count and toggle URLs."""
    out = []
    for facet in FACETS:
        entries = []
        for counted in facets.get(facet.name, ()):
            entry = asdict(counted)
            value = entry["value"]
            filters, excludes = search_request.filters, search_request.excludes
            # Choosing a value un-excludes it and excluding un-chooses it: never both at once.
            entries.append(dict(entry, label=value_label(facet.name, value), toggle_url=url_with(
                search_request, filters=toggled(filters, facet.name, value),
                excludes=without(excludes, facet.name, value), page=1), exclude_url=url_with(
                search_request, excludes=toggled(excludes, facet.name, value),
                filters=without(filters, facet.name, value), page=1)))
        out.append({"name": facet.name, "label": FACET_LABELS[facet.name], "results": entries}
                   | first_values(entries) | {"more_url": facet_page_url(search_request,
                                                                         facet.name)})
    return out


FACET_SHOWN = 10          # values a facet lists at first; "All values" opens the rest
FACET_FILTERABLE = 20     # a facet with more values than this gets a filter box


def first_values(entries: list[dict]) -> dict:
    """The values a facet shows at first (the top ones, and every chosen or excluded
    one), those kept hidden for the in-page filter, and whether it has more or a filter."""
    shown = [e for i, e in enumerate(entries)
             if i < FACET_SHOWN or e["selected"] or e["excluded"]]
    shown_ids = {id(e) for e in shown}
    hidden = [e for e in entries if id(e) not in shown_ids]
    return {"shown": shown, "hidden": hidden, "has_more": bool(hidden),
            "filterable": len(entries) > FACET_FILTERABLE}


def facet_page_url(search_request: SearchRequest, name: str, extra: tuple = ()) -> str:
    """The page listing every value of one facet for this search (webapp.facets)."""
    query = urlencode(search_request.to_args(page=1) + list(extra))
    return url_for("facets.facet_page", name=name) + (f"?{query}" if query else "")


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


@dataclass(frozen=True)
class Card(Hit):
    """A hit as its card on the results page shows it: with what the stored record adds
    (the index does not hold these) and the topics' labels."""
    program: str | None = None
    series: str | None = None
    original_kind: str | None = None
    catalogue_entry: bool = False
    source_url: str | None = None
    topic_labels: tuple[str, ...] = ()
    event_status: str | None = None         # "upcoming" or "past", for a dated event


def enrich(hits: tuple[Hit, ...]) -> list[Card]:
    """Add what a result card needs from the stored record (program, original, event timing)."""
    corpus = current_app.extensions["archive"].corpus
    today = date.today().isoformat()
    cards = []
    for hit in hits:
        try:
            record = corpus.get_record(hit.id)
        except DocumentNotFound:     # removed since the index was read
            record = {}
        status = None
        if hit.type == "event" and hit.date:
            status = "upcoming" if hit.date >= today[:len(hit.date)] else "past"
        cards.append(Card(
            **{f.name: getattr(hit, f.name) for f in fields(Hit)},
            program=record.get("program"), series=record.get("series"),
            original_kind=record.get("original_kind"),
            catalogue_entry=bool(record.get("catalogue_entry")),
            source_url=record.get("source_url"),
            topic_labels=tuple(topic_label(t) for t in hit.topics), event_status=status))
    return cards


_ONLY_OPERATORS = re.compile(r"(?:\s|\bAND\b|\bOR\b|\bNOT\b|[-+*?():\"'\[\]{}^~])*")


def _corrected(search_request: SearchRequest, result: SearchResult):
    """(what was typed, the search shown, its result): when nothing matches what was
    typed and its spelling suggestion does, the suggestion's results, as researchers
    expect; `spell=off` (the "search instead" link) keeps the words as typed."""
    if result.total or not result.suggestion or request.args.get("spell") == "off":
        return search_request, search_request, result
    args = page_args(request.args).copy()
    args["q"] = result.suggestion
    corrected, shown = run_search(args)
    if not shown.total:
        return search_request, search_request, result
    return search_request, corrected, replace(shown, suggestion=None)


def topics_with_documents() -> list[tuple[str, str]]:
    """The vocabulary's topics that some document has, for the no-results page: a topic
    offered there must lead somewhere (the blank search's counts, cached per worker)."""
    blank = current_app.extensions["search"].search(SearchRequest(per_page=1))
    held = {entry.value for entry in blank.facets.get("topic", ()) if entry.count}
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
    # The page offers 10, 20 or 50 a page (anything else is the default); JSON, 1 to 100.
    args = request.args if request.args.get("format") == "json" else page_args(request.args)
    try:
        search_request, result = run_search(args)
    except (QueryTooBroad, SearchTooSlow) as too_broad:
        refused = True
        if request.args.get("format") == "json":
            raise                   # the JSON error shape, status 400
        # The search page itself, saying why, with the query kept to edit.
        search_request = SearchRequest.from_args(args)
        result = SearchResult(query=search_request.q, total=0, page=1,
                              per_page=search_request.per_page, notice=translated(too_broad))
    if request.args.get("format") == "json":
        return jsonify(result.to_json())
    typed, search_request, result = _corrected(search_request, result)
    return render_template(
        "search.html", note=result.notice or query_note(search_request.q, result.total),
        corrected_from=typed.q if typed is not search_request else None,
        uncorrected_url=url_with(typed, extra=(("spell", "off"),)),
        all_topics=topics_with_documents() if not result.total else [],
        # The results page itself, so a document opened from it links back to it.
        back_url=url_with(search_request),
        req=search_request, result=result, hits=enrich(result.hits),
        facets=facet_links(search_request, result.facets), chips=chips(search_request),
        pages=pages(search_request, result.total,
                    lambda **changes: url_with(search_request, **changes)), sorts=SORTS,
        # Without words to rank by, the service lists newest first: say so.
        shown_sort=search_request.sort if search_request.sort != "relevance"
        or refused or has_words(search_request.q) else "newest",
        sort_urls={s: url_with(search_request, sort=s, page=1) for s in SORTS},
        suggestion_url=url_with(search_request, q=result.suggestion, page=1)
        if result.suggestion else None,
        clear_url=url_with(SearchRequest(q=search_request.q, sort=search_request.sort,
                                        per_page=search_request.per_page)),
        json_url=url_with(search_request, "search.api_search"),
        feed_url=url_with(search_request, "feeds.feed", page=1, sort="newest"),
        export_urls={fmt: url_with(search_request, "documents.export_results",
                                   extra=(("format", fmt),)) for fmt in CITATION_FORMATS},
        year_bounds=_year_bounds(result.facets.get("year", ())),
    ), 400 if refused else 200


def _year_bounds(years: tuple[FacetCount, ...]) -> tuple[int | None, int | None]:
    values = [int(e.value) for e in years]
    return (min(values), max(values)) if values else (None, None)


@bp.get("/api/search")
def api_search():
    _, result = run_search(request.args)
    return jsonify(result.to_json())
