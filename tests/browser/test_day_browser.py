"""Issue 20's fixes as a researcher and a librarian meet them, in Chromium at desktop and
phone width: the search box's example, "Showing results for", the unread-syntax note,
undated documents last, no-results topics that lead somewhere, a withdrawn document
(410, and the librarian's way to the trash), the login lockout; axe-core finds no serious
or critical violation on each of these page kinds, nor on the librarian's pages."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import save_screenshots, serve
from tests.browser.test_accessibility import serious_violations
from tests.fixtures import DOCS, build_archive, doc_id
from tests.librarian_support import PASSWORD
from webapp import create_app

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
WITHDRAWN = doc_id("Border Infrastructure and Trade Flows")
UNDATED = "Undated Note on Customs Brokers"


@pytest.fixture(scope="module")
def day_server(tmp_path_factory):
    """The fixture archive, one document withdrawn, one undated, and one librarian."""
    root = tmp_path_factory.mktemp("day-browser")
    settings = build_archive(root)
    app = create_app({"SECRET_KEY": "day-browser",
                      "ARCHIVO_CORPUS_DIR": str(settings.corpus_dir),
                      "ARCHIVO_INDEX_DIR": str(settings.index_dir),
                      "ARCHIVO_INSTANCE_DIR": str(root / "instance")})
    archive = app.extensions["archive"]
    archive.add_file(f"{UNDATED}\n\nCustoms brokers at the border file the papers of trade."
                     .encode(), "note.txt", actor="setup")
    archive.remove(WITHDRAWN, actor="setup")
    app.extensions["accounts"].add("ana", PASSWORD)
    with serve(app) as url:
        yield url


def new_page(browser, width: str, **options):
    context = browser.new_context(viewport=WIDTHS[width], **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def log_in(page, base: str, password: str = PASSWORD):
    page.goto(base + "/login")
    page.get_by_label("User name").fill("ana")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


@pytest.fixture(params=list(WIDTHS))
def width(request) -> str:
    return request.param


@pytest.fixture
def page(search_browser, width):
    context, page = new_page(search_browser, width)
    yield page
    context.close()


def lock_out(page, base: str) -> None:
    """Wrong passwords until the lockout shows: after 3 free failures the wait doubles
    (2 s, 4 s, ...), so a slow machine's attempt may come after a short wait is over."""
    for _ in range(8):
        log_in(page, base, password="wrong password")
        if page.get_by_text("Too many failed attempts").count():
            return
    raise AssertionError("eight wrong passwords and no lockout")


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_search_box_shows_its_whole_example(page, day_server):
    page.goto(day_server + "/")
    assert page.get_attribute("#q", "placeholder") == (
        'e.g. border security, "Merida Initiative", author:olson, year:2010-2016')


def test_a_misspelling_shows_the_suggestions_results_and_can_be_searched_as_typed(
        page, day_server):
    page.goto(day_server + "/?q=migraton")
    assert page.locator(".suggestion").inner_text().startswith("Showing results for migration")
    assert page.locator(".hit-title a").count() > 0 and fits(page)
    save_screenshots(page, "day-showing-results-for")
    page.get_by_role("link", name="Search instead for migraton").click()
    page.wait_for_url(re.compile(r"q=migraton"))
    assert page.locator(".hit-title a").count() == 0
    # Nothing matched: every topic offered leads to documents.
    topics = page.locator(".topic-links a")
    assert topics.count() > 0
    topics.last.click()
    page.wait_for_url(re.compile(r"topic="))
    assert page.locator(".hit-title a").count() > 0


def test_unread_syntax_is_said_in_one_line(page, day_server):
    page.goto(day_server + "/?q=title:(border AND")
    note = page.get_by_role("note")
    assert note.inner_text().startswith("Part of this search's syntax could not be read")
    assert page.locator(".hit-title a").count() > 0 and fits(page)


@pytest.mark.parametrize("sort", ["oldest", "newest"])
def test_undated_documents_come_last_in_both_orders(page, day_server, sort):
    page.goto(day_server + f"/?sort={sort}&per_page=50")
    titles = page.locator(".hit-title a").all_inner_texts()
    assert len(titles) == len(DOCS)             # one withdrawn, one added: as many
    assert titles[-1] == UNDATED


def test_a_withdrawn_document_says_so_and_the_librarian_is_shown_the_trash(
        page, day_server):
    response = page.goto(day_server + f"/documents/{WITHDRAWN}")
    assert response.status == 410
    assert "withdrawn from the archive" in page.locator("main").inner_text()
    assert page.get_by_role("link", name=re.compile("trash", re.I)).count() == 0
    save_screenshots(page, "day-withdrawn")
    log_in(page, day_server)
    page.goto(day_server + f"/documents/{WITHDRAWN}")
    page.get_by_role("link", name=re.compile("trash", re.I)).first.click()
    page.wait_for_url(re.compile(r"/librarian/trash"))
    assert page.get_by_text("Border Infrastructure and Trade Flows").count() >= 1


def test_wrong_passwords_lock_the_login_for_a_while(search_browser, librarian_live_server,
                                                    width):
    context, page = new_page(search_browser, width)
    try:
        lock_out(page, librarian_live_server["url"])
        assert re.search(r"Wait \d+ seconds? and try again", page.locator("main").inner_text())
        assert fits(page)
        save_screenshots(page, "day-login-lockout")
    finally:
        context.close()


RESEARCHER_PAGES = {
    "unread syntax": "/?q=title:(border AND",
    "no results": "/?q=xylophonequartet",
    "undated last": "/?sort=oldest&page=3",
    "withdrawn": f"/documents/{WITHDRAWN}",
}
LIBRARIAN_PAGES = {
    "add": "/librarian/add",
    "trash": "/librarian/trash",
    "activity": "/librarian/activity",
    "edit": f"/librarian/documents/{doc_id('Energy Reform and Pemex After 2013')}/edit",
    "withdrawn, as librarian": f"/documents/{WITHDRAWN}",
}


@pytest.mark.parametrize("name", list(RESEARCHER_PAGES) + list(LIBRARIAN_PAGES))
def test_no_serious_violations(search_browser, day_server, axe_js, width, name):
    context, page = new_page(search_browser, width, bypass_csp=True)   # axe is inline
    try:
        if name in LIBRARIAN_PAGES:
            log_in(page, day_server)
            page.wait_for_url(re.compile(r"/librarian|/\?|/$"))
        page.goto(day_server + {**RESEARCHER_PAGES, **LIBRARIAN_PAGES}[name])
        assert page.locator("main").is_visible()
        assert serious_violations(page, axe_js) == []
        assert fits(page), name
        save_screenshots(page, "day-axe-" + re.sub(r"\W+", "-", name))
    finally:
        context.close()


def test_the_login_lockout_has_no_serious_violations(search_browser, librarian_live_server,
                                                     axe_js, width):
    context, page = new_page(search_browser, width, bypass_csp=True)
    try:
        lock_out(page, librarian_live_server["url"])
        assert serious_violations(page, axe_js) == []
    finally:
        context.close()
