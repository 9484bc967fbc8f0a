"""Metadata edits and the history entries of a write: pure helpers of the write path
(indexer.store.archive), also used by the librarian's pages and the write API."""
from __future__ import annotations

import re

from indexer.core.errors import BadRequest
from indexer.core.limits import check_field, cut_fields
from indexer.core.models import EDITABLE_FIELDS, Document, TopicTag, validate_type
from indexer.ingest.clean import without_controls
from indexer.ingest.metadata import parse_date, web_url
from indexer.ingest.vocabulary import Vocabulary
from indexer.store.corpus import etag


def version(doc: Document) -> str:
    """The version of a stored document (its record's etag): a form's hidden field, the
    API's ETag."""
    return etag(doc.to_dict())


def upload_of(doc: Document) -> str | None:
    """Which upload made a document: the token of its "add" (records from before the
    token: the time of the add, which all items of one listing share)."""
    first = doc.history[0] if doc.history else {}
    return first.get("upload") or doc.added


def history_entry(actor: str, action: str, at: str, changes: dict | None = None,
             notes: list[str] | None = None) -> dict:
    entry = {"at": at, "by": actor, "action": action}
    if changes:
        entry["changes"] = changes
    if notes:
        entry["notes"] = notes
    return entry


def cut_notes(draft: Document) -> list[str]:
    """What ingest cut from a draft (its notes), and anything still over a limit, cut
    now: every new document comes through here, whichever way it was made."""
    return [note for entry in draft.history for note in entry.get("notes", [])] + \
        cut_fields(draft)


def apply_changes(doc: Document, changes: dict, vocabulary: Vocabulary) -> dict:
    """Validate and apply edited metadata; returns {field: [old, new]} of what changed."""
    diff = {}
    for name, value in changes.items():
        if name not in EDITABLE_FIELDS:
            raise BadRequest("{name!r} is not an editable field; one of: {fields}",
                             name=name, fields=", ".join(EDITABLE_FIELDS))
        value = _normalize_field(name, without_controls(value), doc, vocabulary)
        old = getattr(doc, name)
        comparable_old = [t.topic for t in old] if name == "topics" else old
        comparable_new = [t.topic for t in value] if name == "topics" else value
        if comparable_old != comparable_new:
            setattr(doc, name, value)
            diff[name] = [comparable_old, comparable_new]
            if name == "text":      # the PDF's page offsets no longer fit the words
                doc.page_starts = []
            doc.provenance[name] = "librarian"
    return diff


def _normalize_field(name: str, value, doc: Document, vocabulary: Vocabulary):
    if name in ("authors", "topics"):
        value = split_list(value)
    if name == "topics":
        return topic_tags(value, doc, vocabulary)
    if name == "authors":
        check_field(name, value)
        return value
    value = "" if value is None else str(value).strip()
    check_field(name, value)
    if name == "title" and not value:
        raise BadRequest("a document needs a title")
    if name == "type":
        return validate_type(value)
    if name == "date":
        if not value:
            return None
        parsed = parse_date(value)
        if not parsed:
            raise BadRequest("cannot read the date {value!r}; write it as 2016, 2016-06 or "
                             "2016-06-02", value=value)
        return parsed
    if name == "language" and value not in ("en", "es"):
        raise BadRequest("language must be 'en' or 'es'")
    if name == "source_url" and value and not web_url(value):
        raise BadRequest("the source URL must start with http:// or https://")
    return value or (None if name in ("program", "series", "source_url") else "")


def split_list(value) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else re.split(r"[,;\n]", str(value))
    return list(dict.fromkeys(str(v).strip() for v in items if str(v).strip()))


def topic_tags(names: list[str], doc: Document, vocabulary: Vocabulary) -> list[TopicTag]:
    """Tags for chosen topics: the classifier's evidence kept where it agrees."""
    by_topic = {t.topic: t for t in doc.topics}
    tags = []
    for name in names:
        slug = vocabulary.resolve(name)
        if slug is None:
            raise BadRequest("unknown topic {name!r}; one of: {topics}", name=name,
                             topics=", ".join(vocabulary.slugs))
        tags.append(by_topic.get(slug) or TopicTag(slug, 0.0, ["set by a librarian"], "librarian"))
    return tags
