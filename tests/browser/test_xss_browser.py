"""Stored and reflected XSS in Chromium: payloads in every field of stored documents and in
every query parameter; no page kind may run them.

Each payload, if it ran, would set window.__xss or open a dialog; after each page has
loaded (and its broken images have failed) the test asserts neither happened, and
that no link on the page has a javascript: href. One app (own corpus, one librarian)
serves the whole module.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser.conftest import fresh_page, serve
from tests.librarian_support import PASSWORD
from webapp import create_app

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__xss=1</script>"
IMG = '"><img src=x onerror="window.__xss=1">'
JS_URL = "javascript:window.__xss=1"
SVG = "<svg onload=\"window.__xss=1\"><svg/onload=alert(1)>"
QUOTE = "'><img src=x onerror=alert(1)>"
ALL = f"{SCRIPT} {IMG} {SVG} {QUOTE}"


@pytest.fixture(scope="module")
def xss_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    app = create_app({"SECRET_KEY": "xss-tests", "ARCHIVO_CORPUS_DIR": str(root / "corpus"),
                      "ARCHIVO_INDEX_DIR": str(root / "index"),
                      "ARCHIVO_INSTANCE_DIR": str(root / "instance")})
    archive = app.extensions["archive"]
    archive.rebuild()
    text = (f"Trade at the border {SCRIPT}\n\nTariffs and customs between Mexico and the "
            f"United States {IMG}.\n\nMigration and trade {SVG} {QUOTE} figures.\n")
    [doc] = archive.add_file(text.encode(), "trade.txt", actor="setup")
    # Edits put payloads in the history (old -> new) and the activity log too.
    archive.update(doc.id, {"authors": [IMG, SVG], "summary": ALL, "series": IMG,
                            "program": SVG, "title": f"Trade at the border {SCRIPT}{IMG}"},
                   actor="setup")
    doc = archive.corpus.get(doc.id)
    doc.source_url = JS_URL                 # as a record stored before the URL check
    doc.topics[0].evidence = [SCRIPT, IMG]
    archive.corpus.save(doc)
    [gone] = archive.add_file(f"Energy in the trash {SVG}\n\nPemex reform {IMG}.".encode(),
                              "energy.txt", actor="setup")
    archive.remove(gone.id, actor=SCRIPT)
    archive.rebuild()
    app.extensions["accounts"].add("ana", PASSWORD)
    with serve(app) as url:
        yield {"url": url, "app": app, "text": text, "id": doc.id}


@pytest.fixture
def page(search_browser):
    # The policy is bypassed: these tests prove the escaping itself, not the CSP behind it.
    with fresh_page(search_browser, bypass_csp=True) as page:
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        yield page


def assert_inert(page, url: str | None = None) -> None:
    if url is not None:
        page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(50)              # onerror of <img src=x> fires after the load
    assert page.evaluate("typeof window.__xss") == "undefined", page.url
    assert page.dialogs == [], page.url
    assert page.evaluate("""[...document.querySelectorAll('a[href]')]
        .filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length""") == 0


def test_stored_payloads_never_run_on_the_public_pages(xss_server, page):
    base, stored_id = xss_server["url"], xss_server["id"]
    assert_inert(page, f"{base}/?q=trade")
    assert page.locator(".hit-title a").first.inner_text().startswith("Trade at the border <")
    assert_inert(page, f"{base}/?q=tariffs&sort=newest")
    assert_inert(page, f"{base}/?q=&sort=newest&author={quote(IMG)}")
    assert_inert(page, f"{base}/documents/{stored_id}")
    assert page.get_by_role("heading", level=1).inner_text() == \
        f"Trade at the border {SCRIPT}{IMG}"
    # The javascript: source URL is shown as words, not as a link.
    source = page.locator("dd", has_text=JS_URL)
    assert source.inner_text() == JS_URL and source.locator("a").count() == 0
    assert page.locator(".evidence").first.inner_text() == f"Evidence: {SCRIPT}, {IMG}"
    assert_inert(page, f"{base}/feed.atom?q=trade")
    with pytest.raises(Exception, match="Download is starting"):   # never rendered
        page.goto(f"{base}/documents/{stored_id}/original")
    assert_inert(page)


REFLECTED = [
    "/?q={p}", "/?q=migraton+{p}", "/?q=zzqx{p}", "/?q=trade&topic={p}",
    "/?q=trade&type={p}&not_type={p}", "/?q=trade&author={p}&program={p}",
    "/?q=trade&year_from={p}&year_to={p}", "/?q=trade&sort={p}&page={p}&per_page={p}",
    "/documents/{p}", "/nowhere/{p}", "/feed.atom?q={p}", "/export?q={p}&format={p}",
    "/login?next={p}", "/login?next=" + quote(JS_URL), "/api/search?q={p}",
]


def test_reflected_payloads_never_run(xss_server, page):
    base = xss_server["url"]
    for template in REFLECTED + [f"/documents/{xss_server['id']}?format={{p}}"]:
        for payload in (ALL, JS_URL):
            url = base + template.replace("{p}", quote(payload, safe=""))
            assert_inert(page, url)
    # The did-you-mean link and the chips carry the payload as text only.
    page.goto(base + "/?q=migraton+" + quote(SCRIPT, safe="") + "&topic=" + quote(IMG))
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_stored_payloads_never_run_on_the_librarian_pages(xss_server, page, tmp_path):
    base, stored_id = xss_server["url"], xss_server["id"]
    page.goto(base + "/login?next=" + quote(JS_URL, safe=""))
    page.get_by_label("User name").fill("ana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    assert_inert(page)
    assert page.url.startswith(base + "/")              # not sent to the javascript: URL
    for path in (f"/documents/{stored_id}", f"/librarian/documents/{stored_id}/edit",
                 "/librarian/trash", "/librarian/activity", "/librarian/add"):
        assert_inert(page, base + path)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.get_by_role("button", name="Log out").is_visible()   # still logged in
    # Review: a file whose title and text carry payloads, nearly the stored document.
    upload = tmp_path / f"upload {SCRIPT}.txt".replace("/", "_")
    upload.write_text(xss_server["text"].replace("Trade at", f"Trade {IMG} at"))
    page.goto(base + "/librarian/add")
    page.get_by_label("Files").set_input_files(str(upload))
    page.get_by_role("button", name="Read and review").click()
    page.wait_for_url("**/librarian/review/**")   # posted by XHR (upload.js), then opened
    assert_inert(page)
    assert page.locator(".near-duplicate").count() == 1      # the stored title, shown inert
    page.get_by_role("button", name="Save to the archive").click()
    assert_inert(page)
    assert page.get_by_role("heading", level=1).inner_text().startswith(f"Trade {IMG} at")


def test_the_detector_sees_a_payload_that_does_run(page):
    """A control: the same payloads, really injected, are seen by the checks above."""
    page.set_content(f"<p>{IMG}</p><p>{SVG}</p><a href='{JS_URL}'>x</a>")
    page.wait_for_timeout(50)
    assert page.evaluate("window.__xss") == 1 and page.dialogs == ["1"]
    with pytest.raises(AssertionError):
        assert_inert(page)

