"""The feed lists what the archive received last first, and never invents a date."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import indexer.store.archive as archive_module
from tests.librarian_support import app, client  # noqa: F401

ATOM = "{http://www.w3.org/2005/Atom}"


def test_entries_follow_when_the_archive_received_them(app, client, monkeypatch):
    archive = app.extensions["archive"]
    stamps = iter(["2030-01-01T10:00:00+00:00", "2030-01-02T10:00:00+00:00",
                   "2030-01-03T10:00:00+00:00"])
    monkeypatch.setattr(archive_module, "now_iso", lambda: next(stamps))
    for text in (b"Old Report on Tariffs\n\nTariff notes of 2001. May 2001.",
                 b"Undated Note on Tariffs\n\nTariff notes without any date.",
                 b"Ancient Brief on Tariffs\n\nTariff notes of 1990. June 1990."):
        archive.add_file(text, "note.txt", actor="ana")
    feed = ET.fromstring(client.get("/feed.atom?q=tariff").data)
    entries = [(e.find(f"{ATOM}title").text, e.find(f"{ATOM}updated").text,
                e.find(f"{ATOM}published")) for e in feed.findall(f"{ATOM}entry")]
    assert [(title, updated) for title, updated, _ in entries] == [
        ("Ancient Brief on Tariffs", "2030-01-03T10:00:00+00:00"),
        ("Undated Note on Tariffs", "2030-01-02T10:00:00+00:00"),
        ("Old Report on Tariffs", "2030-01-01T10:00:00+00:00")]
    published = {title: p.text if p is not None else None for title, _, p in entries}
    assert published == {"Ancient Brief on Tariffs": "1990-06-01T00:00:00Z",
                         "Undated Note on Tariffs": None,
                         "Old Report on Tariffs": "2001-05-01T00:00:00Z"}


def test_recently_added_is_a_sort_of_the_search_page(app, client):
    page = client.get("/?q=remittances").get_data(as_text=True)
    assert "Recently added" in page
    assert client.get("/api/search?q=remittances&sort=added").status_code == 200
