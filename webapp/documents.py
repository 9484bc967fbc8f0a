"""The document page, its JSON twin, the original file and citation exports."""
from __future__ import annotations

from flask import (Blueprint, Response, abort, current_app, jsonify, render_template, request,
                   send_file, url_for)

from indexer.store.archive import version
from indexer.core.errors import BadRequest, DocumentNotFound, DocumentWithdrawn
from indexer.core.models import Document
from webapp.citations import CITATION_FORMATS, export
from webapp.find import MAX_FIND_CHARS, marked_paragraphs
from webapp.site import external_url

bp = Blueprint("documents", __name__)

ORIGINAL_TYPES = {"html": "text/html", "pdf": "application/pdf", "text": "text/plain",
                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml"
                  ".document", "rtf": "application/rtf",
                  "jsonl": "application/json", "pasted": "text/plain"}


def _archive():
    return current_app.extensions["archive"]


def permalink(doc_id: str) -> str:
    return external_url("documents.document_page", doc_id=doc_id)


def public_record(doc) -> dict:
    """The stored record as researchers see it (the change history is for librarians)."""
    record = doc.to_dict()
    record.pop("history", None)
    record["url"] = url_for("documents.document_page", doc_id=doc.id)
    record["original_url"] = url_for("documents.original", doc_id=doc.id) if doc.original else None
    return record


def published(doc_id: str) -> Document:
    """A live document; one in the trash is withdrawn (410), so a link to it says so."""
    corpus = _archive().corpus
    try:
        return corpus.get(doc_id)
    except DocumentNotFound as missing:
        try:
            withdrawn = corpus.get(doc_id, trashed=True)
        except DocumentNotFound:
            raise missing from None         # not in the trash either: plainly not here
        raise DocumentWithdrawn("“{title}” was withdrawn from the archive",
                                title=withdrawn.title) from None


@bp.get("/documents/<doc_id>")
def document_page(doc_id: str):
    doc = published(doc_id)
    if request.args.get("format") == "json":
        return jsonify(public_record(doc))
    try:
        related = current_app.extensions["search"].more_like_this(doc_id)
    except DocumentNotFound:
        related = []
    back_url = results_url(request.args.get("back"))
    find = (request.args.get("find") or "").strip()[:MAX_FIND_CHARS]
    paragraphs, matches = marked_paragraphs(doc.text, find, doc.language)
    nav = result_nav(doc_id, back_url)
    # The researcher's results (query, filters, page) stay one click away from every
    # link of the page that is not a new search: the site's "Search", "back", a find
    # within the document, a related document.
    return render_template("document.html", doc=doc, related=related,
                           permalink=permalink(doc_id), formats=CITATION_FORMATS,
                           back_url=back_url, result_nav=nav,
                           search_url=nav["back_url"] if nav else back_url,
                           paragraphs=paragraphs, find=find, matches=matches)


def result_nav(doc_id: str, back_url: str | None) -> dict | None:
    """Previous/next between the results this document was opened from (?back=, ?n=)."""
    from webapp.neighbours import neighbours, position_of    # it runs searches (webapp.search)

    return neighbours(doc_id, back_url, position_of(request.args.get("n")))


def results_url(value: str | None) -> str | None:
    """The results page a researcher came from (?back=), when it is this site's search
    page: '/' (the blank search) or a path starting '/?' with no scheme, host or
    backslash, so never off-site."""
    if value == "/":
        return value
    if value and value.startswith("/?") and "\\" not in value and "//" not in value \
            and len(value) <= 2000:
        return value
    return None


@bp.get("/api/documents/<doc_id>")
def api_document(doc_id: str):
    doc = published(doc_id)
    response = jsonify(public_record(doc))
    response.set_etag(version(doc))     # send it back in If-Match to PATCH this version
    return response


@bp.get("/documents/<doc_id>/original")
def original(doc_id: str):
    doc = _archive().corpus.get(doc_id)
    path = _archive().corpus.original_path(doc)
    if path is None:
        abort(404)
    mimetype = ORIGINAL_TYPES.get(doc.original_kind or "", "application/octet-stream")
    # HTML originals are shown as text: a stored page must never run in our origin.
    if mimetype == "text/html":
        mimetype = "text/plain"
    response = send_file(path, mimetype=mimetype, as_attachment=mimetype != "application/pdf",
                         download_name=f"{doc.id}.{path.suffix.lstrip('.')}")
    response.headers["Content-Security-Policy"] = "sandbox"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _citation_response(docs, fmt: str, name: str) -> Response:
    if fmt not in CITATION_FORMATS:
        raise BadRequest("format must be one of {formats}", formats=", ".join(CITATION_FORMATS))
    mimetype, extension = CITATION_FORMATS[fmt]
    body = export([(d, permalink(d.id)) for d in docs], fmt)
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}.{extension}"'})


@bp.get("/documents/<doc_id>/cite")
def cite(doc_id: str):
    doc = _archive().corpus.get(doc_id)
    return _citation_response([doc], request.args.get("format", "ris"), doc.id)


@bp.get("/export")
def export_results():
    """Citations of the documents on one page of search results."""
    from webapp.search import run_search

    fmt = request.args.get("format", "ris")
    _, result = run_search(request.args)
    corpus = _archive().corpus
    docs = [corpus.get(hit.id) for hit in result.hits if corpus.exists(hit.id)]
    return _citation_response(docs, fmt, "archivo-results")
