"""axe-core in Chromium: no serious or critical violations on the researcher pages."""
from __future__ import annotations

import pytest

PAGES = {
    "search with results": "/?q=security",
    "search with filters": "/?q=security&type=brief&type=report&not_topic=diplomacy"
                           "&year_from=2010&year_to=2020",
    "search, everything": "/",
    "search, empty": "/?q=migraton",
    "search, lone operator": "/?q=OR",
    "document (brief)": "/documents/merida-initiative-ten-years-of-security-cooperation",
    "document (podcast)": "/documents/mexico-matters-episode-12-migration-policy",
    "error page": "/documents/no-such-document",
}


def serious_violations(page, axe_js, exclude=()) -> list[str]:
    """axe's serious and critical findings; `exclude`: CSS selectors of what is not
    the page's own (a browser's injected banner)."""
    page.add_script_tag(path=str(axe_js))
    results = page.evaluate("async (exclude) => await axe.run(exclude.length ? "
                            "{exclude: exclude.map(s => [s])} : document)", list(exclude))
    return [f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                        for n in v["nodes"][:5])
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_violations(search_browser, search_live_server, axe_js, name, width):
    context = search_browser.new_context(viewport={"width": width, "height": 900},
                                         bypass_csp=True)   # axe is injected inline
    page = context.new_page()
    try:
        page.goto(search_live_server + PAGES[name])
        assert serious_violations(page, axe_js) == []
    finally:
        context.close()


def test_why_this_result_open_is_still_clean(axe_page, search_live_server, axe_js):
    axe_page.goto(search_live_server + "/?q=pemex")
    axe_page.locator("details.why summary").first.click()
    axe_page.locator("#q-help summary").click()
    assert serious_violations(axe_page, axe_js) == []
