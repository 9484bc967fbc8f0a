"""The HTML pages: escaping, chips, head links, result cards by type, empty page, document page."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from bs4 import BeautifulSoup
import pytest

from tests.fixtures import HOSTILE_AUTHOR, HOSTILE_TITLE, doc_id

PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


def page(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, response.data[:500]
    html = response.get_data(as_text=True)
    return html, BeautifulSoup(html, "lxml")


def search(client, status=200, **params):
    return page(client, "/?" + urlencode(params, doseq=True), status)


def params(url: str) -> list[tuple[str, str]]:
    return sorted(parse_qsl(urlsplit(url).query))


def card(tree, title_start: str):
    for hit in tree.select("li.hit"):
        if hit.select(".hit-title a")[0].get_text().startswith(title_start):
            return hit
    raise AssertionError(f"no result card for {title_start!r}")


# -- escaping -----------------------------------------------------------------------

def assert_inert(html: str, tree):
    assert "<script>alert" not in html and "<img src=x" not in html
    assert not tree.select("img") and not [s for s in tree.select("script")
                                              if "alert" in (s.string or "")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_query_is_escaped_everywhere(client, payload):
    html, tree = search(client, q=payload, topic=payload, not_author=payload)
    assert_inert(html, tree)
    assert tree.select("#q")[0].get("value") == payload       # shown back as text, intact


def test_hostile_document_is_escaped_in_results_facets_and_snippets(client):
    html, tree = search(client, q="tariffs payload", per_page=50)
    assert_inert(html, tree)
    hit = card(tree, "<script>")
    assert hit.select(".hit-title a")[0].get_text() == HOSTILE_TITLE
    assert HOSTILE_AUTHOR in hit.select(".hit-meta")[0].get_text()
    assert "&lt;img src=x" in html          # the snippet's payload is text
    authors = [a.get_text() for a in tree.select("#refine .facet-label")]
    assert HOSTILE_AUTHOR in authors


def test_hostile_document_page_is_escaped(client):
    html, tree = page(client, f"/documents/{doc_id(HOSTILE_TITLE)}")
    assert_inert(html, tree)
    assert tree.select("h1")[0].get_text() == HOSTILE_TITLE


# -- head links, chips, facets and state in the URL --------------------------------

def test_head_links_atom_and_opensearch(client):
    _, tree = search(client, q="trade", type="brief")
    atom = tree.select('head link[rel="alternate"][type="application/atom+xml"]')[0]
    assert atom.get("href").startswith("/feed.atom?")
    assert params(atom.get("href")) == [("q", "trade"), ("sort", "newest"), ("type", "brief")]
    opensearch = tree.select('head link[rel="search"]')[0]
    assert opensearch.get("type") == "application/opensearchdescription+xml"
    assert opensearch.get("href") == "/opensearch.xml"


def test_chips_remove_one_value_each_and_clear_all_keeps_the_words(client):
    _, tree = search(client, q="security", type=["brief", "report"], not_topic="diplomacy",
                     year_from="2010", year_to="2020", sort="newest")
    chips = {a.get_text().replace("×", "").strip(): a.get("href")
             for a in tree.select(".chips a.chip:not(.chip-clear)")}
    assert set(chips) == {"Content type: Brief", "Content type: Report",
                          "Not topic: Diplomacy", "Years: 2010–2020"}
    base = [("q", "security"), ("sort", "newest"), ("year_from", "2010"), ("year_to", "2020")]
    assert params(chips["Content type: Brief"]) == sorted(
        base + [("type", "report"), ("not_topic", "diplomacy")])
    assert params(chips["Not topic: Diplomacy"]) == sorted(
        base + [("type", "brief"), ("type", "report")])
    assert params(chips["Years: 2010–2020"]) == sorted(
        [("q", "security"), ("sort", "newest"), ("type", "brief"), ("type", "report"),
         ("not_topic", "diplomacy")])
    clear = tree.select(".chips a.chip-clear")[0]
    assert clear.get_text() == "Clear all"
    assert params(clear.get("href")) == [("q", "security"), ("sort", "newest")]


def test_facet_links_toggle_and_exclude(client):
    _, tree = search(client, q="security", page="2")
    link = next(a for a in tree.select(".facet-value")
                if a.select(".facet-label")[0].get_text() == "Report")
    assert params(link.get("href")) == [("q", "security"), ("type", "report")]   # page reset
    exclude = link.parent.select(".facet-exclude")[0]
    assert params(exclude.get("href")) == [("not_type", "report"), ("q", "security")]
    assert exclude.select(".visually-hidden")[0].get_text() == "Exclude content type Report"


def test_excluding_a_chosen_value_unchooses_it_and_back(client):
    _, tree = search(client, type="brief")
    brief = next(a for a in tree.select(".facet-value")
                 if a.select(".facet-label")[0].get_text() == "Brief")
    assert params(brief.parent.select(".facet-exclude")[0].get("href")) == [("not_type", "brief")]
    _, tree = search(client, not_type="brief")
    brief = next(a for a in tree.select(".facet-value")
                 if a.select(".facet-label")[0].get_text() == "Brief")
    assert params(brief.get("href")) == [("type", "brief")]


def test_facet_counts_are_readable_by_screen_readers(client):
    _, tree = search(client, type="brief")
    brief = next(a for a in tree.select(".facet-value")
                 if a.select(".facet-label")[0].get_text() == "Brief")
    spoken = " ".join(brief.get_text().split())
    assert spoken == "☑ Brief , 3 documents, selected"
    assert brief.get("aria-current") == "true"


def test_pagination_links_keep_the_whole_state(client):
    _, tree = search(client, type="article", sort="oldest")
    nav = tree.select("nav.pagination")[0]
    assert nav.select("[aria-current=page]")[0].get_text() == "1"
    next_link = nav.select("a[rel=next]")[0]
    assert params(next_link.get("href")) == [("page", "2"), ("sort", "oldest"), ("type", "article")]


@pytest.mark.parametrize("query,current", [({}, "Newest"), ({"q": "trade"}, "Relevance"),
                                           ({"q": "trade", "sort": "oldest"}, "Oldest"),
                                           ({"type": "brief"}, "Newest")])
def test_sort_control_names_the_order_shown(client, query, current):
    _, tree = search(client, **query)
    assert tree.select(".sort [aria-current=true]")[0].get_text() == current


def test_results_heading_counts_and_echoes_the_query(client):
    _, tree = search(client, q="pemex")
    assert " ".join(tree.select("#results-heading")[0].get_text().split()) == \
        "2 documents for pemex"  # the quotes come from <q>


# -- result cards by content type ------------------------------------------------------

def test_podcast_card_shows_guests_and_series(client):
    _, tree = search(client, q="type:podcast")
    meta = card(tree, "Mexico Matters Episode 12").select(".hit-meta")[0].get_text()
    assert "Guests: Andrew Selee, Ana Rivera" in meta and "Series: Mexico Matters" in meta


def test_event_cards_say_upcoming_or_past(client):
    _, tree = search(client, type="event", per_page=50)
    upcoming = card(tree, "Conference on North American Energy")
    past = card(tree, "Book Launch")
    assert upcoming.select(".event-status")[0].get_text() == "Upcoming event"
    assert past.select(".event-status")[0].get_text() == "Past event"
    assert "Speakers: Duncan Wood, Earl Anthony Wayne" in upcoming.get_text()
    when = past.select("time")[0]
    assert (when.get("datetime"), when.get_text()) == ("2011-03-14", "14 March 2011")


@pytest.mark.parametrize("iso,shown", [("2016", "2016"), ("2016-06", "June 2016"),
                                       ("2016-06-02", "2 June 2016"), (None, ""),
                                       ("2016-13", "2016-13")])
def test_human_date(iso, shown):
    from webapp.i18n import human_date
    assert human_date(iso) == shown


def test_brief_card_links_its_pdf(client):
    _, tree = search(client, q="pemex")
    brief = card(tree, "Energy Reform and Pemex")
    pdf = [a for a in brief.select("a") if "PDF" in a.get_text()][0]
    assert pdf.get("href") == f"/documents/{doc_id('Energy Reform and Pemex After 2013')}/original"
    response = client.get(pdf.get("href"))
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")


def test_why_this_result_names_words_and_fields(client):
    _, tree = search(client, q="pemex")
    why = card(tree, "Energy Reform and Pemex").select("details.why")[0]
    assert why.select("summary")[0].get_text() == "Why this result"
    lines = [" ".join(li.get_text().split()) for li in why.select("li")]
    assert "matched pemex in the title" in lines


def test_snippet_highlights_query_words(client):
    _, tree = search(client, q="remittances")
    marks = {m.get_text().lower() for m in tree.select(".snippet mark")}
    assert marks == {"remittances"}


# -- empty and odd searches -------------------------------------------------------------

def test_misspelled_words_that_match_nothing_show_the_suggestions_results(client):
    html, tree = search(client, q="migraton")
    banner = tree.select(".suggestion")[0]
    assert " ".join(banner.get_text().split()) == (
        "Showing results for migration; nothing matched your words. "
        "Search instead for migraton")
    assert params(banner.select("a")[0].get("href")) == [("q", "migraton"), ("spell", "off")]
    assert tree.select("li.hit") and "Did you mean" not in html
    assert tree.select("#q")[0].get("value") == "migration"


def test_empty_page_helps(client):
    # "Search instead for migraton": the words as typed, with the suggestion offered.
    html, tree = search(client, q="migraton", spell="off")
    assert " ".join(tree.select("#results-heading")[0].get_text().split()) == \
        "No documents for migraton"
    suggestion = tree.select(".suggestion a")[0]
    assert suggestion.get_text() == "migration" and params(suggestion.get("href")) == \
        [("q", "migration")]
    topics = [a.get_text() for a in tree.select(".empty .topic-links a")]
    assert "Migration" in topics and "Rule of law" in topics
    assert not tree.select("#refine")         # nothing to refine


def test_empty_with_filters_offers_to_drop_them(client):
    _, tree = search(client, q="nearshoring", type="podcast")
    links = {a.get_text(): a.get("href") for a in tree.select(".empty a")}
    assert params(links["Search again without the filters"]) == [("q", "nearshoring")]


@pytest.mark.parametrize("q", ["OR", "NOT", "AND OR"])
def test_lone_operator_gets_a_note_not_an_error(client, q):
    _, tree = search(client, q=q)
    assert "no word to look for" in tree.select(".note")[0].get_text()


@pytest.mark.parametrize("q", ["-", "()", '"', "*"])
def test_symbol_only_query_lists_everything(client, q):
    _, tree = search(client, q=q)
    assert len(tree.select("li.hit")) == 10 and not tree.select(".note")


@pytest.mark.parametrize("q", ['"border', "(border", "border)", "AND border", "year:abc border"])
def test_malformed_syntax_still_shows_results(client, q):
    _, tree = search(client, q=q)
    assert tree.select("li.hit")


def test_page_beyond_the_last_offers_the_first(client):
    _, tree = search(client, q="pemex", page="5")
    link = [a for a in tree.select(".empty a") if a.get_text() == "Go to the first page"]
    assert params(link[0].get("href")) == [("q", "pemex")]


def test_bad_parameter_on_the_page_is_a_400_page(client):
    html, tree = search(client, status=400, year_from="abc")
    assert "year_from must be a whole number" in tree.select(".error-message")[0].get_text()


# -- the document page ----------------------------------------------------------------

def test_document_page(client):
    brief = doc_id("Merida Initiative: Ten Years of Security Cooperation")
    html, tree = page(client, f"/documents/{brief}")
    assert tree.select("h1")[0].get_text() == \
        "Merida Initiative: Ten Years of Security Cooperation"
    assert "Military and police training grew" in tree.select(".document-body")[0].get_text()
    canonical = tree.select('link[rel="canonical"]')[0].get("href")
    assert canonical == f"http://localhost/documents/{brief}"
    meta = {dt.get_text(): dt.find_next_sibling() for dt in tree.select(".document-meta dt")}
    assert meta["Permalink"].select("a")[0].get("href") == canonical
    assert meta["Original"].select("a")[0].get("href") == f"/documents/{brief}/original"
    assert meta["Author"].get_text().strip() == "Eric Olson"
    cites = {a.get_text(): a.get("href") for a in meta["Cite"].select("a")}
    assert cites == {name: f"/documents/{brief}/cite?format={fmt}" for name, fmt in
                     (("RIS", "ris"), ("BibTeX", "bibtex"), ("CSL-JSON", "csl-json"))}
    evidence = [" ".join(li.get_text().split()) for li in tree.select(".topic-evidence li")]
    assert evidence[0].startswith("Security") and "Evidence: security" in evidence[0]
    related = [a.get("href") for a in tree.select(".related a")]
    assert related and f"/documents/{brief}" not in related
    assert f"/documents/{doc_id('The State of Security in Mexico 2019')}" in related


def test_unknown_document_is_a_404_page(client):
    _, tree = page(client, "/documents/no-such-document", status=404)
    assert tree.select("h1")[0].get_text() == "Not found"
