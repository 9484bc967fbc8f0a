"""Pure PDF extraction with pypdf: text layer and document information."""
from __future__ import annotations

import re
from datetime import date

from indexer.core.errors import UnreadableDocument
from indexer.analysis.lexicon import is_word
from indexer.ingest.clean import join_line_end_hyphen, mend_split_words, strip_page_furniture
from indexer.ingest.extract import Block, Extracted, PageProgress, pdf_text
from indexer.ingest.classify import type_of_kind
from indexer.ingest.metadata import (extract_authors, extract_program, find_date, names_under_title,
                                     titlecase_name)
from indexer.ingest.pdf_cover import (cover_lines, cover_title, lines_after_title,
                                      plausible_info_authors, plausible_info_title)

# A series named on the cover and the content type it implies.
_SERIES_CUE = re.compile(r"\b(?P<name>working paper|special report|policy brief|issue brief|"
                         r"research paper|testimony|documento de trabajo|informe especial|"
                         r"nota de política|testimonio)s?\b(?:\s+(?:no\.?|number|núm\.?|#)\s*"
                         r"\d+)?(?:\s*[|·]?\s*(?P<dated>\d{1,2}\.\d{1,2}\.\d{2}))?",
                         re.IGNORECASE)
_SERIES_TYPES = {"paper": "report", "report": "report", "brief": "brief",
                 "testimony": "testimony", "trabajo": "report", "especial": "report",
                 "política": "brief", "testimonio": "testimony"}
# A program or center named on a cover line of its own ("MEXICO INSTITUTE").
_PROGRAM_LINE = re.compile(r"\b(program|programa|institute|instituto|center|centre|centro|"
                           r"initiative|iniciativa)\b", re.IGNORECASE)


def extract_pdf(data: bytes, filename: str | None = None,
                progress: PageProgress | None = None) -> Extracted:
    """A PDF is one document: its title, byline, date and series read from the cover."""
    pages, info = pdf_text(data, filename, progress)
    text = "\n".join(pages)
    if len(re.findall(r"\w", text)) < 20:
        raise UnreadableDocument("the PDF has no text layer (a scan?); nothing to index",
                                 source=filename)
    lines = cover_lines(data)
    first_page = pages[0] if pages else ""
    title = cover_title(lines)
    sources = {"title": "cover"}
    if not title:
        title, sources["title"] = plausible_info_title(_info(info, "/Title"), first_page), \
            "docinfo"
    cover = [line.text for line in lines] or first_page.splitlines()
    below = lines_after_title(lines, title) if lines else cover
    above = cover[:len(cover) - len(below)]
    meta, read_from = _cover_meta(above, below, "\n".join(pages[:3]))
    sources.update(read_from)
    if not meta.get("authors"):
        named = re.split(r";|,| and ", _info(info, "/Author") or "")
        authors = plausible_info_authors(named)
        if authors:
            meta["authors"], sources["authors"] = authors, "docinfo"
    created = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", _info(info, "/CreationDate") or "")
    if "date" not in meta and created:
        meta["date"], sources["date"] = "-".join(p for p in created.groups() if p), "docinfo"
    blocks = [Block(text, page=page) for page, text in _body_paragraphs(pages)]
    body = _after_cover(blocks, set(cover) | {title or ""})
    if body:        # the summary starts with the text, not the cover's lines
        meta["description"], sources["description"] = body, "text"
    return Extracted(kind="pdf", blocks=blocks, title=title, meta=meta, single=True,
                     opening="\n".join(below), sources=sources)


def _after_cover(blocks: list[Block], cover: set[str]) -> str:
    """The report's first paragraphs of prose, past its cover, a board list or a
    running head: what a reader would take for its opening."""
    prose = [b.text for b in blocks if b.text not in cover and _is_prose(b.text)]
    return " ".join(prose[:2])


def _is_prose(text: str) -> bool:
    """Sentences, not a list of names or a heading: long, mostly lower-case words."""
    words = text.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(text) >= 100 and capitalised < 0.4 * len(words) and "." in text


