"""Citation exports: RIS, BibTeX and CSL-JSON for a brief, a podcast, an event; escaping."""
from __future__ import annotations

import json
import re

import pytest

from tests.fixtures import doc_id

BRIEF = doc_id("Energy Reform and Pemex After 2013")
PODCAST = doc_id("Mexico Matters Episode 12: Migration Policy")
EVENT = doc_id("Forum on Water and Climate in the Border Region")
SPECIAL = doc_id("Trade & Tariffs: 50% of {Exports}_2024 #1")


def cite(client, doc, fmt):
    response = client.get(f"/documents/{doc}/cite?format={fmt}")
    assert response.status_code == 200
    return response


def ris_fields(text: str) -> list[tuple[str, str]]:
    lines = text.split("\r\n")
    assert lines[-1] == "" and lines[-2] == "ER  - "
    assert all(line[2:6] == "  - " for line in lines[:-1])   # RIS: tag, two spaces, dash
    return [(line[:2], line[6:]) for line in lines[:-2]]


@pytest.mark.parametrize("doc,ris_type", [(BRIEF, "RPRT"), (PODCAST, "SOUND"), (EVENT, "CONF")])
def test_ris(client, doc, ris_type):
    response = cite(client, doc, "ris")
    assert response.mimetype == "application/x-research-info-systems"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{doc}.ris"'
    fields = ris_fields(response.get_data(as_text=True))
    assert fields[0] == ("TY", ris_type)
    assert ("UR", f"http://localhost/documents/{doc}") in fields and ("ID", doc) in fields
    assert ("PB", "Wilson Center") in fields


def test_ris_brief_fields(client):
    fields = ris_fields(cite(client, BRIEF, "ris").get_data(as_text=True))
    assert fields == [
        ("TY", "RPRT"), ("TI", "Energy Reform and Pemex After 2013"), ("AU", "Wood, Duncan"),
        ("PY", "2014"), ("DA", "2014/02/03"), ("PB", "Wilson Center"),
        ("AB", "The energy reform opened oil and natural gas to private investment."),
        ("KW", "energy"), ("KW", "economy"),
        ("UR", f"http://localhost/documents/{BRIEF}"), ("ID", BRIEF)]


def test_ris_podcast_guests_and_series(client):
    fields = ris_fields(cite(client, PODCAST, "ris").get_data(as_text=True))
    assert [v for k, v in fields if k == "AU"] == ["Selee, Andrew", "Rivera, Ana"]
    assert ("T2", "Mexico Matters") in fields


def test_bibtex_brief_is_a_techreport(client):
    response = cite(client, BRIEF, "bibtex")
    assert response.mimetype == "application/x-bibtex"
    assert response.get_data(as_text=True) == (
        f"@techreport{{{BRIEF},\n"
        "  title = {{Energy Reform and Pemex After 2013}},\n"
        "  author = {Duncan Wood},\n"
        "  year = {2014},\n"
        "  date = {2014-02-03},\n"
        f"  url = {{http://localhost/documents/{BRIEF}}},\n"
        "  institution = {Wilson Center},\n"
        "  type = {Policy brief},\n"
        "  keywords = {energy, economy}\n"
        "}\n")


def test_bibtex_podcast_and_event(client):
    podcast = cite(client, PODCAST, "bibtex").get_data(as_text=True)
    assert podcast.startswith(f"@misc{{{PODCAST},")
    assert "  author = {Andrew Selee and Ana Rivera},\n" in podcast
    assert "  type = {Podcast},\n" in podcast and "  series = {Mexico Matters},\n" in podcast
    event = cite(client, EVENT, "bibtex").get_data(as_text=True)
    assert event.startswith(f"@misc{{{EVENT},") and "  type = {Event},\n" in event
    assert "  date = {2015-09-22},\n" in event


def test_bibtex_escapes_special_characters(client):
    text = cite(client, SPECIAL, "bibtex").get_data(as_text=True)
    assert r"  title = {{Trade \& Tariffs: 50\% of \{Exports\}\_2024 \#1}}," in text
    # Braces that are not escaped stay balanced, so BibTeX reads the entry whole.
    assert len(re.findall(r"(?<!\\)\{", text)) == len(re.findall(r"(?<!\\)\}", text))


@pytest.mark.parametrize("doc,csl_type", [(BRIEF, "report"), (PODCAST, "broadcast"),
                                          (EVENT, "event")])
def test_csl_json(client, doc, csl_type):
    response = cite(client, doc, "csl-json")
    assert response.mimetype == "application/vnd.citationstyles.csl+json"
    [item] = json.loads(response.get_data(as_text=True))
    assert item["id"] == doc and item["type"] == csl_type
    assert item["URL"] == f"http://localhost/documents/{doc}"


def test_csl_json_fields(client):
    [item] = json.loads(cite(client, PODCAST, "csl-json").get_data(as_text=True))
    assert item["author"] == [{"family": "Selee", "given": "Andrew"},
                              {"family": "Rivera", "given": "Ana"}]
    assert item["issued"] == {"date-parts": [[2020, 3, 5]]}
    # The show an episode is in is its container, as CSL has it for a broadcast.
    assert item["container-title"] == "Mexico Matters" and item["genre"] == "Audio podcast episode"
    assert item["title"] == "Mexico Matters Episode 12: Migration Policy"


def test_export_a_page_of_results(client):
    response = client.get("/export?q=type:podcast&format=ris")
    assert response.headers["Content-Disposition"] == 'attachment; filename="archivo-results.ris"'
    text = response.get_data(as_text=True)
    assert text.count("TY  - SOUND") == 2 and text.count("ER  - ") == 2
    items = json.loads(client.get("/export?type=brief&format=csl-json").get_data(as_text=True))
    assert {i["type"] for i in items} == {"report"} and len(items) == 3


def test_export_links_on_the_results_page_follow_the_search(client):
    html = client.get("/?q=pemex").get_data(as_text=True)
    assert 'href="/export?q=pemex&amp;format=bibtex"' in html


@pytest.mark.parametrize("url", ["/export?format=word", f"/documents/{BRIEF}/cite?format=doc"])
def test_unknown_citation_format_is_a_400(client, url):
    assert client.get(url).status_code == 400


def test_citing_an_unknown_document_is_a_404(client):
    assert client.get("/documents/nothing-here/cite?format=ris").status_code == 404
