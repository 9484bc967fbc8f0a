"""Long facet lists: the results page lists a facet's top values with "All values" (a
link, no JavaScript), the facet's own page lists every value with counts for the
search, filtered without case or accents, paged and sorted; a facet with more than
20 values gets a filter box, a plain form to that page."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.many_values import AUTHORS, many_values_app
from webapp.search import FACET_FILTERABLE, FACET_SHOWN


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    return many_values_app(tmp_path_factory.mktemp("many-values")).test_client()


def soup(client, url, **args) -> BeautifulSoup:
    response = client.get(url, query_string=args or None)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def facet_section(page, name):
    return page.find("h3", id=f"facet-{name}").parent


def visible_labels(section) -> list[str]:
    return [li.select_one(".facet-label").get_text(strip=True)
            for li in section.select("li") if not li.has_attr("hidden")]


def test_a_long_facet_shows_its_top_values_and_a_link_to_all(many):
    authors = facet_section(soup(many, "/", q="border"), "author")
    shown = visible_labels(authors)
    assert len(shown) == FACET_SHOWN and shown[0] == "Writer 01"      # 14 documents
    more = authors.select_one(".facet-more a")
    assert urlsplit(more["href"]).path == "/facet/author"
    assert dict(parse_qsl(urlsplit(more["href"]).query)) == {"q": "border"}


def test_a_short_facet_has_no_more_link_nor_filter(client):
    types = facet_section(soup(client, "/"), "type")
    assert types.select_one(".facet-more") is None and types.select_one("form") is None


def test_a_chosen_value_beyond_the_top_is_still_shown(many):
    authors = facet_section(soup(many, "/", author="Writer 59"), "author")
    assert "Writer 59" in visible_labels(authors)


def test_the_facet_page_lists_every_value_with_its_count(many):
    page = soup(many, "/facet/author", q="border", per_page="20")
    values = {li.select_one(".facet-label").get_text(strip=True):
              li.select_one(".count").contents[1].strip() for li in page.select("#facet-values li")}
    assert len(values) == len(AUTHORS) and values["Writer 01"] == "14"
    assert values["Writer 60"] == "1"
    first = page.select_one("#facet-values .facet-value")["href"]
    assert dict(parse_qsl(urlsplit(first).query)) == {"q": "border", "author": "Writer 01",
                                                      "per_page": "20"}
    assert page.select_one(".breadcrumb a")["href"] == "/?q=border&per_page=20"


def test_the_facet_page_links_its_json_twin(many):
    page = soup(many, "/facet/author", q="border", facet_q="writer")
    json_url = page.select_one("footer a")["href"]
    assert dict(parse_qsl(urlsplit(json_url).query)) == {"q": "border", "facet_q": "writer",
                                                         "format": "json"}
    assert many.get(json_url).json["total"] == 60


def test_the_facet_page_counts_follow_the_search(many):
    data = many.get("/facet/author?q=border&year_from=1950&year_to=1954&format=json").json
    assert {v["value"]: v["count"] for v in data["values"]} == {
        "Writer 01": 2, "Writer 02": 1, "Writer 03": 1, "Writer 04": 1, "Writer 05": 1}


def test_the_facet_filter_ignores_case_and_accents_and_keeps_the_search(many):
    page = soup(many, "/facet/author", q="border", facet_q="MARIA perez")
    assert [li.select_one(".facet-label").get_text(strip=True)
            for li in page.select("#facet-values li")] == ["Ana María Pérez"]
    assert page.select_one("input[name=facet_q]")["value"] == "MARIA perez"
    assert soup(many, "/facet/author", facet_q="nobody here").select("#facet-values li") == []


def test_values_are_paged_and_sorted_a_to_z(many):
    many_years = soup(many, "/facet/year")
    assert len(many_years.select("#facet-values li")) == 65              # under 100 a page
    az = soup(many, "/facet/author", facet_sort="az")
    labels = [li.select_one(".facet-label").get_text(strip=True)
              for li in az.select("#facet-values li")]
    assert labels[:3] == ['"><img src=x onerror=alert(1)>', "Ana María Pérez", "Juan Núñez"]
    assert az.select_one(".sort [aria-current]").get_text(strip=True) == "A–Z"


def test_the_values_pager_keeps_the_filter_and_sort(many, monkeypatch):
    monkeypatch.setattr("webapp.facets.VALUES_PER_PAGE", 20)
    page = soup(many, "/facet/author", q="border", facet_q="writer", facet_sort="az")
    assert len(page.select("#facet-values li")) == 20
    nxt = page.select_one(".pagination a[rel=next]")["href"]
    assert dict(parse_qsl(urlsplit(nxt).query)) == {"q": "border", "facet_q": "writer",
                                                    "facet_sort": "az", "facet_page": "2"}
    last = soup(many, nxt.replace("facet_page=2", "facet_page=3"))
    assert [li.select_one(".facet-label").get_text(strip=True)
            for li in last.select("#facet-values li")][-1] == "Writer 60"


def test_a_facet_with_more_than_20_values_gets_a_filter_form_to_its_page(many, client):
    form = facet_section(soup(many, "/", q="border", sort="newest"), "author").select_one(
        "form.facet-filter")
    assert form["method"] == "get" and form["action"] == "/facet/author"
    assert {i["name"]: i["value"] for i in form.select("input[type=hidden]")} == {
        "q": "border", "sort": "newest"}
    assert form.select_one("label")["for"] == form.select_one("input[name=facet_q]")["id"]
    assert len(facet_section(soup(many, "/"), "author").select("li")) > FACET_FILTERABLE
    assert facet_section(soup(client, "/"), "author").select_one("form") is None   # 8 values


def test_an_unknown_facet_is_not_found(many):
    assert many.get("/facet/nonesuch").status_code == 404
    assert many.get("/facet/author?sort=bogus").status_code == 400


def test_bad_facet_page_parameters_fall_back(many):
    for args in ({"facet_page": "abc"}, {"facet_page": "-3"}, {"facet_page": "999999"},
                 {"facet_sort": "evil"}, {"per_page": "1000"}):
        assert soup(many, "/facet/author", **args).select("#facet-values li")


def test_hostile_values_stay_text(many):
    html = many.get("/facet/author?facet_q=img").get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x" in html
