"""Formatted citations (APA 7, Chicago 18 notes-bibliography, MLA 9) from the CSL styles.

Each expected string was worked out from the style guide's rule for that kind of grey
literature and checked against citeproc-py's output: a policy brief (report, its genre,
the Wilson Center as publisher, its series), an event page, a podcast episode (in its
show), an undated page (n.d., a retrieval date), the same without a named author (the
institute as group author), testimony, a numbered report series, a Spanish title (no
English title case), several authors, an organisation as author; and a hostile title
stays text. (APA's sentence case is the record's: CSL styles leave titles as stored.)
"""
from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup

from indexer.core.models import Document
from tests.fixtures import HOSTILE_TITLE, doc_id
from webapp.cite_styles import formatted_citations

URL = "https://archivo.example/documents/x"
TODAY = date(2026, 12, 4)


def cited(**fields) -> dict[str, str]:
    doc = Document(id="x", **fields)
    return {c["key"]: str(c["html"]) for c in formatted_citations(doc, URL, TODAY)}


def test_a_policy_brief_is_a_report_of_the_wilson_center_in_its_series():
    assert cited(title="Energy Reform and Pemex After 2013", authors=["Duncan Wood"],
                 date="2014-02-03", type="brief", series="Mexico Institute Briefs") == {
        "apa": "Wood, D. (2014). <i>Energy Reform and Pemex After 2013</i> (Mexico Institute "
               f"Briefs) [Policy brief]. Wilson Center. {URL}",
        "chicago": "Wood, Duncan. <i>Energy Reform and Pemex After 2013</i>. Policy brief. "
                   f"Mexico Institute Briefs. Wilson Center, 2014. {URL}.",
        "mla": "Wood, Duncan. <i>Energy Reform and Pemex After 2013</i>. Policy brief. Wilson "
               f"Center, 3 Feb. 2014, {URL}. Mexico Institute Briefs.",
    }


def test_an_event_page_carries_its_full_date():
    assert cited(title="Forum on Water and Climate in the Border Region", authors=["Duncan Wood"],
                 date="2015-09-22", type="event") == {
        "apa": "Wood, D. (2015, September 22). <i>Forum on Water and Climate in the Border "
               f"Region</i>. Wilson Center. {URL}",
        "chicago": "Wood, Duncan. <i>Forum on Water and Climate in the Border Region</i>. "
                   f"Wilson Center, September 22, 2015. {URL}.",
        "mla": "Wood, Duncan. <i>Forum on Water and Climate in the Border Region</i>. Wilson "
               f"Center, 22 Sept. 2015, {URL}.",
    }


def test_a_podcast_episode_is_in_its_show_with_the_period_inside_the_quotes():
    assert cited(title="Mexico Matters Episode 12: Migration Policy",
                 authors=["Andrew Selee", "Ana Rivera"], date="2020-03-05", type="podcast",
                 series="Mexico Matters") == {
        "apa": "Selee, A., &amp; Rivera, A. (2020, March 5). Mexico Matters Episode 12: "
               "Migration Policy [Audio podcast episode]. In <i>Mexico Matters</i>. Wilson "
               f"Center. {URL}",
        "chicago": "Selee, Andrew, and Ana Rivera. “Mexico Matters Episode 12: Migration "
                   "Policy.” Audio podcast episode. <i>Mexico Matters</i>. Wilson Center, "
                   f"March 5, 2020. {URL}.",
        "mla": "Selee, Andrew, and Ana Rivera. “Mexico Matters Episode 12: Migration Policy.” "
               f"Audio podcast episode. <i>Mexico Matters</i>, Wilson Center, 5 Mar. 2020, {URL}.",
    }


def test_an_undated_anonymous_page_is_nd_with_the_day_it_was_read():
    # APA and Chicago: the publisher stands as the author, and is not named twice;
    # MLA: an organisation that is author and publisher is named once, as publisher.
    assert cited(title="Charting a New Course", type="article") == {
        "apa": "Wilson Center. (n.d.). <i>Charting a New Course</i>. Retrieved December 4, "
               f"2026, from {URL}",
        "chicago": "Wilson Center. “Charting a New Course.” Accessed December 4, 2026. "
                   f"{URL}.",
        "mla": f"<i>Charting a New Course</i>. Wilson Center, {URL}. Accessed 4 Dec. 2026.",
    }


def test_an_undated_report_without_an_author_has_the_institute_as_group_author():
    # APA 7 9.11: the group author is not named again as publisher; Chicago (CMOS 14.84)
    # names it in both places; MLA 9 5.7 begins with the title, the institute as
    # publisher. None invents a date: n.d. or the day it was read.
    assert cited(title="Annual Report", type="report") == {
        "apa": "Wilson Center. (n.d.). <i>Annual Report</i>. Retrieved December 4, 2026, "
               f"from {URL}",
        "chicago": "Wilson Center. <i>Annual Report</i>. Wilson Center, n.d. Accessed "
                   f"December 4, 2026. {URL}.",
        "mla": f"<i>Annual Report</i>. Wilson Center, {URL}. Accessed 4 Dec. 2026.",
    }


def test_a_podcast_episode_without_a_host_keeps_its_kind_and_its_publisher():
    # APA had put the title first and lost "[Audio podcast episode]" and the publisher.
    assert cited(title="Mexico Matters Episode 12: Migration Policy", type="podcast",
                 date="2020", series="Mexico Matters") == {
        "apa": "Wilson Center. (2020). Mexico Matters Episode 12: Migration Policy [Audio "
               f"podcast episode]. In <i>Mexico Matters</i>. {URL}",
        "chicago": "Wilson Center. “Mexico Matters Episode 12: Migration Policy.” Audio "
                   f"podcast episode. <i>Mexico Matters</i>. Wilson Center, 2020. {URL}.",
        "mla": "“Mexico Matters Episode 12: Migration Policy.” Audio podcast episode. "
               f"<i>Mexico Matters</i>, Wilson Center, 2020, {URL}.",
    }


