"""One generation of the index (gen-<n>/, a whole Whoosh index): incremental writes
(a librarian's save, a deletion) and listings of what it holds.

Write to the live generation only under the writer lock (IndexStore.write_lock).
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Callable, Iterable

from indexer.engine import arraycodec, aside, docvectors, termarrays
from indexer.engine import merge as merging
from indexer.engine.fastwriter import FastSegmentWriter
from indexer.core.errors import StorageError
from indexer.core.models import Document, to_index_fields
from indexer.analysis.spelling import append_words, spell_words, spelling_words
from indexer.engine.whooshio import merge_segments, open_index

# A librarian's commit may merge segments smaller than this, through Whoosh's own merge
# (which exports the merged segment's term arrays under the lock: ~4 ms a document,
# so 2,000 made a save wait for seconds once an import had left such segments; an
# import's batches are never this small but for its last).
# Larger ones are merged by indexer.engine.merge, outside the lock.
SMALL_SEGMENT_DOCS = 100
MERGE_AT = 6                # ... once there are this many of them


class Generation:
    """One whole Whoosh index folder: incremental writes and a listing of what it holds."""

    def __init__(self, path: Path, lock_timeout: float = 30.0):
        self.path = Path(path)
        self.lock_timeout = lock_timeout

    def open(self):
        return open_index(self.path)

    def upsert(self, docs: Iterable[tuple[Document, str]]) -> None:
        with self._writer() as writer:
            words: set[str] = set()
            for doc, doc_etag in docs:
                writer.update_document(**to_index_fields(doc, doc_etag))
                words |= spell_words(doc.text)
            # Before the commit: a searcher that sees the new segment sees its words.
            append_words(self.path, words)

    def add_new(self, docs: Iterable[tuple[Document, str]]) -> None:
        """Index documents the index does not hold yet (a batch of new ids) as one new
        segment, written by the rebuild's FastSegmentWriter: no posting pool and no
        export of term arrays, which made a 500-document batch through upsert cost
        about 2 s. Nothing is merged here (the fast writer takes no segments); the
        small segments left are merged by merge()."""
        ix = self.open()
        try:
            writer = FastSegmentWriter(ix, timeout=self.lock_timeout, collect_tokens_of="body")
            try:
                for doc, doc_etag in docs:
                    writer.add_document(**to_index_fields(doc, doc_etag))
                append_words(self.path, spelling_words(writer.tokens))
            except BaseException:
                writer.cancel()
                raise
            _commit(writer, mergetype=lambda _writer, segments: segments)
        finally:
            ix.close()

    def write_aside(self, docs: Iterable[tuple[Document, str]]) -> aside.AsideSegment:
        """add_new's segment, written before the lock is taken (indexer.engine.aside);
        add_aside() moves it in under the lock, or drop() gives it up."""
        return aside.write_aside(self.path.parent, docs)

    def add_aside(self, segment: aside.AsideSegment) -> None:
        aside.add_aside(self.path, segment)

    def merge(self, lock: Callable, load: Callable, everything: bool = False,
              procs: int = 1) -> int:
        """Merge small segments (indexer.engine.merge), outside the lock but for the
        choice and the swap, in up to procs processes; how many were merged away."""
        return merging.merge(self.path, lock, load, everything, procs)

    def segment_sizes(self) -> list[int]:
        """Live documents of each segment (what `indexer optimize` reports)."""
        return [segment.doc_count() for segment in merging.live_segments(self.path)]

    def delete(self, doc_ids: Iterable[str]) -> None:
        with self._writer() as writer:
            for doc_id in doc_ids:
                writer.delete_by_term("id", doc_id)

    @contextlib.contextmanager
    def _writer(self):
        ix = self.open()
        writer = ix.writer(timeout=self.lock_timeout)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        else:
            _commit(writer, mergetype=merge_small_segments)
            with ix.reader() as reader:     # the new segment's arrays, before it is searched
                termarrays.sync(self.path, reader)
                docvectors.sync(self.path, reader)
        finally:
            ix.close()

    def damaged_segments(self) -> list[str]:
        """Segments that cannot be searched: their term arrays are gone
        (indexer.engine.arraycodec)."""
        ix = self.open()
        try:
            return arraycodec.damaged_segments(ix)
        finally:
            ix.close()

    def ids_with(self, fieldname: str, value: str) -> list[str]:
        """Ids of the indexed documents whose (ID) field holds the value."""
        ix = self.open()
        try:
            with ix.searcher() as searcher:
                return [f["id"] for f in searcher.documents(**{fieldname: value})]
        finally:
            ix.close()

    def ids_with_any(self, fieldname: str, values: Iterable[str]) -> dict[str, list[str]]:
        """ids_with for many values through one searcher (an import's duplicate check
        opened the index once a line)."""
        ix = self.open()
        try:
            with ix.searcher() as searcher:
                found = {}
                for value in set(values):
                    ids = [f["id"] for f in searcher.documents(**{fieldname: value})]
                    if ids:
                        found[value] = ids
                return found
        finally:
            ix.close()

    def indexed_etags(self) -> dict[str, str]:
        """id -> etag of every indexed document (for `indexer check` and catch-up)."""
        ix = self.open()
        try:
            with ix.searcher() as searcher:
                return {f["id"]: f.get("etag", "") for f in searcher.all_stored_fields()}
        finally:
            ix.close()


def merge_small_segments(writer, segments):
    """Merge policy of a librarian's commit: only ever merge small segments.

    Each save adds a small segment; once there are MERGE_AT of them they are merged
    into one, so searches never see many tiny segments. The large segments of the
    last rebuild are never rewritten on this path, so a save stays fast at any size.
    """
    small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT_DOCS]
    if len(small) < MERGE_AT:
        return segments
    merge_segments(writer, small)
    return [s for s in segments if s not in small]


def _commit(writer, mergetype=None) -> None:
    try:
        writer.commit(mergetype=mergetype)
    except OSError as exc:
        raise StorageError(f"could not write the index: {exc.strerror or exc}") from exc
