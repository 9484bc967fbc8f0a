"""Two librarians editing one document at once: one edit is saved, the other is refused
with the current version (never both "saved" and one lost).

The race is forced, not timed: both requests must reach the writer lock before either
may take it (a barrier in front of Archive.write_lock), which is exactly the
interleaving where a version check done before the lock lets both edits through.
"""
from __future__ import annotations

import contextlib
import threading

import pytest

from indexer.store.archive import version
from tests.librarian_support import (PASSWORD, app, basic, client, csrf_token,  # noqa: F401
                                     login, logged_in, review_form)

DOC = "energy-reform-in-mexico"
ROUNDS = 6


@pytest.fixture
def both_at_the_lock(app):
    """Make the next two writes wait for each other at the writer lock, then compete."""
    archive = app.extensions["archive"]
    plain = archive.write_lock
    state = {"barrier": None}

    @contextlib.contextmanager
    def gated():
        if state["barrier"] is not None:
            state["barrier"].wait(timeout=20)       # hang guard only
        with plain():
            yield

    archive.write_lock = gated

    def arm():
        state["barrier"] = threading.Barrier(2)
    yield arm
    archive.write_lock = plain


def race(*requests):
    """Run the requests in two threads; their responses in the same order."""
    results = [None] * len(requests)

    def run(n):
        results[n] = requests[n]()
    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def second_librarian(app):
    app.extensions["accounts"].add("bea", PASSWORD)
    other = app.test_client()
    login(other, "bea", PASSWORD)
    return other


def test_racing_form_saves_save_one_and_refuse_the_other(app, logged_in, both_at_the_lock):
    archive, other = app.extensions["archive"], second_librarian(app)
    outcomes = []
    for n in range(ROUNDS):
        path = f"/librarian/documents/{DOC}/edit"
        form_a = dict(review_form(logged_in.get(path).get_data(as_text=True), prefix=""),
                      title=f"Title by Ana {n}")
        form_b = dict(review_form(other.get(path).get_data(as_text=True), prefix=""),
                      title=f"Title by Bea {n}")
        assert form_a["version"] == form_b["version"] == version(archive.corpus.get(DOC))
        both_at_the_lock()
        a, b = race(lambda: logged_in.post(path, data=form_a), lambda: other.post(path, data=form_b))
        statuses = sorted([a.status_code, b.status_code])
        outcomes.append(statuses)
        refused = a if a.status_code == 409 else b
        page = refused.get_data(as_text=True)
        kept = form_a["title"] if refused is a else form_b["title"]
        saved = form_b["title"] if refused is a else form_a["title"]
        assert "Another librarian saved this document" in page
        assert kept in page                         # the refused librarian's edit stays in the form
        assert archive.corpus.get(DOC).title == saved
        edits = [h for h in archive.corpus.get(DOC).history if h["action"] == "edit"]
        assert len(edits) == n + 1
    assert outcomes == [[302, 409]] * ROUNDS


def test_the_refused_form_saves_on_a_second_try(app, logged_in):
    archive, path = app.extensions["archive"], f"/librarian/documents/{DOC}/edit"
    form = dict(review_form(logged_in.get(path).get_data(as_text=True), prefix=""), title="Mine")
    archive.update(DOC, {"series": "Energy notes"}, actor="bea")
    refused = logged_in.post(path, data=form)
    assert refused.status_code == 409
    again = dict(review_form(refused.get_data(as_text=True), prefix=""),
                 csrf_token=csrf_token(logged_in, path))
    assert again["title"] == "Mine"
    assert logged_in.post(path, data=again).status_code == 302
    assert archive.corpus.get(DOC).title == "Mine"


def test_get_sends_an_etag_and_patch_honours_if_match(app, client):
    got = client.get(f"/api/documents/{DOC}")
    tag = got.headers["ETag"]
    assert tag == f'"{version(app.extensions["archive"].corpus.get(DOC))}"'
    ok = client.patch(f"/api/documents/{DOC}", json={"series": "One"},
                      headers={**basic(), "If-Match": tag})
    assert ok.status_code == 200 and ok.headers["ETag"] != tag
    stale = client.patch(f"/api/documents/{DOC}", json={"series": "Two"},
                         headers={**basic(), "If-Match": tag})
    assert stale.status_code == 412 and stale.get_json()["error"]["status"] == 412
    assert app.extensions["archive"].corpus.get(DOC).series == "One"
    weak = client.patch(f"/api/documents/{DOC}", json={"series": "Three"},
                        headers={**basic(), "If-Match": "W/" + ok.headers["ETag"]})
    assert weak.status_code == 412                  # If-Match compares strongly
    # Without If-Match (or with "*") a PATCH applies to what is stored, as it always did.
    assert client.patch(f"/api/documents/{DOC}", json={"series": "Four"},
                        headers=basic()).status_code == 200
    assert client.patch(f"/api/documents/{DOC}", json={"series": "Five"},
                        headers={**basic(), "If-Match": "*"}).status_code == 200


def test_racing_patches_with_one_etag_apply_exactly_one(app, client, both_at_the_lock):
    archive, outcomes = app.extensions["archive"], []
    for n in range(ROUNDS):
        tag = client.get(f"/api/documents/{DOC}").headers["ETag"]
        both_at_the_lock()
        first, second = race(*[
            lambda s=series: app.test_client().patch(
                f"/api/documents/{DOC}", json={"series": s},
                headers={**basic(), "If-Match": tag})
            for series in (f"A{n}", f"B{n}")])
        outcomes.append(sorted([first.status_code, second.status_code]))
        winner = first if first.status_code == 200 else second
        assert archive.corpus.get(DOC).series == winner.get_json()["series"]
    assert outcomes == [[200, 412]] * ROUNDS
