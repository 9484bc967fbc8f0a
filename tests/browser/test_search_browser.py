"""A researcher's path through the real app in Chromium: search, refine, page, open, cite."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.fixtures import DOCS, doc_id, expected_count


def state(url: str) -> list[tuple[str, str]]:
    return sorted(parse_qsl(urlsplit(url).query))


def heading(page) -> str:
    return " ".join(page.locator("#results-heading").inner_text().split())


def facet_link(page, label: str):
    return page.locator(".facet-value", has=page.locator(".facet-label", has_text=re.compile(
        rf"^{re.escape(label)}$")))


def test_search_select_exclude_paginate_and_go_back(browser_page, search_live_server):
    page = browser_page
    page.goto(search_live_server + "/")
    assert heading(page) == f"{len(DOCS)} documents"
    page.fill("#q", "security")
    page.click("form.search-form button[type=submit]")
    page.wait_for_url(re.compile(r"q=security"))
    assert heading(page) == "5 documents for security"

    facet_link(page, "Report").click()
    page.wait_for_url(re.compile(r"type=report"))
    assert heading(page) == "1 document for security"
    assert page.locator(".chips .chip", has_text="Content type: Report").is_visible()

    # Exclude a topic: the chip appears and the excluded value is struck through.
    page.goto(search_live_server + "/")
    page.get_by_role("link", name="Exclude content type Article").click()
    page.wait_for_url(re.compile(r"not_type=article"))
    assert heading(page) == f"{len(DOCS) - expected_count(type='article')} documents"
    assert page.locator(".chip", has_text="Not content type: Article").is_visible()
    assert page.locator(".hit .badge-article").count() == 0

    # Paginate through everything, then come back with the back button.
    page.goto(search_live_server + "/?sort=oldest")
    first_page = page.locator(".hit-title a").all_inner_texts()
    page.locator(".pagination a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator(".pagination [aria-current=page]").inner_text() == "2"
    second_page = page.locator(".hit-title a").all_inner_texts()
    assert len(second_page) == 10 and not set(first_page) & set(second_page)
    page.go_back()
    page.wait_for_url(re.compile(r"sort=oldest$"))
    assert page.locator(".hit-title a").all_inner_texts() == first_page
    assert page.locator(".sort [aria-current=true]").inner_text() == "Oldest"


def test_back_button_restores_query_and_filters(browser_page, search_live_server):
    page = browser_page
    page.goto(search_live_server + "/?q=trade")
    facet_link(page, "Report").click()
    page.wait_for_url(re.compile(r"type=report"))
    page.locator(".chip-clear").click()
    page.wait_for_url(lambda url: "type=" not in url)
    assert state(page.url) == [("q", "trade")]
    page.go_back()
    assert state(page.url) == [("q", "trade"), ("type", "report")]
    assert page.input_value("#q") == "trade"
    assert facet_link(page, "Report").get_attribute("aria-current") == "true"


def test_year_range_form(browser_page, search_live_server):
    page = browser_page
    page.goto(search_live_server + "/?q=border")
    page.fill("#year_from", "2010")
    page.fill("#year_to", "2013")
    page.click(".year-range button")
    page.wait_for_url(re.compile(r"year_to=2013"))
    assert state(page.url) == [("q", "border"), ("year_from", "2010"), ("year_to", "2013")]
    assert page.locator(".chip", has_text="Years: 2010–2013").is_visible()
    assert heading(page) == "2 documents for border"


def test_open_a_document_and_export_its_citation(browser_page, search_live_server):
    page = browser_page
    page.goto(search_live_server + "/?q=pemex")
    page.locator(".hit-title a", has_text="Energy Reform and Pemex After 2013").click()
    page.wait_for_url(re.compile(r"/documents/energy-reform-and-pemex-after-2013(\?back=[^#]*)?$"))
    assert page.locator("h1").inner_text() == "Energy Reform and Pemex After 2013"
    with page.expect_download() as info:
        page.locator(".document-meta a", has_text="BibTeX").click()
    download = info.value
    assert download.suggested_filename == "energy-reform-and-pemex-after-2013.bib"
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith("@techreport{energy-reform-and-pemex-after-2013,")


def test_export_a_page_of_results(browser_page, search_live_server):
    page = browser_page
    page.goto(search_live_server + "/?q=type:podcast")
    with page.expect_download() as info:
        page.locator(".results-tools a", has_text="RIS").click()
    assert info.value.suggested_filename == "archivo-results.ris"
    text = open(info.value.path(), encoding="utf-8").read()
    assert text.count("TY  - SOUND") == 2


def test_keyboard_tab_to_search_box_and_submit_with_enter(browser_page, search_live_server):
    page = browser_page
    page.goto(search_live_server + "/")
    focused = []
    for _ in range(7):       # skip link, brand, nav (4 links), then the query box
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        if focused[-1] == "q":
            break
    assert focused[-1] == "q", focused
    page.keyboard.type("remittances")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=remittances"))
    assert heading(page) == "2 documents for remittances"


def test_skip_link_moves_focus_to_the_content(browser_page, search_live_server):
    page = browser_page
    page.goto(search_live_server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_works_without_javascript(search_browser, search_live_server):
    context = search_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(search_live_server + "/")
        page.fill("#q", "migration")
        page.press("#q", "Enter")
        page.wait_for_url(re.compile(r"q=migration"))
        facet_link(page, "Podcast").click()
        page.wait_for_url(re.compile(r"type=podcast"))
        assert heading(page) == "1 document for migration"
    finally:
        context.close()


def test_slash_focuses_the_search_box(browser_page, search_live_server):
    page = browser_page
    page.goto(search_live_server + "/documents/energy-reform-and-pemex-after-2013")
    assert page.locator("#q").count() == 0          # no box here: "/" does nothing
    page.goto(search_live_server + "/?q=trade")
    page.locator("#results-heading").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.input_value("#q") == "trade"


def test_copy_permalink_button(search_browser, search_live_server):
    context = search_browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        url = search_live_server + "/documents/energy-reform-and-pemex-after-2013"
        page.goto(url)
        page.get_by_role("button", name="Copy link").click()
        page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
        assert page.locator("#copy-status").inner_text() == "Permalink copied"
        assert page.evaluate("navigator.clipboard.readText()") == url
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/search?q=border+security", "/documents/"
                                  + doc_id("Merida Initiative: Ten Years of Security Cooperation")])
def test_pages_work_under_their_content_security_policy(browser_page, search_live_server, path):
    """The policy is on, and nothing the pages need is refused by it."""
    refused = []
    browser_page.on("console", lambda m: refused.append(m.text)
                    if "Content Security Policy" in m.text else None)
    response = browser_page.goto(search_live_server + path)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    browser_page.wait_for_load_state("networkidle")
    assert refused == []
