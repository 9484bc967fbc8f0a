"""Feeds and citations stay well formed whatever a search or a stored record holds.

A phrase search's feed URL holds '"'; a record stored before ingest stripped control
characters (or written by hand) may hold \\x01, ESC or BEL: the Atom feed must still
parse for everyone, and RIS and BibTeX must not pass ESC or BEL to a reference
manager or a terminal.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.fixtures import _doc, build_archive, doc_id
from webapp import create_app

ATOM = "{http://www.w3.org/2005/Atom}"
# What XML 1.0 cannot hold, and what a terminal acts on; tab, LF and CR are text.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_TITLE = "Bells\x07 and \x1b[31mescapes\x01 in a title"
CONTROL_DOCS = [
    _doc(CONTROL_TITLE, "report", "2024-01-02", ["Ana\x07 López", "Eric\x1b Olson"],
         ["trade"], "Tariffs\x01 and trade\x1b[0m with a bell\x07 in the body.",
         series="Notes\x1b[2J series", summary="A summary\x07 that rings."),
    _doc("United States and Mexico trade", "article", "2023-05-06", ["Duncan Wood"],
         ["trade"], "The United States and Mexico trade more than ever."),
]


@pytest.fixture(scope="module")
def control_client(tmp_path_factory):
    """An archive whose records hold control characters, stored without ingest."""
    root = tmp_path_factory.mktemp("controls")
    settings = build_archive(root, CONTROL_DOCS)
    app = create_app({"TESTING": True, "SECRET_KEY": "t",
                      "ARCHIVO_CORPUS_DIR": str(settings.corpus_dir),
                      "ARCHIVO_INDEX_DIR": str(settings.index_dir),
                      "ARCHIVO_INSTANCE_DIR": str(root / "instance")})
    yield app.test_client()
    app.extensions["search"].close()


class _HeadLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))


def feed_link_of_search_page(client, q: str) -> str:
    page = client.get("/", query_string={"q": q})
    assert page.status_code == 200
    parser = _HeadLinks()
    parser.feed(page.get_data(as_text=True))
    [href] = [link["href"] for link in parser.links
              if link.get("rel") == "alternate" and link.get("type") == "application/atom+xml"]
    return href


@pytest.mark.parametrize("q", ['"united states"', '"trade & tariffs" <b> \'quoted\''])
def test_the_search_pages_feed_link_for_a_phrase_search_gives_well_formed_atom(client, q):
    href = feed_link_of_search_page(client, q)
    assert parse_qs(urlsplit(href).query)["q"] == [q]      # the page's attribute escaped
    response = client.get(href)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)                      # raises on malformed XML
    assert feed.find(f"{ATOM}title").text == f"Archivo: {q}"
    self_link = [e for e in feed.findall(f"{ATOM}link") if e.get("rel") == "self"][0]
    assert parse_qs(urlsplit(self_link.get("href")).query)["q"] == [q]
    assert feed.find(f"{ATOM}id").text == self_link.get("href")


def test_a_stored_control_character_does_not_break_the_default_feed(control_client):
    response = control_client.get("/feed.atom")
    assert not CONTROL.search(response.get_data(as_text=True))
    feed = ET.fromstring(response.data)
    entries = {e.find(f"{ATOM}title").text: e for e in feed.findall(f"{ATOM}entry")}
    assert set(entries) == {"Bells and [31mescapes in a title", "United States and Mexico trade"}
    entry = entries["Bells and [31mescapes in a title"]
    assert [a.text for a in entry.findall(f"{ATOM}author/{ATOM}name")] == ["Ana López",
                                                                           "Eric Olson"]


def test_a_phrase_feed_over_control_characters_parses(control_client):
    feed = ET.fromstring(control_client.get('/feed.atom?q="trade"').data)
    assert len(feed.findall(f"{ATOM}entry")) == 2


def test_opensearch_description_is_still_well_formed(control_client):
    root = ET.fromstring(control_client.get("/opensearch.xml").data)
    assert root.tag == "{http://a9.com/-/spec/opensearch/1.1/}OpenSearchDescription"


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json"])
def test_citations_carry_no_escape_or_bell(control_client, fmt):
    response = control_client.get(f"/documents/{doc_id(CONTROL_TITLE)}/cite?format={fmt}")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and not CONTROL.search(text), repr(text)
    assert "Bells and [31mescapes in a title" in text
    if fmt == "ris":
        assert "AU  - López, Ana\r\n" in text and "T2  - Notes[2J series\r\n" in text
    if fmt == "bibtex":
        assert "  author = {Ana López and Eric Olson},\n" in text
    if fmt == "csl-json":
        assert '"family": "López"' in text and '"given": "Ana"' in text
