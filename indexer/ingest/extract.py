"""Pure extraction: bytes (+ an optional file name) -> kind, text blocks and raw metadata.

A block is one line or paragraph of the page, marked when the page itself says it
is a heading (HTML h1-h6). Plain-text dumps carry no such marks; segment.py
guesses their headings.
"""
from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field
from typing import Callable

from indexer.core.errors import DocumentTooLarge, UnreadableDocument, UnsupportedKind

MAX_PDF_PAGES = 2000
MAX_PDF_CHARS = 5_000_000
# A zip-bomb-like PDF is small on disk but its pages' content streams inflate to
# megabytes of drawing operations that pypdf parses at well under 1 MB/s (pages can
# even share one stream). Cap what a page and the file may inflate to, and the time.
MAX_PAGE_CONTENT_BYTES = 2_000_000
MAX_PDF_CONTENT_BYTES = 32_000_000
MAX_PDF_SECONDS = 15.0
# A page can draw one form XObject thousands of times (each draw parses and walks the
# form again): a 4 kB file drew 3,000 forms of 2,000 operations, 150 s on one page. So
# the operations walked (forms included) and the time are checked inside the page too.
MAX_PDF_OPERATIONS = 1_000_000
_CLOCK_EVERY = 1_000        # operations between two looks at the clock
# Told after each page of a PDF is read: (pages read, pages in all). A 24-page report
# takes about 20 s, so the upload form shows it (webapp.progress).
PageProgress = Callable[[int, int], None]
# BeautifulSoup walks the whole tree for each metadata look-up: cap the elements.
MAX_HTML_ELEMENTS = 50_000

# Magic numbers of files people upload by mistake: answer 415, not "unreadable".
_FOREIGN_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)", b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document", b"Rar!": "a RAR archive",
    b"\x7fELF": "a program", b"MZ": "a Windows program", b"ID3": "an MP3 file",
}
_TAG_RE = re.compile(r"<[A-Za-z]")
_HTML_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main|div|p|h[1-6])\b",
                      re.IGNORECASE)


@dataclass
class Block:
    text: str
    heading: bool = False
    page: int | None = None     # a PDF's page (from 1) where the block starts


@dataclass
class Extracted:
    kind: str                                   # html, pdf, docx, rtf, text
    blocks: list[Block]
    title: str | None = None
    meta: dict = field(default_factory=dict)    # authors, date, type, description, url, ...
    # One document whatever its lines look like (a PDF is never a listing).
    single: bool = False
    # Where the document names its authors and date (a PDF's cover); None: its whole text.
    opening: str | None = None
    # Where the title and each meta field were read: structured (JSON-LD), meta (tags),
    # header (the article's own header), cover (a PDF's first page), heading (a Word or
    # RTF file's title style or size), docinfo (the file's own properties), text.
    sources: dict = field(default_factory=dict)


def detect_kind(data: bytes, filename: str | None = None) -> str:
    """'pdf', 'docx', 'rtf', 'html' or 'text', judged from the content (the name only
    breaks ties)."""
    if not data.strip():
        raise UnreadableDocument("the file is empty", source=filename)
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        from indexer.ingest.extract_office import is_docx
        if is_docx(data):
            return "docx"
    for magic, what in _FOREIGN_MAGIC.items():
        if data.startswith(magic):
            raise UnsupportedKind("this is {what}, not HTML, PDF or text", what=what,
                                  source=filename)
    text = decode_text(data, filename)
    if _HTML_RE.search(text[:4096]) or (filename or "").lower().endswith((".html", ".htm")) \
            and "<" in text[:4096]:
        return "html"
    return "text"


