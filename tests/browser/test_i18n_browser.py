"""The language switch in Chromium: one click to Spanish, the choice kept, axe-clean."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshots
from tests.browser.test_accessibility import serious_violations


def test_switch_to_spanish_and_back(browser_page, search_live_server):
    page = browser_page
    page.goto(search_live_server + "/?q=security&type=brief")
    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**lang=es**")
    assert page.locator("html").get_attribute("lang") == "es"
    assert " ".join(page.locator("#results-heading").inner_text().split()) == \
        "1 documento para security"
    assert page.locator(".chip").first.inner_text().startswith("Tipo de contenido: Nota de política")
    # The cookie keeps Spanish on the next page, reached by an ordinary link.
    page.locator(".hit-title a").first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("#topics-heading").inner_text() == "Temas"
    save_screenshots(page, "i18n-document-es")
    page.get_by_role("link", name="English").click()
    assert page.locator("#topics-heading").inner_text() == "Topics"


@pytest.mark.parametrize("path", ["/?q=security&not_topic=diplomacy&year_from=2010",
                                  "/?q=migraton", "/documents/no-such-document",
                                  "/documents/mexico-matters-episode-12-migration-policy",
                                  "/login"])
@pytest.mark.parametrize("width", [1280, 390])
def test_spanish_pages_have_no_serious_violations(search_browser, search_live_server, axe_js,
                                                  path, width):
    context = search_browser.new_context(viewport={"width": width, "height": 900},
                                         locale="es-MX", bypass_csp=True)  # axe is inline
    page = context.new_page()
    try:
        page.goto(search_live_server + path)     # Accept-Language from the es-MX locale
        assert page.locator("html").get_attribute("lang") == "es"
        assert serious_violations(page, axe_js) == []
        if width == 1280:
            name = "i18n-es-" + "".join(c if c.isalnum() else "-" for c in path)[:40]
            save_screenshots(page, name)
    finally:
        context.close()


def test_spanish_search_page_fits_a_phone(search_browser, search_live_server):
    """Longer Spanish words must not make the page scroll sideways."""
    context = search_browser.new_context(viewport={"width": 390, "height": 900}, locale="es-MX")
    page = context.new_page()
    try:
        page.goto(search_live_server + "/?q=security&type=brief&not_topic=diplomacy")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
    finally:
        context.close()
