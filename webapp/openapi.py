"""The OpenAPI 3 description of the public JSON API, served at /api/openapi.json.

Written by hand (the API is small) and kept honest by tests/test_api_fuzz.py, which
fuzzes every parameter described here and checks each answer against it.
"""
from __future__ import annotations

from flask import Blueprint, jsonify

from indexer.core.limits import MAX_QUERY_CHARS
from indexer.core.lists import CONTENT_TYPES, FACETS
from indexer.search.request import MAX_PER_PAGE, SORTS

bp = Blueprint("openapi", __name__)

STRINGS = {"type": "array", "items": {"type": "string"}}
NULLABLE_STRING = {"type": "string", "nullable": True}

ERROR = {
    "type": "object", "required": ["error"],
    "properties": {"error": {
        "type": "object", "required": ["status", "message"],
        "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}},
}
HIT = {
    "type": "object",
    "required": ["id", "title", "type", "topics", "authors", "date", "url", "snippet", "pages",
                 "related_in_meaning"],
    "additionalProperties": False,
    "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                   "type": {"type": "string"}, "topics": STRINGS, "authors": STRINGS,
                   "date": NULLABLE_STRING, "url": {"type": "string"},
                   "snippet": {"type": "string"},
                   # A PDF's pages that hold the matched words (from 1): [] otherwise.
                   "pages": {"type": "array", "items": {"type": "integer", "minimum": 1}},
                   # Found by meaning (search.fusion): the document holds none of the words.
                   "related_in_meaning": {"type": "boolean"}},
}
FACET_ENTRY = {
    "type": "object", "required": ["value", "count", "selected"],
    "additionalProperties": False,
    "properties": {"value": {"type": "string"}, "count": {"type": "integer", "minimum": 0},
                   "selected": {"type": "boolean"}},
}
SEARCH_RESULT = {
    "type": "object",
    "required": ["query", "total", "page", "per_page", "results", "facets", "suggestion"],
    "properties": {
        "query": {"type": "string"}, "total": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        "results": {"type": "array", "items": HIT},
        "facets": {"type": "object", "required": [f.name for f in FACETS],
                   "properties": {f.name: {"type": "array", "items": FACET_ENTRY}
                                  for f in FACETS}},
        "suggestion": NULLABLE_STRING,
        # Only when the results are partial: a prefix, wildcard or range hit its cap.
        "notice": {"type": "string"},
    },
}
DOCUMENT = {
    "type": "object",
    "required": ["id", "title", "text", "authors", "date", "type", "topics", "url",
                 "original_url"],
    "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                   "text": {"type": "string"}, "authors": STRINGS, "date": NULLABLE_STRING,
                   "type": {"type": "string", "enum": list(CONTENT_TYPES)},
                   "topics": {"type": "array", "items": {"type": "object"}},
                   "url": {"type": "string"}, "original_url": NULLABLE_STRING},
}


def _param(name: str, schema: dict, description: str, where: str = "query") -> dict:
    return {"name": name, "in": where, "required": where == "path", "schema": schema,
            "description": description, **({"style": "form", "explode": True}
                                           if schema.get("type") == "array" else {})}


def _search_parameters() -> list[dict]:
    params = [_param("q", {"type": "string"},
                     f"Words or search syntax; only the first {MAX_QUERY_CHARS} characters "
                     "count.")]
    for facet in FACETS:
        params.append(_param(facet.name, STRINGS, f"Keep {facet.label.lower()} values (OR)."))
        params.append(_param(f"not_{facet.name}", STRINGS,
                             f"Leave out {facet.label.lower()} values."))
    year = {"type": "integer", "minimum": 1000, "maximum": 2999}
    params += [
        _param("year_from", year, "First year, inclusive."),
        _param("year_to", year, "Last year, inclusive."),
        _param("sort", {"type": "string", "enum": list(SORTS)}, "Order of the results."),
        _param("page", {"type": "integer", "minimum": 1}, "Page number, from 1."),
        _param("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
               "Results per page."),
    ]
    return params


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    reasons = {400: "A parameter the search cannot act on.", 404: "No such document.",
               410: "The document was withdrawn from the archive (it is in the trash).",
               503: "The index is missing or busy; try again."}
    return {str(code): _json(reasons[code], ERROR) for code in codes}


def description() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Archivo public API", "version": "1",
                 "description": "Search the publication archive and read its records. "
                                "Errors are {\"error\": {\"status\", \"message\"}}."},
        "paths": {
            "/api/search": {"get": {
                "operationId": "search", "summary": "Ranked results with facet counts.",
                "parameters": _search_parameters(),
                "responses": {"200": _json("One page of results.", SEARCH_RESULT),
                              **_errors(400, 503)}}},
            "/api/documents/{doc_id}": {"get": {
                "operationId": "document", "summary": "One document's public record.",
                "parameters": [_param("doc_id", {"type": "string"}, "The document id.",
                                      where="path")],
                "responses": {"200": _json("The record.", DOCUMENT), **_errors(404, 410, 503)}}},
        },
    }


@bp.get("/api/openapi.json")
def openapi_json():
    return jsonify(description())
