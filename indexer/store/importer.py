"""Batch import of records from an old system: one JSON object a line.

Each line needs `title` and `text`; any other metadata field (authors, date, type,
program, series, source_url, summary, topics, language) is taken as given, once its
type and size are right (indexer.ingest.validation); other keys are ignored. Topics
and type are classified when the line does not say. Bad lines are reported by
number; good lines are kept.

Fast enough for a whole archive: the lines are shared out to one process per CPU
(indexer.store.importworkers), and each classifies its share and saves it in batches,
each batch one commit of the one write path's kind (indexer.store.asidesave: the
same journal note and checks as Archive.save_batch, but its index segment and files
made before the writer lock is taken). Batches double from FIRST_BATCH_DOCS while
the lock is held under BATCH_TARGET_S, so a librarian's save waits for a rename of
one batch's files at most, and searches see each batch as it is committed. A batch
is acknowledged (counted on the progress bar) once committed; an import killed
halfway keeps every batch committed before it and its cut-short batch is taken back
by the journal, so running it again adds the rest (the lines stored already are
reported as duplicates). At the end the segments the batches made are merged where
merge's plan says so (outside the lock, in as many processes, Archive.merge_segments).
"""
from __future__ import annotations

import bisect
import json
import os
import time
import zlib
from dataclasses import dataclass, field
from typing import Callable

from indexer.engine import TermSets
from indexer.store import importworkers
from indexer.store.archive import Archive, apply_changes
from indexer.store.asidesave import save_aside
from indexer.store.naming import slugify
from indexer.ingest.classify import classify_type, tag_topics
from indexer.ingest.clean import normalize, strip_controls
from indexer.core.errors import ArchivoError, BadRequest
from indexer.ingest.pipeline import summarize
from indexer.ingest.language import LANGUAGES, detect_language
from indexer.core.lists import CONTENT_TYPES
from indexer.core.models import EDITABLE_FIELDS, Document
from indexer.ingest.validation import check_fields
from indexer.ingest.vocabulary import Vocabulary

BATCH_DOCS = 5_000        # documents a commit, at the most
# The first commit, which measures how long the lock is held a document. Not smaller:
# each batch is a segment every search looks in, and the first ones are not merged (200,
# 400, 800... left 12 segments after a 10k import, and searches ran at 2/3 the speed).
FIRST_BATCH_DOCS = 1_000
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
    archive.ensure_index()
    # What a killed writer left is cleared now, once: an importing process's first lock
    # would otherwise sweep the temp files another one has staged (Corpus.stage).
    archive.finish_interrupted_write()
    archive.checksum_terms = archive.checksum_terms or TermSets("checksum")
    shares = _shares(lines, procs or _procs(len(lines)))
    report, told = ImportReport(), 0

    def tell(n: int) -> None:
        nonlocal told
        told += n
        if progress:
            progress(n)
    if len(shares) == 1:
        results = [_import_share(archive, shares[0], actor, tell)]
    else:
        results = importworkers.run(_import_share, archive, shares, actor, tell)
    added = sorted(pair for result in results for pair in result["added"])
    report.added = [doc_id for _, doc_id in added]
    report.errors = sorted(error for result in results for error in result["errors"])
    if len(lines) > told:
        tell(len(lines) - told)           # the blank lines, which no share holds
    archive.merge_segments(procs=len(shares))
    return report


def _shares(lines: list[bytes], procs: int) -> list[list[tuple[int, bytes]]]:
    """(line number, line) of the non-blank lines, one share a process. Lines whose titles
    would give the same id (and so the same line twice) go to the same share, so two
    processes rarely want one id or one file (if they do, the lock's check sees it)."""
    shares: list[list[tuple[int, bytes]]] = [[] for _ in range(procs)]
    for line_no, raw in enumerate(lines, start=1):
        if raw.strip():
            shares[zlib.crc32(_id_stem(raw)) % procs if procs > 1 else 0].append((line_no, raw))
    return [share for share in shares if share] or [[]]


def _id_stem(raw: bytes) -> bytes:
    """The first letters and digits of the id a line's title gives (store.naming.slugify)."""
    try:
        title = json.loads(raw).get("title")
    except (ValueError, UnicodeDecodeError, AttributeError):
        return raw[:64]
    return slugify(str(title or "")).replace("-", "")[:24].encode()


def _import_share(archive: Archive, share: list[tuple[int, bytes]], actor: str,
                  tell: Callable[[int], None]) -> dict:
    """Classify and save one share's lines, batch by batch; tell(n) the lines settled."""
    added: list[tuple[int, str]] = []
    errors: list[tuple[int, str]] = []
    pending: list[tuple[int, Document, bytes]] = []
    settled, size = 0, min(BATCH_DOCS, FIRST_BATCH_DOCS)   # lines of the share told of
    line_nos = [line_no for line_no, _ in share]

    def commit(batch) -> None:
        nonlocal settled, size
        held: list[float] = []
        _save(archive, batch, added, errors, actor, held.append)
        per_doc = sum(held) / max(1, len(batch))
        size = min(BATCH_DOCS, 2 * size,
                   max(MIN_BATCH_DOCS, int(BATCH_TARGET_S / max(per_doc, 1e-6))))
        done = bisect.bisect_right(line_nos, batch[-1][0])
        tell(done - settled)
        settled = done
        time.sleep(PAUSE_BETWEEN_BATCHES)

    for start in range(0, len(share), CHUNK_LINES):
        for line_no, doc, error, raw in _classify_chunk(share[start:start + CHUNK_LINES],
                                                        archive.vocabulary):
            if error is not None:
                errors.append((line_no, error))
            else:
                pending.append((line_no, doc, raw))
        unread = max(0, len(share) - start - CHUNK_LINES)
        # The share's last few lines go with the batch before them, not as a tiny
        # segment of their own that no merge of its size class would take.
        while len(pending) >= size and len(pending) - size + unread >= size // 2:
            batch = pending[:size]
            del pending[:len(batch)]
            commit(batch)
    if pending:
        commit(pending)
    tell(len(share) - settled)
    return {"added": added, "errors": errors}


def _save(archive: Archive, batch, added: list, errors: list, actor: str,
          held: Callable[[float], None]) -> None:
    """One commit; lines that duplicate stored ones (or earlier lines) are reported."""
    def duplicate(n: int, existing: str) -> None:
        errors.append((batch[n][0], f"duplicate of {existing or 'an earlier line'}"))
    saved = save_aside(archive, [([doc], raw) for _, doc, raw in batch], actor, duplicate,
                       held)
    by_doc = {id(doc): line_no for line_no, doc, _ in batch}
    added += [(by_doc[id(doc)], doc.id) for doc in saved]


def _procs(lines: int) -> int:
    """Importing processes: one per CPU (at most MAX_PROCS), none for a few lines."""
    if lines < 2 * CHUNK_LINES:
        return 1
    return max(1, min(MAX_PROCS, len(os.sched_getaffinity(0))))


def _classify_chunk(lines: list[tuple[int, bytes]], vocabulary: Vocabulary) -> list[tuple]:
    """(line number, Document or None, error or None, the line) of each line."""
    results = []
    for line_no, raw in lines:
        try:
            results.append((line_no, record_to_document(json.loads(raw), vocabulary), None,
                            raw.strip()))
        except (ValueError, UnicodeDecodeError) as exc:
            results.append((line_no, None, f"not valid JSON ({exc.__class__.__name__})", b""))
        except ArchivoError as exc:
            results.append((line_no, None, exc.message, b""))
    return results
