"""The benchmark runs end to end at a tiny size and reports every figure (no timing checks)."""
from __future__ import annotations

import json

import pytest

from bench.__main__ import run
from bench.queries import KINDS, Query, make_queries
from bench.report import table
from bench.synth import Generator


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    return run(120, seed=3, per_kind=3, web_requests=6, out=out, with_web=False, saves=1,
               lived_saves=3), out


def test_tantivy_is_the_peer_when_installed(report):
    from bench import tantivy_peer
    data, _ = report
    if not tantivy_peer.available():
        pytest.skip("tantivy is not installed (the optional `bench` extra)")
    assert data["build"]["tantivy"]["docs"] == 120
    assert data["search"]["all/faceted"]["tantivy"]["n"] > 0
    assert data["fts5_facet_ways"]["kept"] in ("sql", "app")


def test_report_has_every_figure(report):
    data, out = report
    assert json.loads((out / "report-120.json").read_text()) == data
    build = data["build"]
    assert build["product"]["docs"] == build["fts5"]["docs"] == 120
    for engine in ("product", "fts5"):
        assert build[engine]["docs_per_s"] > 0 and build[engine]["bytes"] > 0
    for kind in KINDS + ("all",):
        for mode in ("plain", "faceted"):
            row = data["search"][f"{kind}/{mode}"]
            assert row["product"]["n"] == row["fts5"]["n"] > 0
            assert row["ratio_p50"] is not None
    assert data["librarian"]["saves"] == 1
    imported = data["import"]
    assert imported["imported"] == imported["records"] == 120 and imported["bad_lines"] == 0
    assert len(imported["saves_during_ms"]) <= 5 and imported["saves_after"] == 3
    assert set(data["cli_start"]) == {"help_s", "search_s"}
    assert "| build, docs/s |" in table(data)


def test_librarian_notes_leave_the_corpus_as_generated(report):
    _, out = report
    records = list((out / "data-120-3" / "corpus" / "records").glob("*.json"))
    assert len(records) == 120


def test_generator_is_seeded():
    a, b = Generator(5).document(0), Generator(5).document(0)
    assert a == b and len(a.text.split()) >= 400 and 1 <= len(a.topics) <= 3


def test_queries_find_their_words_in_the_documents():
    gen = Generator(9)
    docs = [gen.document(n) for n in range(20)]
    queries = make_queries(docs, 2, seed=1)
    assert sorted({q.kind for q in queries}) == sorted(KINDS)
    phrase = next(q for q in queries if q.kind == "phrase")
    assert phrase.product_q.startswith('"') and phrase.fts_q == phrase.product_q
    assert Query("and", ("a", "b"), "trade", 2000).product_q == "a AND b"


def test_standin_app_serves_the_search_contract(report, monkeypatch):
    from bench.standin_app import create_app
    _, out = report
    monkeypatch.setenv("ARCHIVO_INDEX_DIR", str(out / "data-120-3" / "index"))
    app = create_app()
    seen = {}
    body = app({"PATH_INFO": "/api/search", "QUERY_STRING": "q=&topic=trade&year_from=2000"},
               lambda status, headers: seen.update(status=status))
    assert seen["status"].startswith("200")
    assert {"total", "results", "facets"} <= set(json.loads(b"".join(body)))


def test_web_load_through_gunicorn(report):
    from bench import web
    _, out = report
    data = out / "data-120-3"
    gen = Generator(3)
    queries = make_queries([gen.document(n) for n in range(10)], 1, seed=2)
    result = web.measure(data / "corpus", data / "index", queries, requests=4, threads=2,
                         time_limit=120)
    assert result["requests"] == 4 and result["errors"] == 0
    assert len(result["worker_peak_mb"]) == web.WORKERS


def test_the_cost_of_meaning_is_reported_against_the_words_alone(tmp_path):
    from bench.meaning import measure
    figures = measure(120, seed=3, per_kind=3, out=tmp_path)
    assert figures["queries"] == 9 and figures["rebuild_docs_per_s"] > 0
    assert set(figures["p50_ms"]) == {f"{ranking}/{mode}" for ranking in ("lexical", "fused")
                                      for mode in ("plain", "faceted")}
    assert all(ratio > 0 for ratio in figures["fused_over_lexical"].values())
