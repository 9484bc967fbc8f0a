"""Librarians' pages: add (upload -> review -> save), edit, remove, trash, activity.

Every write goes through indexer.store.archive.Archive (the one write path), so the corpus,
the index and the activity log change together, under the one writer lock.
"""
from __future__ import annotations

from pathlib import Path

from flask import (Blueprint, current_app, flash, g, redirect, render_template, request,
                   url_for)
from flask_babel import gettext, ngettext

from indexer.store.corpus import etag
from indexer.core.errors import (ArchivoError, BadRequest, DocumentTooLarge, DuplicateDocument,
                                 EditConflict)
from indexer.core.models import Document
from indexer.search.similar import near_duplicates
from webapp.auth import login_required
from webapp.errors import translated
from webapp.progress import UploadProgress, new_job, progress_root
from webapp.review import Staging
from webapp.review_forms import form_changes, form_values, review_cards

bp = Blueprint("librarian", __name__, url_prefix="/librarian")

def _archive():
    return current_app.extensions["archive"]


def _staging() -> Staging:
    return Staging(Path(current_app.config["ARCHIVO_INSTANCE_DIR"]) / "staging")


def _topics():
    return _archive().vocabulary.topics


def display_name(name: str | None) -> str | None:
    """The last part of an uploaded name, for display only; it never names a file."""
    if not name:
        return None
    return name.replace("\\", "/").rsplit("/", 1)[-1][:200] or None


# -- adding ----------------------------------------------------------------------
@bp.get("/add")
@login_required
def add_page():
    return render_template("librarian/upload.html", job=new_job())


@bp.post("/add")
@login_required
def upload():
    uploads = [u for u in request.files.getlist("files") if u and u.filename]
    progress = UploadProgress(progress_root(), request.form.get("job"), g.librarian,
                              files=len(uploads))
    try:
        return _read_upload(uploads, progress)
    finally:
        progress.finish()


def _read_upload(uploads: list, progress: UploadProgress):
    archive, items = _archive(), []
    for number, upload in enumerate(uploads, 1):
        name = display_name(upload.filename)
        progress.file(number, name)
        items.append(_prepare(upload.read(), name, progress.page))
    title, text = request.form.get("title", "").strip(), request.form.get("text", "").strip()
    if text:
        items.append(_prepare_pasted(title, text) if title else
                     {"name": gettext("pasted text"),
                      "error": gettext("Pasted text needs a title."), "status": 400})
    # A new job id: the form shown again is a new upload, with its own progress.
    again = {"title": title, "text": text, "job": new_job()}
    if not items:
        return render_template("librarian/upload.html", errors=[
            {"name": None, "error": gettext("Choose a file or paste a text with its title.")}],
            **again), 400
    if all(item.get("error") for item in items):
        # Nothing to review: answer with the (first) failure's own status (409, 413, ...).
        return render_template("librarian/upload.html", errors=items,
                               **again), items[0].get("status", 400)
    progress.checking()
    for item in items:
        for doc in item.get("drafts", []):
            item.setdefault("near", []).append(near_duplicates(archive, doc.text))
    token = _staging().create(g.librarian, items)
    return redirect(url_for("librarian.review", token=token))


def prepare_upload(data: bytes, name: str | None, progress=None,
                   single: bool = False) -> list[Document]:
    """The drafts of one uploaded file, for the form and the API alike. A file of more
    documents than one request can store in time (each is a record written and synced:
    a 20,000-item listing took 68 s) is refused with the way to add it instead."""
    docs = _archive().prepare(data, name, progress=progress, single=single)
    limit = int(current_app.config["ARCHIVO_MAX_UPLOAD_DOCUMENTS"])
    if len(docs) > limit:
        raise DocumentTooLarge("this file holds {count:,} documents; one upload takes at most "
                               "{limit:,}: split it, or add it on the server with `indexer "
                               "add`", count=len(docs), limit=limit, source=name)
    return docs


def _prepare(data: bytes, name: str | None, progress=None) -> dict:
    try:
        return {"name": name, "data": data, "drafts": prepare_upload(data, name, progress)}
    except ArchivoError as exc:
        # Stored in the staging manifest as shown: the review follows in the same language.
        return {"name": name, "error": translated(exc), "status": exc.status,
                "existing_id": getattr(exc, "existing_id", None)}


def _prepare_pasted(title: str, text: str) -> dict:
    """Pasted text is one document under the given title (never split into items)."""
    item = _prepare(text.encode("utf-8"), None)
    drafts = item.get("drafts")
    if drafts:
        doc = drafts[0]
        if len(drafts) > 1:
            doc.text = "\n\n".join(d.text for d in drafts if d.text)
        doc.title, doc.original_kind = title, "pasted"
        item["drafts"] = [doc]
    item["name"] = gettext("pasted text")
    return item


@bp.route("/review/<token>", methods=["GET", "POST"])
@login_required
def review(token: str):
    """Save the ticked drafts; or discard the upload; or show the form again: every card
    ticked or unticked, or one split file read again as one document."""
    staging = _staging()
    manifest = staging.load(token, g.librarian)
    action = request.form.get("action", "save") if request.method == "POST" else None
    if action == "discard":
        staging.discard(token)
        flash(gettext("The upload was discarded; nothing was stored."))
        return redirect(url_for("librarian.add_page"))
    fresh = set()
    if action and action.startswith("keep_one:"):
        manifest, fresh = _keep_as_one(staging, token, manifest, action), \
            {_file_number(action, manifest)}
    cards, errors, chosen = review_cards(manifest, action, _archive().vocabulary, fresh)
    if action == "save" and not errors:
        return _save(token, chosen)
    return render_template("librarian/review.html", manifest=manifest, forms=cards,
                           token=token, topics=_topics()), 400 if errors else 200


