"""What a search asks for: the request the web page, the API and the CLI build from
their parameters, and its way back to URL parameters (for links and facets)."""
from __future__ import annotations

from dataclasses import dataclass, field

from indexer.core.errors import BadRequest
from indexer.core.limits import MAX_QUERY_CHARS, deepest_page
from indexer.core.lists import FACETS_BY_NAME
from indexer.engine import broken_syntax, text_query

MAX_PER_PAGE = 100
MAX_PAGE = 10_000      # deeper pages are clamped: nobody reads a million results
# (and, tighter, to the pages within indexer.core.limits.MAX_RESULT_WINDOW results)
# "added": most recently added to the archive first (the feed's order: what is new here).
SORTS = ("relevance", "newest", "oldest", "added")


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)   # facet -> values (OR)
    excludes: dict[str, list[str]] = field(default_factory=dict)  # facet -> values (NOT)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    # A facet whose values are all wanted (its own page), not only the first FACET_LIMIT;
    # not a URL parameter of the search: /facet/<name> sets it.
    full_facet: str | None = None

    @classmethod
    def from_args(cls, args) -> "SearchRequest":
        """From URL parameters (a werkzeug MultiDict or a dict of lists/strings)."""
        getlist = args.getlist if hasattr(args, "getlist") else (
            lambda k: v if isinstance(v := args.get(k, []), list) else [v])
        first = lambda k: (getlist(k) or [""])[0]  # noqa: E731
        q = first("q")[:MAX_QUERY_CHARS]
        per_page = min(MAX_PER_PAGE, max(1, _int(first("per_page"), "per_page", 10)))
        sort = first("sort") or "relevance"
        if sort not in SORTS:
            raise BadRequest("sort must be one of {sorts}", sorts=", ".join(SORTS))
        year_from = _year(first("year_from"), "year_from")
        year_to = _year(first("year_to"), "year_to")
        if year_from and year_to and year_from > year_to:   # 2016 to 2010 means 2010 to 2016
            year_from, year_to = year_to, year_from
        return cls(
            q=q,
            filters={f: _values(getlist(f)) for f in FACETS_BY_NAME if _values(getlist(f))},
            excludes={f: _values(getlist(f"not_{f}")) for f in FACETS_BY_NAME
                      if _values(getlist(f"not_{f}"))},
            year_from=year_from, year_to=year_to, sort=sort,
            page=min(MAX_PAGE, deepest_page(per_page), max(1, _int(first("page"), "page", 1))),
            per_page=per_page,
        )

    def to_args(self, **overrides) -> list[tuple[str, str]]:
        """URL parameters for this request, with some changed (for links and facets)."""
        state = {"q": self.q, "filters": self.filters, "excludes": self.excludes,
                 "year_from": self.year_from, "year_to": self.year_to, "sort": self.sort,
                 "page": self.page, "per_page": self.per_page} | overrides
        args = [("q", state["q"])] if state["q"] else []
        for name, values in state["filters"].items():
            args += [(name, v) for v in values]
        for name, values in state["excludes"].items():
            args += [(f"not_{name}", v) for v in values]
        for key in ("year_from", "year_to"):
            if state[key] is not None:
                args.append((key, str(state[key])))
        if state["sort"] != "relevance":
            args.append(("sort", state["sort"]))
        if state["page"] != 1:
            args.append(("page", str(state["page"])))
        if state["per_page"] != 10:
            args.append(("per_page", str(state["per_page"])))
        return args


def _values(raw: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip()[:200] for v in raw if v and v.strip()))


def _int(raw: str, name: str, default: int) -> int:
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise BadRequest("{name} must be a whole number, not {raw!r}", name=name,
                         raw=raw[:40]) from None


def _year(raw: str, name: str) -> int | None:
    if not raw:
        return None
    value = _int(raw, name, 0)
    if not 1000 <= value <= 2999:
        raise BadRequest("{name} must be a four-digit year, not {raw!r}", name=name,
                         raw=raw[:40])
    return value


def has_words(q: str) -> bool:
    """Whether the query has words to rank by (without, the service lists newest first)."""
    return text_query(q) is not None
