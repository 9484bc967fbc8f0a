"""Pure segmentation: a listing page (a topic page listing several publications) -> items.

A page is a listing when it opens with two headings in a row (the page's own label,
then the first item's title) and carries at least three item headings, each
followed by a short teaser. Plain-text dumps have no heading marks, so a short line
without a closing full stop is taken for a heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.ingest.extract import Block
from indexer.ingest.metadata import parse_date

MAX_HEADING_WORDS = 18
MAX_TEASER_BLOCKS = 3
# A dumped article's date or byline stands this close to the top.
DATELINE_WITHIN = 12


@dataclass
class Item:
    title: str
    blocks: list[Block] = field(default_factory=list)
    # Lines over a dumped article's title: the site's section labels ("Mexico Institute").
    labels: list[str] = field(default_factory=list)


@dataclass
class Segmented:
    label: str | None          # the listing page's own title ("Border Security")
    items: list[Item]
    is_listing: bool


_BYLINE_OR_DATE = re.compile(r"^(?:by|por|written by|escrito por)\s", re.IGNORECASE)


def looks_like_heading(block: Block) -> bool:
    if block.heading:
        return True
    text = block.text.strip()
    words = text.split()
    return (0 < len(words) <= MAX_HEADING_WORDS and len(text) <= 150
            and not re.search(r"[.,;:]$", text) and text[0].isupper() | text[0].isdigit()
            and not _is_byline_or_date(text))


def _is_byline_or_date(text: str) -> bool:
    """A dump's 'By ...', 'March 14, 2019' or 'Mexico Institute | April 8, 2022' line
    belongs to the article above it."""
    if _BYLINE_OR_DATE.match(text):
        return True
    return any(parse_date(part) and len(re.sub(r"[\W\d_]", "", part)) <= 16
               for part in re.split(r"\s[|·•]\s", text))


def _dateline_title(blocks: list[Block], marks: list[bool]) -> int | None:
    """The title of a dumped article: the heading right above its date or byline line
    (the lines over it are the site's section labels, copied with the page)."""
    for j, block in enumerate(blocks[:DATELINE_WITHIN]):
        if _is_byline_or_date(block.text.strip()):
            return next((i for i in range(j - 1, -1, -1) if marks[i]), None)
    return None


def segment(blocks: list[Block], title_hint: str | None = None,
            single: bool = False) -> Segmented:
    """Split a listing into items; any other page is one item titled by its first heading.

    single: the file is one document whatever its lines look like (a PDF's short lines
    are not item headings)."""
    marks = [looks_like_heading(b) for b in blocks]
    if not single and _is_listing(marks):
        return Segmented(label=blocks[0].text, items=_items(blocks[1:], marks[1:]),
                         is_listing=True)
    if title_hint:
        body = [b for b in blocks if b.text.strip() != title_hint.strip()]
        return Segmented(label=None, items=[Item(title_hint, body)], is_listing=False)
    title_at = _dateline_title(blocks, marks)
    if title_at is not None:
        item = Item(blocks[title_at].text, blocks[title_at + 1:],
                    labels=[b.text for b in blocks[:title_at]])
        return Segmented(label=None, items=[item], is_listing=False)
    if blocks and marks[0]:
        return Segmented(label=None, items=[Item(blocks[0].text, blocks[1:])], is_listing=False)
    return Segmented(label=None, items=[Item("", blocks)], is_listing=False)


def _is_listing(marks: list[bool]) -> bool:
    if len(marks) < 4 or not (marks[0] and marks[1]):
        return False
    headings = sum(marks[1:])
    # Several items, each a title with its own text (not a run of short lines).
    with_text = sum(1 for here, after in zip(marks[1:], marks[2:]) if here and not after)
    if headings < 3 or with_text < 3:
        return False
    teasers = len(marks) - 1 - headings
    return teasers <= headings * MAX_TEASER_BLOCKS


def _items(blocks: list[Block], marks: list[bool]) -> list[Item]:
    items: list[Item] = []
    for block, is_heading in zip(blocks, marks):
        # A heading right after a heading with no teaser is still a new item.
        if is_heading:
            items.append(Item(block.text))
        elif items:
            items[-1].blocks.append(block)
    return items
