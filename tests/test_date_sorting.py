"""Newest first and oldest first both list undated documents last, browsing or searching."""
from __future__ import annotations

import pytest

from indexer.core.models import Document
from indexer.engine.index import IndexStore
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService

DOCS = [Document(id="undated-a", title="Border notes", text="Border trade notes."),
        Document(id="d1992", title="Border in 1992", text="Border trade in 1992.", date="1992"),
        Document(id="d2016", title="Border in 2016", text="Border trade in 2016.",
                 date="2016-06-02"),
        Document(id="undated-b", title="More border notes", text="Border trade again."),
        Document(id="d2005", title="Border in 2005", text="Border trade in 2005.", date="2005-03")]


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    store = IndexStore(tmp_path_factory.mktemp("dates") / "index")
    store.rebuild((doc, "") for doc in DOCS)
    service = SearchService(store)
    yield service
    service.close()


@pytest.mark.parametrize("q", ["", "border trade"])
def test_undated_documents_come_last_in_both_orders(service, q):
    ids = lambda sort: [h.id for h in service.search(SearchRequest(q=q, sort=sort)).hits]
    assert ids("oldest")[:3] == ["d1992", "d2005", "d2016"]
    assert ids("newest")[:3] == ["d2016", "d2005", "d1992"]
    assert set(ids("oldest")[3:]) == set(ids("newest")[3:]) == {"undated-a", "undated-b"}


def test_a_page_past_the_dated_documents_holds_the_undated(service):
    page = service.search(SearchRequest(q="", sort="oldest", per_page=2, page=3)).hits
    [last] = [h.id for h in page]
    assert last.startswith("undated-")
