"""Pure cleaning: Unicode/whitespace normalisation and page-boilerplate removal.

Boilerplate comes in two shapes on the institute's pages: single lines of chrome
("Skip to main content", "Read More", subscribe prompts) anywhere in the page, and
the trailing author box + institute blurb that starts at "About the Author". The
trailing part is cut from the text but returned, because it names the authors and
the program.
"""
from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass, field

from indexer.ingest.extract import Block

_CHROME_LINES = [
    r"skip to (main )?content", r"support", r"menu", r"search", r"close", r"home",
    r"read more", r"read more\W*", r"learn more", r"view all", r"see all", r"load more",
    r"share( this)?", r"print", r"email", r"facebook", r"twitter", r"linkedin", r"x",
    r"subscribe( now)?", r"donate", r"back to top", r"next", r"previous",
    r"(download|get) the (pdf|report|brief)", r"download", r"listen", r"watch",
    r"related (content|publications|programs)", r"more from .{0,40}", r"topics?",
    r"tags?:.{0,80}", r"\W*",
]
_CHROME_RE = re.compile(r"^(?:%s)$" % "|".join(_CHROME_LINES), re.IGNORECASE)
# Prompts that are chrome whatever their length.
_PROMPT_RE = re.compile(
    r"(please subscribe|subscribe here|sign up (for|to) (our|the)|to receive an email when|"
    r"follow us on|all rights reserved|©|cookie|privacy policy|terms of use|"
    r"get the latest .{0,40} in your inbox)", re.IGNORECASE)
_TAIL_START_RE = re.compile(r"^about the (author|authors|speaker|speakers|experts?)s?$",
                            re.IGNORECASE)
_TRAILING_READ_MORE = re.compile(r"\s*read more\W*$", re.IGNORECASE)
# What no text of ours holds: C0 controls but tab and newline, DEL, C1 controls, lone
# surrogates (they cannot be written as UTF-8: a record holding one failed to save) and
# the non-characters U+FFFE/U+FFFF. None of them is allowed in XML 1.0 either, and
# ESC/BEL pass into reference managers and terminals.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Cleaned:
    blocks: list[Block]
    tail: list[str] = field(default_factory=list)   # the author box and blurbs, cut off
    removed: list[str] = field(default_factory=list)  # chrome lines, for the record


def normalize(text: str) -> str:
    """NFC, no control characters, non-breaking and odd spaces as plain spaces, one space runs."""
    text = _odd_spaces().sub(" ", unicodedata.normalize("NFC", text))
    return re.sub(r"[ \t]+", " ", text).strip()


@functools.cache
def _odd_spaces() -> re.Pattern:
    """Every space, control, format or surrogate code point but newline, as one class.

    Built once per process from unicodedata (about 0.2 s), so normalizing is a regex
    pass, not a Python step per character (a 21 MB page took 7 s)."""
    ranges, start = [], None
    for code in range(sys.maxunicode + 2):
        odd = code <= sys.maxunicode and code != 10 and \
            unicodedata.category(chr(code)) in ("Zs", "Cc", "Cf", "Cs")
        if odd and start is None:
            start = code
        elif not odd and start is not None:
            ranges.append(f"\\U{start:08x}-\\U{code - 1:08x}")
            start = None
    return re.compile("[" + "".join(ranges) + "]")