def _file_number(action: str, manifest: dict) -> int:
    number = action.partition(":")[2]
    if not number.isdigit() or int(number) >= len(manifest["files"]):
        raise BadRequest("no such file in this upload")
    return int(number)


def _keep_as_one(staging: Staging, token: str, manifest: dict, action: str) -> dict:
    """A listing or dump read again as one document (its items' text in order): the
    librarian judged it one publication. The staged drafts of that file are replaced."""
    f = _file_number(action, manifest)
    item = manifest["files"][f]
    if len(item["drafts"]) < 2:
        return manifest
    try:
        [doc] = prepare_upload(staging.data(token, f), item["name"], single=True)
    except ArchivoError as exc:
        flash(gettext("Could not keep it as one document: %(reason)s.",
                      reason=translated(exc)), "error")
        return manifest
    staging.replace_drafts(token, f, [doc], [near_duplicates(_archive(), doc.text)])
    flash(ngettext("“%(name)s” is kept as one document instead of %(num)d.",
                   "“%(name)s” is kept as one document instead of %(num)d.",
                   len(item["drafts"]), name=item["name"] or gettext("Upload")))
    return staging.load(token, g.librarian)


def _save(token: str, chosen: list[tuple[int, list[Document]]]):
    """All ticked files in one batch (one lock, one index commit: 300 files saved one by
    one took 15 s); a duplicate found meanwhile stops only its own file."""
    staging = _staging()
    batch = [(docs, staging.data(token, f)) for f, docs in chosen]
    try:
        saved = _archive().save_batch(batch, actor=g.librarian) if batch else []
    except DuplicateDocument:
        saved = _save_one_by_one(batch)
    staging.discard(token)
    if len(saved) == 1:
        flash(gettext("Saved “%(title)s”; it is in search now.", title=saved[0].title))
        return redirect(url_for("documents.document_page", doc_id=saved[0].id))
    flash(ngettext("Saved %(num)d document; it is in search now.",
                   "Saved %(num)d documents; they are in search now.", len(saved))
          if saved else gettext("Nothing was saved."), "message" if saved else "error")
    return redirect(url_for("librarian.activity"))


def _save_one_by_one(batch: list[tuple[list[Document], bytes]]) -> list[Document]:
    """Another librarian saved one of these files meanwhile: save the others."""
    saved = []
    for docs, original in batch:
        try:
            saved += _archive().save_new(docs, original, actor=g.librarian)
        except DuplicateDocument as exc:
            flash(gettext("Not saved: %(reason)s.", reason=translated(exc)), "error")
    return saved


# -- editing and removing ----------------------------------------------------------
@bp.route("/documents/<doc_id>/edit", methods=["GET", "POST"])
@login_required
def edit(doc_id: str):
    archive = _archive()
    doc = archive.corpus.get(doc_id)
    if request.method == "GET":
        return render_template("librarian/edit.html", doc=doc, values=form_values(doc),
                               topics=_topics(), version=etag(doc.to_dict()))
    changes = form_changes(with_text=True)
    try:
        archive.update(doc_id, changes, actor=g.librarian,
                       expected_versions={request.form.get("version", "")})
    except EditConflict as exc:
        return _edit_conflict(doc_id, changes, exc.current_version)
    except BadRequest as exc:
        return render_template("librarian/edit.html", doc=doc, values=changes,
                               topics=_topics(), version=request.form.get("version"),
                               error=translated(exc)), 400
    flash(gettext("Changes saved; they are in search now."))
    return redirect(url_for("documents.document_page", doc_id=doc_id))


def _edit_conflict(doc_id: str, changes: dict, current_version: str):
    """Someone saved the document after this form was opened (checked under the writer
    lock): nothing is saved; the librarian's edits stay in the form, now based on the
    other version, so saving again is a deliberate choice."""
    return render_template("librarian/edit.html", doc=_archive().corpus.get(doc_id),
                           values=changes, topics=_topics(), version=current_version,
                           error=gettext("Another librarian saved this document while you "
                                         "were editing it, so your changes were not saved. "
                                         "They are kept below: compare them with the "
                                         "document's current page and save again to keep "
                                         "them.")), 409


@bp.post("/documents/<doc_id>/remove")
@login_required
def remove(doc_id: str):
    title = _archive().corpus.get(doc_id).title
    _archive().remove(doc_id, actor=g.librarian)
    flash(gettext("“%(title)s” was moved to the trash; it can be restored from here.",
                  title=title))
    return redirect(url_for("librarian.trash"))


@bp.get("/trash")
@login_required
def trash():
    corpus = _archive().corpus
    docs = [corpus.get(doc_id, trashed=True) for doc_id in corpus.ids(trashed=True)]
    docs.sort(key=lambda d: d.history[-1]["at"] if d.history else "", reverse=True)
    return render_template("librarian/trash.html", docs=docs)


@bp.post("/trash/<doc_id>/restore")
@login_required
def restore(doc_id: str):
    doc = _archive().restore(doc_id, actor=g.librarian)
    flash(gettext("“%(title)s” was restored; it is in search again.", title=doc.title))
    return redirect(url_for("documents.document_page", doc_id=doc_id))


@bp.get("/activity")
@login_required
def activity():
    corpus = _archive().corpus
    entries = corpus.activity(limit=200)
    for entry in entries:
        entry["live"] = corpus.exists(entry.get("id", ""))
    return render_template("librarian/activity.html", entries=entries)
