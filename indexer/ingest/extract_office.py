"""Pure extraction of word-processor files: Word .docx (python-docx) and RTF (striprtf).

Both are one document each, like a PDF. Their own properties (a .docx's core
properties, an RTF's \\info group) are junk as often as a PDF's information (a template
name, the typist), so they pass the same plausibility checks, and the first heading
or the Title-styled paragraph comes first.
"""
from __future__ import annotations

import io
import re
import zipfile

from indexer.core.errors import DocumentTooLarge, UnreadableDocument
from indexer.ingest.extract import Block, Extracted
from indexer.ingest.metadata import extract_authors, find_date, names_under_title
from indexer.ingest.pdf_cover import plausible_info_authors, plausible_info_title

# A .docx is a zip: cap what its document part may inflate to (a zip bomb is small).
MAX_DOCX_XML_BYTES = 50_000_000
_RTF_INFO = re.compile(r"\{\\(title|author|creatim)\s*([^{}]*)\}", re.IGNORECASE)
_RTF_TIME = re.compile(r"\\yr(\d{4})(?:\\mo(\d{1,2}))?(?:\\dy(\d{1,2}))?")


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def extract_docx(data: bytes, filename: str | None = None) -> Extracted:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo("word/document.xml").file_size > MAX_DOCX_XML_BYTES:
                raise DocumentTooLarge("the Word document inflates to too much text",
                                       source=filename)
        import docx
        document = docx.Document(io.BytesIO(data))
        blocks = [_docx_block(p) for p in document.paragraphs if p.text.strip()]
        blocks += [Block(cell.text.strip()) for table in document.tables
                   for row in table.rows for cell in row.cells if cell.text.strip()]
        props = document.core_properties
    except (DocumentTooLarge, UnreadableDocument):
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a bad file
        raise UnreadableDocument("the Word document could not be read ({error})",
                                 error=type(exc).__name__, source=filename) from exc
    text = "\n".join(b.text for b in blocks)
    styled = next((b.text for b in blocks if b.heading), None)
    created = props.created.date().isoformat() if props.created else None
    meta, sources = _page_first(text[:3000], props.author, created)
    title = styled or plausible_info_title(props.title, text[:5000])
    sources["title"] = "heading" if styled else "docinfo"
    return Extracted(kind="docx", blocks=blocks, title=title, meta=meta, single=True,
                     opening=text[:3000], sources=sources)


def _docx_block(paragraph) -> Block:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    return Block(paragraph.text.strip(), heading=style.lower().startswith(("title", "heading")))


def extract_rtf(text: str, filename: str | None = None) -> Extracted:
    from striprtf.striprtf import rtf_to_text

    info = {key.lower(): value.strip() for key, value in _RTF_INFO.findall(text[:20000])}
    try:
        plain = rtf_to_text(text, errors="ignore")
    except Exception as exc:  # noqa: BLE001 - a malformed RTF
        raise UnreadableDocument("the RTF file could not be read", source=filename) from exc
    blocks = [Block(line.strip()) for line in plain.splitlines() if line.strip()]
    stamp = _RTF_TIME.match(info.get("creatim", ""))
    created = "-".join(f"{int(p):02d}" if len(p) < 4 else p
                       for p in stamp.groups() if p) if stamp else None
    meta, sources = _page_first(plain[:3000], info.get("author"), created)
    printed = _largest_run(text)
    title = printed or plausible_info_title(info.get("title"), plain[:5000])
    sources["title"] = "heading" if printed else "docinfo"
    return Extracted(kind="rtf", blocks=blocks, title=title, meta=meta, single=True,
                     opening=plain[:3000], sources=sources)


def _page_first(opening: str, stated_author: str | None,
                created: str | None) -> tuple[dict, dict]:
    """The byline and date the text prints, else the file's own author and creation
    date; and where each came from."""
    meta: dict = {}
    sources: dict = {}
    printed = extract_authors(opening) or names_under_title(opening.splitlines()[1:6])
    authors = printed or plausible_info_authors(re.split(r";|,| and ", stated_author or ""))
    if authors:
        meta["authors"], sources["authors"] = authors, "text" if printed else "docinfo"
    date = find_date(opening)
    if date or created:
        meta["date"], sources["date"] = date or created, "text" if date else "docinfo"
    return meta, sources


RTF_DEFAULT_SIZE = 24          # half-points
# \\fsN, then control words, then the run's text (accented letters as \\'e9 or \\u233?).
_RTF_RUN = re.compile(r"\\fs(\d+)((?:\\[a-z]+-?\d* ?|\s)*)"
                      r"((?:[^\\{}\r\n]|\\'[0-9a-fA-F]{2}|\\u-?\d+\??){3,300})")


def _largest_run(text: str) -> str | None:
    """The first text an RTF prints larger than its body (its \\fs size), as a title."""
    from striprtf.striprtf import rtf_to_text

    runs = [(int(size), words.strip()) for size, _, words in _RTF_RUN.findall(text[:50000])]
    runs = [(size, words) for size, words in runs if re.search(r"[A-Za-z]{3}", words)]
    if not runs:
        return None
    # The body is the smallest size set, or RTF's default of 12 points (\\fs24) when the
    # body text follows a larger title without a size of its own.
    body = min([size for size, _ in runs] + [RTF_DEFAULT_SIZE])
    for size, words in runs:
        if size > body:
            return rtf_to_text("{\\rtf1 " + words + "}", errors="ignore").strip() or None
    return None
