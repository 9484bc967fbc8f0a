"""The site's own address: for links read outside the page and for the same-origin check.

A request's Host header is the client's to choose; copied into a feed, an OpenSearch
description, a canonical link or a citation, it let anyone have the site hand out
links to another host (and a shared cache keep them). ARCHIVO_BASE_URL (for example
https://archivo.example.org, or with a path prefix) says where the site lives; without
it (development, tests) links follow the request as before.

Behind a reverse proxy ARCHIVO_BEHIND_PROXY=<n> (the number of proxies in front) makes
werkzeug's ProxyFix believe X-Forwarded-For and X-Forwarded-Proto from those n hops:
the client's real address is what login throttling counts, and https is what makes the
session cookie Secure. Without it those headers are ignored (a client could forge them).
"""
from __future__ import annotations

from urllib.parse import quote, urlsplit

from flask import Flask, current_app, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

from indexer.core.errors import BadRequest


def site_base_url() -> str:
    """Scheme, host and any prefix of the site, without a trailing slash."""
    configured = current_app.config.get("ARCHIVO_BASE_URL") or ""
    return (configured or request.url_root).rstrip("/")


def external_url(endpoint: str, **values) -> str:
    """url_for(..., _external=True), on the configured base URL when there is one."""
    if not current_app.config.get("ARCHIVO_BASE_URL"):
        return url_for(endpoint, _external=True, **values)
    path = url_for(endpoint, **values)[len(request.script_root):]
    return site_base_url() + path


def this_url() -> str:
    """The URL of this request (path and query), on the site's base URL."""
    query = request.query_string.decode("latin-1")
    return site_base_url() + quote(request.path) + (f"?{query}" if query else "")


def site_origin() -> str:
    parts = urlsplit(site_base_url())
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_foreign_origin(origin: str | None) -> bool:
    """An Origin header naming another site (or "null"); scripts send none at all."""
    return origin is not None and origin.strip().rstrip("/").lower() != site_origin()


def init_app(app: Flask) -> None:
    base = app.config.get("ARCHIVO_BASE_URL") or ""
    parts = urlsplit(base)
    if base and (parts.scheme not in ("http", "https") or not parts.netloc
                 or parts.query or parts.fragment):
        raise BadRequest("ARCHIVO_BASE_URL must be like https://archivo.example.org "
                         "(got {base!r})", base=base)
    hops = int(app.config.get("ARCHIVO_BEHIND_PROXY") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
