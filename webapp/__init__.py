"""Archivo's web app: researchers' search and documents, librarians' workflow.

create_app(test_config=None) builds the app; settings come from ARCHIVO_* environment
variables (see indexer.core.config) or from test_config.
"""
from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from flask import Flask
from flask_wtf import CSRFProtect

from indexer.store.archive import Archive
from indexer.core.config import PROJECT_ROOT, Settings
from indexer.search.service import SearchService

csrf = CSRFProtect()


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    settings = Settings.from_env()
    app.config.update(
        ARCHIVO_CORPUS_DIR=str(settings.corpus_dir),
        ARCHIVO_INDEX_DIR=str(settings.index_dir),
        ARCHIVO_INSTANCE_DIR=os.environ.get("ARCHIVO_INSTANCE_DIR", str(PROJECT_ROOT / "var")),
        ARCHIVO_MAX_BYTES=settings.max_bytes,
        # Documents one upload may make (a listing): each is stored within the request.
        ARCHIVO_MAX_UPLOAD_DOCUMENTS=int(os.environ.get("ARCHIVO_MAX_UPLOAD_DOCUMENTS", "5000")),
        ARCHIVO_BASE_URL=os.environ.get("ARCHIVO_BASE_URL", ""),
        ARCHIVO_BEHIND_PROXY=int(os.environ.get("ARCHIVO_BEHIND_PROXY") or 0),
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
        build_procs=settings.build_procs,
        semantic=bool(app.config.get("ARCHIVO_SEMANTIC", settings.semantic)),
    ), merge_in_background=True)   # small segments merged after saves, not by a rebuild
    app.extensions["archive"] = archive
    archive.finish_interrupted_write()       # gunicorn restarts a killed worker: finish its write
    app.extensions["search"] = SearchService(archive.index,
                                             topics_file=archive.settings.topics_file,
                                             semantic=archive.settings.semantic)
    csrf.init_app(app)

    from webapp import errors, headers, i18n, site, views
    site.init_app(app)
    i18n.init_app(app)
    errors.register(app)
    headers.register(app)
    views.register(app)
    return app


def _instance_secret(app: Flask) -> str:
    """A per-installation secret kept in the instance folder, made on first start.

    gunicorn's workers start at the same moment and each makes the app: the secret
    is written whole to a temp file and then linked into place (link fails if the
    name exists), so no worker can read a half-written (empty) key, and the loser of
    the race uses the winner's key instead of failing.
    """
    path = Path(app.config["ARCHIVO_INSTANCE_DIR"]) / "secret_key"
    try:
        key = path.read_text().strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-secret-")   # mode 0600
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:         # another worker was first: use its key,
            if not path.read_text().strip():    # unless a crash left it empty
                os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path.read_text().strip()
