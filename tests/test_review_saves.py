"""Saving a review: every ticked file in one commit; a file saved meanwhile by someone
else stops only itself."""
from __future__ import annotations

import re

from indexer.store.archive import Archive
from tests.librarian_support import app, client, logged_in, review_form  # noqa: F401
from tests.test_librarian_pages import open_review, upload


def _note(n: int) -> bytes:
    return f"Note {n} on trade\n\nTrade between Mexico and the United States, note {n}.\n".encode()


def _all_ticked(page: str) -> dict:
    form = dict(review_form(page), action="save")
    for name in re.findall(r'name="(f\d+-d0-include)" value="1" checked', page):
        form[name] = "1"
        for key, value in review_form(page, name[:-len("include")]).items():
            form.setdefault(key, value)
    return form


def test_thirty_files_of_one_form_are_saved_in_one_commit(app, logged_in, monkeypatch):
    commits = []
    original = Archive._commit
    monkeypatch.setattr(Archive, "_commit", lambda self, *a, **k: (commits.append(1),
                                                                    original(self, *a, **k))[1])
    location, page = open_review(logged_in, upload(logged_in, *[(f"n{n}.txt", _note(n))
                                                                  for n in range(30)]))
    assert logged_in.post(location, data=_all_ticked(page)).status_code == 302
    assert len(commits) == 1
    found = logged_in.get("/api/search", query_string={"q": "note trade", "per_page": 50})
    assert sum(r["id"].startswith("note-") for r in found.get_json()["results"]) == 30


def test_a_file_saved_meanwhile_by_another_librarian_stops_only_itself(app, logged_in):
    location, page = open_review(logged_in, upload(logged_in, ("a.txt", _note(1)),
                                                   ("b.txt", _note(2))))
    app.extensions["archive"].add_file(_note(2), "b-elsewhere.txt", actor="luis")
    response = logged_in.post(location, data=_all_ticked(page), follow_redirects=True)
    body = response.get_data(as_text=True)
    assert "Not saved:" in body and "already in the archive" in body
    ids = [d.id for d in app.extensions["archive"].corpus]
    assert ids.count("note-1-on-trade") == 1 and ids.count("note-2-on-trade") == 1


def _listing(count: int) -> bytes:
    return ("Weekly Listing\n\n" + "\n\n".join(
        f"Same Title\n\nItem {n} teaser about trade and the border, number {n}."
        for n in range(count))).encode()


def test_a_listing_of_more_documents_than_one_upload_takes_is_refused_with_the_way(app, client):
    app.config["ARCHIVO_MAX_UPLOAD_DOCUMENTS"] = 40
    before = len(list(app.extensions["archive"].corpus))
    from tests.librarian_support import basic
    from tests.loadkit import multipart
    body, content_type = multipart({}, "listing.txt", _listing(41))
    answer = client.post("/api/documents", data=body, headers={**basic(),
                         "Content-Type": content_type})
    assert answer.status_code == 413
    assert "holds 41 documents; one upload takes at most 40" in answer.get_json()["error"]["message"]
    assert "indexer add" in answer.get_json()["error"]["message"]
    assert len(list(app.extensions["archive"].corpus)) == before
    body, content_type = multipart({}, "listing.txt", _listing(40))
    answer = client.post("/api/documents", data=body, headers={**basic(),
                         "Content-Type": content_type})
    assert answer.status_code == 201 and len(answer.get_json()["documents"]) == 40
