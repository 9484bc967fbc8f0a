"""The no-results page offers only topics that lead to documents."""
from __future__ import annotations

from bs4 import BeautifulSoup

from tests.librarian_support import app, client  # noqa: F401   (an archive of 2 documents)


def test_the_no_results_page_offers_only_topics_that_lead_somewhere(app, client):
    page = client.get("/", query_string={"q": "zzxqwv"}).get_data(as_text=True)
    offered = [a["href"].split("topic=")[1] for a in
               BeautifulSoup(page, "html.parser").select(".topic-links a")]
    held = {e["value"] for e in client.get("/api/search").get_json()["facets"]["topic"]
            if e["count"]}
    assert offered and set(offered) == held
    for slug in offered:
        assert client.get("/api/search", query_string={"topic": slug}).get_json()["total"] > 0
    vocabulary = app.extensions["archive"].vocabulary
    assert len(offered) < len(vocabulary.topics)        # most topics have no document here
