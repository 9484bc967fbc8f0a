"""Pure PDF extraction with pypdf: text layer and document information."""
from __future__ import annotations

import re

from indexer.errors import UnreadableDocument
from indexer.extract import Block, Extracted, pdf_text


def extract_pdf(data: bytes, filename: str | None = None) -> Extracted:
    pages, info = pdf_text(data, filename)
    text = "\n".join(pages)
    if len(re.findall(r"\w", text)) < 20:
        raise UnreadableDocument("the PDF has no text layer (a scan?); nothing to index",
                                 source=filename)
    meta: dict = {}
    author = _info(info, "/Author")
    if author:
        meta["authors"] = [a.strip() for a in re.split(r";|,| and ", author) if a.strip()]
    created = _info(info, "/CreationDate")
    match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", created or "")
    if match:
        meta["date"] = "-".join(p for p in match.groups() if p)
    title = _info(info, "/Title")
    blocks = [Block(line) for line in _join_wrapped_lines(text)]
    return Extracted(kind="pdf", blocks=blocks, title=title, meta=meta)


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
