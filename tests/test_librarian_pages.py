"""The librarian's pages: upload -> review -> save, duplicates, edit, remove/restore, history."""
from __future__ import annotations

import io
from pathlib import Path

from tests.librarian_support import (BORDER_TEXT, app, client, csrf_token, logged_in,  # noqa: F401
                               make_html, make_pdf, review_form, search_ids, snapshot)


def upload(client, *files, title="", text=""):
    data = {"csrf_token": csrf_token(client, "/librarian/add"), "title": title, "text": text,
            "files": [(io.BytesIO(body), name) for name, body in files]}
    return client.post("/librarian/add", data=data, content_type="multipart/form-data")


def open_review(client, response):
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    location = response.headers["Location"]
    assert location.startswith("/librarian/review/")
    page = client.get(location)
    assert page.status_code == 200
    return location, page.get_data(as_text=True)


def test_pdf_upload_review_correct_topic_save_and_find(app, logged_in):
    pdf = make_pdf("Border Security Cooperation", BORDER_TEXT)
    location, page = open_review(logged_in, upload(logged_in, ("brief.pdf", pdf)))
    assert 'value="Border Security Cooperation"' in page
    assert "suggested: security" in page              # the evidence for a suggested topic
    form = review_form(page)
    assert "security" in form["f0-d0-topics"]
    form["f0-d0-topics"] = ["security", "diplomacy"]     # the librarian corrects the topics
    form["f0-d0-type"] = "brief"
    form["action"] = "save"
    saved = logged_in.post(location, data=form)
    assert saved.status_code == 302
    assert saved.headers["Location"] == "/documents/border-security-cooperation"
    doc = app.extensions["archive"].corpus.get("border-security-cooperation")
    assert [t.topic for t in doc.topics] == ["security", "diplomacy"]
    assert doc.topics[1].source == "librarian"
    assert doc.type == "brief" and doc.original_kind == "pdf"
    assert doc.history[0]["by"] == "ana" and doc.history[0]["action"] == "add"
    assert search_ids(logged_in, "Border Security Cooperation")[0] == doc.id
    assert app.extensions["archive"].check() == {
        "missing_from_index": [], "not_in_corpus": [], "out_of_date": [], "damaged_segments": []}
    page = logged_in.get(saved.headers["Location"]).get_data(as_text=True)
    assert "History" in page and "Added</strong>\n      by ana" in page
    # The staged upload is gone once saved.
    assert logged_in.get(location).status_code == 404


def test_document_history_and_tools_are_for_librarians_only(app, client):
    page = client.get("/documents/energy-reform-in-mexico").get_data(as_text=True)
    assert "History" not in page and "/edit" not in page


def test_same_file_twice_is_refused_with_a_link(app, logged_in):
    body = ("Exact copy\n\n" + BORDER_TEXT).encode()
    location, page = open_review(logged_in, upload(logged_in, ("a.txt", body)))
    form = dict(review_form(page), action="save")
    assert logged_in.post(location, data=form).status_code == 302
    before = snapshot(app)
    again = upload(logged_in, ("renamed.txt", body))
    assert again.status_code == 409
    assert '/documents/exact-copy"' in again.get_data(as_text=True)
    assert snapshot(app) == before


def test_near_duplicate_is_flagged_on_the_review_form(app, logged_in):
    html = make_html("Border Security Cooperation", BORDER_TEXT)
    location, page = open_review(logged_in, upload(logged_in, ("page.html", html)))
    assert "Possible duplicate" not in page
    assert logged_in.post(location, data=dict(review_form(page), action="save")).status_code == 302
    pdf = make_pdf("Border Security Cooperation", BORDER_TEXT)
    _, page = open_review(logged_in, upload(logged_in, ("same.pdf", pdf)))
    assert "Possible duplicate" in page
    assert 'href="/documents/border-security-cooperation"' in page


def test_several_files_reviewed_on_one_page_and_saved_together(app, logged_in):
    files = [("one.txt", b"First paper on trade\n\nNAFTA trade and tariffs on steel exports."),
             ("two.txt", b"Second paper on migration\n\nMigrants and asylum at the border."),
             ("junk.bin", b"\x00\x01\x02binary")]
    location, page = open_review(logged_in, upload(logged_in, *files))
    assert "junk.bin" in page and "binary content" in page   # the failed one is reported
    form = review_form(page, "f0-d0-")
    form.update({k: v for k, v in review_form(page, "f1-d0-").items() if k.startswith("f1-")})
    form["action"] = "save"
    saved = logged_in.post(location, data=form)
    assert saved.status_code == 302 and saved.headers["Location"] == "/librarian/activity"
    corpus = app.extensions["archive"].corpus
    assert {"first-paper-on-trade", "second-paper-on-migration"} <= set(corpus.ids())
    assert search_ids(logged_in, "asylum") == ["second-paper-on-migration"]


