"""Pure HTML extraction with BeautifulSoup + lxml: page chrome out, blocks and metadata in."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from indexer.errors import UnreadableDocument
from indexer.extract import Block, Extracted

# Elements that are page chrome, never the document's own text.
_CHROME_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                "iframe", "svg", "button", "template", "select", "input"]
_CHROME_CLASS = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|breadcrumbs?|footer|header|sidebar|share|social|subscribe|"
    r"newsletter|cookie|skip|related|author-?box|promo|advert|ad-slot|banner|signup)([-_\s]|$)",
    re.IGNORECASE)
_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "td",
               "dt", "dd", "figcaption"]
_TITLE_SUFFIX = re.compile(r"\s*[|\u2013\u2014-]\s*(Wilson Center|Mexico Institute)\s*$")


def extract_html(text: str, filename: str | None = None) -> Extracted:
    try:
        soup = BeautifulSoup(text, "lxml")
        meta = _metadata(soup)
        title = _title(soup)
        _drop_chrome(soup)
        root = soup.find("main") or soup.find("article") or soup.body or soup
        blocks = _blocks(root)
    except RecursionError as exc:
        raise UnreadableDocument("the HTML is nested too deeply to read", source=filename) from exc
    return Extracted(kind="html", blocks=blocks, title=title, meta=meta)


def _meta_content(soup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", attrs={"property": name})
        if tag and tag.get("content", "").strip():
            return tag["content"].strip()
    return None


def _metadata(soup) -> dict:
    meta: dict = {}
    authors = [t["content"].strip() for t in soup.find_all("meta", attrs={"name": re.compile(
        r"^(author|citation_author|dc\.creator)$", re.I)}) if t.get("content", "").strip()]
    authors += [a.get_text(" ", strip=True) for a in soup.select('[rel="author"], .byline a')]
    if authors:
        meta["authors"] = list(dict.fromkeys(authors))
    date = _meta_content(soup, "article:published_time", "citation_publication_date",
                         "dc.date", "date", "pubdate")
    time_tag = soup.find("time")
    if not date and time_tag is not None:
        date = time_tag.get("datetime") or time_tag.get_text(" ", strip=True)
    if date:
        meta["date"] = date
    for key, names in {"description": ("description", "og:description"),
                       "url": ("og:url",), "type": ("archivo:type", "og:type"),
                       "language": ("language", "dc.language")}.items():
        value = _meta_content(soup, *names)
        if value:
            meta[key] = value
    canonical = soup.find("link", rel="canonical")
    if canonical and canonical.get("href"):
        meta.setdefault("url", canonical["href"])
    html = soup.find("html")
    if html is not None and html.get("lang"):
        meta.setdefault("language", html["lang"])
    return meta


def _title(soup) -> str | None:
    for candidate in (_meta_content(soup, "og:title", "citation_title"),
                      soup.h1.get_text(" ", strip=True) if soup.h1 else None,
                      soup.title.get_text(" ", strip=True) if soup.title else None):
        if candidate:
            return _TITLE_SUFFIX.sub("", candidate).strip()
    return None


def _drop_chrome(soup) -> None:
    for tag in soup.find_all(_CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        # Not tag.decomposed: on a Tag that property falls back to a child search (slow).
        if tag.__dict__.get("_decomposed") or tag.attrs is None:
            continue
        marks = " ".join(tag.get("class", [])) + " " + (tag.get("id") or "") + " " + \
            (tag.get("role") or "")
        if _CHROME_CLASS.search(marks) or tag.get("aria-hidden") == "true":
            tag.decompose()


def _blocks(root) -> list[Block]:
    blocks = []
    for tag in root.find_all(_BLOCK_TAGS):
        if tag.find(_BLOCK_TAGS):      # a container: its inner blocks speak for it
            continue
        text = tag.get_text(" ", strip=True)
        if text:
            blocks.append(Block(text, heading=tag.name.startswith("h")))
    if not blocks:                     # a page of bare text in divs
        blocks = [Block(line) for line in root.get_text("\n").splitlines()]
    return blocks