def _cover_meta(above: list[str], below: list[str], opening: str) -> tuple[dict, dict]:
    """What the cover says of itself: byline, month and year, series and number, program.

    above and below are the cover's lines over and under the title (a series line and
    the program stand over it, the byline and date under it); opening is the first
    pages' text, where a report may name its author ("This report was written by").
    Returns the fields and where each was read (the cover, or the text for authors)."""
    meta: dict = {}
    in_text = False
    under, whole = "\n".join(below)[:1500], "\n".join(above + below)[:2000]
    authors = names_under_title(below[:4]) or extract_authors(under)
    if not authors:         # "This report was written by ...", past a board page
        authors = extract_authors(opening[:6000])
        in_text = bool(authors)
    if authors:
        meta["authors"] = authors
    series = _SERIES_CUE.search(whole)
    date = find_date(under) or _dated_number(series) or find_date(whole)
    if date:
        meta["date"] = date
    if series:
        name = re.sub(r"\s+", " ", series.group("name"))
        meta["series"] = titlecase_name(name) if name.isupper() or name.islower() else name
        meta["type"] = _SERIES_TYPES[name.lower().split()[-1]]
    else:
        kind = next((type_of_kind(line) for line in above if len(line.split()) <= 3
                     and type_of_kind(line)), None)
        if kind:
            meta["type"] = kind
    program = next((_program_name(line) for line in above + below[:3]
                    if _program_name(line)), None) or extract_program(whole)
    if program:
        meta["program"] = program
    sources = {key: "cover" for key in meta}
    if in_text:
        sources["authors"] = "text"
    return meta, sources


def _program_name(line: str) -> str | None:
    """A cover line that is only a program's name, in its printed case or title case."""
    line = line.strip(" |·")
    if not _PROGRAM_LINE.search(line) or len(line.split()) > 8 or re.search(r"\d", line):
        return None
    if "," in line:           # "Director, Latin American Program" is a role, not the program
        return None
    return titlecase_name(line) if line.isupper() else line


def _dated_number(series) -> str | None:
    """'ISSUE BRIEF 10.17.18': a brief numbered by its date (month.day.year)."""
    if not series or not series.group("dated"):
        return None
    month, day, year = (int(p) for p in series.group("dated").split("."))
    try:
        return date(2000 + year if year < 100 else year, month, day).isoformat()
    except ValueError:
        return None


def _info(info, key: str) -> str | None:
    try:
        value = info.get(key)
    except Exception:  # pypdf resolves indirect objects lazily; a broken one is just absent
        return None
    return str(value).strip() if value else None


def _body_paragraphs(pages: list[str]) -> list[tuple[int, str]]:
    """The text as a reader sees it, each paragraph with the page it starts on: no page
    numbers or running heads, wrapped lines joined into paragraphs (across a page end
    too), and the words the text layer cut mended."""
    lines = [(number, line) for number, page in enumerate(strip_page_furniture(pages), 1)
             for line in page.splitlines()]
    paragraphs = _join_wrapped_lines(lines)
    own_words = {w.lower() for _, text in paragraphs for w in re.findall(r"[^\W\d_]+", text)}
    return [(page, mend_split_words(text, is_word, own_words)) for page, text in paragraphs]


def _join_wrapped_lines(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """PDF text wraps paragraphs at the page width; join a line that runs on into the next
    (a line ending in a cut word's hyphen always runs on). Lines are (page, text)."""
    paragraphs, current, start = [], "", 0
    for page, raw in lines:
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append((start, current))
            current = ""
            continue
        if current and (re.search(r"[^\W\d_]-$", current) or len(current) > 60
                        and not re.search(r"[.!?:\u201d\"]$", current)):
            current = join_line_end_hyphen(current, line, is_word) \
                if current.endswith("-") else current + " " + line
        else:
            if current:
                paragraphs.append((start, current))
            current, start = line, page
    if current:
        paragraphs.append((start, current))
    return paragraphs
