"""The one Whoosh schema and the fields search weighs (the facets and controlled lists
are indexer.core.lists, imported here for the engine's own use)."""
from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from indexer.analysis.analyzers import ENGLISH, EXACT, SPANISH
from indexer.core.lists import (CONTENT_TYPES, FACETS, FACETS_BY_NAME,  # noqa: F401
                                LANGUAGES, Facet)
# SEARCH_FIELDS, SPANISH_FIELDS: the fields a plain query word is looked up in, with their
# BM25F weights, kept with the rest of the ranking.
from indexer.engine.bm25f import SEARCH_FIELDS, SPANISH_FIELDS  # noqa: F401

# Bump when the schema or analysis changes: `make run` rebuilds a stale index.
SCHEMA_VERSION = 11     # 11: vectors/ of search by meaning; 10: page_starts stored; 9: terms cut at MAX_TERM_CHARS, term keys as one blob (8: by checksum)


# Query-language field names a researcher types (author:olson) -> index fields.
QUERY_FIELD_ALIASES = {
    "title": "title", "author": "author_text", "authors": "author_text",
    "topic": "topics", "type": "type", "year": "year", "program": "program_text",
    "series": "series_text", "summary": "summary", "body": "body", "text": "body",
    "language": "language",
    # Spanish names of the same fields, for researchers searching in Spanish.
    "titulo": "title", "título": "title", "autor": "author_text", "tema": "topics",
    "tipo": "type", "año": "year", "ano": "year", "idioma": "language", "texto": "body",
}
# The fields search scores (BM25F): their postings are also kept as arrays
# (indexer.engine.termarrays).
SCORED_FIELDS = frozenset(SEARCH_FIELDS) | frozenset(SPANISH_FIELDS)


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        title=TEXT(analyzer=ENGLISH, stored=True, spelling=True),
        summary=TEXT(analyzer=ENGLISH, stored=True),
        # No spelling=True: "did you mean" reads the body's words from the generation's
        # word list (indexer.analysis.spelling), not from a second field of postings.
        body=TEXT(analyzer=ENGLISH, stored=True),
        title_es=TEXT(analyzer=SPANISH),
        summary_es=TEXT(analyzer=SPANISH),
        body_es=TEXT(analyzer=SPANISH),
        language=ID(stored=True),
        author_text=TEXT(analyzer=EXACT),
        authors=KEYWORD(stored=True, commas=True, scorable=False),
        topics=KEYWORD(stored=True, commas=True, lowercase=True, scorable=False),
        type=ID(stored=True, sortable=True),
        program_text=TEXT(analyzer=EXACT),
        series_text=TEXT(analyzer=EXACT),
        year=NUMERIC(int, bits=16, stored=True, sortable=True, signed=False),
        date=ID(stored=True, sortable=True),
        added=ID(stored=True, sortable=True),
        etag=STORED(),
        # The original file's sha256: finding a file already in the archive is one term
        # look-up, not a read of every record (25 s at 100,000 documents).
        checksum=ID(),
        # A PDF's page offsets in the body ("812,2040,..."): a hit names its pages.
        page_starts=STORED(),
    )


SCHEMA = build_schema()
