"""The librarian's whole workflow in Chromium: log in, upload a PDF, correct a topic, save,
find it, edit it, remove and restore it; a forged form without a CSRF token is refused."""
from __future__ import annotations

import re

import pytest

from tests.librarian_support import (BORDER_TEXT, PASSWORD, make_pdf)

pytestmark = pytest.mark.browser


def log_in(page, base: str):
    # The search page with a query (the blank "/" sorts by date, which the search code
    # cannot yet do with documents in the index: a separate bug of the search work).
    page.goto(base + "/?q=mexico")
    page.get_by_role("link", name="Librarian").click()
    page.get_by_label("User name").fill("ana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("button", name="Log out").is_visible()


def test_upload_review_find_edit_remove_restore(librarian_live_server, librarian_page,
                                                librarian_screenshot, tmp_path):
    page, base = librarian_page, librarian_live_server["url"]
    archive = librarian_live_server["app"].extensions["archive"]
    log_in(page, base)

    pdf = tmp_path / "border-brief.pdf"
    pdf.write_bytes(make_pdf("Border Security Cooperation", BORDER_TEXT))
    page.get_by_role("link", name="Add", exact=True).click()
    librarian_screenshot("upload")
    page.get_by_label("Files").set_input_files(str(pdf))
    page.get_by_role("button", name="Read and review").click()
    page.wait_for_url("**/librarian/review/**")   # posted by XHR (upload.js), then opened
    assert page.get_by_label("Title").input_value() == "Border Security Cooperation"
    assert page.get_by_label("Security").is_checked()           # suggested, with evidence
    assert page.locator(".topic-choices").get_by_text(re.compile("suggested: security")).count()
    page.get_by_label("Diplomacy").check()                       # the librarian corrects it
    page.get_by_label("Border", exact=True).uncheck()
    page.get_by_label("Type").select_option("brief")
    librarian_screenshot("review")
    page.get_by_role("button", name="Save to the archive").click()
    doc = archive.corpus.get("border-security-cooperation")
    assert doc.topic_names == ["security", "diplomacy"] and doc.type == "brief"

    assert page.url == base + "/documents/border-security-cooperation"
    assert page.get_by_role("heading", level=1).inner_text() == "Border Security Cooperation"
    doc = archive.corpus.get("border-security-cooperation")
    assert doc.topic_names == ["security", "diplomacy"] and doc.type == "brief"
    librarian_screenshot("document")

    page.goto(base + "/?q=mexico")
    page.locator("#q").fill("Border Security Cooperation")
    page.get_by_role("button", name="Search").click()
    first = page.locator(".hit-title a").first
    assert first.inner_text() == "Border Security Cooperation"
    first.click()

    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Series").fill("Security briefs")
    page.get_by_role("button", name="Save changes").click()
    assert page.url == base + "/documents/border-security-cooperation"
    assert page.locator(".document-meta").get_by_text("Security briefs", exact=True).is_visible()
    assert archive.corpus.get("border-security-cooperation").series == "Security briefs"
    assert page.locator(".history").get_by_text("series: — → Security briefs").count() == 1

    # A forged form, as another site would post it: same cookies, no CSRF token.
    with page.expect_navigation() as forged:
        page.evaluate("""() => { const f = document.createElement('form'); f.method = 'post';
            f.action = '/librarian/documents/border-security-cooperation/remove';
            document.body.appendChild(f); f.submit(); }""")
    assert forged.value.status == 400
    assert page.get_by_text("missing or invalid CSRF token").is_visible()
    assert archive.corpus.exists("border-security-cooperation")

    page.goto(base + "/documents/border-security-cooperation")
    page.get_by_role("button", name="Remove").click()
    assert page.url == base + "/librarian/trash"
    assert not archive.corpus.exists("border-security-cooperation")
    librarian_screenshot("trash")
    page.get_by_role("button", name="Restore Border Security Cooperation").click()
    assert archive.corpus.exists("border-security-cooperation")
    assert page.url == base + "/documents/border-security-cooperation"
    assert page.get_by_role("heading", level=1).inner_text() == "Border Security Cooperation"
    page.goto(base + "/librarian/activity")
    librarian_screenshot("activity")
    assert page.locator("table.data tbody tr").count() >= 5


def test_login_page_and_pages_need_a_session(librarian_live_server, librarian_page,
                                             librarian_screenshot):
    page, base = librarian_page, librarian_live_server["url"]
    page.goto(base + "/librarian/add")
    assert page.url.startswith(base + "/login?next=")
    librarian_screenshot("login")
    page.get_by_label("User name").fill("ana")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_text("do not match").is_visible()