def strip_controls(text: str) -> str:
    """The text without control characters (tab and newline kept; CR LF and CR become LF)."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def without_controls(value):
    """A field's value (a string, or a list of them) as every path stores it: API, forms,
    upload fields and import alike. Anything else is left for validation to judge."""
    if isinstance(value, list):
        return [strip_controls(v) if isinstance(v, str) else v for v in value]
    return strip_controls(value) if isinstance(value, str) else value


def is_chrome(line: str) -> bool:
    return bool(_CHROME_RE.match(line)) or bool(_PROMPT_RE.search(line)) and len(line) < 300


def clean_blocks(blocks: list[Block]) -> Cleaned:
    kept: list[Block] = []
    removed: list[str] = []
    tail: list[str] = []
    for index, block in enumerate(blocks):
        text = normalize(block.text)
        if not text:
            continue
        if _TAIL_START_RE.match(text):
            tail = [normalize(b.text) for b in blocks[index + 1:] if normalize(b.text)]
            removed.append(text)
            break
        text = _TRAILING_READ_MORE.sub("", text)
        if not text or is_chrome(text):
            removed.append(text or block.text)
            continue
        kept.append(Block(text, block.heading, block.page))
    return Cleaned(blocks=kept, tail=tail, removed=removed)


def join_text(blocks: list[Block]) -> str:
    """The clean text: one paragraph a block, separated by blank lines."""
    return "\n\n".join(b.text for b in blocks)


# -- a PDF's pages: page furniture and words the text layer cut --------------------
# A line that is only a page number: "4", "- 4 -", "Page 4", "Page 4 of 24", "4/24",
# "Página 4 de 24", "p. 4".
_PAGE_NUMBER = re.compile(r"^[-–—]?\s*(?:(?:page|p\.|pág\.|página|pagina)\s*)?\d{1,4}"
                          r"(?:\s*(?:of|de|/)\s*\d{1,4})?\s*[-–—]?$", re.IGNORECASE)
# Lines at each end of a page where running heads, feet and numbers stand; a running
# head is a short line (a line of prose repeated is the document's own text).
_EDGE_LINES = 2
_HEAD_CHARS = 80


def strip_page_furniture(pages: list[str]) -> list[str]:
    """The pages without their page numbers and running heads or feet: a line at either
    end of a page that is a page number, or a short one that (digits aside) recurs at the
    ends of at least half the pages past the cover (at least 3). The cover keeps its lines but a
    number, since its title may be the running head."""
    edges = [_edge_lines(page.splitlines()) for page in pages]
    counts: dict[str, int] = {}
    for lines in edges[1:]:
        for key in {_furniture_key(line) for _, line in lines}:
            counts[key] = counts.get(key, 0) + 1
    repeated = {key for key, n in counts.items() if n >= max(3, (len(pages) - 1) / 2)}
    out = []
    for number, (page, lines) in enumerate(zip(pages, edges)):
        drop = {at for at, line in lines if _PAGE_NUMBER.match(line)
                or number > 0 and _may_be_furniture(line) and _furniture_key(line) in repeated}
        out.append("\n".join(line for at, line in enumerate(page.splitlines())
                             if at not in drop))
    return out


def _may_be_furniture(line: str) -> bool:
    """A running head or foot is short, starts as a title does and ends without a
    sentence's stop: "moved toward the ports." at the foot of many pages is prose."""
    return len(line) <= _HEAD_CHARS and not line[:1].islower() \
        and not re.search(r"[.,;!?]$", line)


def _edge_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(index, stripped line) of the first and last few non-empty lines of a page."""
    filled = [(at, line.strip()) for at, line in enumerate(lines) if line.strip()]
    return filled[:_EDGE_LINES] + filled[_EDGE_LINES:][-_EDGE_LINES:]


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


# A letter run and the space after it, the next letter run looked at but not taken, so
# each pair of neighbours is tried ("a ser ies": "a ser", then "ser ies").
_SPLIT_PAIR = re.compile(r"\b([^\W\d_]+) (?=([^\W\d_]+)\b)")


def mend_split_words(text: str, is_word, own_words: set[str]) -> str:
    """Join two letter runs a text layer split ("ser ies", "gobier no") when together they
    are a known word (is_word, or spelled whole in the document: own_words, lower case)
    and the parts are not both words ("a bout" stays: both are words). The second part
    starts lower case: "Mexico City" is never a candidate."""
    def join(match: re.Match) -> str:
        left, right = match.group(1), match.group(2)
        whole = left + right
        if right[:1].islower() and (whole.lower() in own_words or is_word(whole)) \
                and not (is_word(left) and is_word(right)):
            return left             # the space dropped: left and right are one word
        return match.group(0)
    return _SPLIT_PAIR.sub(join, text)


def join_line_end_hyphen(head: str, tail: str, is_word) -> str:
    """A line ending in "word-" and the next line: "migra-" + "tion" is one word cut by
    the printer; "cross-" + "border" and "US-" + "Mexico" keep their hyphen."""
    left = re.search(r"([^\W\d_]+)-$", head)
    right = re.match(r"([^\W\d_]+)", tail)
    if left and right and right.group(1)[:1].islower():
        whole = left.group(1) + right.group(1)
        if is_word(whole) or not (is_word(left.group(1)) and is_word(right.group(1))):
            return head[:-1] + tail
    return head + tail
