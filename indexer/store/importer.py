"""Batch import of records from an old system: one JSON object a line.

Each line needs `title` and `text`; any other metadata field (authors, date, type,
program, series, source_url, summary, topics, language) is taken as given, once its
type and size are right (indexer.ingest.validation); other keys are ignored. Topics
and type are classified when the line does not say. Bad lines are reported by
number; good lines are kept.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

from indexer.store.archive import Archive, apply_changes
from indexer.ingest.classify import classify_type, tag_topics
from indexer.ingest.clean import normalize, strip_controls
from indexer.core.errors import ArchivoError, BadRequest, DuplicateDocument
from indexer.ingest.pipeline import checksum, summarize
from indexer.ingest.language import LANGUAGES, detect_language
from indexer.core.models import EDITABLE_FIELDS, Document
from indexer.ingest.validation import check_fields
from indexer.ingest.vocabulary import Vocabulary

BATCH_SIZE = 500


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def record_to_document(obj, vocabulary: Vocabulary) -> Document:
    """A JSON object -> a classified Document (pure)."""
    if not isinstance(obj, dict):
        raise BadRequest("a line must be a JSON object")
    check_fields({k: v for k, v in obj.items() if k in EDITABLE_FIELDS and v is not None})
    title = normalize(obj.get("title") or "")
    text = strip_controls(obj.get("text") or "").strip()
    if not title:
        raise BadRequest("the record has no title")
    if not text:
        raise BadRequest("the record has no text")
    doc_type, evidence = classify_type(title, text)
    # The line's own language when it names en or es (checked below), else detected.
    language = obj.get("language") if obj.get("language") in LANGUAGES else \
        detect_language(f"{title}\n{text}")[0]
    doc = Document(id="", title=title, text=text, type=doc_type, type_evidence=evidence,
                   summary=summarize(text), topics=tag_topics(title, text, vocabulary, language),
                   original_kind="jsonl", language=language)
    apply_changes(doc, {k: v for k, v in obj.items() if k in EDITABLE_FIELDS and k != "text"
                        and v not in (None, "", [])}, vocabulary)
    return doc


def import_jsonl(archive: Archive, lines: list[bytes], progress: Callable[[int], None] | None = None,
                 actor: str = "import") -> ImportReport:
    report = ImportReport()
    vocabulary = archive.vocabulary
    batch: list[tuple[int, list[Document], bytes]] = []
    for line_no, raw in enumerate(lines, start=1):
        if progress:
            progress(1)
        if not raw.strip():
            continue
        try:
            doc = record_to_document(json.loads(raw), vocabulary)
        except (ValueError, UnicodeDecodeError) as exc:
            report.errors.append((line_no, f"not valid JSON ({exc.__class__.__name__})"))
            continue
        except ArchivoError as exc:
            report.errors.append((line_no, exc.message))
            continue
        batch.append((line_no, [doc], raw.strip()))
        if len(batch) >= BATCH_SIZE:
            _flush(archive, batch, report, actor)
    _flush(archive, batch, report, actor)
    return report


def _flush(archive: Archive, batch, report: ImportReport, actor: str) -> None:
    """Save a batch in one commit; lines that duplicate stored ones are reported."""
    keep, seen = [], set()
    for line_no, docs, raw in batch:
        digest = checksum(raw)
        existing = archive.find_by_checksum(digest)
        if existing or digest in seen:
            report.errors.append((line_no, f"duplicate of {existing or 'an earlier line'}"))
            continue
        seen.add(digest)
        keep.append((docs, raw))
    if keep:
        try:
            report.added += [d.id for d in archive.save_batch(keep, actor)]
        except DuplicateDocument as exc:   # raced with another writer: report, keep going
            report.errors.append((batch[0][0], exc.message))
    batch.clear()

