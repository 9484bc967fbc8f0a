"""Browser fixtures of the librarian tests: a live Archivo server and Chromium via Playwright.

Fixture names start with librarian_ so they can sit beside other browser fixtures.
With CI=true the tests must run (a missing Chromium fails them); elsewhere they
skip with the reason when /usr/bin/chromium is absent.
"""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))     # librarian_support

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _require_chromium():
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but Chromium is missing at {CHROMIUM}")
    pytest.skip(f"Chromium is not installed at {CHROMIUM}; the browser tests need it")


@pytest.fixture
def librarian_live_server(tmp_path):
    """The app on 127.0.0.1 with a free port, its own corpus, index and one librarian."""
    from werkzeug.serving import make_server

    from librarian_support import PASSWORD, SEED_TEXT, SEED_TEXT_2
    from webapp import create_app

    app = create_app({"SECRET_KEY": "browser-test",
                      "ARCHIVO_CORPUS_DIR": str(tmp_path / "corpus"),
                      "ARCHIVO_INDEX_DIR": str(tmp_path / "index"),
                      "ARCHIVO_INSTANCE_DIR": str(tmp_path / "instance")})
    archive = app.extensions["archive"]
    archive.rebuild()
    archive.add_file(SEED_TEXT.encode(), "seed.txt", actor="setup")
    archive.add_file(SEED_TEXT_2.encode(), "seed2.txt", actor="setup")
    app.extensions["accounts"].add("ana", PASSWORD)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "app": app}
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def librarian_chromium():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def librarian_page(librarian_chromium):
    context = librarian_chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def librarian_screenshot(librarian_page):
    """Saves wide and phone screenshots when ARCHIVO_SCREENSHOTS names a folder."""
    folder = os.environ.get("ARCHIVO_SCREENSHOTS")

    def shoot(name: str):
        if not folder:
            return
        Path(folder).mkdir(parents=True, exist_ok=True)
        for label, width in (("wide", 1280), ("phone", 390)):
            librarian_page.set_viewport_size({"width": width, "height": 900})
            librarian_page.screenshot(path=f"{folder}/{name}-{label}.png", full_page=True)
        librarian_page.set_viewport_size({"width": 1280, "height": 900})
    return shoot
