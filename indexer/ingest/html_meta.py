"""Pure metadata of an HTML page from what states it: structured data, then the article.

Order of trust, after how publishers' pages are built: schema.org JSON-LD (what search
engines read, so sites keep it right), then citation_* / Dublin Core / OpenGraph meta
tags, then the article's own header (its byline links and its <time>). Navigation,
menus, event widgets, related strips and footers are never read for a date or a name:
their dates are other events' dates, their names other people's.
"""
from __future__ import annotations

import json
import re

from indexer.ingest.classify import type_of_kind

# schema.org types and the content type each one is.
SCHEMA_TYPES = {
    "report": "report", "scholarlyarticle": "report", "techarticle": "report",
    "event": "event", "educationevent": "event", "socialevent": "event",
    "podcastepisode": "podcast", "podcastseries": "podcast", "radioepisode": "podcast",
    "videoobject": "video", "book": "book", "newsarticle": "article",
    "article": "article", "blogposting": "article", "opinionnewsarticle": "article",
    "analysisnewsarticle": "article",
}
# Links to a person's page in the layouts of real think-tank sites.
PERSON_HREF = re.compile(r"/(person|people|persons|experts?|staff|authors?|profiles?|"
                         r"scholars?|fellows?|team|bio|personas?|expertos?)/[^/?#]+", re.I)
PROGRAM_HREF = re.compile(r"/(programs?|program-|centers?|initiatives?|projects?|programas?|"
                          r"centros?|institutos?|iniciativas?)"
                          r"(/|-)[^?#]+", re.I)
_BYLINE_CLASS = re.compile(r"(^|[-_\s])(byline|author|authors|contributors?|autor(es)?)"
                           r"([-_\s]|$)", re.I)


def json_ld(soup) -> dict:
    """Title, authors, date, type, description and url of the page's main schema.org item."""
    for item in _json_ld_items(soup):
        kind = _schema_type(item)
        if kind is None:
            continue
        found = {"title": _text(item.get("headline") or item.get("name")),
                 "authors": _names(item.get("author") or item.get("creator")
                                   or item.get("performer")),
                 "date": _text(item.get("datePublished") or item.get("startDate")
                               or item.get("dateCreated") or item.get("uploadDate")),
                 "type": kind, "description": _text(item.get("description")),
                 "url": _text(item.get("url"))}
        return {key: value for key, value in found.items() if value}
    return {}


def _json_ld_items(soup):
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or script.get_text() or "")
        except (ValueError, TypeError):
            continue            # a broken block is common; the page still has its header
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                yield from (i for i in item["@graph"] if isinstance(i, dict))
            elif isinstance(item, dict):
                yield item


def _schema_type(item: dict) -> str | None:
    types = item.get("@type")
    for name in types if isinstance(types, list) else [types]:
        if isinstance(name, str) and name.lower() in SCHEMA_TYPES:
            return SCHEMA_TYPES[name.lower()]
    return None


def _names(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and (isinstance(item, str)
                                                        or item.get("@type") != "Organization"):
            names.append(re.sub(r"\s+", " ", name).strip())
    return names


def _text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return re.sub(r"\s+", " ", value).strip() or None if isinstance(value, str) else None


def byline_authors(root) -> list[str]:
    """Names linked to their person pages, or marked as the author, in the article."""
    names = []
    for link in root.find_all("a", href=True):
        text = link.get_text(" ", strip=True)
        if not text or len(text) > 80:
            continue
        if "author" in (link.get("rel") or []) or PERSON_HREF.search(link["href"]) \
                or _in_byline(link):
            names.append(re.sub(r"\s+", " ", text))
    for tag in root.select('[itemprop="author"]'):
        name = tag.find(attrs={"itemprop": "name"}) or tag
        names.append(name.get_text(" ", strip=True))
    return list(dict.fromkeys(n for n in names if n))


def _in_byline(tag) -> bool:
    for parent in tag.parents:
        if parent.name in ("article", "main", "body"):
            return False
        marks = " ".join(parent.get("class", [])) + " " + (parent.get("id") or "")
        if _BYLINE_CLASS.search(marks):
            return True
    return False


def article_date(root) -> str | None:
    """The article's own <time> (its datetime, else its text), or a dated byline's text."""
    tag = root.find("time")
    if tag is not None:
        return tag.get("datetime") or tag.get_text(" ", strip=True)
    for node in root.find_all(class_=re.compile(r"(^|[-_])(date|published|posted|fecha)", re.I)):
        text = node.get_text(" ", strip=True)
        if text and len(text) < 80:
            return text
    return None


def program_link(root) -> str | None:
    """The program the page is filed under, shown as a tag or eyebrow link to its page."""
    for link in root.find_all("a", href=True):
        text = link.get_text(" ", strip=True)
        if PROGRAM_HREF.search(link["href"]) and 2 <= len(text.split()) <= 8:
            return text
    return None


_KIND_CLASS = re.compile(r"(^|[-_\s])(type|kind|content-?type|eyebrow|label|format)"
                         r"([-_\s]|$)", re.I)


def kind_label(root) -> str | None:
    """The content type a page's own kind label names ('Policy Brief' over its title)."""
    for tag in root.find_all(class_=_KIND_CLASS):
        text = tag.get_text(" ", strip=True)
        if text and len(text.split()) <= 4 and type_of_kind(text):
            return type_of_kind(text)
    return None
