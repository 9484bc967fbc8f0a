"""`indexer search --json` and /api/search print the same SearchResult the same way.

Both serialize the service's SearchResult with its to_json(); these tests run one
query through each, on one index, and compare what they print field by field.
"""
from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.search.request import SearchRequest

# (CLI arguments, the same search as API parameters): ranked words with snippets, a
# phrase, a facet filter with a short page, browsing a topic, the blank search (every
# facet), a misspelling (a suggestion), a typed field, an author filter.
SEARCHES = [
    (["border security"], {"q": "border security"}),
    (['"Merida Initiative"'], {"q": '"Merida Initiative"'}),
    (["mexico", "--type", "brief", "--limit", "2"],
     {"q": "mexico", "type": "brief", "per_page": 2}),
    (["", "--topic", "energy"], {"topic": "energy"}),
    ([""], {}),
    (["migraton"], {"q": "migraton"}),
    (["author:olson security"], {"q": "author:olson security"}),
    (["energy", "--author", "Duncan Wood"], {"q": "energy", "author": "Duncan Wood"}),
]


@pytest.fixture
def cli_search(archive_settings, monkeypatch):
    """`indexer search ARGS --json` on the shared test archive, parsed."""
    monkeypatch.setenv("ARCHIVO_CORPUS_DIR", str(archive_settings.corpus_dir))
    monkeypatch.setenv("ARCHIVO_INDEX_DIR", str(archive_settings.index_dir))
    monkeypatch.setenv("ARCHIVO_TOPICS_FILE", str(archive_settings.topics_file))

    def search(args):
        result = CliRunner().invoke(main, ["search", *args, "--json"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)
    return search


@pytest.mark.parametrize("cli_args,api_args", SEARCHES)
def test_cli_json_is_the_api_json_field_by_field(cli_search, client, cli_args, api_args):
    cli = cli_search(cli_args)
    response = client.get("/api/search", query_string=api_args)
    assert response.status_code == 200
    api = response.get_json()
    for key in ("query", "total", "page", "per_page", "suggestion"):
        assert cli[key] == api[key], key
    assert [h["id"] for h in cli["results"]] == [h["id"] for h in api["results"]]
    for from_cli, from_api in zip(cli["results"], api["results"]):
        for key in ("title", "type", "topics", "authors", "date", "url", "snippet"):
            assert from_cli[key] == from_api[key], (from_cli["id"], key)
    assert cli["facets"] == api["facets"]
    assert cli == api                   # and nothing else, on either side


def test_the_compared_searches_have_something_to_compare(cli_search):
    """Each kind of field the comparison checks is filled in by some search above."""
    outputs = [cli_search(args) for args, _ in SEARCHES]
    hits = [h for out in outputs for h in out["results"]]
    assert any("<mark>" in h["snippet"] for h in hits)
    assert any(h["authors"] for h in hits) and any(h["topics"] for h in hits)
    assert any(out["suggestion"] for out in outputs)
    assert any(e["selected"] for out in outputs for entries in out["facets"].values()
               for e in entries)
    assert len({out["total"] for out in outputs}) > 3


def test_both_print_the_services_result(cli_search, search_service):
    """The printed JSON is SearchResult.to_json(), and its order is the scores' order."""
    result = search_service.search(SearchRequest(q="border security"))
    assert cli_search(["border security"]) == result.to_json()
    scores = [hit.score for hit in result.hits]
    assert None not in scores and scores == sorted(scores, reverse=True)


def test_the_openapi_description_is_the_shape_to_json_prints(client, search_service):
    """webapp/openapi.py is written by hand: it must name exactly the keys printed."""
    schema = client.get("/api/openapi.json").get_json()
    search = schema["paths"]["/api/search"]["get"]["responses"]["200"]
    described = search["content"]["application/json"]["schema"]
    printed = search_service.search(SearchRequest(q="border security")).to_json()
    assert set(described["required"]) == set(printed)
    hit, facet = described["properties"]["results"]["items"], \
        described["properties"]["facets"]["properties"]["topic"]["items"]
    assert set(hit["required"]) == set(hit["properties"]) == set(printed["results"][0])
    assert set(facet["required"]) == set(facet["properties"]) == \
        set(printed["facets"]["topic"][0])
    assert set(described["properties"]) == set(printed) | {"notice"}


def test_a_result_cannot_be_changed_after_the_service_made_it(search_service):
    """The page, the API and the CLI share one object: none of them may alter it."""
    result = search_service.search(SearchRequest(q="border security"))
    hit, entry = result.hits[0], result.facets["topic"][0]
    for thing, name in ((result, "total"), (hit, "title"), (entry, "count")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(thing, name, None)
    assert isinstance(result.hits, tuple) and isinstance(hit.topics, tuple)
