"""Batch import of records from an old system: one JSON object a line.

Each line needs `title` and `text`; any other metadata field (authors, date, type,
program, series, source_url, summary, topics, language) is taken as given, once its
type and size are right (indexer.ingest.validation); other keys are ignored. Topics
and type are classified when the line does not say. Bad lines are reported by
number; good lines are kept.

Fast enough for a whole archive: lines are read and classified in one process per
CPU, and saved through the one write path (Archive.save_batch) in batches sized to
hold the writer lock about BATCH_TARGET_S, each batch one commit: corpus records
written aside and flushed to disk at once, then one index segment by the rebuild's
fast writer. Between batches the writer lock is let go, so a librarian's save waits
for one batch at most, and searches see each batch as it is committed. A batch is
acknowledged (counted on the progress bar) once committed; an import killed halfway
keeps every batch committed before it and its cut-short batch is taken back by the
journal, so running it again adds the rest (the lines stored already are reported as
duplicates). At the end the small
segments the batches made are merged (outside the lock, Archive.merge_segments).
"""
from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass, field
from typing import Callable

from indexer.store.archive import Archive, apply_changes
from indexer.ingest.classify import classify_type, tag_topics
from indexer.ingest.clean import normalize, strip_controls
from indexer.core.errors import ArchivoError, BadRequest
from indexer.ingest.pipeline import summarize
from indexer.ingest.language import LANGUAGES, detect_language
from indexer.core.lists import CONTENT_TYPES
from indexer.core.models import EDITABLE_FIELDS, Document
from indexer.ingest.validation import check_fields
from indexer.ingest.vocabulary import Vocabulary

BATCH_DOCS = 2_000        # documents a commit, at the most
FIRST_BATCH_DOCS = 200    # the first commit, which measures how long a document takes
# Never below the librarian's inline merge size (engine SMALL_SEGMENT_DOCS, 100): a save
# merged six 50-200 document import segments through Whoosh and waited 10.9 s.
MIN_BATCH_DOCS = 200
# Each batch is sized from the last one's time per document so that it holds the writer
# lock about this long: a librarian's save then waits well under 2 s, on a busy machine
# too (a fixed 1,000-document batch held it 5 s on a 2-core machine at load 12).
BATCH_TARGET_S = 0.7
CHUNK_LINES = 200         # lines a classifying process takes at a time
MAX_PROCS = 4
# Without the lock between batches for longer than a waiting writer's poll (20 ms), so
# a librarian's save gets in between two batches instead of after the whole import.
PAUSE_BETWEEN_BATCHES = 0.03
# Characters of title and text the language is told from: py3langid's cost grows with
# them, and after the title 1,500 characters tell English from Spanish as well as 5,000
# (an upload reads 5,000: a PDF's first pages can be a cover and a contents list).
LANGUAGE_SAMPLE_CHARS = 1_500


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
    # A type the line states (and apply_changes accepts) is taken, not classified.
    stated = obj.get("type") if obj.get("type") in CONTENT_TYPES else None
    doc_type, evidence = classify_type(title, text, stated)
    # The line's own language when it names en or es (checked below), else detected.
    language = obj.get("language") if obj.get("language") in LANGUAGES else \
        detect_language(f"{title}\n{text}", LANGUAGE_SAMPLE_CHARS)[0]
    doc = Document(id="", title=title, text=text, type=doc_type, type_evidence=evidence,
                   summary=summarize(text), topics=tag_topics(title, text, vocabulary, language),
                   original_kind="jsonl", language=language)
    apply_changes(doc, {k: v for k, v in obj.items() if k in EDITABLE_FIELDS and k != "text"
                        and v not in (None, "", [])}, vocabulary)
    return doc


def import_jsonl(archive: Archive, lines: list[bytes],
                 progress: Callable[[int], None] | None = None, actor: str = "import",
                 procs: int | None = None) -> ImportReport:
    """Import the lines; progress(n) counts lines as they are committed (or refused)."""
    report = ImportReport()
    pending: list[tuple[int, Document, bytes]] = []
    counted = 0                 # lines progress has been told of
    size = min(BATCH_DOCS, FIRST_BATCH_DOCS)

    def commit(batch) -> None:
        nonlocal counted, size
        began = time.perf_counter()
        _save(archive, batch, report, actor)
        per_doc = (time.perf_counter() - began) / max(1, len(batch))
        size = min(BATCH_DOCS, max(MIN_BATCH_DOCS, int(BATCH_TARGET_S / max(per_doc, 1e-6))))
        if progress:
            done = batch[-1][0] if batch else counted
            progress(done - counted)
            counted = done
        time.sleep(PAUSE_BETWEEN_BATCHES)

    for results in _classified(lines, archive.vocabulary, procs or _procs(len(lines))):
        for line_no, doc, error, raw in results:
            if error is not None:
                report.errors.append((line_no, error))
            elif doc is not None:
                pending.append((line_no, doc, raw))
        while len(pending) >= size:
            batch = pending[:size]
            del pending[:len(batch)]
            commit(batch)
    if pending:
        commit(pending)
    if progress and len(lines) > counted:
        progress(len(lines) - counted)
    archive.merge_segments()
    report.errors.sort()
    return report


def _save(archive: Archive, batch, report: ImportReport, actor: str) -> None:
    """One commit; lines that duplicate stored ones (or earlier lines) are reported."""
    def duplicate(n: int, existing: str) -> None:
        report.errors.append((batch[n][0], f"duplicate of {existing or 'an earlier line'}"))
    saved = archive.save_batch([([doc], raw) for _, doc, raw in batch], actor,
                               on_duplicate=duplicate)
    report.added += [doc.id for doc in saved]


def _procs(lines: int) -> int:
    """Classifying processes: one per CPU (at most MAX_PROCS), none for a few lines."""
    if lines < 2 * CHUNK_LINES:
        return 1
    return max(1, min(MAX_PROCS, len(os.sched_getaffinity(0))))


_vocabulary: Vocabulary | None = None      # the classifying processes' (set before fork)


def _classified(lines: list[bytes], vocabulary: Vocabulary, procs: int):
    """Each chunk's (line number, Document or None, error or None, raw line), in order."""
    global _vocabulary
    _vocabulary = vocabulary
    chunks = [(start + 1, lines[start:start + CHUNK_LINES])
              for start in range(0, len(lines), CHUNK_LINES)]
    if procs == 1:
        yield from map(_classify_chunk, chunks)
        return
    detect_language("load the language model once, before the processes fork")
    with multiprocessing.get_context("fork").Pool(procs, initializer=_die_with_parent) as pool:
        yield from pool.imap(_classify_chunk, chunks)


def _classify_chunk(chunk: tuple[int, list[bytes]]) -> list[tuple]:
    first, lines = chunk
    results = []
    for line_no, raw in enumerate(lines, start=first):
        if not raw.strip():
            continue
        try:
            results.append((line_no, record_to_document(json.loads(raw), _vocabulary), None,
                            raw.strip()))
        except (ValueError, UnicodeDecodeError) as exc:
            results.append((line_no, None, f"not valid JSON ({exc.__class__.__name__})", b""))
        except ArchivoError as exc:
            results.append((line_no, None, exc.message, b""))
    return results


def _die_with_parent() -> None:
    """A classifying process dies with the import (Linux's PR_SET_PDEATHSIG): a killed
    import must not leave processes behind holding its files."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
