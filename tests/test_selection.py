"""A researcher's selection ("bookmarks"): kept across pages and searches for the session,
changed only by POST forms with the CSRF token, bounded, exported, listed and printed.

A researcher clicks "Add to selection" on a result or a document page (a plain form: no
script needed), sees "Selected (N)" in the site nav on every page, and on the selection
page finds each document, or word that it was withdrawn or is gone, with RIS, BibTeX and
CSL-JSON exports of what is still there.
"""
from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import doc_id
from tests.librarian_support import SEED_TEXT, SEED_TEXT_2
from webapp import create_app
from webapp.selection_store import SelectionFull, SelectionStore

BRIEF = doc_id("Energy Reform and Pemex After 2013")
PODCAST = doc_id("Mexico Matters Episode 12: Migration Policy")
EVENT = doc_id("Forum on Water and Climate in the Border Region")
TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "lxml")


def form_of(tree: BeautifulSoup, doc: str) -> dict:
    """The selection form of one document on a page, as a browser would send it."""
    form = tree.select_one(f"form#sel-{doc}")
    return {i["name"]: i["value"] for i in form.select("input[type=hidden]")}


def press(client, url: str, doc: str, **headers):
    """Click the document's selection button on the page at url."""
    return client.post("/selection", data=form_of(page(client, url), doc), headers=headers)


def nav_count(client, url: str = "/") -> int:
    return int(page(client, url).select_one(".selection-link .selection-count").get_text())


def selection_json(client) -> dict:
    return client.get("/selection?format=json").get_json()


def test_adding_from_the_results_goes_back_to_the_same_result(client):
    response = press(client, "/?q=pemex", BRIEF)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/?q=pemex#sel-{BRIEF}"
    tree = page(client, "/?q=pemex")
    assert tree.select_one("p.flash").get_text() == "Added to your selection (1 document)."
    button = tree.select_one(f"form#sel-{BRIEF} button")
    assert button.select_one(".bookmark-label").get_text() == "Remove from selection"
    assert button.select_one(".visually-hidden").get_text() == \
        ": Energy Reform and Pemex After 2013"
    assert form_of(tree, BRIEF)["action"] == "remove"


def test_the_selection_is_kept_across_searches_and_pages_in_order(client):
    press(client, "/?q=pemex", BRIEF)
    press(client, f"/documents/{PODCAST}", PODCAST)
    press(client, "/?q=water", EVENT)
    assert nav_count(client, "/?q=migration&page=1") == 3
    assert nav_count(client, f"/documents/{BRIEF}") == 3
    assert [item["id"] for item in selection_json(client)["items"]] == [BRIEF, PODCAST, EVENT]
    tree = page(client, "/selection")
    assert [a.get_text() for a in tree.select(".selection-list h2 a")] == [
        "Energy Reform and Pemex After 2013", "Mexico Matters Episode 12: Migration Policy",
        "Forum on Water and Climate in the Border Region"]


def test_another_researcher_has_their_own_selection(client, archive_app):
    press(client, "/?q=pemex", BRIEF)
    assert nav_count(archive_app.test_client()) == 0


def test_removing_and_clearing(client):
    press(client, "/?q=pemex", BRIEF)
    press(client, "/?q=water", EVENT)
    assert press(client, "/?q=pemex", BRIEF).status_code == 302     # now a "remove"
    assert [i["id"] for i in selection_json(client)["items"]] == [EVENT]
    token = TOKEN_RE.search(client.get("/selection").get_data(as_text=True)).group(1)
    client.post("/selection", data={"csrf_token": token, "action": "clear", "next": "/selection"})
    assert selection_json(client)["count"] == 0
    assert "Nothing is selected yet." in page(client, "/selection").get_text()


def test_the_script_gets_json_back(client):
    response = press(client, "/?q=pemex", BRIEF, Accept="application/json")
    assert response.status_code == 200
    assert response.get_json() == {"count": 1, "limit": 500, "selected": [BRIEF],
                                   "message": "Added to your selection (1 document)."}


@pytest.mark.parametrize("data", [{"action": "add", "id": BRIEF},
                                  {"action": "add", "id": BRIEF, "csrf_token": "forged"}])
