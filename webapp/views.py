"""Registers every blueprint; each area of the app lives in its own module."""
from __future__ import annotations

from flask import Flask

from indexer.ingest.metadata import web_url
from indexer.core.lists import CONTENT_TYPES


def register(app: Flask) -> None:
    from webapp import cite_styles, documents, facets, feeds, labels, openapi, search, selection

    app.register_blueprint(search.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(facets.bp)
    register_librarian(app)
    app.register_blueprint(openapi.bp)
    selection.init_app(app)
    cite_styles.register(app)
    app.jinja_env.globals["content_types"] = CONTENT_TYPES
    labels.register(app)
    # `url is web_url`: only http(s) URLs become links (records imported before the
    # check, or edited by hand, may still hold a javascript: URL).
    app.jinja_env.tests["web_url"] = lambda value: web_url(value) is not None


def register_librarian(app: Flask) -> None:
    """Accounts, the librarians' pages and the write API (kept apart for easy merging)."""
    from webapp import api_write, auth, form_limits, librarian, progress

    form_limits.init_app(app)
    auth.init_app(app)
    app.register_blueprint(librarian.bp)
    app.register_blueprint(progress.bp)
    app.register_blueprint(api_write.bp)
