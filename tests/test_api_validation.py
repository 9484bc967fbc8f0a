"""The write API refuses JSON of the wrong type or size (422 naming the field) and
stores text without control characters or lone surrogates, on every path in.

Before: {"title": ["a"]} was stored as "['a']", authors [1, {"a": 1}, null] as
strings, {"text": null} emptied the text, a 2 MB title was taken whole, and a lone
surrogate gave a 500 (the record could not be written as UTF-8).
"""
from __future__ import annotations

import io
import json
import re

from indexer.store.importer import import_jsonl
from indexer.ingest.validation import MAX_LIST_ITEMS, MAX_TITLE_CHARS
from tests.librarian_support import (BORDER_TEXT, app, basic, client,  # noqa: F401
                                     make_pdf, snapshot)

DOC = "/api/documents/energy-reform-in-mexico"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

REFUSED = [
    ({"title": ["a"]}, "title"),
    ({"title": True}, "title"),
    ({"title": None}, "title"),
    ({"authors": [1, {"a": 1}, None]}, "authors"),
    ({"authors": "Ana López"}, "authors"),
    ({"topics": "security"}, "topics"),
    ({"text": None}, "text"),
    ({"text": {"body": "x"}}, "text"),
    ({"date": 2016}, "date"),
    ({"series": {"x": 1}}, "series"),
    ({"summary": None}, "summary"),
    ({"checksum": "x"}, "checksum"),           # not an editable field: refused, not ignored
    ({"title": "x" * (2 * 1024 * 1024)}, "title"),
    ({"title": "x" * (MAX_TITLE_CHARS + 1)}, "title"),
    ({"authors": ["Ana"] * (MAX_LIST_ITEMS + 1)}, "authors"),
    ({"series": "Fine", "authors": ["Ana", 7]}, "authors"),
]


def test_wrong_types_and_sizes_are_422_naming_the_field_and_change_nothing(app, client):
    before = snapshot(app)
    for body, field in REFUSED:
        response = client.patch(DOC, headers=basic(), json=body)
        error = response.get_json()["error"]
        assert (response.status_code, error["status"], error["field"]) == (422, 422, field), \
            (body if len(str(body)) < 200 else field, error)
        assert repr(field) in error["message"]
    assert snapshot(app) == before


def test_right_types_still_apply_and_null_clears_what_may_be_empty(app, client):
    response = client.patch(DOC, headers=basic(), json={
        "title": "x" * MAX_TITLE_CHARS, "series": "Energy notes", "authors": ["Duncan Wood"]})
    assert response.status_code == 200 and len(response.get_json()["title"]) == MAX_TITLE_CHARS
    response = client.patch(DOC, headers=basic(), json={"series": None, "date": None})
    record = response.get_json()
    assert response.status_code == 200 and record["series"] is None and record["date"] is None


def test_a_lone_surrogate_is_stripped_not_a_500(app, client):
    response = client.patch(DOC, headers=basic(), json={
        "title": "Border\ud800 notes", "authors": ["Ana\udfff López"],
        "text": "Energy\udc80 text about Pemex."})
    assert response.status_code == 200, response.get_data(as_text=True)
    record = app.extensions["archive"].corpus.get_record("energy-reform-in-mexico")
    assert (record["title"], record["authors"], record["text"]) == (
        "Border notes", ["Ana López"], "Energy text about Pemex.")


def test_control_characters_are_stripped_from_the_api_and_the_upload_fields(app, client):
    response = client.patch(DOC, headers=basic(), json={
        "title": "Bells\x07 and \x1b[31mescapes\x01", "series": "Notes\x9b",
        "text": "Line one\x1b[0m\r\nline\ttwo\x00 ends."})
    record = response.get_json()
    assert (record["title"], record["series"], record["text"]) == (
        "Bells and [31mescapes", "Notes", "Line one[0m\nline\ttwo ends.")
    pdf = make_pdf("Uploaded with fields", BORDER_TEXT)
    response = client.post("/api/documents", headers=basic(), content_type="multipart/form-data",
                           data={"file": (io.BytesIO(pdf), "f.pdf"),
                                 "title": "Upload\x07 title\x1b", "authors": "Ana\x01 López"})
    assert response.status_code == 201
    record = response.get_json()
    assert (record["title"], record["authors"]) == ("Upload title", ["Ana López"])


def test_an_uploaded_file_with_control_characters_is_stored_without_them(app, client):
    text = "Bells\x07 in a title\n\nA body about border\x1b[31m security\x01 and trade.\n"
    response = client.post("/api/documents", headers=basic(), content_type="multipart/form-data",
                           data={"file": (io.BytesIO(text.encode()), "bells.txt")})
    assert response.status_code == 201
    record = app.extensions["archive"].corpus.get_record(response.get_json()["id"])
    assert not CONTROL.search(record["title"] + record["text"] + record["summary"])


def test_upload_fields_over_their_size_are_422_before_anything_is_stored(app, client):
    before = snapshot(app)
    pdf = make_pdf("Too long a title", BORDER_TEXT)
    response = client.post("/api/documents", headers=basic(), content_type="multipart/form-data",
                           data={"file": (io.BytesIO(pdf), "f.pdf"),
                                 "title": "x" * (MAX_TITLE_CHARS + 1)})
    assert response.status_code == 422 and response.get_json()["error"]["field"] == "title"
    assert snapshot(app) == before


def test_import_refuses_wrong_types_by_line_and_strips_control_characters(app):
    archive = app.extensions["archive"]
    lines = [json.dumps(obj).encode() for obj in [
        {"title": ["a"], "text": "A list for a title."},
        {"title": "Null text", "text": None},
        {"title": "Numbers for authors", "text": "Body about trade.", "authors": [1, None]},
        {"title": "Kept\x07 with\ud800 care", "text": "Body\x1b[31m about\udfff trade.\x00",
         "legacy_id": 7},                           # unknown keys of an old system: ignored
    ]]
    report = import_jsonl(archive, lines)
    assert [n for n, _ in report.errors] == [1, 2, 3]
    assert "'title' must be a string" in report.errors[0][1]
    assert "'authors' must be a list of strings" in report.errors[2][1]
    [added] = report.added
    record = archive.corpus.get_record(added)
    assert (record["title"], record["text"]) == ("Kept with care", "Body[31m about trade.")


def test_the_422_reads_in_the_librarians_language(app, client):
    response = client.patch(DOC, headers={**basic(), "Accept-Language": "es"},
                            json={"title": ["a"]})
    assert response.get_json()["error"] == {
        "status": 422, "field": "title", "message": "'title' debe ser una cadena de texto"}