def test_a_change_without_the_sites_csrf_token_is_refused(client, data):
    client.get("/")
    response = client.post("/selection", data=data)
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    assert selection_json(client)["count"] == 0


@pytest.mark.parametrize("bad_id,status", [("../../etc/passwd", 400), ("Not An Id", 400),
                                           ("x" * 500, 400), ("no-such-document", 404)])
def test_ids_are_checked_and_nothing_is_added(client, bad_id, status):
    token = TOKEN_RE.search(client.get("/?q=pemex").get_data(as_text=True)).group(1)
    response = client.post("/selection", data={"csrf_token": token, "action": "add",
                                               "id": [BRIEF, bad_id]})
    assert response.status_code == status
    assert selection_json(client)["count"] == 0


def test_the_session_cookie_holds_a_key_not_the_ids(client, archive_app):
    token = TOKEN_RE.search(client.get("/").get_data(as_text=True)).group(1)
    ids = [hit["id"] for hit in client.get("/api/search?per_page=50").get_json()["results"]]
    assert len(ids) >= 25
    client.post("/selection", data={"csrf_token": token, "action": "add", "id": ids})
    assert selection_json(client)["count"] == len(ids)
    client.get("/")                                 # shows (and drops) the flash message
    cookie = client.get_cookie("session").value
    serializer = archive_app.session_interface.get_signing_serializer(archive_app)
    assert set(serializer.loads(cookie)) == {"csrf_token", "selection"}
    assert len(cookie) < 300


def test_export_of_the_selection(client):
    press(client, "/?q=pemex", BRIEF)
    press(client, f"/documents/{PODCAST}", PODCAST)
    ris = client.get("/selection/export?format=ris")
    assert ris.headers["Content-Disposition"] == 'attachment; filename="archivo-selection.ris"'
    assert ris.get_data(as_text=True).count("ER  - ") == 2
    items = json.loads(client.get("/selection/export?format=csl-json").get_data(as_text=True))
    assert [i["id"] for i in items] == [BRIEF, PODCAST]
    bibtex = client.get("/selection/export?format=bibtex").get_data(as_text=True)
    assert bibtex.startswith(f"@techreport{{{BRIEF},") and f"@misc{{{PODCAST}," in bibtex
    assert client.get("/selection/export?format=word").status_code == 400
    links = [a["href"] for a in page(client, "/selection").select(".selection-tools a")]
    assert links == ["/selection/export?format=ris", "/selection/export?format=bibtex",
                     "/selection/export?format=csl-json"]


# -- a writable archive: limits, withdrawn and vanished documents -----------------------

@pytest.fixture
def own_app(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                      "ARCHIVO_CORPUS_DIR": str(tmp_path / "corpus"),
                      "ARCHIVO_INDEX_DIR": str(tmp_path / "index"),
                      "ARCHIVO_INSTANCE_DIR": str(tmp_path / "instance")})
    archive = app.extensions["archive"]
    archive.rebuild()
    archive.add_file(SEED_TEXT.encode(), "seed.txt", actor="setup")
    archive.add_file(SEED_TEXT_2.encode(), "seed2.txt", actor="setup")
    yield app
    app.extensions["search"].close()


def _ids(app) -> list[str]:
    return sorted(doc.id for doc in app.extensions["archive"].corpus)


def test_a_full_selection_says_so_and_adds_nothing(own_app):
    own_app.config["ARCHIVO_MAX_SELECTION"] = 1
    client = own_app.test_client()
    first, second = _ids(own_app)
    press(client, f"/documents/{first}", first)
    response = press(client, f"/documents/{second}", second)
    assert response.status_code == 302
    tree = page(client, f"/documents/{second}")
    assert tree.select_one("p.flash-error").get_text() == (
        "Your selection is full: it keeps at most 1 document. Remove some before adding more.")
    assert [i["id"] for i in selection_json(client)["items"]] == [first]
    reply = press(client, f"/documents/{second}", second, Accept="application/json")
    assert reply.status_code == 409 and reply.get_json()["count"] == 1


