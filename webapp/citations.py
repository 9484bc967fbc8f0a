"""Citation export for researchers' reference managers: RIS, BibTeX and CSL-JSON.

Types fit grey literature: a brief or report is a report, a podcast an audio
recording, an event an event (RIS has none: CONF, as for a conference; HEAR is
kept for testimony), an article a web page. Exported values hold no control
characters (ESC and BEL reached reference managers and terminals), whatever a stored
record holds.
"""
from __future__ import annotations

import dataclasses
import json
import re

from indexer.ingest.clean import strip_controls
from indexer.core.models import Document

PUBLISHER = "Wilson Center"
CITATION_FORMATS = {"ris": ("application/x-research-info-systems", "ris"),
                    "bibtex": ("application/x-bibtex", "bib"),
                    "csl-json": ("application/vnd.citationstyles.csl+json", "json")}

RIS_TYPES = {"brief": "RPRT", "report": "RPRT", "podcast": "SOUND", "video": "VIDEO",
             "event": "CONF", "infographic": "FIGURE", "book": "BOOK", "testimony": "HEAR",
             "article": "ELEC"}
BIBTEX_TYPES = {"brief": "techreport", "report": "techreport", "book": "book",
                "podcast": "misc", "video": "misc", "event": "misc", "infographic": "misc",
                "testimony": "misc", "article": "online"}
CSL_TYPES = {"brief": "report", "report": "report", "podcast": "broadcast", "video": "motion_picture",
             "event": "event", "infographic": "graphic", "book": "book", "testimony": "speech",
             "article": "webpage"}


# The CSL "genre": what a style shows as the kind of report or recording ("Policy
# brief No. 12", APA's "[Audio podcast episode]").
CSL_GENRES = {"brief": "Policy brief", "podcast": "Audio podcast episode", "video": "Video",
              "infographic": "Infographic"}
# An author holding one of these words is an organisation ("Mexico Institute"), cited
# whole, never as "Institute, M.".
ORGANISATION_WORDS = frozenset(
    "institute institution center centre program programme council foundation university "
    "commission office department ministry agency association bank committee embassy "
    "government secretariat network initiative forum instituto centro secretaría comisión "
    "consejo fundación universidad gobierno programa embajada banco red foro".split())


def is_organisation(name: str) -> bool:
    return any(word.strip(",.()").lower() in ORGANISATION_WORDS for word in name.split())


def _author_parts(name: str) -> tuple[str, str]:
    """('Olson', 'Eric') from 'Eric Olson'; a single word, or an organisation, is all
    family name."""
    words = name.split()
    if len(words) < 2 or is_organisation(name):
        return name, ""
    return words[-1], " ".join(words[:-1])


def to_ris(doc: Document, url: str) -> str:
    lines = [f"TY  - {RIS_TYPES.get(doc.type, 'GEN')}", f"TI  - {doc.title}"]
    lines += [f"AU  - {family}, {given}".rstrip(", ") for family, given in
              map(_author_parts, doc.authors)]
    if doc.date:
        lines.append(f"PY  - {doc.date[:4]}")
        lines.append(f"DA  - {doc.date.replace('-', '/')}")
    if doc.series:
        lines.append(f"T2  - {doc.series}")
    lines += [f"PB  - {PUBLISHER}"] + ([f"AB  - {doc.summary}"] if doc.summary else [])
    lines += [f"KW  - {t}" for t in doc.topic_names] + [f"UR  - {url}", f"ID  - {doc.id}", "ER  - "]
    return "\r\n".join(_one_line(line) for line in lines) + "\r\n"


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                   **{c: "\\" + c for c in "&%$#_{}"}}


def _bibtex_escape(text: str) -> str:
    """One pass, so the backslash of an escape is never escaped again."""
    return re.sub(r"[\\~^&%$#_{}]", lambda m: _BIBTEX_SPECIAL[m.group(0)], text)


def _bibtex_author(name: str) -> str:
    """An organisation in braces, so BibTeX takes it as one name, not first and last."""
    escaped = _bibtex_escape(name)
    return "{" + escaped + "}" if is_organisation(name) else escaped


def to_bibtex(doc: Document, url: str) -> str:
    fields = {"title": "{" + _bibtex_escape(doc.title) + "}",
              "author": " and ".join(_bibtex_author(a) for a in doc.authors),
              "year": doc.date[:4] if doc.date else "", "date": doc.date or "", "url": url,
              "institution" if BIBTEX_TYPES.get(doc.type) == "techreport" else "publisher":
                  PUBLISHER,
              "series": _bibtex_escape(doc.series or ""),
              "type": {"brief": "Policy brief", "podcast": "Podcast", "event": "Event",
                       "video": "Video", "infographic": "Infographic"}.get(doc.type, ""),
              "keywords": ", ".join(doc.topic_names)}
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    return f"@{BIBTEX_TYPES.get(doc.type, 'misc')}{{{doc.id},\n{body}\n}}\n"


def _csl_name(name: str) -> dict:
    if is_organisation(name):
        return {"literal": name}
    family, given = _author_parts(name)
    return {"family": family, "given": given} if given else {"literal": family}


def to_csl(doc: Document, url: str) -> dict:
    """The CSL-JSON item, which the formatted citations (webapp.cite_styles) use too."""
    item = {"id": doc.id, "type": CSL_TYPES.get(doc.type, "document"), "title": doc.title,
            "author": [_csl_name(a) for a in doc.authors],
            "publisher": PUBLISHER, "URL": url, "keyword": ", ".join(doc.topic_names),
            "language": doc.language or "en"}
    if doc.type in CSL_GENRES:
        item["genre"] = CSL_GENRES[doc.type]
    if doc.date:
        item["issued"] = {"date-parts": [[int(p) for p in doc.date.split("-")]]}
    if doc.series:
        # A podcast's series is the show the episode is in; a brief's, its series.
        item["container-title" if doc.type == "podcast" else "collection-title"] = doc.series
    if doc.summary:
        item["abstract"] = doc.summary
    return item


def export(docs: list[tuple[Document, str]], fmt: str) -> str:
    """Citations of (document, its permalink) pairs in one of CITATION_FORMATS."""
    docs = [(_printable(d), u) for d, u in docs]
    if fmt == "ris":
        return "".join(to_ris(d, u) for d, u in docs)
    if fmt == "bibtex":
        return "\n".join(to_bibtex(d, u) for d, u in docs)
    return json.dumps([to_csl(d, u) for d, u in docs], indent=2, ensure_ascii=False)


def _printable(doc: Document) -> Document:
    """A copy of the record with its cited text stripped of control characters."""
    def clean(value):
        return strip_controls(value) if value else value
    return dataclasses.replace(doc, title=clean(doc.title), series=clean(doc.series),
                               summary=clean(doc.summary), program=clean(doc.program),
                               authors=[clean(a) for a in doc.authors])


def _one_line(line: str) -> str:
    """A value on one line; the tag keeps RIS's two spaces ("TY  - ")."""
    tag, value = line[:6], line[6:]
    return tag + " ".join(value.split())