def test_an_event_page_without_a_speaker_is_the_institutes():
    assert cited(title="Forum on Water and Climate", type="event", date="2015-09-22") == {
        "apa": f"Wilson Center. (2015, September 22). <i>Forum on Water and Climate</i>. {URL}",
        "chicago": "Wilson Center. <i>Forum on Water and Climate</i>. Wilson Center, "
                   f"September 22, 2015. {URL}.",
        "mla": f"<i>Forum on Water and Climate</i>. Wilson Center, 22 Sept. 2015, {URL}.",
    }


def test_testimony_keeps_its_date_in_mla():
    assert cited(title="Testimony on Border Security", type="testimony", date="2019-05-02",
                 authors=["Eric Olson"])["mla"] == (
        f"Olson, Eric. “Testimony on Border Security.” Wilson Center, 2 May 2019, {URL}.")


def test_a_report_in_a_numbered_series_carries_its_number():
    cites = cited(title="The State of Security in Mexico 2019", type="report",
                  date="2019-04-01", authors=["Eric Olson"],
                  series="Justice in Mexico Report No. 7")
    assert cites["apa"] == ("Olson, E. (2019). <i>The State of Security in Mexico 2019</i> "
                            f"(Justice in Mexico Report No. 7). Wilson Center. {URL}")
    assert cites["mla"].endswith(f"Wilson Center, 1 Apr. 2019, {URL}. Justice in Mexico "
                                 "Report No. 7.")


def test_a_spanish_title_keeps_its_own_capitals():
    fields = dict(title="La reforma energética en México", authors=["Duncan Wood"],
                  date="2014-06", type="article")
    assert cited(**fields, language="es") == {
        "apa": f"Wood, D. (2014, June). <i>La reforma energética en México</i>. Wilson Center. {URL}",
        "chicago": f"Wood, Duncan. “La reforma energética en México.” Wilson Center, June 2014. {URL}.",
        "mla": f"Wood, Duncan. <i>La reforma energética en México</i>. Wilson Center, June 2014, {URL}.",
    }
    # The same words marked English get Chicago's English title case: the language counts.
    assert "“La Reforma Energética En México.”" in cited(**fields, language="en")["chicago"]


def test_several_authors_follow_each_styles_rule():
    assert cited(title="Security Cooperation", date="2021", type="report",
                 authors=["Eric Olson", "Cecilia Farfan", "Andrew Selee", "Ana Rivera"]) == {
        "apa": "Olson, E., Farfan, C., Selee, A., &amp; Rivera, A. (2021). <i>Security "
               f"Cooperation</i>. Wilson Center. {URL}",
        "chicago": "Olson, Eric, Cecilia Farfan, Andrew Selee, and Ana Rivera. <i>Security "
                   f"Cooperation</i>. Wilson Center, 2021. {URL}.",
        "mla": f"Olson, Eric, et al. <i>Security Cooperation</i>. Wilson Center, 2021, {URL}.",
    }


def test_an_organisation_as_author_is_never_cut_into_initials():
    assert cited(title="Annual Report", authors=["Mexico Institute"], date="2021",
                 type="report") == {
        "apa": f"Mexico Institute. (2021). <i>Annual Report</i>. Wilson Center. {URL}",
        "chicago": f"Mexico Institute. <i>Annual Report</i>. Wilson Center, 2021. {URL}.",
        "mla": f"Mexico Institute. <i>Annual Report</i>. Wilson Center, 2021, {URL}.",
    }


@pytest.mark.parametrize("style", ["apa", "chicago", "mla"])
def test_a_hostile_title_and_author_stay_text(style):
    html = cited(title='<script>alert(1)</script> Tariffs & "Trade"',
                 authors=['"><img src=x onerror=alert(1)>'], date="2024", type="article")[style]
    tree = BeautifulSoup(f"<p>{html}</p>", "html.parser")
    assert not tree.find_all(["script", "img"])
    assert {tag.name for tag in tree.p.find_all(True)} <= {"i"}
    assert "<script>alert(1)</script> Tariffs & \"Trade\"" in tree.get_text()


def test_the_document_page_shows_the_three_citations(client):
    page = client.get(f"/documents/{doc_id('Energy Reform and Pemex After 2013')}")
    tree = BeautifulSoup(page.data, "lxml")
    section = tree.select_one("section.citations")
    assert [f.get_text() for f in section.select("figcaption")] == [
        "APA 7", "Chicago 18 (notes and bibliography)", "MLA 9"]
    assert tree.select_one("#citation-apa").get_text() == (
        "Wood, D. (2014). Energy Reform and Pemex After 2013 [Policy brief]. Wilson Center. "
        "http://localhost/documents/energy-reform-and-pemex-after-2013")


def test_the_hostile_documents_page_cites_its_title_as_text(client):
    tree = BeautifulSoup(client.get(f"/documents/{doc_id(HOSTILE_TITLE)}").data, "lxml")
    citations = tree.select_one("section.citations")
    assert not citations.find_all(["script", "img"])
    # MLA title-cases the words; the markup-like text is shown, not run.
    assert "<script>alert(1)</script> Hostile Title About Tariffs" in \
        citations.select_one("#citation-mla").get_text()
