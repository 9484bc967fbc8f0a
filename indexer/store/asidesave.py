"""Archive.save_batch for an import: the batch is prepared before the writer lock is
taken, and the lock is held only to check and to write.

Before the lock: the duplicate check, the ids, the index segment (engine
Generation.write_aside) and the records and originals, written as temp files beside
their places and flushed (Corpus.stage): most of a batch's commit, and creating
files took 1-7 ms a document under the lock on a busy 2-core machine. Under the
lock: the check that nothing changed meanwhile (no id taken, no file stored by
another writer), then what save_batch does under it, with the same journal note (a
writer killed halfway is taken back whole): the files renamed into place, the
segment moved in instead of written. If something did change, the aside
segment is dropped and the batch saved by save_batch: slower, never wrong.
"""
from __future__ import annotations

import time
from typing import Callable

from indexer.core.models import Document
from indexer.ingest.pipeline import checksum
from indexer.store import journal
from indexer.store.corpus import etag


def save_aside(archive, batch: list[tuple[list[Document], bytes]], actor: str,
               on_duplicate: Callable[[int, str], None],
               held: Callable[[float], None] = lambda seconds: None) -> list[Document]:
    """save_batch(batch, actor, on_duplicate) of an Archive, prepared outside the lock;
    held(seconds) is told how long the writer lock was held."""
    archive.ensure_index()
    kept = archive._without_duplicates(batch, on_duplicate)
    if not kept:
        return []
    places = _places(batch, kept)
    saved = archive.stamp_new(kept, actor)
    originals = [(original, checksum(original), docs[0].original_kind or "text")
                 for docs, original in kept]
    records, files = archive.corpus.prepare_many(saved, originals)
    segment = archive.index.live().write_aside(zip(saved, map(etag, records)))
    staged = []
    try:
        staged = archive.corpus.stage(files)
        with archive.write_lock():
            began = time.perf_counter()
            try:
                if _still_new(archive, saved, [digest for _, digest, _ in originals]):
                    _store(archive, saved, staged, segment, actor)
                    return saved
            finally:
                held(time.perf_counter() - began)
    finally:
        archive.corpus.unstage(staged)
        segment.drop()
    # Another writer took an id or stored one of the files meanwhile: the ordinary way.
    return archive.save_batch(kept, actor, lambda n, existing: on_duplicate(places[n], existing))


def _places(batch: list, kept: list) -> list[int]:
    """Where each kept item stands in the batch (for on_duplicate)."""
    wanted = {id(item) for item in kept}
    return [n for n, item in enumerate(batch) if id(item) in wanted]


def _still_new(archive, saved: list[Document], digests: list[str]) -> bool:
    """Under the lock: no id taken and no file stored since the batch was prepared."""
    if any(archive.corpus.id_used(doc.id) for doc in saved):
        return False
    return not archive.find_by_checksums(digests)


def _store(archive, saved: list[Document], staged, segment, actor: str) -> None:
    """save_batch's writes, under the lock: records, then the segment, then the log."""
    corpus = archive.corpus
    new_originals = {doc.original for doc in saved if not (corpus.root / doc.original).exists()}
    with journal.noted_add(archive.index.root, [d.id for d in saved], new_originals):
        try:
            corpus.place(staged)
            archive.index.live().add_aside(segment)
        except BaseException:
            for doc in saved:
                corpus.delete_record(doc.id)
            for path in new_originals:
                corpus.remove_original(path)
            raise
        corpus.log_many([{"at": doc.added, "by": actor, "action": "add", "id": doc.id,
                          "title": doc.title} for doc in saved])
