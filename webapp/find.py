"""The document page's "find in this document": the text as paragraphs, the words found
marked (<mark id="match-N">, numbered through the document) so a reader can jump from
one to the next (upload.js's neighbour, archivo.js, adds Previous and Next)."""
from __future__ import annotations

from markupsafe import Markup, escape

from indexer.search.highlighting import find_in_text

MAX_FIND_CHARS = 200


def marked_paragraphs(text: str, find: str, language: str) -> tuple[list[Markup], int]:
    """(paragraphs as escaped HTML, the number of matches). Without find, just escaped."""
    paragraphs, number = [], 0
    for paragraph in (text or "").split("\n\n"):
        if not paragraph.strip():
            continue
        parts, last = [], 0
        for start, end in find_in_text(paragraph, find, language) if find else []:
            number += 1
            parts += [escape(paragraph[last:start]),
                      Markup('<mark id="match-%d">%s</mark>') % (number, paragraph[start:end])]
            last = end
        parts.append(escape(paragraph[last:]))
        paragraphs.append(Markup("").join(parts))
    return paragraphs, number
