"""Issue 20's discovery-layer pieces in Chromium, at desktop and phone width: "1–10 of
30" and the page size, previous/next between results on a document page, long facets
("All values", the filter box with and without JavaScript) and the feed as a page;
axe-core finds no serious or critical violation on any of these pages."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.browser.conftest import save_screenshots, serve
from tests.browser.test_accessibility import serious_violations
from tests.many_values import many_values_app

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def many_server(tmp_path_factory):
    """The app on an archive whose author and year facets have 65 values each."""
    with serve(many_values_app(tmp_path_factory.mktemp("many-browser"))) as url:
        yield url


@pytest.fixture(params=list(WIDTHS))
def wide_or_phone(request, search_browser):
    context = search_browser.new_context(viewport=WIDTHS[request.param])
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def args(url: str) -> dict:
    return dict(parse_qsl(urlsplit(url).query))


def test_range_and_page_size_are_kept_while_refining(wide_or_phone, search_live_server):
    page = wide_or_phone
    page.goto(search_live_server + "/?page=2")
    assert page.locator(".result-range").inner_text() == "11–20 of 30 documents"
    page.get_by_role("link", name="20 results per page").click()
    page.wait_for_url(re.compile(r"per_page=20"))
    assert page.locator(".hits > li").count() == 20
    assert page.locator(".result-range").inner_text() == "1–20 of 30 documents"
    page.locator(".facet-value", has_text="Article").first.click()
    page.wait_for_url(re.compile(r"type=article"))
    assert args(page.url)["per_page"] == "20"
    page.locator(".sort a", has_text="Oldest").click()
    page.wait_for_url(re.compile(r"sort=oldest"))
    assert args(page.url)["per_page"] == "20"
    page.fill("#q", "trade")
    page.locator("form.search-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"q=trade"))
    assert args(page.url)["per_page"] == "20" and args(page.url)["sort"] == "oldest"


def test_spanish_range(browser_page, search_live_server):
    browser_page.goto(search_live_server + "/?lang=es&page=3")
    assert browser_page.locator(".result-range").inner_text() == "21–30 de 30 documentos"


def test_next_from_the_tenth_result_is_the_eleventh_and_back_returns_to_its_page(
        wide_or_phone, search_live_server):
    page = wide_or_phone
    page.goto(search_live_server + "/?sort=oldest")
    page.locator(".hit-title a").nth(9).click()
    assert page.locator(".result-position").inner_text() == "Result 10 of 30"
    page.locator(".result-nav a[rel=next]").click()
    assert page.locator(".result-position").inner_text() == "Result 11 of 30"
    eleventh = page.locator("h1").inner_text()
    page.locator(".result-nav .breadcrumb a").click()
    page.wait_for_url(re.compile(r"/\?sort=oldest&page=2$"))
    assert page.locator(".hit-title a").first.inner_text() == eleventh
    page.locator(".hit-title a").first.click()
    page.locator(".result-nav a[rel=prev]").click()
    assert page.locator(".result-position").inner_text() == "Result 10 of 30"


def test_the_site_search_link_find_and_related_keep_the_researchers_results(
        wide_or_phone, search_live_server):
    page = wide_or_phone
    results = "/?q=security&type=report&type=brief&sort=newest"
    page.goto(search_live_server + results)
    page.locator(".hit-title a").nth(1).click()
    page.wait_for_url(re.compile(r"/documents/.*n=2"))
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Search").click()
    page.wait_for_url(re.compile(r"/\?q=security"))
    assert args(page.url) == args(results) and page.input_value("#q") == "security"
    page.go_back()
    page.fill("#find", "cooperation")
    page.locator("form.find-in-document button[type=submit]").click()
    page.wait_for_url(re.compile(r"find=cooperation"))
    assert page.locator(".find-status").inner_text() == "1 match: 1"
    assert page.locator(".result-position").inner_text() == "Result 2 of 2"
    save_screenshots(page, "document-find-between-results")
    page.locator("ul.related a").first.click()
    page.wait_for_url(re.compile(r"/documents/.*back="))
    page.locator(".result-nav .breadcrumb a").click()
    page.wait_for_url(re.compile(r"/\?q=security"))
    assert args(page.url) == args(results)


def test_a_facets_filter_box_narrows_it_as_one_types(wide_or_phone, many_server):
    page = wide_or_phone
    page.goto(many_server + "/?q=border")
    authors = page.locator("#facet-list-author li")
    assert authors.count() == 50 and page.locator("#facet-list-author li:visible").count() == 10
    page.fill("#facet-filter-author", "maria PEREZ")
    assert page.locator("#facet-list-author li:visible .facet-label").all_inner_texts() == [
        "Ana María Pérez"]
    save_screenshots(page, "facet-filter")
    page.fill("#facet-filter-author", "nobody")
    assert page.locator("#facet-list-author li:visible").count() == 0
    assert "press Enter" in page.locator(
        "form[data-facet-filter=facet-list-author] .facet-filter-status").inner_text()
    page.fill("#facet-filter-author", "")
    assert page.locator("#facet-list-author li:visible").count() == 10


def test_without_javascript_more_and_the_filter_go_to_the_facet_page(search_browser,
                                                                      many_server):
    context = search_browser.new_context(java_script_enabled=False,
                                         viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(many_server + "/?q=border&per_page=20")
        page.locator("#facet-author").locator("..").get_by_role(
            "link", name="All values of author").click()
        page.wait_for_url(re.compile(r"/facet/author\?"))
        assert page.locator("#facet-values li").count() == 65
        page.get_by_role("link", name="A–Z").click()
        assert page.locator("#facet-values .facet-label").first.inner_text().startswith('">')
        page.goto(many_server + "/?q=border&per_page=20")
        page.fill("#facet-filter-author", "nunez")
        page.locator("#facet-filter-author").press("Enter")
        page.wait_for_url(re.compile(r"facet_q=nunez"))
        assert page.locator("#facet-values .facet-label").all_inner_texts() == ["Juan Núñez"]
        page.locator("#facet-values .facet-value").click()
        page.wait_for_url(re.compile(r"author=Juan"))
        assert args(page.url) == {"q": "border", "author": "Juan Núñez", "per_page": "20"}
        assert page.locator(".result-range").inner_text() == "1 of 1 document"
    finally:
        context.close()


def test_the_feed_opened_in_chromium_is_a_readable_page(wide_or_phone, search_live_server):
    page = wide_or_phone
    response = page.goto(search_live_server + "/feed.atom?q=pemex")
    assert response.headers["content-type"].startswith("text/html")
    assert page.locator("h1").inner_text() == "Archivo: pemex"
    assert page.locator(".hit-title a").count() == 2
    assert page.locator(".snippet mark").first.inner_text() == "Pemex"
    assert page.locator(".feed-note").is_visible()
    page.locator(".hit-title a").first.click()
    page.wait_for_url(re.compile(r"/documents/"))


AXE_PAGES = {
    "results, per page 20": ("search", "/?q=security&per_page=20&page=1"),
    "document, between results": ("search", "/documents/energy-reform-and-pemex-after-2013"
                                            "?back=/?q=energy&n=1"),
    "results, long facets": ("many", "/?q=border"),
    "facet page": ("many", "/facet/author?q=border"),
    "facet page, filtered, Spanish": ("many", "/facet/author?q=border&facet_q=ana&lang=es"),
    "feed as a page": ("search", "/feed.atom?q=pemex"),
}


@pytest.mark.parametrize("name", list(AXE_PAGES))
@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_serious_violations(search_browser, search_live_server, many_server, axe_js,
                               name, width):
    server, path = AXE_PAGES[name]
    context = search_browser.new_context(viewport=WIDTHS[width], bypass_csp=True)
    page = context.new_page()
    try:
        page.goto((search_live_server if server == "search" else many_server) + path)
        if name == "document, between results":
            # The first result for "energy" may be another document: follow the real link.
            page.goto(search_live_server + "/?q=energy")
            page.locator(".hit-title a").nth(1).click()
            assert page.locator(".result-nav a[rel=prev]").count() == 1
        assert serious_violations(page, axe_js) == []
        save_screenshots(page, "axe-" + re.sub(r"\W+", "-", name))
    finally:
        context.close()
