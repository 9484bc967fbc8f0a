"""A removed document is withdrawn (410), not missing (404); a librarian is shown the trash."""
from __future__ import annotations

import html

from tests.librarian_support import app, client, logged_in  # noqa: F401


def _remove_one(app) -> str:
    archive = app.extensions["archive"]
    doc_id = next(iter(archive.corpus)).id
    archive.remove(doc_id, actor="ana")
    return doc_id


def test_a_researcher_following_a_link_to_a_removed_document_is_told_it_was_withdrawn(app, client):
    doc_id = _remove_one(app)
    title = app.extensions["archive"].corpus.get(doc_id, trashed=True).title
    page = client.get(f"/documents/{doc_id}")
    assert page.status_code == 410
    body = html.unescape(page.get_data(as_text=True))
    assert "Withdrawn" in body and f"“{title}” was withdrawn from the archive." in body
    assert "/librarian/trash" not in body
    api = client.get(f"/api/documents/{doc_id}")
    assert api.status_code == 410
    assert api.get_json()["error"] == {"status": 410,
                                       "message": f"“{title}” was withdrawn from the archive"}
    assert client.get("/documents/never-was-here").status_code == 404


def test_a_librarian_is_pointed_to_the_trash_and_can_restore(app, logged_in):
    doc_id = _remove_one(app)
    body = logged_in.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "/librarian/trash" in body
    app.extensions["archive"].restore(doc_id, actor="ana")
    assert logged_in.get(f"/documents/{doc_id}").status_code == 200
