"""Pure metadata extraction from clean text: authors, program, series, dates."""
from __future__ import annotations

import re
from datetime import date

from indexer.ingest.clean import is_chrome

_NAME = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+(?:de la |de |del )?[A-ZÁÉÍÓÚÑ][\w’'-]+){1,2}"
# Words of a role or an institution that precede a name: "Senior Advisor Eric Olson".
_ROLE_WORDS = {
    "mexico", "institute", "institute’s", "center", "center’s", "program", "senior", "advisor",
    "adviser", "director", "deputy", "fellow", "global", "president", "ambassador", "former",
    "professor", "dr", "chair", "associate", "analyst", "researcher", "secretary",
    "minister", "editor", "host", "guest", "speaker", "author", "and", "the", "by", "with",
    "public", "policy", "scholar", "mr", "ms", "mrs", "u.s", "us", "investigador", "director",
    "investigadora", "directora", "asesor", "asesora", "coordinador", "coordinadora",
    "profesora", "embajadora", "analista", "invitado", "invitada", "instituto", "centro",
    "programa", "por", "el", "la", "del", "de",
}
_AUTHOR_PATTERNS = [
    rf"\bwritten by ({_NAME})",
    rf"^(?:By|BY) ({_NAME})",
    rf"\b(?:authored|edited) by ({_NAME})",
    rf"({_NAME}) is the (?:guest|speaker|author)",
    rf"\b(?:guest|guests|speaker|host)(?: is| are|:)? ({_NAME})",
    rf"({_NAME}) (?:explains|discusses|analyzes|argues|writes|examines)\b",
    rf"\b(?:[Ee]scrit[oa]|[Ee]laborad[oa]) por ({_NAME})",
    rf"({_NAME}),? es (?:el|la) invitad[oa]",
    rf"\b(?:invitad[oa]s?|ponentes?)(?: es| son|:)? ({_NAME})",
    rf"({_NAME}) (?:explica|analiza|argumenta|escribe|examina)\b",
    rf"^(?:Por|POR) ({_NAME})",
]
_PROGRAM_RE = re.compile(
    r"\b((?:[A-Z][a-z]+ (?:and |& )?){0,4}(?:Institute|Program|Initiative on [A-Z][a-z]+|"
    r"Center for (?:the )?[A-Z][a-z]+(?: (?:States|and|Mexico|[A-Z][a-z]+))*))\b")
_KNOWN_NOT_PROGRAMS = {"Wilson Center", "Merida Initiative", "Institute"}
_SERIES_RE = re.compile(r"\bseries,?\s+[\"“]([^\"”]{3,120})[\"”]", re.IGNORECASE)
_SERIES_TITLE_RE = re.compile(r"^(.{3,80}?)\s+(?:Part|Episode|No\.)\s*\d+\s*:", re.IGNORECASE)

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTHS.update({m: i + 1 for i, m in enumerate(
    ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
     "octubre", "noviembre", "diciembre"])})
MONTHS["setiembre"] = 9
# Abbreviations as sites print them ("Jun 2, 2016", "Sept. 5, 2018", "2 ago. 2016").
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "ene": 1, "abr": 4,
               "ago": 8, "set": 9, "dic": 12})
# A whole month word ("mar" not in "march"ing), its abbreviation's dot left outside.
_MONTH = "(?:%s)(?![a-záéíóú])" % "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_PATTERNS = [
    (re.compile(r"\b(\d{4})[-/](\d{2})[-/](\d{2})(?!\d)"), ("y", "m", "d")),
    (re.compile(rf"\b({_MONTH})\.? (\d{{1,2}}),? (\d{{4}})\b", re.I), ("m", "d", "y")),
    (re.compile(rf"\b(\d{{1,2}}) (?:de )?({_MONTH})\.?,? (?:de |del )?(\d{{4}})\b", re.I),
     ("d", "m", "y")),
    (re.compile(rf"\b({_MONTH})\.?,? (?:de |del )?(\d{{4}})\b", re.I), ("m", "y")),
    (re.compile(r"\b(\d{4})-(\d{2})(?![\d-])"), ("y", "m")),
]


_BYLINE = re.compile(r"^(?:By|BY|Por|POR)\s+(.{5,200})$", re.MULTILINE)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\by\b|\be\b)\s*")


