"""Security of the write side: CSRF on every form, no write without a librarian, uploaded
names never choose a path, originals served inertly, only http(s) source links.

The write routes are read from app.url_map, so a new one must be classified in
WRITE_ROUTES below before this file passes: nobody adds a write route unguarded.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.librarian_support import (PASSWORD, app, basic, client, csrf_token,  # noqa: F401
                                     logged_in, make_html, snapshot)

SEED_ID = "energy-reform-in-mexico"
TOKEN = "A" * 32                    # a well-formed staging token with nothing behind it
# Every write rule: (rule, method) -> (kind, a concrete URL). kind: "public" (login and
# logout), "researcher" (an anonymous researcher's selection: CSRF token, no login),
# "page" (session + CSRF token) or "api" (HTTP Basic, no cookies).
WRITE_ROUTES = {
    ("/login", "POST"): ("public", "/login"),
    ("/logout", "POST"): ("public", "/logout"),
    ("/selection", "POST"): ("researcher", "/selection"),
    ("/librarian/add", "POST"): ("page", "/librarian/add"),
    ("/librarian/review/<token>", "POST"): ("page", f"/librarian/review/{TOKEN}"),
    ("/librarian/documents/<doc_id>/edit", "POST"):
        ("page", f"/librarian/documents/{SEED_ID}/edit"),
    ("/librarian/documents/<doc_id>/remove", "POST"):
        ("page", f"/librarian/documents/{SEED_ID}/remove"),
    ("/librarian/trash/<doc_id>/restore", "POST"): ("page", f"/librarian/trash/{SEED_ID}/restore"),
    ("/api/documents", "POST"): ("api", "/api/documents"),
    ("/api/documents/<doc_id>", "PATCH"): ("api", f"/api/documents/{SEED_ID}"),
    ("/api/documents/<doc_id>", "DELETE"): ("api", f"/api/documents/{SEED_ID}"),
    ("/api/documents/<doc_id>/restore", "POST"): ("api", f"/api/documents/{SEED_ID}/restore"),
}
PAGES = [(m, url) for (_, m), (kind, url) in WRITE_ROUTES.items() if kind == "page"]
API = [(m, url) for (_, m), (kind, url) in WRITE_ROUTES.items() if kind == "api"]
READ_PAGES = ["/librarian/add", f"/librarian/review/{TOKEN}", "/librarian/trash",
              "/librarian/activity", f"/librarian/documents/{SEED_ID}/edit"]
CSRF_MESSAGE = "missing or invalid CSRF token"


def test_every_write_route_is_classified(app):
    found = {(rule.rule, method) for rule in app.url_map.iter_rules()
             for method in rule.methods - {"GET", "HEAD", "OPTIONS"}}
    assert found == set(WRITE_ROUTES)


@pytest.mark.parametrize("method,url", PAGES + [("POST", "/logout"), ("POST", "/login"),
                                                ("POST", "/selection")])
def test_a_form_without_or_with_a_wrong_csrf_token_is_refused(app, logged_in, method, url):
    before = snapshot(app)
    for data in ({"title": "x"}, {"title": "x", "csrf_token": "forged"}):
        response = logged_in.open(url, method=method, data=data)
        assert response.status_code == 400
        assert CSRF_MESSAGE in response.get_data(as_text=True)
    assert snapshot(app) == before
    assert "Log out" in logged_in.get("/librarian/activity").get_data(as_text=True)


@pytest.mark.parametrize("method,url", PAGES)
def test_a_write_page_without_a_librarian_redirects_to_the_login(app, client, method, url):
    before = snapshot(app)
    response = client.open(url, method=method, data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert snapshot(app) == before


@pytest.mark.parametrize("url", READ_PAGES)
def test_a_librarian_page_without_a_librarian_redirects_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("method,url", API)
def test_the_write_api_wants_basic_auth_even_from_a_logged_in_browser(app, logged_in,
                                                                      method, url):
    """A session cookie is not an API credential, and a foreign page cannot reuse Basic."""
    before = snapshot(app)
    for headers in ({}, {"Authorization": "Bearer x"}, basic("ana", "wrong password")):
        response = logged_in.open(url, method=method, headers=headers)
        assert response.status_code == 401
        assert response.get_json()["error"]["status"] == 401
        assert response.headers["WWW-Authenticate"] == 'Basic realm="Archivo librarians"'
    for site in ("cross-site", "same-site"):
        response = logged_in.open(url, method=method, headers={**basic(), "Sec-Fetch-Site": site})
        assert response.status_code == 403
    assert snapshot(app) == before


HOSTILE_NAMES = ["../../etc/passwd", "/etc/passwd", "..\\..\\windows\\win.ini",
                 "a\x00b.txt", "x" * 4000 + ".txt", "../../../tmp/evil.html", "..", "."]
ORIGINAL_RE = re.compile(r"^[0-9a-f]{64}\.[a-z0-9]{1,5}$")


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_uploaded_file_names_never_choose_a_path(app, client, logged_in, tmp_path):
    outside = set(_files(tmp_path.parent))
    statuses = []
    for n, name in enumerate(HOSTILE_NAMES):
        body = f"Hostile name {n}\n\nA note about trade and the border, number {n}.\n".encode()
        response = client.post("/api/documents", headers=basic(), data={
            "file": (io.BytesIO(body), name)}, content_type="multipart/form-data")
        statuses.append(response.status_code)
        page = logged_in.post("/librarian/add", data={
            "csrf_token": csrf_token(logged_in, "/librarian/add"),
            "files": (io.BytesIO(body + b"page"), name)}, content_type="multipart/form-data")
        assert page.status_code in (302, 400), name
    assert set(statuses) <= {201, 400} and statuses.count(201) >= 6
    corpus = Path(app.config["ARCHIVO_CORPUS_DIR"])
    originals = [p.name for p in (corpus / "originals").iterdir()]
    assert originals and all(ORIGINAL_RE.match(name) for name in originals)
    assert all(re.match(r"^[a-z0-9-]{1,120}\.json$", p.name)
               for p in (corpus / "records").iterdir())
    staging = Path(app.config["ARCHIVO_INSTANCE_DIR"]) / "staging"
    for folder in staging.iterdir():
        assert re.match(r"^[A-Za-z0-9_-]{32}$", folder.name)
        assert sorted(p.name for p in folder.iterdir()) == ["0.bin", "manifest.json"]
    # Nothing appeared outside this test's own folders (e.g. a passwd or evil.html).
    created = set(_files(tmp_path.parent)) - outside
    assert {c.split("/")[1] for c in created} <= {"corpus", "index", "instance"}
    assert not any(Path(c).name in ("passwd", "win.ini", "evil.html") for c in created)


def test_an_html_original_is_never_served_as_html(app, client):
    page = make_html("Scripted page", "Trade at the border. <script>alert(1)</script> "
                     "More words about tariffs and customs officers.")
    created = client.post("/api/documents", headers=basic(), data={
        "file": (io.BytesIO(page), "scripted.html")}, content_type="multipart/form-data")
    assert created.status_code == 201
    response = client.get(f"/documents/{created.get_json()['id']}/original")
    assert response.status_code == 200 and response.data == page
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.headers["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)",
                                 " javascript:alert(1)", "data:text/html,<script>x</script>",
                                 "vbscript:x", "//evil.example/x", "/relative"])
def test_a_source_url_must_be_http_or_https(app, client, url):
    response = client.patch(f"/api/documents/{SEED_ID}", json={"source_url": url},
                            headers=basic())
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == \
        "the source URL must start with http:// or https://"
    ok = client.patch(f"/api/documents/{SEED_ID}", json={"source_url": "https://x.org/a"},
                      headers=basic())
    assert ok.status_code == 200 and ok.get_json()["source_url"] == "https://x.org/a"


def test_a_stored_javascript_source_url_is_shown_as_text_not_as_a_link(app, client):
    """Records stored before the check (or written by hand) are still rendered inertly."""
    archive = app.extensions["archive"]
    doc = archive.corpus.get(SEED_ID)
    doc.source_url = "javascript:window.__xss=1"
    archive.corpus.save(doc)
    html = client.get(f"/documents/{SEED_ID}").get_data(as_text=True)
    assert "javascript:window.__xss=1" in html
    assert not re.search(r"href=\"\s*javascript:", html, re.I)


@pytest.mark.parametrize("url", ["/", "/search?q=border", "/login", "/documents/nope"])
def test_pages_allow_only_the_apps_own_scripts_and_styles(client, url):
    """Defence in depth behind the escaping: no inline or foreign script could run."""
    response = client.get(url)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_json_answers_are_not_sniffed(client):
    response = client.get("/api/search?q=border")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in response.headers
