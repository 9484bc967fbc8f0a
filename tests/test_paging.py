"""Paging the results page: "1–10 of 30", a choice of 10, 20 or 50 a page that every
link keeps, and what happens to any other page size (the page: the default; JSON: 1-100)."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import DOCS


def page(client, **args) -> BeautifulSoup:
    response = client.get("/", query_string=args)
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def shown_range(soup) -> str:
    return soup.select_one(".result-range").get_text(" ", strip=True)


def args_of(url: str) -> dict:
    return dict(parse_qsl(urlsplit(url).query))


def test_the_page_says_which_results_it_shows_of_how_many(client):
    assert len(DOCS) == 30
    assert shown_range(page(client)) == "1–10 of 30 documents"
    assert shown_range(page(client, page=3)) == "21–30 of 30 documents"
    assert shown_range(page(client, per_page=20, page=2)) == "21–30 of 30 documents"


def test_one_result_is_said_in_the_singular_and_in_spanish(client):
    assert shown_range(page(client, q="payload")) == "1 of 1 document"
    assert shown_range(page(client, q="payload", lang="es")) == "1 de 1 documento"
    assert shown_range(page(client, lang="es", page=2)) == "11–20 de 30 documentos"


def test_no_range_is_shown_without_results(client):
    assert page(client, q="zzzqqqx").select_one(".result-range") is None


@pytest.mark.parametrize("per_page", [10, 20, 50])
def test_each_offered_page_size_lists_that_many(client, per_page):
    soup = page(client, per_page=per_page)
    assert len(soup.select(".hits > li")) == min(per_page, len(DOCS))
    current = soup.select_one(".per-page [aria-current]")
    assert current.get_text(strip=True) == str(per_page)


@pytest.mark.parametrize("raw", ["7", "100", "1000", "-5", "abc", "", "20.0", "020"])
def test_any_other_page_size_on_the_page_is_the_default(client, raw):
    soup = page(client, per_page=raw)
    assert len(soup.select(".hits > li")) == 10
    assert shown_range(soup) == "1–10 of 30 documents"
    assert soup.select_one(".per-page [aria-current]").get_text(strip=True) == "10"


def test_the_json_twin_takes_the_choices_and_keeps_its_own_limits(client):
    for per_page in (10, 20, 50):
        assert len(client.get(f"/api/search?per_page={per_page}").json["results"]) == \
            min(per_page, 30)
    assert client.get("/?format=json&per_page=7").json["per_page"] == 7
    assert client.get("/api/search?per_page=1000").json["per_page"] == 100
    assert client.get("/api/search?per_page=abc").status_code == 400


def test_the_page_size_is_kept_by_facets_sorting_paging_and_the_forms(client):
    soup = page(client, q="security", per_page=20)
    links = ([a["href"] for a in soup.select(".facet-value, .facet-exclude")]
             + [a["href"] for a in soup.select(".sort a")])
    assert links and all(args_of(url).get("per_page") == "20" for url in links)
    every = page(client, per_page=20)
    pager = [args_of(a["href"]) for a in every.select(".pagination a")]     # 2, Next
    assert pager == [{"page": "2", "per_page": "20"}] * 2
    for form in soup.select("form.search-form, form.year-range"):
        assert form.select_one("input[name=per_page]")["value"] == "20"
    chipped = page(client, q="security", type="brief", per_page=50)
    assert all(args_of(a["href"]).get("per_page") == "50" for a in chipped.select(".chip"))


def test_choosing_a_page_size_keeps_the_first_result_in_view(client):
    soup = page(client, page=3)                     # results 21-30
    urls = {a.get_text(strip=True): args_of(a["href"]) for a in soup.select(".per-page a")}
    assert urls["20"] == {"per_page": "20", "page": "2"}     # 21-40
    assert urls["50"] == {"per_page": "50"}                  # 1-50, page 1
    assert "per_page" not in args_of(page(client, per_page=50).select_one(
        ".per-page a")["href"])                              # 10 is the default, unsaid