def byline_names(text: str) -> list[str]:
    """Every name of a 'By A, B and C' line ('Por A y B' in Spanish)."""
    names: list[str] = []
    for match in _BYLINE.finditer(text):
        for part in _BYLINE_SPLIT.split(match.group(1).strip(" .")):
            name = strip_roles(part) if re.fullmatch(_NAME, part) else None
            if name and name not in names:
                names.append(name)
    return names


_SMALL_WORDS = {"and", "of", "the", "for", "on", "in", "de", "del", "la", "y", "para", "el"}


def titlecase_name(text: str) -> str:
    """'LATIN AMERICAN PROGRAM' -> 'Latin American Program' (small words stay small)."""
    words = text.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def names_under_title(lines: list[str]) -> list[str]:
    """The names of a name line under a title: 'Elena Torres and Mark Whitfield',
    'Thomas Reyes, Ph.D., Fellow in Trade Policy', 'Statement of Elena Marsh'."""
    for line in lines:
        line = re.sub(r"^(?:statement|testimony|testimonio|declaración) (?:of|de) ", "",
                      line.strip(), flags=re.IGNORECASE)
        if parse_date(line) or is_chrome(line):
            continue
        names = [strip_roles(part) for part in _BYLINE_SPLIT.split(line.split(",")[0])]
        if names and all(names) and all(re.fullmatch(_NAME, part or "") for part in names):
            return names
    return []


def extract_authors(text: str, max_authors: int = 8) -> list[str]:
    found: list[str] = byline_names(text)
    for pattern in _AUTHOR_PATTERNS:
        for match in re.finditer(pattern, text, re.MULTILINE):
            name = strip_roles(match.group(1))
            if name and name not in found:
                found.append(name)
    return found[:max_authors]


def strip_roles(name: str) -> str | None:
    """'Advisor Eric Olson' -> 'Eric Olson'; None when no two-word name is left."""
    words = name.split()
    while words and words[0].lower().strip(".,") in _ROLE_WORDS:
        words.pop(0)
    while words and words[-1].lower().strip(".,") in _ROLE_WORDS:
        words.pop()
    return " ".join(words) if len(words) >= 2 else None


def authors_from_author_box(tail: list[str]) -> list[str]:
    """Names in an 'About the Author' box: a short line of capitalised words, often repeated."""
    names: list[str] = []
    for line in tail:
        if re.fullmatch(_NAME, line) and strip_roles(line) == line and not is_chrome(line) \
                and line not in names:
            names.append(line)
    return names


def extract_program(text: str) -> str | None:
    for match in _PROGRAM_RE.finditer(text):
        name = match.group(1).strip()
        name = re.sub(r"^(?:The|Center’s|Center's)\s+", "", name)
        if name not in _KNOWN_NOT_PROGRAMS and len(name.split()) >= 2:
            return name
    return None


def extract_series(title: str, text: str) -> str | None:
    match = _SERIES_RE.search(text) or _SERIES_TITLE_RE.search(title)
    if not match:
        return None
    series = re.split(r":|\s+[-–]\s+", match.group(1))[0]
    return series.strip(" .,;“”\"") or None


def parse_date(value: str | None) -> str | None:
    """An ISO 8601 date at the precision the text gives (2016, 2016-06, 2016-06-02)."""
    if not value:
        return None
    for pattern, order in _DATE_PATTERNS:
        match = pattern.search(value)
        if match:
            iso = _to_iso(dict(zip(order, match.groups())))
            if iso:
                return iso
    match = re.fullmatch(r"\s*(\d{4})\s*", value)
    if match and 1800 <= int(match.group(1)) <= 2100:
        return match.group(1)
    return None


def _to_iso(parts: dict) -> str | None:
    try:
        year = int(parts["y"])
        month = int(parts["m"]) if parts.get("m", "").isdigit() else MONTHS.get(
            parts.get("m", "").lower().rstrip("."), 0) if parts.get("m") else 0
        day = int(parts["d"]) if parts.get("d") else 0
        if not 1800 <= year <= 2100:
            return None
        if day:
            return date(year, month, day).isoformat()
        if month:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        return f"{year:04d}"
    except (ValueError, KeyError):
        return None


def find_date(text: str) -> str | None:
    """The first full or month date written in the first part of the text."""
    return parse_date(text[:3000])


def web_url(value: str | None) -> str | None:
    """The value when it is an absolute http(s) URL, else None. A source link is shown
    as a link: a javascript: or data: URL there would run in the reader's browser."""
    value = (value or "").strip()
    return value if re.match(r"https?://[^\s/?#]+", value, re.I) else None
