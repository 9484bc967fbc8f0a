"""The librarian's upload in Chromium: the progress of a long PDF, one submit only,
and the review of a many-item upload (count, tick all, keep as one), with axe-core."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import serious_violations
from tests.browser.test_librarian_browser import log_in
from tests.docmakers import make_paged_pdf
from tests.librarian_support import BORDER_TEXT

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def slow_reading(app, seconds_a_page: float):
    """Each page read takes this long at least: a long PDF's pace, on a short one."""
    archive = app.extensions["archive"]
    prepare = archive.prepare

    def slowly(data, name, progress=None, **kwargs):
        def told(read, pages):
            time.sleep(seconds_a_page)
            if progress:
                progress(read, pages)
        return prepare(data, name, progress=told, **kwargs)

    archive.prepare = slowly


def staged(app) -> list[Path]:
    folder = Path(app.config["ARCHIVO_INSTANCE_DIR"]) / "staging"
    return [p for p in folder.iterdir() if p.is_dir()] if folder.exists() else []


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_long_pdf_shows_its_reading_page_by_page_and_is_sent_once(
        librarian_live_server, librarian_page, librarian_screenshot, axe_js, tmp_path, viewport):
    page, base, app = librarian_page, librarian_live_server["url"], librarian_live_server["app"]
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, base)
    pdf = tmp_path / "long-report.pdf"
    pdf.write_bytes(make_paged_pdf("Border Security in Twelve Pages", [[BORDER_TEXT]] * 12))
    slow_reading(app, 0.35)
    page.goto(base + "/librarian/add")
    page.get_by_label("Files").set_input_files(str(pdf))
    button = page.get_by_role("button", name="Read and review")
    button.click()
    status = page.locator(".upload-words")
    # Polled twice a second, so some pages pass unseen: any page past the first.
    status.filter(has_text=re.compile(r"page ([3-9]|1[0-2]) of 12")).wait_for(timeout=15_000)
    assert "Reading “long-report.pdf”: page" in status.inner_text()
    assert button.is_disabled()
    page.evaluate("() => document.querySelector('form[data-progress-url]').requestSubmit()")
    bar = page.locator("progress.upload-bar")
    assert bar.get_attribute("max") == "12" and 3 <= float(bar.evaluate("b => b.value")) <= 12
    librarian_screenshot("upload-progress" + ("-phone" if viewport else ""))
    page.wait_for_url("**/librarian/review/**", timeout=20_000)
    assert page.get_by_label("Title").input_value() == "Border Security in Twelve Pages"
    assert len(staged(app)) == 1                     # the second submit sent nothing


def test_a_refused_upload_says_why_in_place_and_can_be_tried_again(
        librarian_live_server, librarian_page, axe_js, tmp_path):
    page, base = librarian_page, librarian_live_server["url"]
    log_in(page, base)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"   ")
    page.goto(base + "/librarian/add")
    page.get_by_label("Files").set_input_files(str(empty))
    page.get_by_role("button", name="Read and review").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "empty.txt" in alert.inner_text() and "empty" in alert.inner_text()
    assert page.get_by_role("button", name="Read and review").is_enabled()
    good = tmp_path / "notes.txt"
    good.write_text("Field Notes on the Border\n\n" + BORDER_TEXT)
    page.get_by_label("Files").set_input_files(str(good))
    page.get_by_role("button", name="Read and review").click()
    page.wait_for_url("**/librarian/review/**")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_upload_page_in_progress_has_no_serious_axe_violation(
        search_browser, librarian_live_server, axe_js, tmp_path, width):
    base, app = librarian_live_server["url"], librarian_live_server["app"]
    context = search_browser.new_context(viewport={"width": width, "height": 900},
                                         bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, base)
        page.goto(base + "/librarian/add")
        assert serious_violations(page, axe_js) == []
        pdf = tmp_path / "r.pdf"
        pdf.write_bytes(make_paged_pdf("Border Report", [[BORDER_TEXT]] * 6))
        slow_reading(app, 0.5)
        page.get_by_label("Files").set_input_files(str(pdf))
        page.get_by_role("button", name="Read and review").click()
        page.locator(".upload-words").filter(has_text="page").wait_for(timeout=15_000)
        assert serious_violations(page, axe_js) == []
        page.wait_for_url("**/librarian/review/**", timeout=20_000)
    finally:
        context.close()


