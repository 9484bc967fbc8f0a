"""Issue 16, finding 2: broad wildcards, ranges and deep pages never hang a worker.

An archive with thousands of distinct words: `*e*` is refused with a message (400,
on the search page too), `a*` and `title:[a TO z]` expand to at most MAX_EXPANSIONS
terms per field and segment and say their results are partial, a page past
MAX_RESULT_WINDOW is clamped, and a search past its time budget stops with a
message while the worker goes on answering. Bounded by counts, not by the clock.
"""
from __future__ import annotations

import pytest
from indexer.search import matching as search_module
from indexer.search import service as service_module

from indexer.engine import querylimits
from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.core.limits import MAX_EXPANSIONS, MAX_RESULT_WINDOW, SearchTooSlow
from indexer.core.models import Document
from indexer.search.request import SearchRequest
from indexer.engine.querylimits import QueryTooBroad
from indexer.search.service import SearchService
from webapp import create_app

DOCS, WORDS_PER_DOC = 60, 60      # 3,600 distinct words starting with a, in titles too


def word(n: int) -> str:
    return "a" + "".join("bcdfghjklm"[int(d)] for d in f"{n:04d}") + "o"


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("broad")
    archive = Archive(Settings(corpus_dir=root / "corpus", index_dir=root / "index"))
    batch = []
    for d in range(DOCS):
        words = [word(d * WORDS_PER_DOC + w) for w in range(WORDS_PER_DOC)]
        batch.append(([Document(id="", title=" ".join(words), text="Trade " + " ".join(words))],
                      f"doc {d}".encode()))
    archive.save_batch(batch, actor="test")
    return root


@pytest.fixture()
def service(root):
    service = SearchService(Archive(Settings(corpus_dir=root / "corpus",
                                             index_dir=root / "index")).index)
    yield service
    service.close()


@pytest.fixture()
def expansions(monkeypatch):
    """The number of terms each capped part expanded to, per field and segment."""
    counts = []
    expand = querylimits._Capped._expand

    def counted(self, ixreader):
        terms = expand(self, ixreader)
        counts.append(len(terms))
        return terms
    monkeypatch.setattr(querylimits._Capped, "_expand", counted)
    return counts


@pytest.fixture(scope="module")
def client(root):
    app = create_app({"ARCHIVO_CORPUS_DIR": str(root / "corpus"),
                      "ARCHIVO_INDEX_DIR": str(root / "index"),
                      "ARCHIVO_INSTANCE_DIR": str(root / "instance"), "TESTING": True})
    return app.test_client()


@pytest.mark.parametrize("q", ["*e*", "?a*", "title:*", "*ab*"])
def test_a_wildcard_before_too_few_letters_is_refused_with_a_message(service, q):
    with pytest.raises(QueryTooBroad, match="needs at least 3 letters"):
        service.search(SearchRequest(q=q))


@pytest.mark.parametrize("q", ["a*", "title:[a TO z]", "body:a*o"])
def test_a_broad_expansion_is_capped_and_says_its_results_are_partial(service, expansions, q):
    result = service.search(SearchRequest(q=q))
    assert expansions and max(expansions) == MAX_EXPANSIONS     # 3,600 terms were there
    assert "only the first 1,024 were searched" in result.notice
    assert 0 < result.total <= DOCS


def test_a_narrow_expansion_is_whole_and_not_flagged(service, expansions):
    result = service.search(SearchRequest(q="*cccco"))     # a leading wildcard, 5 letters
    assert result.total == 1 and result.notice is None
    assert max(expansions) == 1
    assert service.search(SearchRequest(q="abbbb*")).total == 1


def test_a_page_past_the_result_window_is_clamped_and_collects_no_more(service, monkeypatch):
    stops = []
    top_documents = search_module.top_documents

    def recorded(scores, final, start, stop):
        stops.append(stop)
        return top_documents(scores, final, start, stop)
    monkeypatch.setattr(search_module, "top_documents", recorded)
    result = service.search(SearchRequest(q="a*", page=100_000, per_page=10))
    assert result.page == MAX_RESULT_WINDOW // 10
    assert stops and max(stops) <= MAX_RESULT_WINDOW


def test_a_search_past_its_time_budget_stops_with_a_message_and_the_next_one_answers(
        service, monkeypatch):
    monkeypatch.setattr(service_module, "budget", lambda: querylimits.budget(-1.0))
    with pytest.raises(SearchTooSlow, match="was stopped"):
        service.search(SearchRequest(q="a*"))
    monkeypatch.undo()
    assert service.search(SearchRequest(q="trade")).total == DOCS


def test_the_web_says_why_on_the_page_in_json_and_on_feed_and_export(client):
    page = client.get("/?q=*e*")
    assert page.status_code == 400 and b"needs at least 3 letters" in page.data
    assert b'name="q"' in page.data                         # the search form, to edit it
    body = client.get("/api/search?q=*e*").get_json()
    assert body["error"]["status"] == 400 and "*e*" in body["error"]["message"]
    partial = client.get("/api/search?q=a*").get_json()
    assert partial["total"] > 0 and "partial" in partial["notice"]
    assert b"partial" in client.get("/?q=a*").data
    assert client.get("/feed.atom?q=*e*").status_code == 400
    assert client.get("/export?q=*e*&format=ris").status_code == 400
    assert client.get("/export?q=a*&format=ris").status_code == 200
    deep = client.get("/api/search?q=trade&page=100000&per_page=100").get_json()
    assert deep["page"] == MAX_RESULT_WINDOW // 100 and deep["results"] == []
