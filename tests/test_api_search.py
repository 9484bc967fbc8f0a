"""The JSON twin: /api/search's contract, parameter validation, /api/documents, error shape."""
from __future__ import annotations

import pytest

from tests.fixtures import DOCS, doc_id, expected_count

TOP_KEYS = {"query", "total", "page", "per_page", "results", "facets", "suggestion"}
HIT_KEYS = {"id", "title", "type", "topics", "authors", "date", "url", "snippet", "pages",
            "related_in_meaning"}
FACET_KEYS = {"value", "count", "selected"}


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.data
    assert response.content_type == "application/json"
    return response.get_json()


def test_search_contract_shape(client):
    body = get_json(client, "/api/search?q=pemex")
    assert set(body) == TOP_KEYS
    assert body["query"] == "pemex" and body["total"] == 2
    assert body["page"] == 1 and body["per_page"] == 10 and body["suggestion"] is None
    for hit in body["results"]:
        assert set(hit) == HIT_KEYS
    first = body["results"][0]
    assert first["id"] == doc_id("Energy Reform and Pemex After 2013")
    assert first["url"] == f"/documents/{first['id']}"
    assert (first["type"], first["date"]) == ("brief", "2014-02-03")
    assert first["topics"] == ["energy", "economy"] and first["authors"] == ["Duncan Wood"]
    assert "<mark>Pemex</mark>" in first["snippet"]
    assert set(body["facets"]) == {"topic", "type", "author", "year", "language"}
    for entries in body["facets"].values():
        for entry in entries:
            assert set(entry) == FACET_KEYS
            assert isinstance(entry["count"], int) and isinstance(entry["selected"], bool)


def test_suggestion_present_when_misspelled(client):
    body = get_json(client, "/api/search?q=migraton")
    assert body["total"] == 0 and body["results"] == [] and body["suggestion"] == "migration"


def test_repeated_facet_parameters_or_and_exclusions(client):
    body = get_json(client, "/api/search?type=brief&type=podcast&per_page=50")
    assert body["total"] == expected_count(type="brief") + expected_count(type="podcast")
    selected = {e["value"] for e in body["facets"]["type"] if e["selected"]}
    assert selected == {"brief", "podcast"}
    body = get_json(client, "/api/search?not_type=article&not_topic=security&per_page=50")
    expected = [d for d in DOCS if d["type"] != "article" and "security" not in d["topics"]]
    assert body["total"] == len(expected)
    body = get_json(client, "/api/search?not_author=Eric%20Olson&per_page=50")
    assert body["total"] == len(DOCS) - expected_count(author="Eric Olson")


def test_year_range_and_sort_and_paging(client):
    body = get_json(client, "/api/search?year_from=2010&year_to=2012&sort=oldest&per_page=4&page=2")
    in_range = sorted(d["date"] for d in DOCS if "2010" <= d["date"][:4] <= "2012")
    assert body["total"] == len(in_range) == 6
    assert [h["date"] for h in body["results"]] == in_range[4:]
    assert body["page"] == 2 and body["per_page"] == 4


@pytest.mark.parametrize("query,page,per_page", [
    ("page=-1", 1, 10), ("page=0", 1, 10), ("per_page=100000", 1, 100),
    ("per_page=0", 1, 1), ("per_page=-5", 1, 1),
    ("page=99999999999999999999", 100, 10)])     # the last page within 1,000 results
def test_out_of_range_numbers_are_clamped(client, query, page, per_page):
    body = get_json(client, f"/api/search?{query}")
    assert (body["page"], body["per_page"]) == (page, per_page)


def test_reversed_year_range_is_swapped(client):
    swapped = get_json(client, "/api/search?year_from=2016&year_to=2010")
    straight = get_json(client, "/api/search?year_from=2010&year_to=2016")
    assert swapped["total"] == straight["total"] > 0


@pytest.mark.parametrize("query,words", [
    ("year_from=abc", "year_from"), ("year_to=12", "year_to"), ("page=two", "page"),
    ("per_page=1.5", "per_page"), ("sort=best", "sort")])
def test_bad_parameters_give_400_with_message(client, query, words):
    body = get_json(client, f"/api/search?{query}", status=400)
    assert body["error"]["status"] == 400 and words in body["error"]["message"]


@pytest.mark.parametrize("q", ['"', "(", "OR", "NOT", "-", "title:", "year:abc", "*", "\x00",
                               "<script>alert(1)</script>", "%", "a" * 5000])
def test_odd_queries_never_fail(client, q):
    body = get_json(client, "/api/search?" + __import__("urllib.parse").parse.urlencode({"q": q}))
    assert isinstance(body["total"], int)


def test_document_record(client):
    brief = doc_id("Merida Initiative: Ten Years of Security Cooperation")
    body = get_json(client, f"/api/documents/{brief}")
    assert body["id"] == brief and body["type"] == "brief" and body["authors"] == ["Eric Olson"]
    assert body["original_kind"] == "pdf" and body["url"] == f"/documents/{brief}"
    assert body["original_url"] == f"/documents/{brief}/original"
    assert [t["topic"] for t in body["topics"]] == ["security", "diplomacy"]
    assert "history" not in body


@pytest.mark.parametrize("url", ["/api/documents/no-such-document", "/api/documents/..%2Fetc",
                                 "/api/documents/UPPER", "/api/nowhere", "/api/search/extra"])
def test_unknown_ids_and_routes_give_json_404(client, url):
    body = get_json(client, url, status=404)
    assert set(body) == {"error"} and body["error"]["status"] == 404
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_wrong_method_gives_json_405(client):
    response = client.post("/api/search")
    assert response.status_code == 405
    assert response.get_json()["error"]["status"] == 405


def test_search_page_json_format_is_the_same_contract(client):
    assert get_json(client, "/?q=pemex&format=json") == get_json(client, "/api/search?q=pemex")
