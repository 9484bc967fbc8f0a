"""Shared fixtures and helpers of the librarian tests (imported by each test module).

Each test gets its own corpus, index and instance folder under tmp_path, and CSRF
protection stays on: the helpers fetch a real token from a page, as a browser would.
"""
from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from fpdf import FPDF

from webapp import create_app

PASSWORD = "correct horse battery staple"
TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')

BORDER_TEXT = (
    "Border security cooperation between the United States and Mexico has deepened since "
    "2008. Cartels move drugs and weapons across the border, and violence in Tamaulipas "
    "has shaped how both governments think about security. Customs officers, migration "
    "authorities and police share intelligence through new bilateral mechanisms. "
    "Trade across the border keeps growing, so inspections must be fast as well as safe.")

SEED_TEXT = ("Energy reform in Mexico\n\nThe 2013 energy reform opened oil and electricity "
             "markets to private investment; Pemex and CFE now compete with new firms.\n")

SEED_TEXT_2 = ("Remittances to Mexican families\n\nRemittances from workers in the United "
               "States reached record levels, supporting households in Michoacán.\n")


@pytest.fixture
def app(tmp_path: Path):
    app = create_app({
        "TESTING": True, "SECRET_KEY": "test-secret",
        "ARCHIVO_CORPUS_DIR": str(tmp_path / "corpus"),
        "ARCHIVO_INDEX_DIR": str(tmp_path / "index"),
        "ARCHIVO_INSTANCE_DIR": str(tmp_path / "instance"),
    })
    archive = app.extensions["archive"]
    archive.rebuild()
    archive.add_file(SEED_TEXT.encode(), "seed.txt", actor="setup")
    archive.add_file(SEED_TEXT_2.encode(), "seed2.txt", actor="setup")
    app.extensions["accounts"].add("ana", PASSWORD)
    yield app
    app.extensions["search"].close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def logged_in(client):
    login(client, "ana", PASSWORD)
    return client


def csrf_token(client, path: str = "/login") -> str:
    return TOKEN_RE.search(client.get(path).get_data(as_text=True)).group(1)


def login(client, name: str, password: str, next_url: str = ""):
    return client.post("/login", data={"name": name, "password": password, "next": next_url,
                                       "csrf_token": csrf_token(client)})


def basic(name: str = "ana", password: str = PASSWORD) -> dict:
    raw = base64.b64encode(f"{name}:{password}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


def make_pdf(title: str, body: str) -> bytes:
    pdf = FPDF()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_html(title: str, body: str) -> bytes:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><main>"
            f"<h1>{title}</h1><p>{body}</p></main></body></html>").encode()


def tree(root: Path) -> list[tuple[str, int]]:
    """Every file under root with its size: to show that nothing changed."""
    if not root.exists():
        return []
    return sorted((str(p.relative_to(root)), p.stat().st_size) for p in root.rglob("*")
                  if p.is_file() and p.name != "write.lock")


def snapshot(app) -> tuple:
    archive = app.extensions["archive"]
    return (tree(archive.settings.corpus_dir), tree(archive.settings.index_dir),
            archive.check())


def review_form(page: str, prefix: str = "f0-d0-") -> dict:
    """The review/edit form as a browser would submit it, untouched."""
    form = {"csrf_token": TOKEN_RE.search(page).group(1)}
    for name, value in re.findall(r'<input type="(?:text|url|hidden)" [^>]*?name="([^"]+)" '
                                  r'value="([^"]*)"', page):
        form[name] = _unescape(value)
    for name, value in re.findall(r'<textarea [^>]*name="([^"]+)"[^>]*>\n?(.*?)</textarea>',
                                  page, re.S):
        form[name] = _unescape(value)
    for name, options in re.findall(r'<select [^>]*name="([^"]+)">(.*?)</select>', page, re.S):
        chosen = re.search(r'value="([^"]+)" selected', options)
        form[name] = chosen.group(1) if chosen else ""
    topics = re.findall(r'name="(%stopics)" value="([^"]+)" checked' % re.escape(prefix), page)
    form[prefix + "topics"] = [v for _, v in topics]
    include = re.search(r'name="(%sinclude)" value="1" checked' % re.escape(prefix), page)
    if include:
        form[include.group(1)] = "1"
    return form


def _unescape(value: str) -> str:
    import html
    return html.unescape(value)


def search_ids(client, q: str) -> list[str]:
    data = client.get("/api/search", query_string={"q": q}).get_json()
    return [hit["id"] for hit in data["results"]]
