"""The site's own address: links never lead off-site, whatever the URL or Host header.

The language switch is built from the page's path, so a path a browser would read as
another host (a backslash, a doubled slash) still links to this site; feeds, OpenSearch,
canonical links and citations take the configured ARCHIVO_BASE_URL, not the client's
Host header; a login's next= with control characters is no error; the write API
refuses a foreign Origin as well as a foreign Sec-Fetch-Site.
"""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from tests.librarian_support import (PASSWORD, app, basic, client, login)  # noqa: F401

SEED_ID = "energy-reform-in-mexico"
BASE = "https://archivo.example.org"
EVIL = {"Host": "evil.example"}


def as_a_browser_resolves(page_url: str, href: str) -> str:
    """WHATWG URL parsing: tabs and newlines dropped, a backslash is a slash (http), and
    any run of two or more leading slashes starts a host."""
    for char in "\t\r\n":
        href = href.replace(char, "")
    href = href.replace("\\", "/")
    if href.startswith("//"):
        href = "//" + href.lstrip("/")
    return urljoin(page_url, href)


# Paths as the server gets them (PATH_INFO, decoded), as a browser's %5C, %09 or a
# doubled slash arrives.
@pytest.mark.parametrize("path", ["/\\evil.example/phish", "//evil.example/phish",
                                  "///evil.example/x", "/\\\\evil.example",
                                  "/\t/evil.example", "/\\/evil.example"])
def test_the_language_switch_never_leads_off_site(client, path):
    page = client.get("/", environ_overrides={"PATH_INFO": path})
    tree = BeautifulSoup(page.get_data(as_text=True), "lxml")
    href = tree.select("a.language-switch")[0]["href"]
    target = urlsplit(as_a_browser_resolves("http://localhost/", href))
    assert target.netloc == "localhost", href
    assert "lang=es" in target.query


def test_the_language_switch_keeps_an_odd_path(client):
    tree = BeautifulSoup(client.get("/%5Cevil.example/phish").get_data(as_text=True), "lxml")
    href = tree.select("a.language-switch")[0]["href"]
    assert href == "/%5Cevil.example/phish?lang=es"


@pytest.fixture
def configured(app):
    app.config["ARCHIVO_BASE_URL"] = BASE + "/"
    return app.test_client()


def test_feeds_opensearch_canonical_and_citations_use_the_configured_base_url(configured):
    answers = {
        "opensearch": configured.get("/opensearch.xml", headers=EVIL),
        "feed": configured.get("/feed.atom?q=energy", headers=EVIL),
        "canonical": configured.get(f"/documents/{SEED_ID}", headers=EVIL),
        "ris": configured.get(f"/documents/{SEED_ID}/cite?format=ris", headers=EVIL),
        "export": configured.get("/export?q=energy&format=bibtex", headers=EVIL),
    }
    for kind, response in answers.items():
        body = response.get_data(as_text=True)
        assert response.status_code == 200, kind
        assert "evil.example" not in body, kind
        assert BASE + "/" in body, kind
    assert f'<link rel="canonical" href="{BASE}/documents/{SEED_ID}">' in \
        answers["canonical"].get_data(as_text=True)
    assert f"UR  - {BASE}/documents/{SEED_ID}" in answers["ris"].get_data(as_text=True)
    feed = ET.fromstring(answers["feed"].get_data())
    [self_link] = feed.findall("{http://www.w3.org/2005/Atom}link[@rel='self']")
    assert self_link.get("href") == f"{BASE}/feed.atom?q=energy"


def test_without_a_base_url_links_follow_the_request(client):
    body = client.get("/opensearch.xml").get_data(as_text=True)
    assert 'template="http://localhost/?q={searchTerms}"' in body


@pytest.mark.parametrize("target", ["\r\n", "/\r\nSet-Cookie: evil=1", "/\x00x", "/a\tb"])
def test_a_login_next_with_control_characters_goes_home(client, target):
    response = login(client, "ana", PASSWORD, next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "evil" not in response.headers.get("Set-Cookie", "")


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://localhost.evil",
                                    "https://localhost"])
def test_the_write_api_refuses_a_foreign_origin(app, client, origin):
    response = client.delete(f"/api/documents/{SEED_ID}",
                             headers={**basic(), "Origin": origin})
    assert response.status_code == 403
    assert response.get_json()["error"]["status"] == 403
    assert app.extensions["archive"].corpus.exists(SEED_ID)


def test_the_write_api_accepts_its_own_origin_and_scripts_without_one(app, client):
    own = client.patch(f"/api/documents/{SEED_ID}", json={"topics": ["energy"]},
                       headers={**basic(), "Origin": "http://localhost"})
    assert own.status_code == 200, own.get_data(as_text=True)
    script = client.patch(f"/api/documents/{SEED_ID}", json={"topics": ["energy"]},
                          headers=basic())
    assert script.status_code == 200


def test_with_a_base_url_only_its_origin_is_own(app, client):
    app.config["ARCHIVO_BASE_URL"] = BASE
    foreign = client.delete(f"/api/documents/{SEED_ID}",
                            headers={**basic(), "Origin": "http://localhost"})
    assert foreign.status_code == 403
    own = client.patch(f"/api/documents/{SEED_ID}", json={"topics": ["energy"]},
                       headers={**basic(), "Origin": BASE})
    assert own.status_code == 200


@pytest.mark.parametrize("base", ["archivo.example.org", "javascript:alert(1)",
                                  "https://archivo.example.org/?x=1", "ftp://archivo.example"])
def test_a_base_url_that_is_not_a_site_address_stops_the_start(app, base):
    from indexer.core.errors import BadRequest
    from webapp import create_app

    config = {key: app.config[key] for key in ("TESTING", "SECRET_KEY", "ARCHIVO_CORPUS_DIR",
                                               "ARCHIVO_INDEX_DIR", "ARCHIVO_INSTANCE_DIR")}
    with pytest.raises(BadRequest, match="ARCHIVO_BASE_URL"):
        create_app({**config, "ARCHIVO_BASE_URL": base})
