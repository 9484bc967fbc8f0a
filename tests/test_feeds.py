"""The Atom feed of a search and the OpenSearch description: valid XML, right contents."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.fixtures import DOCS, HOSTILE_TITLE, doc_id

ATOM = "{http://www.w3.org/2005/Atom}"
OS = "{http://a9.com/-/spec/opensearch/1.1/}"


def atom(client, query: str) -> ET.Element:
    response = client.get(f"/feed.atom?{query}")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    return ET.fromstring(response.data)


def test_feed_of_a_search(client):
    feed = atom(client, "q=pemex")
    assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}title").text == "Archivo: pemex"
    entries = feed.findall(f"{ATOM}entry")
    assert {e.find(f"{ATOM}title").text for e in entries} == {
        "Oil Prices and the Mexican Budget", "Energy Reform and Pemex After 2013"}
    [first] = [e for e in entries
               if e.find(f"{ATOM}title").text == "Energy Reform and Pemex After 2013"]
    link = f"http://localhost/documents/{doc_id('Energy Reform and Pemex After 2013')}"
    assert first.find(f"{ATOM}link").get("href") == link == first.find(f"{ATOM}id").text
    assert first.find(f"{ATOM}published").text == "2014-02-03T00:00:00Z"
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Duncan Wood"
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["energy", "economy"]
    assert "<mark>Pemex</mark>" in first.find(f"{ATOM}summary").text   # type="html"


def test_feed_follows_facets_and_holds_up_to_50(client):
    entries = atom(client, "type=podcast").findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert len(atom(client, "").findall(f"{ATOM}entry")) == min(50, len(DOCS))


def test_feed_escapes_hostile_titles(client):
    feed = atom(client, "q=payload")
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert titles == [HOSTILE_TITLE]


def test_opensearch_description(client):
    response = client.get("/opensearch.xml")
    assert response.mimetype == "application/opensearchdescription+xml"
    root = ET.fromstring(response.data)
    assert root.tag == f"{OS}OpenSearchDescription"
    assert root.find(f"{OS}ShortName").text == "Archivo"
    urls = {u.get("type"): u.get("template") for u in root.findall(f"{OS}Url")}
    assert urls == {"text/html": "http://localhost/?q={searchTerms}",
                    "application/atom+xml": "http://localhost/feed.atom?q={searchTerms}"}
