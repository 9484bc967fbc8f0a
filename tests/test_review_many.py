"""The review of an upload that splits into many documents: a count at the top, tick all
and untick all, "keep as one document", and one collapsed card per item (500 stay usable)."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from tests.librarian_support import app, client, csrf_token, logged_in, review_form  # noqa: F401
from tests.test_librarian_pages import open_review, upload
from tests.test_listing_pages import listing


def dump(count: int) -> bytes:
    """A text dump listing count items, each a title with its own paragraph."""
    items = [f"Border Note Number {n}\n\nTrade across the border grew in {1990 + n % 30}; "
             f"inspections of truck convoy {n} were faster than the year before." for n in
             range(1, count + 1)]
    return ("Border Economy Notes\n\n" + "\n\n".join(items) + "\n").encode()


def whole_form(page: str, count: int) -> dict:
    """Every card's fields as the browser would post them, untouched."""
    form = {}
    for n in range(count):
        form.update(review_form(page, prefix=f"f0-d{n}-"))
    return form


def ticked(page: str) -> list[str]:
    return re.findall(r'name="(f\d+-d\d+-include)" value="1" checked', page)


def count_line(page: str) -> str:
    return BeautifulSoup(page, "lxml").select_one(".review-count").get_text(strip=True)


def test_a_split_dump_is_reviewed_as_collapsed_cards_with_a_count(app, logged_in):
    location, page = open_review(logged_in, upload(logged_in, ("notes.txt", dump(40))))
    soup = BeautifulSoup(page, "lxml")
    assert count_line(page) == "40 of 40 selected"
    cards = soup.select("li.review-card")
    assert len(cards) == 40 and not soup.select("details.card[open]")      # all collapsed
    assert cards[6].select_one("summary .card-title").get_text() == "Border Note Number 7"
    assert cards[6].select_one("input.card-tick")["aria-label"] == "Save “Border Note Number 7”"
    # Save comes first (Enter in a field saves) and again at the end of the list.
    assert [b["value"] for b in soup.select("button[name=action]")] == [
        "save", "tick_all", "untick_all", "keep_one:0", "save", "discard"]


def test_untick_all_and_tick_all_work_without_javascript_and_keep_the_edits(app, logged_in):
    location, page = open_review(logged_in, upload(logged_in, ("notes.txt", dump(40))))
    form = dict(whole_form(page, 40), **{"f0-d3-title": "A Corrected Title"})
    answer = logged_in.post(location, data=dict(form, action="untick_all"))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and ticked(page) == [] and count_line(page) == "0 of 40 selected"
    assert 'value="A Corrected Title"' in page
    # Tick twelve by hand, save: twelve documents, the corrected one among them.
    form = {k: v for k, v in whole_form(page, 40).items() if not k.endswith("-include")}
    form.update({f"f0-d{n}-include": "1" for n in range(3, 15)})
    saved = logged_in.post(location, data=dict(form, action="save"))
    assert saved.status_code == 302
    titles = {d.title for d in (app.extensions["archive"].corpus.get(i)
                                for i in app.extensions["archive"].corpus.ids())}
    assert "A Corrected Title" in titles and "Border Note Number 15" in titles
    assert "Border Note Number 3" not in titles and "Border Note Number 16" not in titles
    assert sum(t.startswith("Border Note Number") for t in titles) == 11


def test_tick_all_ticks_every_card_again(app, logged_in):
    location, page = open_review(logged_in, upload(logged_in, ("notes.txt", dump(12))))
    form = {k: v for k, v in whole_form(page, 12).items() if not k.endswith("-include")}
    page = logged_in.post(location, data=dict(form, action="tick_all")).get_data(as_text=True)
    assert len(ticked(page)) == 12 and count_line(page) == "12 of 12 selected"


def test_keep_as_one_reads_the_dump_again_as_one_document(app, logged_in):
    location, page = open_review(logged_in, upload(logged_in, ("notes.txt", dump(40))))
    answer = logged_in.post(location, data=dict(whole_form(page, 40), action="keep_one:0"))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "is kept as one document instead of 40" in page
    assert page.count('class="review-item"') == 1 and "review-count" not in page
    assert 'value="Border Economy Notes"' in page
    saved = logged_in.post(location, data=dict(review_form(page), action="save"))
    assert saved.status_code == 302
    [doc_id] = [i for i in app.extensions["archive"].corpus.ids()
                if app.extensions["archive"].corpus.get(i).title == "Border Economy Notes"]
    doc = app.extensions["archive"].corpus.get(doc_id)
    assert "truck convoy 1 " in doc.text and "truck convoy 40 " in doc.text
    assert doc.text.index("Border Note Number 2") < doc.text.index("Border Note Number 39")
    # The staged upload stays the librarian's: a second look shows the one document.
    assert logged_in.get(location).status_code == 404          # saved, so gone


def test_keep_as_one_on_a_listing_page_makes_one_document_not_entries(app, logged_in):
    location, page = open_review(logged_in, upload(logged_in, ("listing.html", listing(25))))
    assert "25 catalogue entries found" in page
    form = {"csrf_token": csrf_token(logged_in, location), "action": "keep_one:0"}
    page = logged_in.post(location, data=form).get_data(as_text=True)
    assert "catalogue entries found" not in page and page.count('class="review-item"') == 1
    saved = logged_in.post(location, data=dict(review_form(page), action="save"))
    assert saved.status_code == 302
    doc = app.extensions["archive"].corpus.get(saved.headers["Location"].rsplit("/", 1)[1])
    assert not doc.catalogue_entry and "Vaccines Across the Border (24)" in doc.text


def test_keep_as_one_names_a_real_file_of_the_upload(app, logged_in):
    location, page = open_review(logged_in, upload(logged_in, ("notes.txt", dump(5))))
    for bad in ("keep_one:7", "keep_one:x", "keep_one:-1"):
        assert logged_in.post(location, data=dict(whole_form(page, 5), action=bad)
                              ).status_code == 400


def test_five_hundred_items_are_one_usable_page_and_one_save(app, logged_in):
    location, page = open_review(logged_in, upload(logged_in, ("notes.txt", dump(500))))
    assert count_line(page) == "500 of 500 selected"
    # Collapsed cards, no full text: about 7 kB an item (the topic list is most of it).
    assert len(page.encode()) < 500 * 9_000, len(page.encode())
    answer = logged_in.post(location, data=dict(whole_form(page, 500), action="save"))
    assert answer.status_code == 302, answer.get_data(as_text=True)[:300]
    corpus = app.extensions["archive"].corpus
    assert sum(corpus.get(i).title.startswith("Border Note Number") for i in corpus.ids()) == 500
