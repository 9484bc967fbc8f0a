"""The librarian API: the same writes as the pages, for scripts and batch work.

HTTP Basic auth on every route (webapp.auth.basic_auth_required). These views are
exempt from the CSRF token: the credentials travel with each request and are never
sent by a browser on its own (cross-site requests are refused in the guard).
Errors use the one JSON error shape: {"error": {"status", "message"}}. Fields are
checked for type and size first (indexer.ingest.validation: 422 naming the "field").
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, g, jsonify, request, url_for

from indexer.store.archive import apply_changes, split_list, version
from indexer.core.errors import BadRequest
from indexer.ingest.validation import check_fields
from webapp import csrf
from webapp.auth import basic_auth_required
from webapp.librarian import display_name, prepare_upload

bp = Blueprint("api_write", __name__, url_prefix="/api")

UPLOAD_FIELDS = ("title", "authors", "date", "type", "topics")


def _archive():
    return current_app.extensions["archive"]


def stored_record(doc) -> dict:
    """The whole stored record, history included (the caller is a librarian)."""
    record = doc.to_dict()
    record["url"] = url_for("documents.document_page", doc_id=doc.id)
    return record


@bp.post("/documents")
@csrf.exempt
@basic_auth_required
def create():
    upload = request.files.get("file")
    if upload is None:
        raise BadRequest("send the document as a multipart field named 'file'")
    name = display_name(upload.filename)
    data = upload.read()
    overrides = {k: request.form[k] for k in UPLOAD_FIELDS if request.form.get(k, "").strip()}
    for key in ("authors", "topics"):
        if key in overrides:
            overrides[key] = split_list(overrides[key])
    check_fields(overrides)
    archive = _archive()
    docs = prepare_upload(data, name)
    if overrides:
        if len(docs) > 1:
            raise BadRequest("this file holds {count} documents; upload it without "
                             "metadata and correct each one with PATCH", count=len(docs))
        apply_changes(docs[0], overrides, archive.vocabulary)
    saved = archive.save_new(docs, data, actor=g.librarian)
    body = stored_record(saved[0]) if len(saved) == 1 else \
        {"documents": [stored_record(d) for d in saved]}
    response = jsonify(body)
    response.status_code = 201
    response.headers["Location"] = url_for("documents.api_document", doc_id=saved[0].id)
    return response


@bp.patch("/documents/<doc_id>")
@csrf.exempt
@basic_auth_required
def patch(doc_id: str):
    _archive().corpus.get(doc_id)       # 404 for an unknown id before the body is judged
    changes = request.get_json(silent=True)
    if not isinstance(changes, dict) or not changes:
        raise BadRequest("send a JSON object of the fields to change, e.g. "
                         '{"topics": ["security"]}')
    doc = _archive().update(doc_id, check_fields(changes), actor=g.librarian,
                            expected_versions=if_match_versions())
    response = jsonify(stored_record(doc))
    response.set_etag(version(doc))
    return response


def if_match_versions() -> set[str] | None:
    """The versions an If-Match header allows (strong comparison, RFC 9110); None when
    there is no header or it is "*": then the edit applies to whatever is stored, as
    before, so existing scripts keep working (no 428)."""
    if not request.if_match or request.if_match.star_tag:
        return None
    return request.if_match.as_set()


@bp.delete("/documents/<doc_id>")
@csrf.exempt
@basic_auth_required
def delete(doc_id: str):
    _archive().remove(doc_id, actor=g.librarian)
    return Response(status=204)


@bp.post("/documents/<doc_id>/restore")
@csrf.exempt
@basic_auth_required
def restore(doc_id: str):
    doc = _archive().restore(doc_id, actor=g.librarian)
    return jsonify(stored_record(doc))
