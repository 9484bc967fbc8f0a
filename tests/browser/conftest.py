"""Researcher-search browser fixtures: the real app on a free port, driven by Debian's Chromium.

Self-contained on purpose (other browser suites keep their own fixtures): the
names here are search_live_server / search_browser / browser_page.
Without /usr/bin/chromium the tests skip with a reason, except under CI=true,
where a missing browser is a failure.
"""
from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.fixtures import build_archive
from webapp import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").lower() == "true"


@contextlib.contextmanager
def serve(app):
    """The app on 127.0.0.1 with a free port, in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def save_screenshots(page, name: str) -> None:
    """Wide and phone screenshots when ARCHIVO_SCREENSHOTS names a folder (for review)."""
    folder = os.environ.get("ARCHIVO_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for label, width in (("wide", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{label}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _require_chromium():
    if Path(CHROMIUM).exists():
        return
    if IN_CI:
        pytest.fail(f"CI=true but Chromium is missing at {CHROMIUM}")
    pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt install chromium)")


@pytest.fixture(scope="session")
def search_live_server(tmp_path_factory):
    """Base URL of the app serving a fresh fixture archive on 127.0.0.1 (a free port)."""
    settings = build_archive(tmp_path_factory.mktemp("browser-archive"))
    app = create_app({
        "SECRET_KEY": "browser-tests",
        "ARCHIVO_CORPUS_DIR": str(settings.corpus_dir),
        "ARCHIVO_INDEX_DIR": str(settings.index_dir),
        "ARCHIVO_INSTANCE_DIR": str(tmp_path_factory.mktemp("browser-instance")),
    })
    with serve(app) as url:
        yield url


@pytest.fixture(scope="session")
def search_browser():
    _require_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if IN_CI:
            pytest.fail("CI=true but Python Playwright is not installed")
        pytest.skip("Python Playwright is not installed (make install)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextlib.contextmanager
def fresh_page(browser, **context_options):
    """A page in its own context (own cookies), 1280px wide, closed afterwards."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def browser_page(search_browser):
    """A fresh page with downloads allowed, under the app's Content-Security-Policy."""
    with fresh_page(search_browser, accept_downloads=True) as page:
        yield page


@pytest.fixture
def axe_page(search_browser):
    """A page where axe-core can be injected: add_script_tag inserts it inline, which
    the app's Content-Security-Policy (rightly) refuses, so this context bypasses it."""
    with fresh_page(search_browser, bypass_csp=True) as page:
        yield page


@pytest.fixture
def axe_js() -> Path:
    if not AXE_JS.exists():
        if IN_CI:
            pytest.fail(f"CI=true but axe-core is missing at {AXE_JS} (npm install)")
        pytest.skip("axe-core is not installed: run `npm install --no-audit --no-fund`")
    return AXE_JS


# -- librarian fixtures: their own archive with one librarian, the same browser ---------

@pytest.fixture
def librarian_live_server(tmp_path):
    """The app on 127.0.0.1 with a free port, its own corpus, index and one librarian."""
    from tests.librarian_support import PASSWORD, SEED_TEXT, SEED_TEXT_2

    app = create_app({"SECRET_KEY": "browser-test",
                      "ARCHIVO_CORPUS_DIR": str(tmp_path / "corpus"),
                      "ARCHIVO_INDEX_DIR": str(tmp_path / "index"),
                      "ARCHIVO_INSTANCE_DIR": str(tmp_path / "instance")})
    archive = app.extensions["archive"]
    archive.rebuild()
    archive.add_file(SEED_TEXT.encode(), "seed.txt", actor="setup")
    archive.add_file(SEED_TEXT_2.encode(), "seed2.txt", actor="setup")
    app.extensions["accounts"].add("ana", PASSWORD)
    with serve(app) as url:
        yield {"url": url, "app": app}


@pytest.fixture
def librarian_page(search_browser):
    context = search_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def librarian_screenshot(librarian_page):
    """Saves wide and phone screenshots when ARCHIVO_SCREENSHOTS names a folder."""
    return lambda name: save_screenshots(librarian_page, name)