def test_unticked_documents_are_not_saved(app, logged_in):
    location, page = open_review(logged_in, upload(logged_in, ("x.txt", b"Skip me\n\nText.")))
    form = review_form(page)
    del form["f0-d0-include"]
    saved = logged_in.post(location, data=dict(form, action="save"))
    assert saved.status_code == 302
    assert "skip-me" not in app.extensions["archive"].corpus.ids()


def test_pasted_text_with_a_title(app, logged_in):
    location, page = open_review(logged_in, upload(
        logged_in, title="Notes on water treaties", text="The 1944 water treaty governs the "
        "Rio Grande and Colorado river.\n\nDrought strains the deliveries."))
    assert 'value="Notes on water treaties"' in page
    saved = logged_in.post(location, data=dict(review_form(page), action="save"))
    doc = app.extensions["archive"].corpus.get("notes-on-water-treaties")
    assert saved.headers["Location"] == "/documents/notes-on-water-treaties"
    assert doc.original_kind == "pasted" and "Drought" in doc.text


def test_pasted_text_needs_a_title(app, logged_in):
    before = snapshot(app)
    response = upload(logged_in, text="Some text without a title.")
    assert response.status_code == 400
    assert "needs a title" in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_invalid_review_values_are_shown_and_nothing_is_saved(app, logged_in):
    location, page = open_review(logged_in, upload(logged_in, ("d.txt", b"Dated\n\nText here.")))
    before = snapshot(app)
    response = logged_in.post(location, data=dict(review_form(page), action="save",
                                                  **{"f0-d0-date": "someday"}))
    assert response.status_code == 400
    assert "cannot read the date" in response.get_data(as_text=True)
    assert 'value="someday"' in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_rejected_uploads_leave_corpus_and_index_unchanged(app, logged_in):
    before = snapshot(app)
    for name, body, status in [("empty.txt", b"", 422), ("pic.png", b"\x89PNG\r\n\x1a\n...", 415),
                               ("junk.bin", b"\x00\xff" * 50, 422)]:
        assert upload(logged_in, (name, body)).status_code == status
    assert snapshot(app) == before


def test_discard_removes_the_staged_upload(app, logged_in, tmp_path):
    location, page = open_review(logged_in, upload(logged_in, ("d.txt", b"Gone\n\nText.")))
    response = logged_in.post(location, data=dict(review_form(page), action="discard"))
    assert response.status_code == 302
    assert list((tmp_path / "instance" / "staging").iterdir()) == []
    assert "gone" not in app.extensions["archive"].corpus.ids()


def test_uploaded_names_never_choose_a_path(app, logged_in, tmp_path):
    evil = "../../../../tmp/evil-archivo.txt"
    location, page = open_review(logged_in, upload(logged_in, (evil, b"Path test\n\nWords.")))
    staged = [p.name for p in (tmp_path / "instance" / "staging").rglob("*")]
    assert all("evil" not in name for name in staged)
    logged_in.post(location, data=dict(review_form(page), action="save"))
    doc = app.extensions["archive"].corpus.get("path-test")
    assert doc.original_name == "evil-archivo.txt"
    assert Path(doc.original).name == f"{doc.checksum}.txt"
    assert not Path("/tmp/evil-archivo.txt").exists()


def test_another_librarians_staged_upload_is_not_theirs(app, logged_in):
    location, _ = open_review(logged_in, upload(logged_in, ("d.txt", b"Mine\n\nText.")))
    app.extensions["accounts"].add("bea", "another password")
    other = app.test_client()
    from tests.librarian_support import login
    login(other, "bea", "another password")
    assert other.get(location).status_code == 404
    assert other.get("/librarian/review/..%2F..%2Fsecret_key").status_code == 404


def test_edit_changes_metadata_and_search_at_once(app, logged_in):
    doc_id = "energy-reform-in-mexico"
    page = logged_in.get(f"/librarian/documents/{doc_id}/edit").get_data(as_text=True)
    form = review_form(page, prefix="")
    form.update(title="Mexico's energy reform of 2013", topics=["energy", "economy"],
                authors="Duncan Wood, Ana López", date="2014-03")
    response = logged_in.post(f"/librarian/documents/{doc_id}/edit", data=form)
    assert response.status_code == 302 and response.headers["Location"] == f"/documents/{doc_id}"
    doc = app.extensions["archive"].corpus.get(doc_id)
    assert doc.title == "Mexico's energy reform of 2013"
    assert doc.authors == ["Duncan Wood", "Ana López"] and doc.date == "2014-03"
    assert doc.history[-1]["action"] == "edit" and doc.history[-1]["by"] == "ana"
    assert set(doc.history[-1]["changes"]) == {"title", "topics", "authors", "date"}
    hits = logged_in.get("/api/search", query_string={"q": "Pemex", "author": "Duncan Wood"})
    assert [h["id"] for h in hits.get_json()["results"]] == [doc_id]
    assert search_ids(logged_in, "title:2013") == [doc_id]
    assert app.extensions["archive"].corpus.activity(1)[0]["action"] == "edit"


