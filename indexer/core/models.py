"""The document record (what the corpus stores) and its index fields."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from indexer.core.errors import BadRequest
from indexer.core.lists import CONTENT_TYPES

EDITABLE_FIELDS = ("title", "authors", "date", "type", "program", "series",
                   "source_url", "summary", "topics", "text", "language")


@dataclass
class TopicTag:
    topic: str
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)
    source: str = "classifier"      # or "librarian"

    @classmethod
    def from_dict(cls, data: dict) -> "TopicTag":
        return cls(topic=data["topic"], score=float(data.get("score", 0)),
                   evidence=list(data.get("evidence", [])),
                   source=data.get("source", "classifier"))


@dataclass
class Document:
    id: str
    title: str
    text: str = ""
    authors: list[str] = field(default_factory=list)
    date: str | None = None          # ISO 8601 at its precision: 2016, 2016-06, 2016-06-02
    type: str = "article"
    type_evidence: list[str] = field(default_factory=list)
    program: str | None = None
    series: str | None = None
    source_url: str | None = None
    summary: str = ""
    topics: list[TopicTag] = field(default_factory=list)
    language: str = "en"
    checksum: str = ""               # sha256 of the original file
    original: str | None = None      # path of the original inside the corpus
    original_kind: str | None = None  # html, pdf, text, jsonl, pasted
    original_name: str | None = None  # the uploaded file name, for display only
    # A tile of a listing page: title, link and tags, but no full text in the archive.
    catalogue_entry: bool = False
    # A PDF's pages in the text: where page 2, 3, ... starts (character offsets into
    # text, at the paragraph that starts the page). Empty for other files, or once the
    # text is edited. Lets a hit say on which pages its words are.
    page_starts: list[int] = field(default_factory=list)
    # Where ingest read each field (ingest.SOURCES), shown beside it on the review form.
    provenance: dict[str, str] = field(default_factory=dict)
    added: str = ""
    updated: str = ""
    history: list[dict] = field(default_factory=list)

    @property
    def date_precision(self) -> str | None:
        return {4: "year", 7: "month", 10: "day"}.get(len(self.date or ""), None)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None

    @property
    def topic_names(self) -> list[str]:
        return [t.topic for t in self.topics]

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["date_precision"] = self.date_precision
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["topics"] = [TopicTag.from_dict(t) for t in data.get("topics", [])]
        return cls(**values)


def validate_type(value: str) -> str:
    value = (value or "").strip().lower()
    if value not in CONTENT_TYPES:
        raise BadRequest("unknown content type {value!r}; one of: {types}", value=value,
                         types=", ".join(CONTENT_TYPES))
    return value


def to_index_fields(doc: Document, etag: str) -> dict[str, Any]:
    """The Whoosh fields of a document (the schema lives in indexer.engine.schema)."""
    fields = {
        "id": doc.id, "title": doc.title, "summary": doc.summary, "body": doc.text,
        "author_text": " ".join(doc.authors), "authors": ",".join(doc.authors),
        "topics": ",".join(doc.topic_names), "type": doc.type,
        "program_text": doc.program or "", "series_text": doc.series or "",
        "date": doc.date or "", "added": doc.added, "etag": etag, "language": doc.language,
        "checksum": doc.checksum, "page_starts": ",".join(map(str, doc.page_starts)),
    }
    if doc.language == "es":
        fields.update(title_es=doc.title, summary_es=doc.summary, body_es=doc.text)
    if doc.year is not None:
        fields["year"] = doc.year
    return fields
