"""Pure ingest: a file's bytes -> clean, classified documents (ids and times come later).

raw bytes -> extract -> clean -> segment -> metadata + classify -> Document drafts.
The CLI, the librarian's upload form and the API all come through here.
"""
from __future__ import annotations

import hashlib
import re

from indexer.ingest.classify import classify_type, tag_topics, topics_of_tags, type_of_kind
from indexer.ingest.clean import Cleaned, clean_blocks, join_text, normalize
from indexer.core.errors import UnreadableDocument
from indexer.ingest.extract import Extracted, PageProgress, check_size, extract
from indexer.ingest.language import LANGUAGES, detect_language
from indexer.core.limits import cut_fields
from indexer.ingest.metadata import (authors_from_author_box, extract_authors, extract_program,
                                     extract_series, find_date, names_under_title, parse_date,
                                     web_url)
from indexer.core.models import Document
from indexer.core.lists import CONTENT_TYPES
from indexer.ingest.segment import Item, segment
from indexer.ingest.vocabulary import Vocabulary

SUMMARY_CHARS = 300
# A kind label before the title: 'Podcast: ...', 'Foro: ...', 'Nota de política | ...'.
_TYPE_PREFIX = re.compile(r"^(\w+(?: \w+){0,2})(?:\s*[|:–]|\s+-)\s+")


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ingest_bytes(data: bytes, filename: str | None, vocabulary: Vocabulary,
                 max_bytes: int, progress: PageProgress | None = None,
                 single: bool = False) -> list[Document]:
    """Every document a file holds (a listing page holds several), ready for review.
    progress, if given, is told each PDF page read (pages read, pages in all); single
    keeps the file as one document (the librarian's "keep as one" on a split upload)."""
    check_size(data, max_bytes, filename)
    extracted = extract(data, filename, progress=progress)
    if extracted.meta.get("catalogue") and not single:
        docs = [_catalogue_document(entry, extracted.meta, vocabulary)
                for entry in extracted.meta["catalogue"]]
        return _stamped(docs, data, filename, extracted.kind)
    cleaned = clean_blocks(extracted.blocks)
    if not any(re.search(r"\w", b.text) for b in cleaned.blocks):
        raise UnreadableDocument("no readable text left after removing page chrome",
                                 source=filename)
    parts = segment(cleaned.blocks, title_hint=extracted.title,
                    single=single or extracted.single)
    docs = [_document(item, extracted, cleaned, vocabulary, parts.is_listing)
            for item in parts.items if item.title or item.blocks]
    return _stamped(docs, data, filename, extracted.kind)


def _stamped(docs: list[Document], data: bytes, filename: str | None,
             kind: str) -> list[Document]:
    digest = checksum(data)
    for doc in docs:
        doc.checksum, doc.original_kind = digest, kind
        doc.original_name = filename
        notes = cut_fields(doc)
        if notes:           # carried with the draft into its history when it is saved
            doc.history = [{"notes": notes}]
    return docs


def _catalogue_document(entry: dict, page_meta: dict, vocabulary: Vocabulary) -> Document:
    """A listing tile: its title, link, program, tags and kind; no full text."""
    title = normalize(entry["title"])
    language = _language(page_meta, title, entry["teaser"])
    kind = next((label for label in entry["kinds"] if type_of_kind(label)), None)
    doc_type, evidence = classify_type(title, entry["teaser"], type_of_kind(kind))
    if kind:
        evidence = [f"the listing's kind: {kind}"]
    return Document(
        id="", title=title, text=entry["teaser"], date=parse_date(entry["date"]),
        authors=entry["authors"],
        type=doc_type, type_evidence=evidence, program=entry["program"],
        source_url=web_url(entry["url"]), summary=summarize(entry["teaser"]),
        topics=topics_of_tags(entry["tags"], vocabulary, language)
        or tag_topics(title, entry["teaser"], vocabulary, language),
        language=language, catalogue_entry=True,
        provenance={"title": "tile", "source_url": "tile", "type": "tile" if kind else "guessed",
                    "program": "tile", "date": "tile", "authors": "tile"})


