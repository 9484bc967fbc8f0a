"""Registers every blueprint; each area of the app lives in its own module."""
from __future__ import annotations

from flask import Flask

from indexer.schema import CONTENT_TYPES


def register(app: Flask) -> None:
    from webapp import documents, feeds, openapi, search

    app.register_blueprint(search.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(openapi.bp)
    app.jinja_env.globals["content_types"] = CONTENT_TYPES
