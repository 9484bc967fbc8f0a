"""Pure HTML extraction with BeautifulSoup + lxml: page chrome out, blocks and metadata in."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from indexer.core.errors import UnreadableDocument
from indexer.ingest.extract import Block, Extracted
from indexer.ingest.html_listing import catalogue_entries
from indexer.ingest.html_meta import article_date, byline_authors, json_ld, kind_label, program_link

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
        structured = json_ld(soup)
        metas = _meta_tags(soup)
        meta = _metadata(soup, metas)
        sources = {key: "meta" for key in meta}
        title, sources["title"] = (structured["title"], "structured") \
            if structured.get("title") else _title(soup, metas)
        article = soup.find("article")
        program = program_link(article) if article is not None else None
        _drop_chrome(soup)
        root = soup.find("main") or soup.find("article") or soup.body or soup
        entries = catalogue_entries(root, meta.get("url"))
        if entries:
            meta["catalogue"] = entries
        else:
            _article_meta(meta, sources, structured, soup.find("article") or root, program)
        blocks = _blocks(root)
    except RecursionError as exc:
        raise UnreadableDocument("the HTML is nested too deeply to read", source=filename) from exc
    return Extracted(kind="html", blocks=blocks, title=title and _TITLE_SUFFIX.sub("", title),
                     meta=meta, sources=sources)


def _article_meta(meta: dict, sources: dict, structured: dict, root,
                  program: str | None) -> None:
    """Fill what the head's meta tags left out from structured data, then the article's
    own header (read after the page chrome is gone, so no menu's event date counts).
    sources says which one gave each field (shown to the librarian on the review form)."""
    def take(key: str, *candidates: tuple[object, str]) -> None:
        for value, source in candidates:
            if value:
                meta[key], sources[key] = value, source
                return

    take("authors", (structured.get("authors"), "structured"),
         (meta.get("authors"), sources.get("authors")), (byline_authors(root), "header"))
    take("date", (meta.get("date"), sources.get("date")), (structured.get("date"), "structured"),
         (article_date(root), "header"))
    # The page's own kind label ("Policy Brief" over the title) is the most specific;
    # schema.org's plain Article (and OpenGraph's og:type, always "article") say nothing
    # a page's words don't, but Report, Event or PodcastEpisode do.
    schema_type = structured.get("type") if structured.get("type") != "article" else None
    take("type", (meta.get("type"), sources.get("type")), (kind_label(root), "header"),
         (schema_type, "structured"))
    for key in ("description", "url"):
        take(key, (meta.get(key), sources.get(key)), (structured.get(key), "structured"))
    take("program", (program or program_link(root), "header"))


def _meta_tags(soup) -> dict[str, list[str]]:
    """Every <meta name|property=... content=...>, by its lower-cased name, in one walk
    of the page (each find() walks all of it: 0.7 s on a 21 MB page)."""
    tags: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or tag.get("property") or "").strip().lower()
        content = (tag.get("content") or "").strip()
        if name and content:
            tags.setdefault(name, []).append(content)
    return tags


def _meta_content(metas: dict[str, list[str]], *names: str) -> str | None:
    for name in names:
        if metas.get(name.lower()):
            return metas[name.lower()][0]
    return None


def _metadata(soup, metas: dict[str, list[str]]) -> dict:
    meta: dict = {}
    authors = [a for name in ("author", "citation_author", "dc.creator")
               for a in metas.get(name, [])]
    if authors:
        meta["authors"] = list(dict.fromkeys(authors))
    date = _meta_content(metas, "article:published_time", "citation_publication_date",
                         "citation_date", "dc.date", "dcterms.date", "dc.date.issued",
                         "date", "pubdate")
    if date:
        meta["date"] = date
    for key, names in {"description": ("description", "og:description"),
                       "url": ("og:url",), "type": ("archivo:type",),
                       "language": ("language", "dc.language")}.items():
        value = _meta_content(metas, *names)
        if value:
            meta[key] = value
    canonical = soup.find("link", rel="canonical")
    if canonical and canonical.get("href"):
        meta.setdefault("url", canonical["href"])
    html = soup.find("html")
    if html is not None and html.get("lang"):
        meta.setdefault("language", html["lang"])
    return meta


def _title(soup, metas: dict[str, list[str]]) -> tuple[str | None, str]:
    """The page's title and where it was read ('meta' tags or the 'header' heading)."""
    heading = soup.h1.get_text(" ", strip=True) if soup.h1 else None
    for candidate, source in ((_meta_content(metas, "citation_title", "og:title"), "meta"),
                              (heading, "header"),
                              (soup.title.get_text(" ", strip=True) if soup.title else None,
                               "meta")):
        if candidate:
            return _without_site_name(_TITLE_SUFFIX.sub("", candidate).strip(), heading,
                                      _meta_content(metas, "og:site_name")), source
    return None, "text"


def _without_site_name(title: str, heading: str | None, site: str | None) -> str:
    """'Five Myths | Hartwell Institution' -> 'Five Myths': a page's <title> and og:title
    carry the site's name after a separator; its own heading does not."""
    parts = re.split(r"\s+[|\u2013\u2014·-]\s+", title)
    if len(parts) > 1 and (heading and parts[0] == heading
                           or site and parts[-1].strip().lower() == site.strip().lower()):
        return " – ".join(parts[:-1]) if len(parts) > 2 and not heading else parts[0]
    return title


def _drop_chrome(soup) -> None:
    for tag in soup.find_all(_CHROME_TAGS):
        # An article's own <header> holds its title, byline and date: not chrome.
        if tag.name == "header" and _in_article(tag):
            continue
        tag.decompose()
    for tag in soup.find_all(True):
        # Not tag.decomposed: on a Tag that property falls back to a child search (slow).
        if tag.__dict__.get("_decomposed") or tag.attrs is None:
            continue
        marks = " ".join(tag.get("class", [])) + " " + (tag.get("id") or "") + " " + \
            (tag.get("role") or "")
        found = _CHROME_CLASS.search(marks)
        if found and found.group(2).lower() == "header" and _in_article(tag):
            continue
        if found or tag.get("aria-hidden") == "true":
            tag.decompose()


def _in_article(tag) -> bool:
    return any(parent.name == "article" for parent in tag.parents)


def _blocks(root) -> list[Block]:
    blocks = []
    tags = root.find_all(_BLOCK_TAGS)
    containers = _containers(tags, root)
    for tag in tags:
        if id(tag) in containers:      # a container: its inner blocks speak for it
            continue
        text = tag.get_text(" ", strip=True)
        if text:
            blocks.append(Block(text, heading=tag.name.startswith("h")))
    if not blocks:                     # a page of bare text in divs
        blocks = [Block(line) for line in root.get_text("\n").splitlines()]
    return blocks


def _containers(tags: list, root) -> set[int]:
    """Ids of the block tags that hold another block tag, in one pass up from each block
    (a find() below every block took 11 s on a page of 45,000 paragraphs)."""
    names, marked = set(_BLOCK_TAGS), set()
    for tag in tags:
        for parent in tag.parents:
            if parent is root or id(parent) in marked:
                break
            if parent.name in names:
                marked.add(id(parent))
    return marked
