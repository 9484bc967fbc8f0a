"""The pages' own markup parses as written: no attribute is cut short by a quote."""
from __future__ import annotations

from urllib.parse import parse_qs, parse_qsl

import pytest
from bs4 import BeautifulSoup


def test_the_search_boxs_placeholder_keeps_its_quoted_example(client):
    for lang, words in (("en", '"Merida Initiative"'), ("es", "Iniciativa Mérida")):
        page = client.get("/", query_string={"lang": lang}).get_data(as_text=True)
        box = BeautifulSoup(page, "html.parser").find("input", id="q")
        assert words in box["placeholder"] and box["placeholder"].endswith("2010-2016")
        assert box.get("aria-describedby") == "q-help"
        assert not [name for name in box.attrs if "merida" in name.lower() or '"' in name]



def test_a_document_opened_from_the_results_links_back_to_them(client):
    results = client.get("/", query_string={"q": "pemex", "type": "brief"})
    link = BeautifulSoup(results.get_data(as_text=True), "html.parser").select_one(
        ".hit-title a")["href"]
    path, _, query = link.partition("?")
    back = parse_qs(query)["back"][0]
    assert back.startswith("/?") and ("q", "pemex") in parse_qsl(back[2:])
    page = BeautifulSoup(client.get(link).get_data(as_text=True), "html.parser")
    crumb = page.select_one(".breadcrumb a")
    assert crumb["href"] == back and "Back to the results" in crumb.get_text()
    assert page.find("link", rel="canonical")["href"].endswith(path)   # the permalink is bare


@pytest.mark.parametrize("back", ["//evil.example/?q=x", "https://evil.example/?q=x",
                                  "/\\evil.example", "javascript:alert(1)", "/documents/x"])
def test_a_back_link_never_leaves_the_search_page(client, back):
    link = BeautifulSoup(client.get("/", query_string={"q": "pemex"}).get_data(as_text=True),
                         "html.parser").select_one(".hit-title a")["href"].partition("?")[0]
    page = BeautifulSoup(client.get(link, query_string={"back": back}).get_data(as_text=True),
                         "html.parser")
    assert page.select_one(".breadcrumb a")["href"] == "/"


@pytest.mark.parametrize("q", ["title:(border AND", 'author:"olson', "border AND", "OR trade"])
def test_broken_syntax_is_said_in_one_line_and_still_searched(client, q):
    page = BeautifulSoup(client.get("/", query_string={"q": q}).get_data(as_text=True),
                         "html.parser")
    notes = [p.get_text(" ", strip=True) for p in page.select(".query-note, .note, .notice")]
    assert any("could not be read" in n and "plain words" in n for n in notes), notes


@pytest.mark.parametrize("q", ["title:border", '"border security"', "(border",
                               "what is the effect (the slip effect)?", "border AND trade"])
def test_sound_syntax_and_prose_get_no_such_note(client, q):
    assert "could not be read" not in client.get("/", query_string={"q": q}).get_data(as_text=True)
