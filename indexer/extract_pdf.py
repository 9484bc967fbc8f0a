"""Pure PDF extraction with pypdf: text layer and document information."""
from __future__ import annotations

import re

from indexer.errors import UnreadableDocument
from indexer.extract import Block, Extracted, pdf_text
from indexer.metadata import extract_authors, extract_program, find_date
from indexer.pdf_cover import (cover_lines, cover_title, lines_after_title,
                               plausible_info_authors, plausible_info_title)

# A series named on the cover and the content type it implies.
_SERIES_CUE = re.compile(r"\b(?P<name>working paper|special report|policy brief|issue brief|"
                         r"research paper|testimony)s?\b(?:\s+(?:no\.?|number|#)\s*\d+)?",
                         re.IGNORECASE)
_SERIES_TYPES = {"paper": "report", "report": "report", "brief": "brief",
                 "testimony": "testimony"}


def extract_pdf(data: bytes, filename: str | None = None) -> Extracted:
    """A PDF is one document: its title, byline, date and series read from the cover."""
    pages, info = pdf_text(data, filename)
    text = "\n".join(pages)
    if len(re.findall(r"\w", text)) < 20:
        raise UnreadableDocument("the PDF has no text layer (a scan?); nothing to index",
                                 source=filename)
    first_page = pages[0] if pages else ""
    lines = cover_lines(data)
    title = cover_title(lines) or plausible_info_title(_info(info, "/Title"), first_page)
    whole_cover = "\n".join(line.text for line in lines) or first_page
    cover = "\n".join(lines_after_title(lines, title)) if lines else first_page
    meta = _cover_meta(cover, whole_cover, first_page)
    if not meta.get("authors"):
        named = re.split(r";|,| and ", _info(info, "/Author") or "")
        authors = plausible_info_authors(named)
        if authors:
            meta["authors"] = authors
    created = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", _info(info, "/CreationDate") or "")
    if "date" not in meta and created:
        meta["date"] = "-".join(p for p in created.groups() if p)
    blocks = [Block(line) for line in _join_wrapped_lines(text)]
    return Extracted(kind="pdf", blocks=blocks, title=title, meta=meta, single=True,
                     opening=cover)


def _cover_meta(cover: str, whole_cover: str, first_page: str) -> dict:
    """What the cover says of itself: byline, month and year, series and number, program.

    cover is the page below the title (where the byline and date stand); whole_cover
    includes what is above it (a series line, the program's name)."""
    meta: dict = {}
    authors = extract_authors(cover[:1500]) or extract_authors(first_page[:3000])
    if authors:
        meta["authors"] = authors
    found = find_date(cover[:1500])
    if found:
        meta["date"] = found
    series = _SERIES_CUE.search(whole_cover[:1500])
    if series:
        name = re.sub(r"\s+", " ", series.group("name")).title().replace("No.", "")
        meta["series"] = name.strip()
        meta["type"] = _SERIES_TYPES[series.group("name").lower().split()[-1]]
    program = extract_program(whole_cover[:1500])
    if program:
        meta["program"] = program
    return meta


def _info(info, key: str) -> str | None:
    try:
        value = info.get(key)
    except Exception:  # pypdf resolves indirect objects lazily; a broken one is just absent
        return None
    return str(value).strip() if value else None


def _join_wrapped_lines(text: str) -> list[str]:
    """PDF text wraps paragraphs at the page width; join a line that runs on into the next."""
    lines, current = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if current:
                lines.append(current)
            current = ""
            continue
        if current and not re.search(r"[.!?:\u201d\"]$", current) and len(current) > 60:
            current = current[:-1] if current.endswith("-") else current + " "
            current += line
        else:
            if current:
                lines.append(current)
            current = line
    if current:
        lines.append(current)
    return lines
