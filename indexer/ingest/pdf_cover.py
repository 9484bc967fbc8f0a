"""Pure reading of a PDF's first page as a reader sees it: lines with their font sizes.

A real PDF's document information is rarely what its cover says: it holds the file
name ("Microsoft Word - WP12_final.docx"), a layout template's name ("Layout 1"), a
document number, or the typist's login. The cover prints the title largest near the
top, so the title is taken from the text layer's font sizes (pypdf's text visitor,
already a dependency: measured against pdfplumber on the test covers, both found the
same lines; pypdf needs no second parser), and the information is used only when it
looks like a title or a name and agrees with the page.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

# Lines within this fraction of the largest size belong to the title (a title wraps).
TITLE_SIZE_RATIO = 0.92
# The cover's body text is at most this size relative to the title; a page whose
# largest text is no bigger than its body has no typographic title.
MIN_TITLE_TO_BODY = 1.25
MAX_TITLE_LINES = 4

_JUNK_TITLE = re.compile(
    r"(\.(docx?|pdf|indd|pptx?|rtf|odt|qxp|ai|psd)\b|^microsoft\s+(word|powerpoint)\b|"
    r"^(untitled|document\d*|layout\s*\d*|presentation\d*|slide\s*\d+|template|draft|"
    r"final|new document|powerpoint presentation)\b|^[A-Z]{1,6}[-_ ]?\d[\w-]*$|_)",
    re.IGNORECASE)
# Logins and job titles word processors put in the author property.
_JUNK_AUTHOR = re.compile(r"\b(admin(istrator)?|user|owner|staff|author|unknown|office|manager|"
                          r"assistant|secretary|intern|reception|communications|team|department|"
                          r"microsoft|windows)\b", re.IGNORECASE)


@dataclass
class Line:
    text: str
    size: float
    top: float          # distance from the top of the page, in points


def cover_lines(data: bytes) -> list[Line]:
    """The first page's lines from the top, each with its largest effective font size."""
    try:
        from pypdf import PdfReader
        page = PdfReader(io.BytesIO(data)).pages[0]
        height = float(page.mediabox.height)
        pieces: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
                y = tm[5] * cm[3] + cm[5]
                pieces.append((height - y, size * scale, text))

        page.extract_text(visitor_text=visit)
    except Exception:   # noqa: BLE001 - a cover that cannot be read gives no hints
        return []
    return _group_lines(pieces)


def _group_lines(pieces: list[tuple[float, float, str]]) -> list[Line]:
    lines: list[Line] = []
    for top, size, text in sorted(pieces, key=lambda p: p[0]):
        if lines and abs(lines[-1].top - top) < max(2.0, size * 0.3):
            lines[-1].text += text if lines[-1].text.endswith(" ") or text.startswith(" ") \
                else " " + text
            lines[-1].size = max(lines[-1].size, size)
        else:
            lines.append(Line(text, size, top))
    for line in lines:
        line.text = re.sub(r"\s+", " ", line.text).strip()
    return [line for line in lines if line.text]


def cover_title(lines: list[Line]) -> str | None:
    """The largest text of the upper half of the page, its wrapped lines joined."""
    if not lines:
        return None
    body = sorted(line.size for line in lines)[len(lines) // 2]
    page_top = lines[0].top
    upper = [line for line in lines if line.top <= page_top + 450] or lines
    largest = max(line.size for line in upper)
    if largest < body * MIN_TITLE_TO_BODY:
        return None
    start = next(i for i, line in enumerate(lines) if line.size == largest and line in upper)
    title = [lines[start].text]
    for line in lines[start + 1:start + MAX_TITLE_LINES]:
        if line.size < largest * TITLE_SIZE_RATIO:
            break
        title.append(line.text)
    text = " ".join(title).strip()
    return text if re.search(r"[A-Za-zÀ-ÿ]{3}", text) else None


def lines_after_title(lines: list[Line], title: str | None) -> list[str]:
    """The cover's lines below the title (subtitle, byline, series, date), in order."""
    if not title:
        return [line.text for line in lines]
    texts = [line.text for line in lines]
    for i, text in enumerate(texts):
        if text and text in title:
            rest = i + 1
            while rest < len(texts) and texts[rest] in title:
                rest += 1
            return texts[rest:]
    return texts


def plausible_info_title(value: str | None, page_text: str) -> str | None:
    """The document information's title when it looks like one and the page says it too."""
    value = (value or "").strip()
    if not value or _JUNK_TITLE.search(value) or len(value.split()) < 2:
        return None
    words = [w for w in re.findall(r"\w{3,}", value.lower())]
    page = page_text.lower()
    found = sum(1 for w in words if w in page)
    return value if words and found / len(words) >= 0.6 else None


def plausible_info_authors(names: list[str]) -> list[str]:
    """Information authors shaped like personal names, not a login or 'Administrator'.

    Only asked when the pages name no author themselves: then the information's name
    is all there is (a librarian checks it on the review form)."""
    return [name.strip() for name in names
            if not _JUNK_AUTHOR.search(name) and len(name.split()) >= 2
            and re.fullmatch(r"[A-ZÀ-Ý][\w.'’-]*(?:\s+[\w.'’-]+){1,3}", name.strip())]
