"""A researcher's selection ("bookmarks"): documents kept across pages and searches.

Researchers are anonymous: the session cookie holds only a random selection key and
the ids are kept server-side (webapp.selection_store says why). Every change is a POST
form with the app's CSRF token, so it works without JavaScript; archivo.js sends the
same form with fetch and asks for JSON. The selection is bounded (ARCHIVO_MAX_SELECTION,
500), ids are checked, and a document withdrawn or removed since it was selected is
listed as such. The list exports as RIS, BibTeX or CSL-JSON and prints as a list.
"""
from __future__ import annotations

import re
import secrets
import sqlite3
from pathlib import Path

from flask import (Blueprint, Flask, current_app, flash, g, jsonify, redirect, render_template,
                   request, session, url_for)
from flask_babel import gettext, ngettext

from indexer.core.errors import BadRequest, DocumentNotFound, DocumentWithdrawn
from indexer.store.corpus import valid_id
from webapp.auth import _safe_next
from webapp.citations import CITATION_FORMATS
from webapp.cite_styles import STYLES, citation_html
from webapp.documents import _citation_response, permalink, published
from webapp.selection_store import SelectionFull, SelectionStore

bp = Blueprint("selection", __name__)

MAX_SELECTION = 500
# A formatted entry takes 10-20 ms (citeproc-py, measured here): 100 is about 2 s at worst.
FORMATTED_MAX = 100
SESSION_KEY = "selection"
_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{20,40}$")


def _store() -> SelectionStore:
    return current_app.extensions["selection"]


def _limit() -> int:
    return int(current_app.config["ARCHIVO_MAX_SELECTION"])


def _owner(create: bool = False) -> str | None:
    """This session's selection key; a new one only when something is to be kept."""
    key = session.get(SESSION_KEY)
    if isinstance(key, str) and _KEY_RE.match(key):
        return key
    if not create:
        return None
    session[SESSION_KEY] = key = secrets.token_urlsafe(24)
    return key


def selected_ids() -> list[str]:
    """The ids in this session's selection, in the order they were added (once a request)."""
    if "selected_ids" not in g:
        owner = _owner()
        g.selected_ids = _store().ids(owner) if owner else []
    return g.selected_ids


def _asked_ids() -> list[str]:
    ids = list(dict.fromkeys(v.strip() for v in request.form.getlist("id") if v.strip()))
    if not ids:
        raise BadRequest("say which document: an id is needed")
    if len(ids) > _limit():
        raise BadRequest("at most {limit} documents at a time", limit=_limit())
    bad = [i for i in ids if not valid_id(i)]
    if bad:
        raise BadRequest("{id!r} is not a document id", id=bad[0][:80])
    return ids


def _live(ids: list[str]) -> list[str]:
    corpus = current_app.extensions["archive"].corpus
    missing = [i for i in ids if not corpus.exists(i)]
    if missing:
        raise DocumentNotFound("there is no document {id} to select", id=missing[0])
    return ids


def _reply(message: str, status: int = 200, category: str = "message"):
    """JSON for the script (it asked for it), else a flash and back to the page."""
    g.pop("selected_ids", None)
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"count": len(selected_ids()), "limit": _limit(),
                        "selected": selected_ids(), "message": message}), status
    flash(message, category)
    return redirect(_safe_next(request.form.get("next")))


@bp.post("/selection")
def change():
    action = request.form.get("action")
    if action == "clear":
        owner = _owner()
        if owner:
            _store().clear(owner)
        return _reply(gettext("Your selection is empty now."))
    if action not in ("add", "remove"):
        raise BadRequest("action must be add, remove or clear")
    ids = _asked_ids()
    if action == "remove":
        owner = _owner()
        if owner:
            _store().remove(owner, ids)
        return _reply(gettext("Removed from your selection."))
    try:
        _store().add(_owner(create=True), _live(ids), _limit())
    except SelectionFull:
        return _reply(ngettext("Your selection is full: it keeps at most %(num)s document. "
                               "Remove some before adding more.",
                               "Your selection is full: it keeps at most %(num)s documents. "
                               "Remove some before adding more.", _limit()), 409, "error")
    count = _store().count(_owner())
    return _reply(ngettext("Added to your selection (%(num)s document).",
                           "Added to your selection (%(num)s documents).", count))


def _entries(ids: list[str]) -> list[dict]:
    """Each selected id with its record, or what became of it (withdrawn, gone)."""
    entries = []
    for doc_id in ids:
        try:
            entries.append({"id": doc_id, "status": "live", "doc": published(doc_id)})
        except DocumentWithdrawn:
            entries.append({"id": doc_id, "status": "withdrawn", "doc": None})
        except DocumentNotFound:
            entries.append({"id": doc_id, "status": "gone", "doc": None})
    return entries


def _with_citations(entries: list[dict], style: str) -> bool:
    """Each live entry's citation in the style; False (none added) past FORMATTED_MAX."""
    live = [e for e in entries if e["doc"]]
    if len(live) > FORMATTED_MAX:
        return False
    for entry in live:
        entry["citation"] = citation_html(entry["doc"], permalink(entry["id"]), style)
    return True


@bp.get("/selection")
def selection_page():
    entries = _entries(selected_ids())
    if request.args.get("format") == "json":
        return jsonify({"count": len(entries), "limit": _limit(), "items": [
            {"id": e["id"], "status": e["status"],
             "title": e["doc"].title if e["doc"] else None,
             "url": url_for("documents.document_page", doc_id=e["id"])
             if e["doc"] else None} for e in entries]})
    style = request.args.get("style")
    style = style if style in STYLES else None
    return render_template("selection.html", entries=entries, limit=_limit(),
                           formats=CITATION_FORMATS, permalink=permalink, styles=STYLES,
                           style=style, formatted_max=FORMATTED_MAX,
                           formatted=bool(style) and _with_citations(entries, style))


@bp.get("/selection/export")
def export_selection():
    docs = [e["doc"] for e in _entries(selected_ids()) if e["doc"]]
    return _citation_response(docs, request.args.get("format", "ris"), "archivo-selection")


def init_app(app: Flask) -> None:
    app.config.setdefault("ARCHIVO_MAX_SELECTION", MAX_SELECTION)
    app.extensions["selection"] = SelectionStore(
        Path(app.config["ARCHIVO_INSTANCE_DIR"]) / "selections.sqlite3")
    app.register_blueprint(bp)

    def ids_for_page() -> list[str]:
        # Every page shows the count: a broken selection file must not break search.
        try:
            return selected_ids()
        except sqlite3.Error:
            app.logger.exception("reading the selection failed")
            g.selected_ids = []
            return []

    @app.context_processor
    def selection_context():
        # Callables: a page that shows no selection control asks the store nothing.
        return {"selected_ids": ids_for_page, "selection_count": lambda: len(ids_for_page())}