def open_many_item_review(page, base: str, tmp_path, count: int = 40):
    from tests.test_review_many import dump
    notes = tmp_path / "notes.txt"
    notes.write_bytes(dump(count))
    page.goto(base + "/librarian/add")
    page.get_by_label("Files").set_input_files(str(notes))
    page.get_by_role("button", name="Read and review").click()
    page.wait_for_url("**/librarian/review/**")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_many_item_review_counts_ticks_and_unticks_all_in_place(
        librarian_live_server, librarian_page, librarian_screenshot, tmp_path, viewport):
    page, base, app = librarian_page, librarian_live_server["url"], librarian_live_server["app"]
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, base)
    open_many_item_review(page, base, tmp_path)
    count = page.locator(".review-count")
    assert count.inner_text() == "40 of 40 selected"
    assert page.locator("details.card[open]").count() == 0
    librarian_screenshot("review-many" + ("-phone" if viewport else ""))
    url = page.url
    page.get_by_role("button", name="Untick all").click()
    assert count.inner_text() == "0 of 40 selected" and page.url == url   # no round trip
    page.get_by_label("Save “Border Note Number 7”").check()
    page.get_by_label("Save “Border Note Number 9”").check()
    assert count.inner_text() == "2 of 40 selected"
    page.get_by_text("Border Note Number 9", exact=True).click()        # opens the card
    card = page.locator("li.review-card").nth(8)
    card.get_by_label("Title").fill("Border Note Nine, Corrected")
    librarian_screenshot("review-many-open" + ("-phone" if viewport else ""))
    card.get_by_label("Title").press("Enter")                            # Enter saves
    page.wait_for_url("**/librarian/activity")
    corpus = app.extensions["archive"].corpus
    titles = sorted(t for t in (corpus.get(i).title for i in corpus.ids()) if "Border Note" in t)
    assert titles == ["Border Note Nine, Corrected", "Border Note Number 7"]


def test_keep_as_one_in_the_browser(librarian_live_server, librarian_page, tmp_path):
    page, base = librarian_page, librarian_live_server["url"]
    log_in(page, base)
    open_many_item_review(page, base, tmp_path, count=8)
    page.get_by_role("button", name="Keep as one document").click()
    # A server action: wait for the page it answers with (is_visible does not wait).
    expect(page.get_by_text("is kept as one document instead of 8")).to_be_visible()
    assert page.get_by_label("Title").input_value() == "Border Economy Notes"
    assert page.locator(".review-count").count() == 0