def decode_text(data: bytes, filename: str | None = None) -> str:
    """Decode with the text's real encoding: UTF-8 if it is, else what charset-normalizer finds."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableDocument("binary content, not text", source=filename)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument("the text encoding could not be recognised", source=filename)
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise UnreadableDocument("binary content, not text", source=filename)
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / max(1, len(sample))


def check_size(data: bytes, max_bytes: int, filename: str | None = None) -> None:
    if len(data) > max_bytes:
        raise DocumentTooLarge("{size:,} bytes is over the limit of {limit:,} bytes",
                               size=len(data), limit=max_bytes, source=filename)


def extract(data: bytes, filename: str | None = None, kind: str | None = None,
            progress: PageProgress | None = None) -> Extracted:
    kind = kind or detect_kind(data, filename)
    if kind == "pdf":
        from indexer.ingest.extract_pdf import extract_pdf
        return extract_pdf(data, filename, progress)
    if kind == "docx":
        from indexer.ingest.extract_office import extract_docx
        return extract_docx(data, filename)
    text = decode_text(data, filename)
    if kind == "rtf":
        from indexer.ingest.extract_office import extract_rtf
        return extract_rtf(text, filename)
    if kind == "html":
        from indexer.ingest.extract_html import extract_html
        if len(_TAG_RE.findall(text)) > MAX_HTML_ELEMENTS:
            raise DocumentTooLarge(f"the HTML has over {MAX_HTML_ELEMENTS:,} elements",
                                   source=filename)
        return extract_html(text, filename)
    return extract_plain(text)


def extract_plain(text: str) -> Extracted:
    blocks = [Block(line) for line in text.splitlines()]
    return Extracted(kind="text", blocks=blocks)


def pdf_text(data: bytes, filename: str | None = None, progress: PageProgress | None = None):
    """(pages' text, metadata) of a PDF via pypdf; errors become UnreadableDocument."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument("the PDF is encrypted", source=filename)
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableDocument("the PDF has over {pages} pages", pages=MAX_PDF_PAGES,
                                     source=filename)
        return _pages_text(reader, filename, progress), (reader.metadata or {})
    except UnreadableDocument:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError,
            RecursionError, IndexError, ZeroDivisionError, AssertionError) as exc:
        raise UnreadableDocument("the PDF could not be read ({error})",
                                 error=type(exc).__name__, source=filename) from exc


class _OverBudget(BaseException):
    """Raised from inside pypdf's walk of a page; a BaseException because pypdf swallows
    an Exception raised while it walks a form XObject, and would go on to the next draw."""


class _Budget:
    """Counts the drawing operations pypdf walks (pypdf calls it before each one)."""

    def __init__(self):
        self.operations, self.started = 0, time.monotonic()

    def __call__(self, operator, operands, cm, tm) -> None:
        self.operations += 1
        if self.operations > MAX_PDF_OPERATIONS:
            raise _OverBudget(DocumentTooLarge(
                "the PDF takes over {operations:,} drawing operations to read",
                operations=MAX_PDF_OPERATIONS))
        if self.operations % _CLOCK_EVERY == 0:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() - self.started > MAX_PDF_SECONDS:
            raise _OverBudget(DocumentTooLarge("the PDF takes over {seconds:g} s to read",
                                               seconds=MAX_PDF_SECONDS))


def _pages_text(reader, filename: str | None, progress: PageProgress | None) -> list[str]:
    """Each page's text, within the limits on inflated content, operations, characters and
    time (the last two checked inside a page too)."""
    budget = _Budget()
    try:
        return _read_pages(reader, filename, budget, progress)
    except _OverBudget as over:
        error = over.args[0]
        error.source = filename
        raise error from None


def _read_pages(reader, filename: str | None, budget: _Budget,
                progress: PageProgress | None) -> list[str]:
    pages, chars, inflated, total = [], 0, 0, len(reader.pages)
    for page in reader.pages:
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        inflated += size
        if size > MAX_PAGE_CONTENT_BYTES or inflated > MAX_PDF_CONTENT_BYTES:
            raise DocumentTooLarge("the PDF's pages inflate to too much content to read",
                                   source=filename)
        text = page.extract_text(visitor_operand_before=budget) or ""
        chars += len(text)
        if chars > MAX_PDF_CHARS:
            raise UnreadableDocument("the PDF's text is too large", source=filename)
        budget.check_time()
        pages.append(text)
        if progress:
            progress(len(pages), total)
    return pages