def test_a_withdrawn_or_vanished_document_is_listed_as_such(own_app):
    client = own_app.test_client()
    withdrawn, kept = _ids(own_app)
    press(client, f"/documents/{withdrawn}", withdrawn)
    press(client, f"/documents/{kept}", kept)
    own_app.extensions["archive"].remove(withdrawn, actor="ana")
    # An id from before a rebuild that dropped it: neither live nor in the trash.
    owner = _session(own_app, client)["selection"]
    own_app.extensions["selection"].add(owner, ["gone-since"], limit=500)
    tree = page(client, "/selection")
    items = tree.select(".selection-list > li")
    assert [li["class"][-1] for li in items] == ["selection-withdrawn", "selection-live",
                                                "selection-gone"]
    assert items[0].select_one(".selection-missing").get_text() == \
        "Withdrawn from the archive since you selected it."
    assert items[2].select_one(".selection-missing").get_text() == "No longer in the archive."
    items_json = selection_json(client)["items"]
    assert [(i["id"], i["status"]) for i in items_json] == [
        (withdrawn, "withdrawn"), (kept, "live"), ("gone-since", "gone")]
    items = json.loads(client.get("/selection/export?format=csl-json").get_data(as_text=True))
    assert [i["id"] for i in items] == [kept]
    # And it can still be taken out of the selection.
    press(client, "/selection", withdrawn)
    assert [i["id"] for i in selection_json(client)["items"]] == [kept, "gone-since"]


def _session(app, client) -> dict:
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.loads(client.get_cookie("session").value)


# -- the store ------------------------------------------------------------------------

def test_the_store_keeps_order_and_adds_all_or_nothing(tmp_path):
    store = SelectionStore(tmp_path / "s.sqlite3")
    assert store.add("me", ["b", "a", "b"], limit=3) == 2
    assert store.add("me", ["a"], limit=3) == 0
    with pytest.raises(SelectionFull):
        store.add("me", ["c", "d"], limit=3)
    assert store.ids("me") == ["b", "a"] and store.ids("you") == []


def test_the_store_forgets_idle_selections_and_stays_bounded(tmp_path):
    now = [1_000_000.0]
    store = SelectionStore(tmp_path / "s.sqlite3", clock=lambda: now[0], max_rows=5)
    store.add("old", ["a", "b"], limit=10)
    now[0] += 31 * 24 * 3600
    store.add("new", ["c"], limit=10)
    assert store.ids("old") == [] and store.ids("new") == ["c"]
    store.add("two", ["d", "e"], limit=10)
    now[0] += 1
    store.add("three", ["f", "g", "h"], limit=10)     # 6 rows: the oldest owner goes
    assert store.ids("new") == [] and store.count("three") == 3


def test_a_broken_selection_file_does_not_break_the_search(own_app, tmp_path):
    client = own_app.test_client()
    store = own_app.extensions["selection"]
    store.path = tmp_path / "no-such-folder" / "s.sqlite3"      # cannot be opened
    client.get("/")
    with client.session_transaction() as session:
        session["selection"] = "k" * 32
    tree = page(client, "/?q=energy")
    assert tree.select_one(".selection-link .selection-count").get_text() == "0"


def test_the_list_as_a_bibliography_in_a_style(client, monkeypatch):
    press(client, "/?q=pemex", BRIEF)
    press(client, f"/documents/{PODCAST}", PODCAST)
    tree = page(client, "/selection?style=chicago")
    assert tree.select_one(".selection-styles [aria-current]").get_text() == \
        "Chicago 18 (notes and bibliography)"
    assert [p.get_text() for p in tree.select(".selection-citation")] == [
        "Wood, Duncan. Energy Reform and Pemex After 2013. Policy brief. Wilson Center, 2014. "
        f"http://localhost/documents/{BRIEF}.",
        "Selee, Andrew, and Ana Rivera. “Mexico Matters Episode 12: Migration Policy.” Audio "
        "podcast episode. Mexico Matters. Wilson Center, March 5, 2020. "
        f"http://localhost/documents/{PODCAST}."]
    # An unknown style is the plain list; past the bound, the list and a word why.
    assert not page(client, "/selection?style=harvard").select(".selection-citation")
    monkeypatch.setattr("webapp.selection.FORMATTED_MAX", 1)
    tree = page(client, "/selection?style=apa")
    assert not tree.select(".selection-citation") and len(tree.select(".selection-item")) == 2
    assert "Formatted citations are shown for up to 1 document;" in tree.select_one(".note").get_text()
