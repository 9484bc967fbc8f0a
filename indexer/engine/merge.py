"""Merging what real use leaves (many small segments) without rewriting it through Whoosh.

Every save, and every batch of an import, adds a segment. Whoosh's own merge feeds
every posting back through its pool and then exports the merged segment's term
arrays (a third of an import's time went to that export), all under the writer
lock. Here a merge re-indexes the segments' documents from the corpus with the
rebuild's FastSegmentWriter, *outside* the lock, in a workspace folder beside the
generations (Whoosh's commit deletes any segment file of its own folder that its
TOC does not name, so the new segment cannot be written there while others commit).
Under the lock again it checks that nothing changed in those segments meanwhile
(every index change of a document is a deletion in the segment that held it, so
equal deletion counts mean equal contents), moves the new segment in and commits
a TOC that names it instead of them. If something changed, the merge is dropped
and tried again later: the index is always right, only maybe less merged.

A merge killed halfway leaves only its workspace (merge-<n>/, guarded by the flock
on merge-<n>.building while it runs); IndexStore.sweep removes it.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import shutil
import time
from pathlib import Path
from typing import Callable, ContextManager, Iterable

from indexer.core.models import Document, to_index_fields
from indexer.core.processes import arm as arm_orphan_guard
from indexer.engine import docvectors, termarrays
from indexer.engine.facets import segment_of
from indexer.engine.fastwriter import FastSegmentWriter
from indexer.engine.locks import marker
from indexer.engine.schema import SCHEMA
from indexer.engine.whooshio import create_index, open_index, segments_of

# Segments this large are left alone (a rebuild writes segments of 25,000 documents;
# merging them would rewrite every posting of the archive for next to no gain).
MERGE_MAX_DOCS = 25_000
# A size class (powers of ten of documents) holding this many segments is merged.
MERGE_FACTOR = 8

Loader = Callable[[list[str]], Iterable[tuple[Document, str]]]


def plan(segments, everything: bool = False) -> list[list]:
    """Groups of segments to merge into one each: per size class (1-9, 10-99, ...
    documents) once it holds MERGE_FACTOR segments, so each document is rewritten
    about once per size class it climbs; with everything (`indexer optimize`), all
    segments under MERGE_MAX_DOCS. Groups hold at most MERGE_MAX_DOCS documents."""
    small = sorted((s for s in segments if s.doc_count() < MERGE_MAX_DOCS),
                   key=lambda s: s.doc_count())
    if everything:
        return [g for g in _packed(small) if len(g) > 1 or g[0].has_deletions()]
    classes: dict[int, list] = {}
    for segment in small:
        classes.setdefault(int(math.log10(max(1, segment.doc_count()))), []).append(segment)
    return [group for members in classes.values() if len(members) >= MERGE_FACTOR
            for group in _packed(members) if len(group) > 1]


def _packed(segments: list) -> list[list]:
    """Consecutive groups of at most MERGE_MAX_DOCS documents."""
    groups, group, docs = [], [], 0
    for segment in segments:
        if group and docs + segment.doc_count() > MERGE_MAX_DOCS:
            groups.append(group)
            group, docs = [], 0
        group.append(segment)
        docs += segment.doc_count()
    return groups + [group] if group else groups


def merge(generation_dir: Path, lock: Callable[[], ContextManager], load: Loader,
          everything: bool = False, procs: int = 1) -> int:
    """Merge the generation's small segments as plan() says; the number merged away.

    lock() is the index's writer lock (held only to choose and to swap in); load(ids)
    gives the (Document, etag) of those ids from the source of truth. With procs > 1
    the groups are merged in that many forked processes (each group writes its own
    workspace and takes the lock only to swap in): the end of a 100k import merges
    groups of 25,000 documents, a rebuild's work, which one process did alone."""
    with lock():
        groups = [_snapshot(generation_dir, group)
                  for group in plan(live_segments(generation_dir), everything)]
    jobs = [(Path(generation_dir), group, lock, load) for group in groups]
    if procs > 1 and len(jobs) > 1:
        return sum(_in_processes(jobs, procs))
    return sum(_merge_group(*job) for job in jobs)


_jobs: list = []        # the merges the forked processes take, by number


