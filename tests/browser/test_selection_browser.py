"""The selection and the formatted citations in Chromium, with and without JavaScript,
at desktop and phone width; axe-core finds no serious or critical violation on them.
(Waits use locators: the site's CSP refuses the eval behind wait_for_function.)"""
from __future__ import annotations

import os
import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:         # the browser fixtures skip (or fail under CI) with the reason
    expect = None

from tests.browser.conftest import fresh_page, save_screenshots
from tests.browser.test_accessibility import serious_violations
from tests.fixtures import doc_id

BRIEF = doc_id("Energy Reform and Pemex After 2013")
PODCAST = doc_id("Mexico Matters Episode 12: Migration Policy")
WIDTHS = [1280, 390]


def count(page) -> str:
    return page.locator(".selection-link .selection-count").inner_text()


def fits_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_selecting_in_place_with_script_then_the_list_and_its_print(browser_page,
                                                                     search_live_server):
    page = browser_page
    page.goto(search_live_server + "/?q=pemex")
    page.evaluate("window.notReloaded = true")
    form = page.locator(f"form#sel-{BRIEF}")
    form.get_by_role("button", name=re.compile("Add to selection")).click()
    expect(page.locator(".selection-link .selection-count")).to_have_text("1")
    assert page.evaluate("window.notReloaded") is True          # sent in place, no reload
    assert form.locator(".bookmark-label").inner_text() == "Remove from selection"
    assert page.locator("#selection-status").inner_text() == \
        "Added to your selection (1 document)."
    save_screenshots(page, "selection-results")

    page.goto(search_live_server + f"/documents/{PODCAST}")
    assert count(page) == "1"                                   # kept across pages
    page.locator(f"form#sel-{PODCAST} button").click()
    expect(page.locator(".selection-link .selection-count")).to_have_text("2")
    assert page.locator("#citation-apa").inner_text().startswith("Selee, A., & Rivera, A. (2020")
    save_screenshots(page, "selection-document-citations")

    page.locator(".selection-link").click()
    page.wait_for_url(re.compile(r"/selection$"))
    assert page.locator(".selection-list h2").all_inner_texts() == [
        "Energy Reform and Pemex After 2013", "Mexico Matters Episode 12: Migration Policy"]
    assert page.get_by_role("button", name="Print the list").is_visible()
    save_screenshots(page, "selection-list")
    page.emulate_media(media="print")
    assert not page.locator(".bookmark").first.is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".selection-item").nth(1).is_visible()
    assert page.locator(".print-only").is_visible()
    if os.environ.get("ARCHIVO_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['ARCHIVO_SCREENSHOTS']}/selection-print.png",
                        full_page=True)
    page.emulate_media(media="screen")
    page.goto(search_live_server + "/selection?style=apa")
    assert page.locator(".selection-citation").first.inner_text().startswith("Wood, D. (2014).")
    save_screenshots(page, "selection-apa")
    page.emulate_media(media="print")
    assert not page.locator(".selection-styles").is_visible()
    if os.environ.get("ARCHIVO_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['ARCHIVO_SCREENSHOTS']}/selection-apa-print.png",
                        full_page=True)
    page.emulate_media(media="screen")
    page.goto(search_live_server + "/selection")

    # Removing on the list reloads it, so the list shows what is left.
    page.locator(f"form#sel-{BRIEF} button").click()
    expect(page.locator(".selection-item")).to_have_count(1)
    assert count(page) == "1"
    with page.expect_download() as download:
        page.get_by_role("link", name="RIS").click()
    assert download.value.suggested_filename == "archivo-selection.ris"


def test_selecting_works_without_javascript(search_browser, search_live_server):
    with fresh_page(search_browser, java_script_enabled=False) as page:
        page.goto(search_live_server + "/?q=pemex")
        page.locator(f"form#sel-{BRIEF} button").click()
        page.wait_for_url(re.compile(rf"/\?q=pemex#sel-{BRIEF}$"))
        assert page.locator("p.flash").inner_text() == "Added to your selection (1 document)."
        assert count(page) == "1"
        assert page.locator(f"form#sel-{BRIEF} .bookmark-label").inner_text() == \
            "Remove from selection"
        page.goto(search_live_server + "/selection")
        assert page.locator(".selection-list h2").all_inner_texts() == [
            "Energy Reform and Pemex After 2013"]
        assert not page.locator("[data-print]").is_visible()   # the hint says how instead


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_a_phone_and_desktop(search_browser, search_live_server, width):
    with fresh_page(search_browser) as page:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(search_live_server + "/?q=pemex")
        page.locator(f"form#sel-{BRIEF} button").click()
        expect(page.locator(".selection-link .selection-count")).to_have_text("1")
        for url in ("/?q=pemex", f"/documents/{BRIEF}", "/selection"):
            page.goto(search_live_server + url)
            assert fits_width(page), url
        page.goto(search_live_server + f"/documents/{BRIEF}")
        assert page.locator("section.citations").is_visible()


AXE_PAGES = ["/?q=pemex", f"/documents/{BRIEF}", f"/documents/{PODCAST}", "/selection",
             "/selection?style=mla", "/selection?lang=es"]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_violations_with_a_selection(search_browser, search_live_server, axe_js,
                                                width):
    with fresh_page(search_browser, bypass_csp=True) as page:     # axe is injected inline
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(search_live_server + "/selection")
        assert serious_violations(page, axe_js) == []          # the empty list
        page.goto(search_live_server + "/?q=pemex")
        page.locator(f"form#sel-{BRIEF} button").click()
        expect(page.locator(".selection-link .selection-count")).to_have_text("1")
        for url in AXE_PAGES:
            page.goto(search_live_server + url)
            assert serious_violations(page, axe_js) == [], url
