"""The upload's progress: the server says which page of which file it is reading, to the
librarian who uploaded only; and a form posted twice never stores a document twice."""
from __future__ import annotations

import io
import re
import threading
from pathlib import Path

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.pipeline import ingest_bytes
from indexer.ingest.vocabulary import load_vocabulary
from tests.docmakers import make_paged_pdf
from tests.librarian_support import (BORDER_TEXT, PASSWORD, app, client, csrf_token,  # noqa: F401
                                     logged_in, login, review_form)
from tests.test_librarian_pages import open_review, upload

PAGE = [BORDER_TEXT]


def job_of(page: str) -> str:
    return re.search(r'name="job" value="([^"]+)"', page).group(1)


def test_ingest_tells_each_pdf_page_as_it_is_read():
    calls = []
    ingest_bytes(make_paged_pdf("Border Report", [PAGE] * 4), "r.pdf",
                 load_vocabulary(DEFAULT_TOPICS_FILE), 25_000_000,
                 progress=lambda read, pages: calls.append((read, pages)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_the_form_page_gives_each_upload_its_own_job(app, logged_in):
    first = logged_in.get("/librarian/add").get_data(as_text=True)
    second = logged_in.get("/librarian/add").get_data(as_text=True)
    assert job_of(first) != job_of(second)
    assert f'data-progress-url="/librarian/add/progress/{job_of(first)}"' in first
    assert 'data-submit-once' in first and "upload.js" in first


def test_while_a_pdf_is_read_the_progress_says_file_and_page(app, logged_in):
    """The poll is made from inside the upload's own reading (as a second worker would
    answer it): it reads the state the upload wrote, page by page."""
    archive = app.extensions["archive"]
    job = job_of(logged_in.get("/librarian/add").get_data(as_text=True))
    seen, prepare = [], archive.prepare

    def prepare_and_poll(data, name, progress=None, **kwargs):
        def told(read, pages):
            progress(read, pages)
            seen.append(logged_in.get(f"/librarian/add/progress/{job}").get_json())
        return prepare(data, name, progress=told, **kwargs)

    archive.prepare = prepare_and_poll
    pdf = make_paged_pdf("Border Security Report", [PAGE] * 3)
    data = {"csrf_token": csrf_token(logged_in, "/librarian/add"), "job": job,
            "files": [(io.BytesIO(b"Notes\n\n" + BORDER_TEXT.encode()), "a.txt"),
                      (io.BytesIO(pdf), "report.pdf")]}
    response = logged_in.post("/librarian/add", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    # Written at most four times a second, but always the last page of a file.
    assert seen[-1] == {"stage": "reading", "file": 2, "files": 2, "name": "report.pdf",
                        "page": 3, "pages": 3}
    assert all(s["stage"] == "reading" and s["name"] == "report.pdf" for s in seen)
    # Done: the state is gone, and the poll says so.
    assert logged_in.get(f"/librarian/add/progress/{job}").get_json() == {"stage": "unknown"}
    assert not list((Path(app.config["ARCHIVO_INSTANCE_DIR"]) / "progress").glob("*.json"))


def test_another_librarian_cannot_read_the_progress(app, logged_in):
    app.extensions["accounts"].add("luis", PASSWORD)
    other = app.test_client()
    login(other, "luis", PASSWORD)
    job = job_of(logged_in.get("/librarian/add").get_data(as_text=True))
    archive, prepare, seen = app.extensions["archive"], app.extensions["archive"].prepare, []

    def prepare_and_poll(data, name, progress=None, **kwargs):
        progress(1, 2)
        seen.append(other.get(f"/librarian/add/progress/{job}").get_json())
        seen.append(logged_in.get(f"/librarian/add/progress/{job}").get_json()["stage"])
        return prepare(data, name, **kwargs)

    archive.prepare = prepare_and_poll
    data = {"csrf_token": csrf_token(logged_in, "/librarian/add"), "job": job,
            "files": [(io.BytesIO(b"More notes\n\n" + BORDER_TEXT.encode()),
                       "b.txt")]}
    logged_in.post("/librarian/add", data=data, content_type="multipart/form-data")
    assert seen[-2:] == [{"stage": "unknown"}, "reading"]


def test_a_malformed_job_is_unknown_and_the_upload_still_works(app, logged_in):
    assert logged_in.get("/librarian/add/progress/..%2f..%2fsecret_key").status_code in (200, 404)
    assert logged_in.get("/librarian/add/progress/short").get_json() == {"stage": "unknown"}
    data = {"csrf_token": csrf_token(logged_in, "/librarian/add"), "job": "../../x",
            "files": [(io.BytesIO(b"Notes\n\n" + BORDER_TEXT.encode()), "a.txt")]}
    assert logged_in.post("/librarian/add", data=data,
                          content_type="multipart/form-data").status_code == 302


def test_progress_needs_a_librarian(client):
    assert client.get("/librarian/add/progress/" + "a" * 24).status_code == 302


def test_a_file_uploaded_twice_before_either_is_saved_is_stored_once(app, logged_in):
    body = ("Twice Posted Brief\n\n" + BORDER_TEXT).encode()
    first, page1 = open_review(logged_in, upload(logged_in, ("a.txt", body)))
    second, page2 = open_review(logged_in, upload(logged_in, ("a.txt", body)))
    assert logged_in.post(first, data=dict(review_form(page1), action="save")).status_code == 302
    again = logged_in.post(second, data=dict(review_form(page2), action="save"),
                           follow_redirects=True)
    assert "Not saved" in again.get_data(as_text=True)
    corpus = app.extensions["archive"].corpus
    assert [corpus.get(i).title for i in corpus.ids()].count("Twice Posted Brief") == 1


def test_a_save_posted_twice_at_once_stores_one_document(app, logged_in):
    """Both posts load the staged upload before either saves (the barrier proves it)."""
    body = ("Double Click Brief\n\n" + BORDER_TEXT).encode()
    location, page = open_review(logged_in, upload(logged_in, ("a.txt", body)))
    form = dict(review_form(page), action="save")
    archive, save_batch = app.extensions["archive"], app.extensions["archive"].save_batch
    both_in, calls = threading.Barrier(2, timeout=10), []

    def save_when_both_are_in(*args, **kwargs):
        calls.append(1)
        if len(calls) <= 2:         # the two posts' first tries (a retry follows one)
            both_in.wait()
        return save_batch(*args, **kwargs)

    archive.save_batch = save_when_both_are_in
    cookie = logged_in.get_cookie("session")
    clients = [app.test_client() for _ in range(2)]
    for c in clients:
        c.set_cookie(cookie.key, cookie.value)
    answers = []
    threads = [threading.Thread(target=lambda c=c: answers.append(c.post(location, data=form)))
               for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(a.status_code for a in answers) == [302, 302]
    corpus = archive.corpus
    assert [corpus.get(i).title for i in corpus.ids()].count("Double Click Brief") == 1
