"""The Atom feed read in a browser: it names an XSL stylesheet, served as text/xsl and
well-formed, that turns it into a readable page; the feed itself stays valid Atom,
labelled as Atom for feed readers and as XML for browsers (which apply the stylesheet
only to XML)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.fixtures import HOSTILE_TITLE

ATOM = "{http://www.w3.org/2005/Atom}"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def stylesheet_href(body: bytes) -> str:
    match = re.search(rb'<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>', body)
    assert match, body[:200]
    return match.group(1).decode().replace("&amp;", "&")


def as_page(client, query: str, lang: str = "en") -> BeautifulSoup:
    """The Atom transformed by the stylesheet it names, as a browser with XSLT would."""
    feed = client.get(f"/feed.atom?{query}&lang={lang}")
    xsl = client.get(stylesheet_href(feed.data))
    transform = etree.XSLT(etree.fromstring(xsl.data))
    return BeautifulSoup(str(transform(etree.fromstring(feed.data))), "html.parser")


def test_the_feed_names_its_stylesheet_before_the_feed_element(client):
    body = client.get("/feed.atom?q=pemex").data
    assert body.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<?xml-stylesheet ")
    assert stylesheet_href(body).startswith("/feed.xsl")
    assert body.index(b"<?xml-stylesheet") < body.index(b"<feed")


@pytest.mark.parametrize("accept", [None, "*/*", "application/atom+xml",
                                    "application/atom+xml, application/rss+xml;q=0.9, */*;q=0.1"])
def test_feed_readers_get_atom(client, accept):
    response = client.get("/feed.atom?q=pemex", headers={"Accept": accept} if accept else {})
    assert response.mimetype == "application/atom+xml"
    assert "Accept" in response.headers["Vary"]


def test_a_browser_gets_the_page_the_stylesheet_makes_of_the_same_atom(client):
    """Transformed on the server, so the page does not depend on the browser's XSLT."""
    for_browser = client.get("/feed.atom?q=pemex", headers={"Accept": BROWSER_ACCEPT})
    assert for_browser.mimetype == "text/html" and "Accept" in for_browser.headers["Vary"]
    served = BeautifulSoup(for_browser.data, "html.parser")
    assert served.h1.get_text() == "Archivo: pemex"
    assert len(served.select(".hit-title a")) == 2
    same = lambda page: [a["href"] for a in page.select("a")]   # noqa: E731
    assert same(served) == same(as_page(client, "q=pemex"))


def test_the_stylesheet_is_xsl_and_well_formed_in_both_languages(client):
    for lang in ("en", "es"):
        response = client.get(f"/feed.xsl?lang={lang}")
        assert response.status_code == 200 and response.mimetype == "text/xsl"
        root = etree.fromstring(response.data)             # raises if not well-formed
        assert root.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
        etree.XSLT(root)                                   # and a stylesheet that compiles
        assert {"Accept-Language", "Cookie"} <= set(response.headers["Vary"].split(", "))


def test_the_feed_as_a_page_lists_its_entries_with_links_and_marked_snippets(client):
    page = as_page(client, "q=pemex")
    assert page.html["lang"] == "en" and page.title.get_text() == "Archivo: pemex"
    assert page.h1.get_text() == "Archivo: pemex"
    titles = {a.get_text(): a["href"] for a in page.select(".hit-title a")}
    assert titles["Energy Reform and Pemex After 2013"] == \
        "http://localhost/documents/energy-reform-and-pemex-after-2013"
    assert [m.get_text() for m in page.select(".snippet mark")] == ["Pemex", "Pemex"]
    assert "feed reader" in page.select_one(".feed-note").get_text()
    back = page.select_one("main p a")["href"]
    assert back == "http://localhost/?q=pemex&sort=added"


def test_the_page_is_in_the_readers_language(client):
    page = as_page(client, "q=pemex", lang="es")
    assert page.html["lang"] == "es"
    assert "lector de noticias" in page.select_one(".feed-note").get_text()
    assert page.select_one(".hit-meta").get_text().startswith("Publicado")


def test_hostile_text_in_the_feed_stays_text_on_the_page(client):
    page = as_page(client, "q=payload")
    assert page.select_one(".hit-title a").get_text() == HOSTILE_TITLE
    assert page.find("script") is None and page.find("img") is None


def test_an_empty_feed_says_so(client):
    page = as_page(client, "q=zzzqqqx")
    assert page.select(".hit") == [] and page.select_one("main").get_text(strip=True)
