"""What one post may hold: the upload's pasted text as long as a file may be, as many
files as one upload may make documents, and a review of hundreds of cards in one post
(Flask's own form limits, 500 kB a field and 1,000 parts, would refuse each with 413)."""
from __future__ import annotations

from bs4 import BeautifulSoup

from tests.librarian_support import app, client, csrf_token, logged_in  # noqa: F401
from tests.test_librarian_pages import open_review, upload
from tests.test_review_many import count_line


def test_a_pasted_text_longer_than_half_a_megabyte_is_read(app, logged_in):
    text = "Border trade grew across the region this year, the customs office said. " * 9000
    assert len(text.encode()) > 600_000
    location, page = open_review(logged_in, upload(logged_in, title="A Long Pasted Report",
                                                   text=text))
    assert 'value="A Long Pasted Report"' in page


def test_a_pasted_text_over_the_file_limit_is_still_refused(app, logged_in):
    app.config["ARCHIVO_MAX_BYTES"] = 100_000
    answer = upload(logged_in, title="Too Long", text="Border trade grew. " * 10_000)
    assert answer.status_code == 413


def test_more_than_a_thousand_files_in_one_upload_are_all_read(app, logged_in):
    files = [(f"note-{n}.txt", f"Border trade note number {n} grew.".encode())
             for n in range(1100)]
    location, page = open_review(logged_in, upload(logged_in, *files))
    assert count_line(page) == "1,100 of 1,100 selected"


def test_the_review_form_is_posted_urlencoded_which_has_no_field_count_limit(app, logged_in):
    """Werkzeug caps multipart forms at 1,000 parts: 500 cards are 5,500 (the save of 500
    is test_review_many's); an enctype="multipart/form-data" here would refuse them."""
    files = [(f"note-{n}.txt", f"Border trade note number {n} grew.".encode()) for n in range(3)]
    location, page = open_review(logged_in, upload(logged_in, *files))
    form = BeautifulSoup(page, "lxml").select_one("form[data-review]")
    assert form.get("enctype") is None and form["method"] == "post"
