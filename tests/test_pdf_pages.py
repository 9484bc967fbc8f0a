"""Page-aware hits: a long PDF keeps where its pages start, and a result names the pages
that hold the researcher's words ("p. 4, 7"), each a link that opens the PDF there."""
from __future__ import annotations

from bs4 import BeautifulSoup

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.pipeline import ingest_bytes
from indexer.ingest.vocabulary import load_vocabulary
from indexer.store.archive import apply_changes
from tests.docmakers import make_paged_pdf
from tests.librarian_support import (BORDER_TEXT, app, client, logged_in,  # noqa: F401
                                     review_form)
from tests.test_librarian_pages import open_review, upload

AQUIFER = "The shared aquifer under Ciudad Juárez and El Paso is drawn down every year."


def eight_pages() -> list[list[str]]:
    pages = [[f"Page {n} opens with its own words about trade number {n}.", BORDER_TEXT]
             for n in range(1, 9)]
    pages[3].append(AQUIFER)
    pages[6].insert(0, AQUIFER.replace("every year", "faster than it refills"))
    return pages


def test_a_pdf_keeps_where_each_page_starts_in_its_text():
    data = make_paged_pdf("Water and Trade on the Border", eight_pages(), footer="{n}")
    [doc] = ingest_bytes(data, "r.pdf", load_vocabulary(DEFAULT_TOPICS_FILE), 25_000_000)
    assert len(doc.page_starts) == 7                       # pages 2 to 8
    for page, start in enumerate(doc.page_starts, 2):
        # Page 7 starts with its aquifer line, the others with their opening line.
        opening = "The shared aquifer" if page == 7 else f"Page {page} opens with its own"
        assert doc.text[start:].startswith(opening), page


def test_editing_the_text_forgets_the_pages(app):
    data = make_paged_pdf("Water and Trade on the Border", eight_pages())
    [doc] = ingest_bytes(data, "r.pdf", load_vocabulary(DEFAULT_TOPICS_FILE), 25_000_000)
    apply_changes(doc, {"title": doc.title}, app.extensions["archive"].vocabulary)
    assert doc.page_starts
    apply_changes(doc, {"text": "A new text."}, app.extensions["archive"].vocabulary)
    assert doc.page_starts == []


def test_a_hit_names_the_pages_with_the_words_and_links_into_the_pdf(app, logged_in):
    pdf = make_paged_pdf("Water and Trade on the Border", eight_pages())
    location, page = open_review(logged_in, upload(logged_in, ("water.pdf", pdf)))
    saved = logged_in.post(location, data=dict(review_form(page), action="save"))
    doc_id = saved.headers["Location"].rsplit("/", 1)[1]
    found = logged_in.get("/api/search", query_string={"q": "aquifer"}).get_json()
    [hit] = found["results"]
    assert hit["id"] == doc_id and hit["pages"] == [4, 7]
    soup = BeautifulSoup(logged_in.get("/", query_string={"q": "aquifer"}).get_data(as_text=True),
                         "lxml")
    pages = soup.select_one(".hit-pages")
    assert pages.get_text(" ", strip=True) == "p. 4 , 7"
    assert [a["href"] for a in pages.select("a")] == [
        f"/documents/{doc_id}/original#page=4", f"/documents/{doc_id}/original#page=7"]
    assert pages.select("a")[0]["aria-label"] == "page 4 of the PDF"


def test_other_files_and_unmatched_bodies_name_no_pages(app, logged_in):
    found = logged_in.get("/api/search", query_string={"q": "energy reform"}).get_json()
    assert found["results"] and all(hit["pages"] == [] for hit in found["results"])
    page = logged_in.get("/", query_string={"q": "energy reform"}).get_data(as_text=True)
    assert "hit-pages" not in page


def test_the_document_page_finds_words_and_numbers_each_match(app, logged_in):
    pdf = make_paged_pdf("Water and Trade on the Border", eight_pages())
    location, page = open_review(logged_in, upload(logged_in, ("water.pdf", pdf)))
    saved = logged_in.post(location, data=dict(review_form(page), action="save"))
    url = saved.headers["Location"]
    plain = logged_in.get(url).get_data(as_text=True)
    assert "<mark" not in plain and 'name="find"' in plain
    soup = BeautifulSoup(logged_in.get(url, query_string={"find": "aquifers",
                                                          "back": "/?q=aquifer"}).data, "lxml")
    marks = soup.select(".document-body mark")
    assert [m["id"] for m in marks] == ["match-1", "match-2"]
    assert [m.get_text() for m in marks] == ["aquifer", "aquifer"]      # stems meet
    assert soup.select_one(".find-status").get_text(" ", strip=True) == "2 matches: 1 2"
    assert soup.select_one('input[name="back"]')["value"] == "/?q=aquifer"
    hostile = logged_in.get(url, query_string={"find": "<script>zebra()</script>"})
    assert b"<script>zebra" not in hostile.data
    assert "0 matches" in hostile.get_data(as_text=True)
