"""Previous and next between results on a document page, across page boundaries, and
back to the results page it was opened from; a forged ?back= or ?n= gives neither an
open redirect nor markup, only the plain way back to the search."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup


def soup(client, url: str, **args) -> BeautifulSoup:
    response = client.get(url, query_string=args or None)
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def hit_links(client, **args) -> list[str]:
    return [a["href"] for a in soup(client, "/", **args).select(".hit-title a")]


def steps(page) -> dict:
    nav = page.select_one(".result-nav")
    return {"back": nav.select_one(".breadcrumb a")["href"],
            "position": (p.get_text(strip=True) if (p := nav.select_one(".result-position"))
                         else None),
            "prev": (a["href"] if (a := nav.select_one("a[rel=prev]")) else None),
            "next": (a["href"] if (a := nav.select_one("a[rel=next]")) else None)}


def path(url: str) -> str:
    return urlsplit(url).path


def test_next_and_previous_walk_the_results_in_their_order(client):
    links = hit_links(client, q="security")
    middle = steps(soup(client, links[1]))
    assert path(middle["prev"]) == path(links[0]) and path(middle["next"]) == path(links[2])
    assert middle["position"].startswith("Result 2 of ")
    assert steps(soup(client, links[0]))["prev"] is None


def test_the_tenth_results_next_is_the_eleventh_on_the_next_page(client):
    first_page, second_page = hit_links(client), hit_links(client, page=2)
    tenth = steps(soup(client, first_page[9]))
    assert tenth["position"] == "Result 10 of 30"
    assert path(tenth["next"]) == path(second_page[0])
    eleventh = steps(soup(client, tenth["next"]))
    assert eleventh["position"] == "Result 11 of 30"
    assert eleventh["back"] == "/?page=2"                   # back to the page it is on
    assert path(eleventh["prev"]) == path(first_page[9])
    assert steps(soup(client, eleventh["prev"]))["back"] == "/"


def test_the_last_result_has_no_next(client):
    last = steps(soup(client, hit_links(client, page=3)[-1]))
    assert last["position"] == "Result 30 of 30" and last["next"] is None


def test_the_walk_keeps_the_whole_search(client):
    links = hit_links(client, q="security", sort="newest", per_page=20, not_topic="diplomacy")
    nxt = steps(soup(client, links[0]))["next"]
    back = parse_qs(urlsplit(nxt).query)["back"][0]
    assert parse_qs(urlsplit(back).query) == {"q": ["security"], "not_topic": ["diplomacy"],
                                              "sort": ["newest"], "per_page": ["20"]}


def test_a_document_no_longer_at_its_position_offers_only_the_way_back(client):
    link = hit_links(client, q="security")[0]
    moved = link.replace("n=1", "n=3")
    assert steps(soup(client, moved)) == {"back": "/?q=security", "position": None,
                                          "prev": None, "next": None}


@pytest.mark.parametrize("n", ["", "0", "-1", "abc", "1e3", "99999999", "2 ", "<b>"])
def test_a_bad_position_is_ignored(client, n):
    link = hit_links(client, q="security")[1]
    doc = path(link)
    nav = steps(soup(client, doc, back="/?q=security", n=n))
    assert nav == {"back": "/?q=security", "position": None, "prev": None, "next": None}


@pytest.mark.parametrize("back", ["//evil.example/?q=x", "https://evil.example/?q=x",
                                  "/\\evil.example", "javascript:alert(1)", "/documents/x",
                                  "/?sort=bogus", "/?page=zz"])
def test_a_forged_back_gives_no_steps_and_never_leaves_the_site(client, back):
    doc = path(hit_links(client)[0])
    nav = steps(soup(client, doc, back=back, n="1"))
    assert nav["prev"] is None and nav["next"] is None
    assert nav["back"] == "/" or (nav["back"] == back and back.startswith("/?"))


def test_markup_in_back_is_never_put_in_the_page(client):
    doc = path(hit_links(client, q="payload")[0])
    back = '/?q=payload&x="><script>alert(1)</script>'
    response = client.get(doc, query_string={"back": back, "n": "1"})
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html
    nav = steps(BeautifulSoup(html, "html.parser"))
    assert nav["back"] == "/?q=payload"           # made anew from what the search read
    assert nav["position"] == "Result 1 of 1"


def test_every_way_back_from_a_document_keeps_the_query_filters_and_page(client):
    """The site's "Search" link, "back", a find within the document (which keeps the
    steps) and a related document all lead back to the same results page (the page
    number is test_the_tenth_results_next_is_the_eleventh_on_the_next_page's)."""
    results = "/?q=security&type=report&type=brief&sort=newest&per_page=20"
    link = soup(client, results).select(".hit-title a")[1]["href"]
    page = soup(client, link)
    expected = "/?" + results.partition("?")[2]
    nav_search = page.select_one("nav[aria-label=Site] a")
    assert nav_search.get_text() == "Search" and nav_search["href"] == expected
    assert steps(page)["back"] == expected
    form = page.select_one("form.find-in-document")
    found = soup(client, path(link), **{i["name"]: i.get("value") or "security"
                                        for i in form.select("input[name]")})
    assert steps(found)["position"] == steps(page)["position"] == "Result 2 of 2"
    assert steps(found)["back"] == expected
    related = page.select_one("ul.related a")["href"]
    assert parse_qs(urlsplit(related).query)["back"] == [expected]
    assert steps(soup(client, related))["back"] == expected


def test_a_document_opened_directly_has_the_plain_search_link(client):
    links = hit_links(client, q="security")
    page = soup(client, path(links[0]))
    assert page.select_one("nav[aria-label=Site] a")["href"] == "/"
    assert steps(page)["back"] == "/"
