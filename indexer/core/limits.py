"""The index's limits, in one place: how long a term or a field may be, how far a
query may expand, how long it may run, how deep a researcher may page.

Every limit keeps one hostile or broken input (a PDF whose title is 3,000,000
characters, a 50 kB "word", `*e*` over a large archive) from costing the other
users: without them one long word padded every term key of a segment to its
length (139 GiB), and one broad wildcard held a worker until gunicorn killed it.
"""
from __future__ import annotations

from indexer.core.errors import BadRequest

# -- analysis ------------------------------------------------------------------
# A token is cut to this many characters (before and after folding) on every path
# (indexing, the rebuild's fast tokenizer, queries, spelling), as Lucene caps a
# term (255). 100 is over any English or Spanish word (the longest dictionary words
# are under 50 letters) and a SHA-256 in hex (64), so no real word is cut; a cut
# word is still found by the same word typed (the query is cut alike).
MAX_TERM_CHARS = 100

# -- fields at ingest ----------------------------------------------------------
# The longest real titles of the archive's kind (reports with subtitles) run to
# about 300 characters; a summary is 300 by default, a pasted abstract a few
# thousand. A value over its limit that came from a file is cut with a note in the
# record's history (the original file keeps it whole, so nothing a librarian
# uploaded is lost); a value a person typed (an edit, an upload's override) is
# refused with the limit in the message, since they are there to shorten it.
FIELD_CHARS = {"title": 1_000, "summary": 10_000, "program": 300, "series": 300,
               "source_url": 2_048}
MAX_AUTHORS = 100
MAX_AUTHOR_CHARS = 200

# -- queries -------------------------------------------------------------------
# Characters of a query that are read; the rest is dropped.
MAX_QUERY_CHARS = 1000
# Terms one prefix, wildcard or range may expand to in one field of one segment
# (Lucene's old maxClauseCount); more are dropped and the result says it is partial.
MAX_EXPANSIONS = 1_024
# Terms a wildcard or range may scan for matches in one field of one segment: a
# pattern like *zzq* matches nothing but reads the whole lexicon.
MAX_SCANNED_TERMS = 200_000
# A wildcard before any letter (*e*, ?x) scans every term: it needs this many literal
# characters; a bare * or field:* (every document) is refused outright.
MIN_WILDCARD_LITERALS = 3
# A query's own time budget, well inside gunicorn's 60 s worker timeout: past it the
# search stops and says so (SearchTooSlow), the worker lives on.
QUERY_SECONDS = 10.0
# Results a researcher may page through (Google's ~1,000); deeper pages are clamped.
MAX_RESULT_WINDOW = 1_000


class SearchTooSlow(BadRequest):
    """A query that ran past QUERY_SECONDS: the search was stopped (a 400, as for a
    query the system cannot act on: the same query would only be stopped again)."""


class QueryTooBroad(BadRequest):
    """A wildcard that would read every term (or every document) of a field."""


def deepest_page(per_page: int) -> int:
    """The last page number whose results start within MAX_RESULT_WINDOW."""
    return max(1, -(-MAX_RESULT_WINDOW // max(1, per_page)))


def cut_text(value: str, limit: int) -> str:
    """value cut to at most `limit` characters, at a space if one is near, with '…'."""
    if len(value) <= limit:
        return value
    cut = value[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 3 // 4 else cut).rstrip() + "…"


def cut_fields(doc) -> list[str]:
    """Cut a Document's over-long fields in place (values from a file); the notes
    say what was cut, for the record's history."""
    notes = []
    for name, limit in FIELD_CHARS.items():
        value = getattr(doc, name)
        if value and len(value) > limit:
            setattr(doc, name, cut_text(value, limit))
            notes.append(f"{name} cut from {len(value):,} to {limit:,} characters "
                         "(the original file keeps it whole)")
    authors = [cut_text(a, MAX_AUTHOR_CHARS) for a in doc.authors[:MAX_AUTHORS]]
    if authors != doc.authors:
        notes.append(f"authors cut to {MAX_AUTHORS} names of at most {MAX_AUTHOR_CHARS} "
                     f"characters (there were {len(doc.authors):,})")
        doc.authors = authors
    return notes


def check_field(name: str, value) -> None:
    """Refuse a typed value over its limit, naming the limit."""
    if name == "authors":
        if len(value) > MAX_AUTHORS:
            raise BadRequest("a document may have at most {limit} authors, not {count:,}",
                             limit=MAX_AUTHORS, count=len(value))
        longest = max(map(len, value), default=0)
        if longest > MAX_AUTHOR_CHARS:
            raise BadRequest("an author's name may have at most {limit} characters, not "
                             "{count:,}", limit=MAX_AUTHOR_CHARS, count=longest)
    elif name in FIELD_CHARS and value and len(value) > FIELD_CHARS[name]:
        raise BadRequest("the {name} may have at most {limit:,} characters, not {count:,}",
                         name=name, limit=FIELD_CHARS[name], count=len(value))
