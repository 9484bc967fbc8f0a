"""Pure reading of an HTML listing page: one catalogue entry per tile, never one per tag.

A site's listing (a topic page, search results, "all publications") is a grid of
tiles, each a title link with its tags, its program and its kind. Splitting such a page
by headings made a "document" of every tag and program name. Tiles are found by their
structure instead: the title links of the main area, each climbed up to the largest
element holding no other title link (its card); when at least MIN_TILES cards share one
shape (element and first class), the page is a listing of them. A page with more text
of its own than in its cards (an article with a "more like this" strip) is not a listing.
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin

from indexer.ingest.html_meta import PERSON_HREF, PROGRAM_HREF

MIN_TILES = 3
# Text of a listing's own (intro, filters) that needs no comparison with its cards.
MAX_OWN_TEXT = 1500
_TAG_HREF = re.compile(r"/(topics?|tags?|issues?|regions?|subjects?|temas?|keywords?)/", re.I)
_MARK = re.compile(r"(^|[-_\s])(tags?|topics?|terms?|categor(y|ies)|issues?)([-_\s]|$)", re.I)
_KIND_MARK = re.compile(r"(^|[-_\s])(kind|type|content-?type|format|label|eyebrow|badge|"
                        r"icon)([-_\s]|$)", re.I)
_PROGRAM_MARK = re.compile(r"(^|[-_\s])(program|programme|center|initiative)([-_\s]|$)", re.I)


def catalogue_entries(root, base_url: str | None) -> list[dict] | None:
    """The page's tiles as entries (title, url, tags, program, kinds: the labels and
    icons that may name its kind, date, teaser), or
    None when the page is not a listing."""
    cards = _cards(root)
    if cards is None:
        return None
    card_text = sum(len(card.get_text(" ", strip=True)) for card in cards)
    own_text = len(root.get_text(" ", strip=True)) - card_text
    if own_text > MAX_OWN_TEXT and own_text > card_text:
        return None
    return [_entry(card, link, base_url) for card, link in cards.items()]


def _title_links(root) -> list:
    links = []
    for link in root.find_all("a", href=True):
        text = link.get_text(" ", strip=True)
        if len(text.split()) < 2:
            continue
        in_heading = link.find_parent(re.compile(r"^h[1-6]$")) is not None \
            or link.find(re.compile(r"^h[1-6]$")) is not None
        if in_heading or re.search(r"title|headline", " ".join(link.get("class", [])), re.I):
            links.append(link)
    return links


def _cards(root) -> dict | None:
    links = _title_links(root)
    holder = {id(link): link for link in links}
    cards = {}
    for link in links:
        card = link
        while card.parent is not None and card.parent is not root \
                and _count_links(card.parent, holder) == 1:
            card = card.parent
        cards[card] = link
    shapes = Counter(_shape(card) for card in cards)
    if not shapes:
        return None
    shape, count = shapes.most_common(1)[0]
    if count < MIN_TILES:
        return None
    return {card: link for card, link in cards.items() if _shape(card) == shape}


def _count_links(tag, holder: dict) -> int:
    return sum(1 for a in tag.find_all("a", href=True) if id(a) in holder)


def _shape(tag) -> tuple[str, str]:
    """A card's element and first class: 'teaser teaser--podcast' is a 'teaser' too."""
    return tag.name, (tag.get("class") or [""])[0]


def _entry(card, link, base_url: str | None) -> dict:
    title = re.sub(r"\s+", " ", link.get_text(" ", strip=True))
    entry = {"title": title, "url": urljoin(base_url or "", link["href"]),
             "tags": [], "authors": [], "program": None, "kinds": [], "date": None,
             "teaser": ""}
    for other in card.find_all(["a", "span", "li", "div", "p", "time", "i", "img", "svg"]):
        if other is link or link in other.parents or other in link.parents:
            continue
        _read_part(entry, other, card)
    return entry


def _read_part(entry: dict, tag, card) -> None:
    text = re.sub(r"\s+", " ", tag.get_text(" ", strip=True))
    marks = " ".join(tag.get("class", []))
    for parent in tag.parents:          # the wrappers inside the card: <div class="tags">
        if parent is card:
            break
        marks += " " + " ".join(parent.get("class", []))
    href = tag.get("href", "") if tag.name == "a" else ""
    if tag.name == "time" or re.search(r"(^|[-_\s])date", marks, re.I) and text:
        entry["date"] = entry["date"] or tag.get("datetime") or text
    elif href and PERSON_HREF.search(href) and text:
        if text not in entry["authors"]:
            entry["authors"].append(text)
    elif href and PROGRAM_HREF.search(href) or _PROGRAM_MARK.search(marks) and text:
        entry["program"] = entry["program"] or (text if tag.find(True) is None else None)
    elif (href and _TAG_HREF.search(href)) or (_MARK.search(marks) and text
                                               and tag.find(True) is None):
        if text and text not in entry["tags"]:
            entry["tags"].append(text)
    elif _KIND_MARK.search(marks) or tag.name in ("i", "img", "svg"):
        label = tag.get("aria-label") or tag.get("title") or tag.get("alt") or text
        if not label and tag.name in ("i", "img", "svg"):    # <i class="icon-podcast">
            label = " ".join(tag.get("class", []))
        if label and label.strip() not in entry["kinds"]:
            entry["kinds"].append(label.strip())
    elif tag.name == "p" and len(text) > len(entry["teaser"]):
        entry["teaser"] = text