def _in_processes(jobs: list, procs: int) -> list[int]:
    global _jobs
    _jobs = jobs
    arm_orphan_guard()      # the processes must not outlive a killed merger
    try:
        with multiprocessing.get_context("fork").Pool(min(procs, len(jobs))) as pool:
            return pool.map(_merge_job, range(len(jobs)), chunksize=1)
    finally:
        _jobs = []


def _merge_job(n: int) -> int:
    return _merge_group(*_jobs[n])


def live_segments(generation_dir: Path) -> list:
    ix = open_index(Path(generation_dir))
    try:
        return list(segments_of(ix))
    finally:
        ix.close()


def _snapshot(generation_dir: Path, group: list) -> dict:
    """The segments' ids, deletion counts and live documents (id -> etag), read under
    the lock."""
    ix = open_index(Path(generation_dir))
    wanted = {s.segid for s in group}
    docs: dict[str, str] = {}
    deleted: dict[str, int] = {}
    try:
        with ix.reader() as reader:
            for leaf, _ in reader.leaf_readers():
                segment = segment_of(leaf)
                if segment is None or segment.segid not in wanted:
                    continue
                deleted[segment.segid] = segment.deleted_count()
                for docnum in leaf.all_doc_ids():
                    fields = leaf.stored_fields(docnum)
                    docs[fields["id"]] = fields.get("etag", "")
    finally:
        ix.close()
    return {"deleted": deleted, "docs": docs}


def _merge_group(generation_dir: Path, group: dict, lock, load: Loader) -> int:
    root = generation_dir.parent
    workspace = root / f"merge-{time.time_ns()}"
    # The builder's flock, which IndexStore.sweep honours: the workspace is not debris.
    with marker(root / f"{workspace.name}.building", blocking=True):
        try:
            segment = _write_merged(workspace, group["docs"], load)
            if segment is None:
                return 0
            with lock():
                if not _unchanged(generation_dir, group["deleted"]):
                    return 0
                swap_in(generation_dir, workspace, segment, set(group["deleted"]))
            return len(group["deleted"])
        finally:
            shutil.rmtree(workspace, ignore_errors=True)


def _write_merged(workspace: Path, docs: dict[str, str], load: Loader):
    """One new segment of the documents, in the workspace; None if a record no longer
    matches the index (a write landed: try again later)."""
    workspace.mkdir(parents=True)
    ix = create_index(workspace, SCHEMA)
    writer = FastSegmentWriter(ix, lock=False)
    written = 0
    try:
        for doc, doc_etag in load(sorted(docs)):
            if docs.get(doc.id) != doc_etag:
                return None
            writer.add_document(**to_index_fields(doc, doc_etag))
            written += 1
        if written != len(docs):
            return None
        return writer.finish_segment()
    finally:
        ix.close()


def _unchanged(generation_dir: Path, deleted: dict[str, int]) -> bool:
    current = {s.segid: s.deleted_count() for s in live_segments(generation_dir)}
    return all(current.get(segid) == count for segid, count in deleted.items())


def swap_in(generation_dir: Path, workspace: Path, segment, merged: set[str]) -> None:
    """Move the new segment's files and arrays into the generation, then commit a TOC
    naming it instead of the merged ones (Whoosh's commit deletes their files)."""
    prefix = segment.segment_id()
    for path in workspace.iterdir():
        if path.name.startswith(prefix):
            os.replace(path, generation_dir / path.name)
    arrays = termarrays.location(generation_dir, segment.segid)
    arrays.parent.mkdir(parents=True, exist_ok=True)
    os.replace(termarrays.location(workspace, segment.segid), arrays)
    vectors = docvectors.location(generation_dir, segment.segid)
    vectors.parent.mkdir(parents=True, exist_ok=True)
    os.replace(docvectors.location(workspace, segment.segid), vectors)
    ix = open_index(Path(generation_dir))
    try:
        writer = ix.writer()
        writer.commit(mergetype=lambda _w, segments: [s for s in segments
                                                      if s.segid not in merged] + [segment])
        with ix.reader() as reader:     # the merged segments' arrays and vectors go too
            termarrays.sync(generation_dir, reader)
            docvectors.prune(generation_dir, {segment_of(leaf).segid
                                              for leaf, _ in reader.leaf_readers()
                                              if segment_of(leaf) is not None})
    finally:
        ix.close()