@pytest.mark.parametrize("width", [1280, 390])
def test_the_many_item_review_has_no_serious_axe_violation(
        search_browser, librarian_live_server, axe_js, tmp_path, width):
    base = librarian_live_server["url"]
    context = search_browser.new_context(viewport={"width": width, "height": 900},
                                         bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, base)
        open_many_item_review(page, base, tmp_path, count=12)
        assert serious_violations(page, axe_js) == []
        page.locator("li.review-card summary").first.click()
        assert serious_violations(page, axe_js) == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_long_pdf_document_page_reads_as_paragraphs(
        search_browser, librarian_live_server, axe_js, tmp_path, width):
    from tests.test_pdf_body_text import GOES_ON, PROSE, RUNS_ON
    base = librarian_live_server["url"]
    pages = [[PROSE, RUNS_ON], [GOES_ON, "The ser ies goes on with migra-\ntion figures.",
                                PROSE]] + [[f"In {2000 + n}, {PROSE.lower()}"] for n in range(6)]
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(make_paged_pdf("Security Cooperation in Eight Pages", pages,
                                   footer="Page {n} of {total}"))
    context = search_browser.new_context(viewport={"width": width, "height": 900},
                                         bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, base)
        page.goto(base + "/librarian/add")
        page.get_by_label("Files").set_input_files(str(pdf))
        page.get_by_role("button", name="Read and review").click()
        page.wait_for_url("**/librarian/review/**")
        page.get_by_role("button", name="Save to the archive").click()
        page.wait_for_url("**/documents/**")
        body = page.locator(".document-body")
        assert body.get_by_text(f"{RUNS_ON} {GOES_ON}", exact=True).is_visible()
        assert body.get_by_text("The series goes on with migration figures.", exact=True).count()
        assert "Page 2 of 8" not in body.inner_text()
        assert body.inner_text().count("toward the pacific ports.") == 6   # no line lost
        save_screenshots_named(page, f"long-pdf-document-{width}")
        assert serious_violations(page, axe_js) == []
    finally:
        context.close()


def save_screenshots_named(page, name: str) -> None:
    import os
    folder = os.environ.get("ARCHIVO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_pdf_hit_names_its_pages_as_links_into_the_pdf(
        search_browser, librarian_live_server, axe_js, tmp_path, width):
    from tests.test_pdf_pages import eight_pages
    base = librarian_live_server["url"]
    pdf = tmp_path / "water.pdf"
    pdf.write_bytes(make_paged_pdf("Water and Trade on the Border", eight_pages()))
    context = search_browser.new_context(viewport={"width": width, "height": 900},
                                         bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, base)
        page.goto(base + "/librarian/add")
        page.get_by_label("Files").set_input_files(str(pdf))
        page.get_by_role("button", name="Read and review").click()
        page.wait_for_url("**/librarian/review/**")
        page.get_by_role("button", name="Save to the archive").click()
        page.wait_for_url("**/documents/**")
        page.goto(base + "/?q=aquifer")
        pages = page.locator(".hit-pages")
        assert pages.inner_text() == "p. 4, 7"
        link = pages.get_by_role("link", name="page 7 of the PDF")
        assert link.get_attribute("href").endswith("/original#page=7")
        assert link.is_visible()
        save_screenshots_named(page, f"pdf-pages-hit-{width}")
        assert serious_violations(page, axe_js) == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_find_in_a_long_pdf_steps_from_match_to_match(
        search_browser, librarian_live_server, axe_js, tmp_path, width):
    from tests.test_pdf_pages import eight_pages
    base = librarian_live_server["url"]
    pdf = tmp_path / "water.pdf"
    pdf.write_bytes(make_paged_pdf("Water and Trade on the Border", eight_pages()))
    context = search_browser.new_context(viewport={"width": width, "height": 900},
                                         bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, base)
        page.goto(base + "/librarian/add")
        page.get_by_label("Files").set_input_files(str(pdf))
        page.get_by_role("button", name="Read and review").click()
        page.wait_for_url("**/librarian/review/**")
        page.get_by_role("button", name="Save to the archive").click()
        page.wait_for_url("**/documents/**")
        page.get_by_label("Find in this document").fill("aquifer")
        page.get_by_role("button", name="Find", exact=True).click()
        assert page.locator(".find-status").inner_text().startswith("2 matches")
        page.get_by_role("button", name="Next match").click()
        page.get_by_role("button", name="Next match").click()
        assert page.locator(".find-position").inner_text() == "match 2 of 2"
        assert page.locator("mark.current").get_attribute("id") == "match-2"
        assert page.locator("mark.current").is_visible()
        page.get_by_role("button", name="Previous match").click()
        assert page.locator("mark.current").get_attribute("id") == "match-1"
        save_screenshots_named(page, f"find-in-document-{width}")
        assert serious_violations(page, axe_js) == []
    finally:
        context.close()
