"""A full rebuild's writing: documents into the segments of a new generation, on every CPU.

The documents are split into one contiguous share per process; each forked
worker reads its own share (for the corpus, parsing its own JSON records),
analyzes it and writes its own segments with FastSegmentWriter, then sends back
what the parent needs: the segments, each document's etag, and the words for
"did you mean". The parent does no per-document work, so on 2 CPUs two workers
keep both busy. (Whoosh's MpWriter had the parent read and parse every record and
pickle every document to its workers, a serial stage as long as a worker's.)

Contiguous shares keep document numbers in corpus order, whatever the number of
processes, so ties between equal scores fall the same way as a one-process build.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Callable, Iterable

from indexer.core.errors import StorageError
from indexer.core.processes import run_forked
from indexer.engine.fastwriter import FastSegmentWriter
from indexer.core.models import Document, to_index_fields
from indexer.engine.schema import SCHEMA
from indexer.analysis.spelling import spelling_words, write_words
from indexer.engine.whooshio import create_index

# A worker starts a new segment after this many documents: its tokens are held in
# memory until the segment is written (a worker of the 100k bench peaked at 650 MB
# with 25,000, 1 GB with 50,000). Fewer, larger segments search faster: every word
# is looked up in every segment (100k documents: 4 segments, not the 10 of 10,000).
SEGMENT_DOCS = 25_000
MIN_SHARE_DOCS = 200     # documents, at the least, for a process of their own
PROGRESS_EVERY = 100      # documents between a worker's progress reports


def default_build_procs() -> int:
    """Build processes for a full rebuild when none are configured: one per CPU (max 4)."""
    return max(1, min(4, len(os.sched_getaffinity(0))))


def write_generation(target: Path, docs, progress: Callable[[int], None] | None,
                     etags: dict[str, str], originals: set[str],
                     procs: int | None = None) -> int:
    """Index docs ((Document, etag) pairs) into a new Whoosh index in target, with procs
    processes (None: default_build_procs()); fill etags (id -> etag) and originals (the
    originals the documents name).

    docs may offer split(n) -> n iterables (the corpus does: each worker then reads
    its own records); any other iterable is read here and cut into shares.
    """
    ix = create_index(target, SCHEMA)
    shares = _shares(docs, max(1, procs or default_build_procs()))
    report = progress or (lambda n: None)
    if len(shares) == 1:
        results = [_build_share(ix, shares[0], report)]
    else:
        results = _run_workers(ix, shares, report)
    segments, words, count = [], set(), 0
    for result in results:
        segments += result["segments"]
        words |= result["words"]
        etags.update(result["etags"])
        originals |= result["originals"]
        count += result["count"]
    write_words(target, words)
    writer = ix.writer()
    try:
        # No merge: the workers' segments are the index (searching a handful of large
        # segments costs next to nothing; merging them would rewrite every posting).
        writer.commit(mergetype=lambda _writer, existing: existing + segments)
    except OSError as exc:
        raise StorageError(f"could not write the index: {exc.strerror or exc}") from exc
    _check_count(ix, count)
    ix.close()
    return count


def _shares(docs, procs: int) -> list[Iterable]:
    """One share per process, but none under MIN_SHARE_DOCS documents: forking costs
    more than a small share saves, and a small archive keeps one segment."""
    if procs > 1 and not hasattr(docs, "split"):
        docs = list(docs)
    if procs > 1:
        procs = max(1, min(procs, len(docs) // MIN_SHARE_DOCS))
    if procs == 1:
        return [docs]
    if hasattr(docs, "split"):
        return docs.split(procs)
    size = -(-len(docs) // procs)
    return [docs[i:i + size] for i in range(0, len(docs), size)]


def _build_share(ix, docs: Iterable, report: Callable[[int], None]) -> dict:
    """Index one share into segments of at most SEGMENT_DOCS documents.

    Without the cyclic garbage collector: the postings held until a segment is
    written are millions of lists, which every full collection walks again (8% of
    a build), and they hold no cycles; what cyclic garbage a build leaves is
    collected once it is switched back on."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _index_share(ix, docs, report)
    finally:
        if collecting:
            gc.enable()


def _index_share(ix, docs: Iterable, report: Callable[[int], None]) -> dict:
    segments, etags, originals, tokens, count = [], {}, set(), set(), 0
    writer = None
    for doc, doc_etag in docs:
        count += 1
        if writer is None:
            writer = FastSegmentWriter(ix, lock=False, collect_tokens_of="body")
        writer.add_document(**to_index_fields(doc, doc_etag))
        etags[doc.id] = doc_etag
        if doc.original:
            originals.add(doc.original)
        report(1)
        if writer.doc_count() >= SEGMENT_DOCS:
            segments.append(_finish(writer, tokens))
            writer = None
    if writer is not None:
        segments.append(_finish(writer, tokens))
    return {"segments": segments, "etags": etags, "originals": originals, "count": count,
            "words": spelling_words(tokens)}


def _finish(writer: FastSegmentWriter, tokens: set[str]):
    tokens |= writer.tokens
    # The temp folder is shared by every worker's writer; the parent's commit removes it.
    return writer.finish_segment()


def _run_workers(ix, shares: list, report: Callable[[int], None]) -> list[dict]:
    return run_forked(lambda share, progress: _build_in_worker(ix, share, progress),
                      shares, report, "a build process died; the live index was left as it was")


def _build_in_worker(ix, share, progress: Callable[[int], None]) -> dict:
    """_build_share, its progress told PROGRESS_EVERY documents at a time (a message a
    document would cost the worker more than the bar is worth)."""
    gathered = 0

    def report(n: int) -> None:
        nonlocal gathered
        gathered += n
        if gathered >= PROGRESS_EVERY:
            progress(gathered)
            gathered = 0
    result = _build_share(ix, share, report)
    if gathered:
        progress(gathered)
    return result


def _check_count(ix, count: int) -> None:
    """What the segments hold must be what the workers were given."""
    with ix.searcher() as searcher:
        indexed = searcher.doc_count()
    if indexed != count:
        raise StorageError(f"the rebuild indexed {indexed} of {count} documents; "
                           "the live index was left as it was")