def test_edit_of_a_stale_form_is_refused(app, logged_in):
    doc_id = "energy-reform-in-mexico"
    page = logged_in.get(f"/librarian/documents/{doc_id}/edit").get_data(as_text=True)
    app.extensions["archive"].update(doc_id, {"series": "Energy notes"}, actor="bea")
    form = dict(review_form(page, prefix=""), title="Overwritten")
    assert logged_in.post(f"/librarian/documents/{doc_id}/edit", data=form).status_code == 409
    assert app.extensions["archive"].corpus.get(doc_id).series == "Energy notes"


def test_remove_to_trash_and_restore(app, logged_in):
    archive, doc_id = app.extensions["archive"], "energy-reform-in-mexico"
    token = csrf_token(logged_in, f"/documents/{doc_id}")
    removed = logged_in.post(f"/librarian/documents/{doc_id}/remove",
                             data={"csrf_token": token})
    assert removed.status_code == 302 and removed.headers["Location"] == "/librarian/trash"
    assert archive.corpus.ids(trashed=True) == [doc_id] and not archive.corpus.exists(doc_id)
    assert doc_id not in archive.index.live().indexed_etags()
    assert archive.check() == {"missing_from_index": [], "not_in_corpus": [], "out_of_date": [], "damaged_segments": []}
    trash = logged_in.get("/librarian/trash").get_data(as_text=True)
    assert "Energy reform in Mexico" in trash
    restored = logged_in.post(f"/librarian/trash/{doc_id}/restore",
                              data={"csrf_token": csrf_token(logged_in, "/librarian/trash")})
    assert restored.status_code == 302 and restored.headers["Location"] == f"/documents/{doc_id}"
    assert archive.corpus.exists(doc_id) and archive.corpus.ids(trashed=True) == []
    assert archive.check() == {"missing_from_index": [], "not_in_corpus": [], "out_of_date": [], "damaged_segments": []}
    assert [h["action"] for h in archive.corpus.get(doc_id).history] == \
        ["add", "remove", "restore"]
    actions = [e["action"] for e in archive.corpus.activity(3)]
    assert actions == ["restore", "remove", "add"]
    activity = logged_in.get("/librarian/activity").get_data(as_text=True)
    assert "Removed" in activity and "Restored" in activity and "ana" in activity


def test_search_follows_remove_and_restore(app, logged_in):
    doc_id = "energy-reform-in-mexico"
    assert search_ids(logged_in, "Pemex") == [doc_id]
    token = csrf_token(logged_in, f"/documents/{doc_id}")
    logged_in.post(f"/librarian/documents/{doc_id}/remove", data={"csrf_token": token})
    assert logged_in.get(f"/documents/{doc_id}").status_code == 410     # withdrawn, in the trash
    assert search_ids(logged_in, "Pemex") == []
    logged_in.post(f"/librarian/trash/{doc_id}/restore",
                   data={"csrf_token": csrf_token(logged_in, "/librarian/trash")})
    assert logged_in.get(f"/documents/{doc_id}").status_code == 200
    assert search_ids(logged_in, "Pemex") == [doc_id]


def test_forged_forms_without_csrf_token_are_refused(app, logged_in):
    doc_id = "energy-reform-in-mexico"
    assert logged_in.post(f"/librarian/documents/{doc_id}/remove").status_code == 400
    assert logged_in.post(f"/librarian/documents/{doc_id}/edit",
                          data={"title": "Forged"}).status_code == 400
    assert logged_in.post("/librarian/add", data={"title": "T", "text": "x"}).status_code == 400
    assert app.extensions["archive"].corpus.get(doc_id).title == "Energy reform in Mexico"


def test_write_routes_redirect_to_login_without_a_session(app, client):
    token = csrf_token(client)
    response = client.post("/librarian/documents/energy-reform-in-mexico/remove",
                           data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert app.extensions["archive"].corpus.exists("energy-reform-in-mexico")


def test_unknown_document_pages_are_404(logged_in):
    assert logged_in.get("/librarian/documents/nope/edit").status_code == 404
    token = csrf_token(logged_in, "/librarian/trash")
    assert logged_in.post("/librarian/trash/nope/restore",
                          data={"csrf_token": token}).status_code == 404
