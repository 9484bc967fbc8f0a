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
        kept.append(Block(text, block.heading))
    return Cleaned(blocks=kept, tail=tail, removed=removed)


def join_text(blocks: list[Block]) -> str:
    """The clean text: one paragraph a block, separated by blank lines."""
    return "\n\n".join(b.text for b in blocks)
