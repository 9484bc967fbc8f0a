"""A PDF is one document, titled, dated and credited by its cover, not its junk information."""
from __future__ import annotations

import pytest

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.pipeline import ingest_bytes
from indexer.ingest.pdf_cover import plausible_info_authors, plausible_info_title
from indexer.ingest.vocabulary import load_vocabulary
from tests.docmakers import make_cover_pdf

BODY = ["Energy trade between Mexico and the United States grew after the reform opened "
        "oil and gas to private investment, and power lines now cross the border. " * 3] * 4
BOARD = ["Board of Trustees", "Jane Doe, Chair", "John Roe", "Ann Moe", "Wilson Center",
         "Mexico Institute Staff", "Program Assistant", "Research Intern"]


def ingest(data: bytes, name="report.pdf"):
    return ingest_bytes(data, name, load_vocabulary(DEFAULT_TOPICS_FILE), 25_000_000)


def test_the_cover_gives_title_byline_date_series_and_program():
    data = make_cover_pdf("Energy Reform and the Future of North American Trade",
                          above=["Mexico Institute", "Working Paper No. 12"],
                          below=["By Ana Pérez and Luis Gómez", "March 2019"], body=BODY,
                          later_pages=[BOARD])
    [doc] = ingest(data)
    assert doc.title == "Energy Reform and the Future of North American Trade"
    assert doc.authors == ["Ana Pérez", "Luis Gómez"]
    assert doc.date == "2019-03"
    assert (doc.type, doc.series, doc.program) == ("report", "Working Paper", "Mexico Institute")


@pytest.mark.parametrize("junk", ["Microsoft Word - WP12_final.docx", "Layout 1",
                                  "DOC-2019-0042", "Untitled", "report_v3_FINAL"])
def test_junk_information_titles_are_never_the_title(junk):
    data = make_cover_pdf("Remittances in a Time of Pandemic", below=["Special Report No. 3",
                          "June 2020"], body=BODY, info_title=junk, info_author="Administrator")
    [doc] = ingest(data)
    assert doc.title == "Remittances in a Time of Pandemic"
    assert doc.authors == [] and doc.date == "2020-06"
    assert (doc.type, doc.series) == ("report", "Special Report")
    assert plausible_info_title(junk, "Remittances in a Time of Pandemic") is None


def test_a_pdf_of_many_short_lines_is_one_document_not_a_listing():
    # A report's contents page and its board list are short lines without full stops:
    # the text-dump rule would take each for an item heading.
    lines = [f"Chapter {n}: Border Infrastructure and Trade Corridors" for n in range(1, 40)]
    data = make_cover_pdf("Border Infrastructure in North America", below=["Policy Brief"],
                          body=BODY, later_pages=[lines, BOARD, lines])
    docs = ingest(data)
    assert len(docs) == 1
    assert docs[0].title == "Border Infrastructure in North America"
    assert docs[0].type == "brief"


def test_information_is_used_when_the_cover_has_no_typographic_title():
    data = make_cover_pdf("", body=BODY, info_title="Energy Trade After the Reform",
                          info_author="Duncan Wood")
    [doc] = ingest(data)
    # The page says "Energy trade ... reform": the information agrees with it.
    assert doc.title == "Energy Trade After the Reform"
    assert doc.authors == ["Duncan Wood"]


def test_information_authors_must_look_like_people():
    assert plausible_info_authors(["jsmith", "Administrator", "Ana Pérez", "Windows User",
                                   "staff"]) == ["Ana Pérez"]


def test_the_summary_starts_with_the_reports_prose_not_its_cover_or_board():
    data = make_cover_pdf("Energy Reform and the Future of North American Trade",
                          above=["Mexico Institute", "Working Paper No. 12"],
                          below=["By Ana Pérez", "March 2019"], later_pages=[BOARD, BODY])
    [doc] = ingest(data)
    assert doc.summary.startswith("Energy trade between Mexico and the United States grew")
    assert doc.provenance["summary"] == "text" and doc.provenance["title"] == "cover"
