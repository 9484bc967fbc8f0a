"""Archivo's web app: researchers' search and documents, librarians' workflow.

create_app(test_config=None) builds the app; settings come from ARCHIVO_* environment
variables (see indexer.config) or from test_config.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask
from flask_wtf import CSRFProtect

from indexer.archive import Archive
from indexer.config import PROJECT_ROOT, Settings
from indexer.search import SearchService

csrf = CSRFProtect()


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    settings = Settings.from_env()
    app.config.update(
        ARCHIVO_CORPUS_DIR=str(settings.corpus_dir),
        ARCHIVO_INDEX_DIR=str(settings.index_dir),
        ARCHIVO_INSTANCE_DIR=os.environ.get("ARCHIVO_INSTANCE_DIR", str(PROJECT_ROOT / "var")),
        ARCHIVO_MAX_BYTES=settings.max_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
    )
    if test_config:
        app.config.update(test_config)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["ARCHIVO_MAX_BYTES"]) + 1024 * 1024
    app.config.setdefault("SECRET_KEY", None)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = os.environ.get("ARCHIVO_SECRET_KEY") or _instance_secret(app)

    archive = Archive(Settings(
        corpus_dir=Path(app.config["ARCHIVO_CORPUS_DIR"]),
        index_dir=Path(app.config["ARCHIVO_INDEX_DIR"]),
        topics_file=Path(app.config.get("ARCHIVO_TOPICS_FILE", settings.topics_file)),
        max_bytes=int(app.config["ARCHIVO_MAX_BYTES"]),
        lock_timeout=float(app.config.get("ARCHIVO_LOCK_TIMEOUT", settings.lock_timeout)),
    ))
    app.extensions["archive"] = archive
    app.extensions["search"] = SearchService(archive.index)
    csrf.init_app(app)

    from webapp import errors, i18n, views
    i18n.init_app(app)
    errors.register(app)
    views.register(app)
    return app


def _instance_secret(app: Flask) -> str:
    """A per-installation secret kept in the instance folder, made on first start."""
    path = Path(app.config["ARCHIVO_INSTANCE_DIR"]) / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key
