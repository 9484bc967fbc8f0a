"""A stand-in for the web app's /api/search, used ONLY when `webapp:create_app()` is missing.

It follows the JSON endpoint's contract (q, topic, type, author, year_from, year_to,
sort, page, per_page -> SearchService.search as JSON) so the load client can be
tested before the real app lands; the benchmark says in its report which app it hit.
"""
from __future__ import annotations

import json
from urllib.parse import parse_qs

from indexer.core.config import Settings
from indexer.core.errors import ArchivoError
from indexer.engine.index import IndexStore
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService


def create_app():
    service = None     # opened lazily, after gunicorn forks the worker

    def app(environ, start_response):
        nonlocal service
        if environ.get("PATH_INFO") != "/api/search":
            return _reply(start_response, 404, {"error": "not found"})
        if service is None:
            settings = Settings.from_env()
            service = SearchService(IndexStore(settings.index_dir),
                                    topics_file=settings.topics_file)
        try:
            request = SearchRequest.from_args(parse_qs(environ.get("QUERY_STRING", "")))
            return _reply(start_response, 200, service.search(request).to_json())
        except ArchivoError as exc:
            return _reply(start_response, exc.status, {"error": exc.message})

    return app


def _reply(start_response, status: int, body: dict):
    data = json.dumps(body).encode()
    start_response(f"{status} {'OK' if status == 200 else 'ERROR'}",
                   [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]