def _document(item: Item, extracted: Extracted, cleaned: Cleaned, vocabulary: Vocabulary,
              is_listing: bool) -> Document:
    title = normalize(item.title) or "Untitled"
    type_hint = None
    prefix = _TYPE_PREFIX.match(title)
    if prefix and len(title) > len(prefix.group(0)) and type_of_kind(prefix.group(1)):
        type_hint, title = type_of_kind(prefix.group(1)), title[len(prefix.group(0)):]
    text = join_text(item.blocks)
    page_starts = _page_starts(item.blocks)
    # A listing's author box and metadata belong to the page, not to each item.
    tail = [] if is_listing else cleaned.tail
    meta = {} if is_listing else extracted.meta
    opening = extracted.opening or text
    doc_type, type_evidence = classify_type(title, text, type_hint or _known_type(meta))
    language = _language(meta, title, text)
    doc = Document(
        id="", title=title, text=text,
        authors=_authors(meta, opening, tail) or names_under_title(
            [b.text for b in item.blocks[:4]]),
        date=parse_date(meta.get("date")) or find_date(opening),
        type=doc_type, type_evidence=type_evidence,
        program=meta.get("program") or extract_program("\n".join(item.labels + tail))
        or extract_program(text),
        series=meta.get("series") or extract_series(title, text),
        source_url=web_url(meta.get("url")),
        summary=summarize(meta.get("description") or text),
        topics=tag_topics(title, text, vocabulary, language), language=language,
        page_starts=page_starts,
    )
    doc.provenance = _provenance(doc, item, extracted, meta, type_hint)
    return doc


def _page_starts(blocks) -> list[int]:
    """Where each PDF page after the first starts in join_text(blocks): the offset of the
    first paragraph that starts on it (a page that only continues a paragraph has none,
    and counts from the next page's start)."""
    starts, offset, seen = [], 0, 1
    for block in blocks:
        if block.page and block.page > seen:
            starts += [offset] * (block.page - seen)
            seen = block.page
        offset += len(block.text) + 2
    return starts


def _provenance(doc: Document, item: Item, extracted: Extracted, meta: dict,
                type_hint: str | None) -> dict[str, str]:
    """Where each filled field came from: what the extractor says for the values it gave,
    'text' for what was found in the words, 'guessed' for a classifier's judgement."""
    stated = extracted.sources
    given = {"authors": bool(meta.get("authors")), "date": bool(parse_date(meta.get("date"))),
             "program": bool(meta.get("program")), "series": bool(meta.get("series")),
             "source_url": bool(meta.get("url")), "summary": bool(meta.get("description")),
             "type": bool(_known_type(meta))}
    keys = {"source_url": "url", "summary": "description"}
    found = {name: stated.get(keys.get(name, name), "meta") if given[name] else "text"
             for name in given if getattr(doc, name)}
    if not given["type"]:
        found["type"] = "title" if type_hint else "guessed"
    found["title"] = stated.get("title", "text") if extracted.title and \
        normalize(item.title) == normalize(extracted.title) else "text"
    found["language"] = "meta" if (meta.get("language") or "")[:2].lower() in LANGUAGES \
        else "guessed"
    return found


def _language(meta: dict, title: str, text: str) -> str:
    """The page's own lang attribute when it names en or es, else the detector's guess."""
    stated = (meta.get("language") or "").lower()[:2]
    if stated in LANGUAGES:
        return stated
    return detect_language(f"{title}\n{text}")[0]


def _known_type(meta: dict) -> str | None:
    value = (meta.get("type") or "").lower()
    return value if value in CONTENT_TYPES else None


def _authors(meta: dict, text: str, tail: list[str]) -> list[str]:
    names = list(meta.get("authors", [])) + extract_authors(text) + authors_from_author_box(tail)
    return list(dict.fromkeys(n for n in names if n))


def summarize(text: str) -> str:
    """The first sentences of the text, up to about SUMMARY_CHARS characters."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[:end + 1] if end > SUMMARY_CHARS // 3 else cut.rsplit(" ", 1)[0] + "…"
