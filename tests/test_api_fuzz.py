"""Fuzz the public JSON API from its own OpenAPI description (schemathesis, in-process WSGI).

Every generated request, valid or not, must get no 500, a status the description
lists, and a body that matches it: results for a 200, the JSON error shape otherwise.
"""
import json
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (content_type_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)

from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.store.importer import import_jsonl
from webapp import create_app

EXAMPLES = 100
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
DATED = [json.dumps({"title": f"Dated note {n}", "text": f"Trade and border note {n}.",
                     "date": f"20{10 + n}-0{1 + n % 9}", "type": "brief"}).encode()
         for n in range(6)]
SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    archive = Archive(Settings(corpus_dir=root / "corpus", index_dir=root / "index"))
    for seed in SEEDS:
        archive.add_file(seed.read_bytes(), seed.name)
    import_jsonl(archive, DATED)        # dated records: browsing sorts by date
    return create_app({"ARCHIVO_CORPUS_DIR": str(root / "corpus"),
                       "ARCHIVO_INDEX_DIR": str(root / "index"),
                       "ARCHIVO_INSTANCE_DIR": str(root / "instance"), "TESTING": True})


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


# Schemathesis's strategies driven by hypothesis directly: its lazy pytest loader
# (from_fixture) does not work with pytest 9, and the app is a fixture.
# A free-form string path parameter has no invalid form, so no negative run for it.
@pytest.mark.parametrize("path, mode", [("/api/search", GenerationMode.POSITIVE),
                                        ("/api/search", GenerationMode.NEGATIVE),
                                        ("/api/documents/{doc_id}", GenerationMode.POSITIVE)])
def test_no_request_to_the_public_api_gets_a_500(api_schema, path, mode):
    operation = api_schema[path]["GET"]
    seen = []

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        response = case.call()
        seen.append(response.status_code)
        assert response.status_code != 500, response.text
        case.validate_response(response, checks=CHECKS)
        if response.status_code >= 400:
            error = response.json()["error"]
            assert error["status"] == response.status_code and error["message"]
    check()
    assert 500 not in seen and len(seen) >= EXAMPLES // 2
    print(f"\nfuzz {path} {mode.value}: {len(seen)} requests, statuses "
          f"{dict(sorted(Counter(seen).items()))}")


def test_the_description_is_served_and_lists_the_public_routes(app):
    body = app.test_client().get("/api/openapi.json").get_json()
    assert body["openapi"] == "3.0.3"
    assert sorted(body["paths"]) == ["/api/documents/{doc_id}", "/api/search"]
    names = [p["name"] for p in body["paths"]["/api/search"]["get"]["parameters"]]
    assert names == ["q", "topic", "not_topic", "type", "not_type", "author", "not_author",
                     "year", "not_year", "language", "not_language", "year_from", "year_to",
                     "sort", "page", "per_page"]


@pytest.mark.parametrize("path, params", [
    ("/api/documents/{doc_id}", {"path_parameters": {"doc_id": "dated-note-3"}}),
    ("/api/search", {"query": {"q": "", "sort": "newest", "type": ["brief"]}}),
])
def test_answers_with_content_match_the_description(api_schema, path, params):
    case = api_schema[path]["GET"].Case(**params)
    response = case.call()
    assert response.status_code == 200
    case.validate_response(response, checks=CHECKS)
