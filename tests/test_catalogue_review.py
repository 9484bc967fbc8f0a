"""Through the upload form: a listing shows as N catalogue entries, a long PDF as one."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from tests.docmakers import make_cover_pdf
from tests.librarian_support import app, client, csrf_token, logged_in  # noqa: F401
from tests.test_librarian_pages import open_review, upload
from tests.test_listing_pages import listing


def test_a_listing_upload_is_reviewed_as_a_list_and_saved_as_catalogue_entries(app, logged_in):
    location, page = open_review(logged_in, upload(logged_in, ("listing.html", listing(25))))
    assert "25 catalogue entries found" in page
    assert page.count('catalogue-list"') == 1 and page.count("<tr>") == 26
    assert 'name="f0-d0-title"' not in page             # no full form per tile
    ticked = re.findall(r'name="(f0-d\d+-include)" value="1" checked', page)
    assert len(ticked) == 25
    data = {"csrf_token": csrf_token(logged_in, location), "action": "save",
            **{name: "1" for name in ticked[:20]}}             # five unticked
    assert logged_in.post(location, data=data).status_code == 302
    found = logged_in.get("/api/search", query_string={"q": "remittances record"}).get_json()
    tiles = sorted(r["title"] for r in found["results"] if r["title"].startswith("Remittances Reach"))
    assert tiles == [f"Remittances Reach a Record ({n})" for n in (0, 10, 15, 5)]  # 20 unticked
    doc_id = next(r["id"] for r in found["results"] if r["title"] == tiles[0])
    record = logged_in.get(f"/api/documents/{doc_id}").get_json()
    assert record["catalogue_entry"] is True and record["source_url"].startswith("https://")
    page = logged_in.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "A catalogue entry" in page and "Read it at the source" in page
    results = logged_in.get("/", query_string={"q": "remittances record"}).get_data(as_text=True)
    assert "Catalogue entry, no full text" in results


def test_a_report_pdf_through_the_form_is_one_document(app, logged_in):
    contents = [f"Chapter {n}: Border Infrastructure and Trade Corridors" for n in range(1, 60)]
    pdf = make_cover_pdf("Border Infrastructure in North America",
                         above=["Special Report No. 4"], below=["By Ana Pérez", "May 2021"],
                         body=["Trucks and trains carry most of the trade. " * 20],
                         later_pages=[contents, contents])
    _, page = open_review(logged_in, upload(logged_in, ("report.pdf", pdf)))
    assert page.count('class="review-item"') == 1
    assert 'value="Border Infrastructure in North America"' in page
    assert 'value="Ana Pérez"' in page or "Ana Pérez" in page


def test_the_review_form_says_where_each_prefilled_field_came_from(app, logged_in):
    pdf = make_cover_pdf("Remittances in a Time of Pandemic", above=["Mexico Institute",
                         "Special Report No. 3"], below=["June 2020"],
                         body=["Remittances from the United States to Mexico kept growing. " * 20],
                         info_title="Layout 1", info_author="Ana Pérez")
    location, page = open_review(logged_in, upload(logged_in, ("report.pdf", pdf)))
    soup = BeautifulSoup(page, "lxml")
    sources = {label["for"][len("f0-d0-"):]: label.parent.select_one(".provenance").get_text()
               for label in soup.select('label[for^="f0-d0-"]')
               if label.parent.select_one(".provenance")}
    assert sources["title"] == "Read from the first page of the PDF."
    assert sources["date"] == "Read from the first page of the PDF."
    assert sources["authors"] == "Read from the file's document information: check it."
    assert "Guessed" not in sources["type"]             # the cover says Special Report
    assert sources["language"] == "Guessed from the words: check it."
