"""A batch of new documents indexed as one segment before the writer lock is taken.

An import's batch spent most of its commit building its segment, and it built it
under the writer lock, so the lock was held for seconds and batches had to be
small (many segments, an end-of-import merge, a duplicate check and a term table a
few hundred documents). Here the segment is written the way a merge writes its
own (indexer.engine.merge): by the rebuild's FastSegmentWriter, in a workspace
beside the generations (merge-<n>/, guarded by the flock on merge-<n>.building, so
IndexStore.sweep removes only a dead writer's). Under the lock the segment's files
are moved into the live generation and a TOC naming it is committed: milliseconds.

The caller takes care that the documents are still new when it takes the lock (their
ids unused, their files not stored by another writer meanwhile); if not, it drops
the aside segment and saves the batch the ordinary way.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from indexer.analysis.spelling import append_words, spelling_words
from indexer.core.models import Document, to_index_fields
from indexer.engine import merge as merging
from indexer.engine.fastwriter import FastSegmentWriter
from indexer.engine.locks import marker
from indexer.engine.schema import SCHEMA
from indexer.engine.whooshio import create_index


@dataclass
class AsideSegment:
    """A written segment waiting in its workspace; drop() it once moved in or given up."""
    workspace: Path
    segment: object
    words: set[str]
    count: int
    _guard: contextlib.ExitStack = field(repr=False)

    def drop(self) -> None:
        shutil.rmtree(self.workspace, ignore_errors=True)
        self._guard.close()


def write_aside(index_root: Path, docs: Iterable[tuple[Document, str]]) -> AsideSegment:
    """Index the (Document, etag) pairs as one segment in a new workspace (no lock)."""
    workspace = Path(index_root) / f"merge-{time.time_ns()}-{os.getpid()}"
    guard = contextlib.ExitStack()
    guard.enter_context(marker(Path(index_root) / f"{workspace.name}.building", blocking=True))
    try:
        workspace.mkdir(parents=True)
        ix = create_index(workspace, SCHEMA)
        try:
            writer = FastSegmentWriter(ix, lock=False, collect_tokens_of="body")
            count = 0
            for doc, doc_etag in docs:
                writer.add_document(**to_index_fields(doc, doc_etag))
                count += 1
            segment = writer.finish_segment()
            words = spelling_words(writer.tokens)
        finally:
            ix.close()
    except BaseException:
        shutil.rmtree(workspace, ignore_errors=True)
        guard.close()
        raise
    return AsideSegment(workspace, segment, words, count, guard)


def add_aside(generation_dir: Path, aside: AsideSegment) -> None:
    """Under the writer lock: the segment joins the generation (its words first, so a
    searcher that sees the segment sees them)."""
    append_words(generation_dir, aside.words)
    merging.swap_in(Path(generation_dir), aside.workspace, aside.segment, set())
