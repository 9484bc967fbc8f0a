"""The one write path: corpus first (atomic), then the index, under one writer lock.

The CLI, the librarian's pages and the librarian API all call these methods. If
the index write fails, the corpus change is undone, so the two always agree.
"""
from __future__ import annotations

import contextlib
import secrets
import threading
from typing import Callable, Collection

from indexer.store import journal
from indexer.core.config import Settings
from indexer.store.corpus import Corpus, IdAllocator, etag, now_iso
from indexer.core.errors import DuplicateDocument, EditConflict, IndexBusy
from indexer.engine import IndexStore, TermSets
from indexer.ingest.pipeline import checksum, ingest_bytes
from indexer.core.models import Document
from indexer.ingest.vocabulary import Vocabulary, load_vocabulary
from indexer.store.edits import (apply_changes, cut_notes, history_entry, split_list,  # noqa: F401
                                 topic_tags, upload_of, version)  # (re-exported for callers)
from indexer.store.upkeep import IndexUpkeep

# A batch of at least this many new documents is indexed as one segment by the rebuild's
# fast writer (Generation.add_new); smaller ones through Whoosh's writer, whose commit
# also merges the tiny segments single saves leave.
FAST_WRITE_DOCS = 50


class Archive(IndexUpkeep):
    def __init__(self, settings: Settings, merge_in_background: bool = False):
        """merge_in_background (the web app): after each save, a thread merges the
        small segments if merge's plan says so (IndexUpkeep.merge_segments)."""
        self.settings = settings
        self.corpus = Corpus(settings.corpus_dir)
        self.index = IndexStore(settings.index_dir, settings.lock_timeout, settings.build_procs)
        self._swept = False
        self.merge_in_background = merge_in_background
        self._merging = threading.Lock()
        # An import's: the index's checksums kept segment by segment (engine TermSets).
        self.checksum_terms: TermSets | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        return load_vocabulary(self.settings.topics_file)

    @contextlib.contextmanager
    def write_lock(self, timeout: float | None = None):
        """The index's writer lock; the first time in a process, also clear what a killed
        writer left behind (temp files, abandoned generations); every time, finish the
        change of a writer killed between the corpus and the index (indexer.store.journal)."""
        with self.index.write_lock(timeout=timeout):
            # A pending journal means a writer was killed: sweep its temp files too.
            if not self._swept or journal.pending(self.index.root):
                self.corpus.sweep()
                self.index.sweep()
                self._swept = True
            if self.index.exists():
                journal.replay(self)
            yield

    def finish_interrupted_write(self) -> bool:
        """At start-up (a worker replacing a killed one): sweep a killed writer's temp files
        and replay its journal now, so nothing it left survives the restart and the retry
        of its upload finds the archive as it was before. False if a live writer has the
        lock (it does the same itself)."""
        if not self.index.exists():
            return False
        try:
            with self.write_lock(timeout=0.5):
                pass
        except IndexBusy:
            return False
        return True

    # -- preparing (pure apart from the duplicate look-up) ---------------------
    def prepare(self, data: bytes, filename: str | None, overrides: dict | None = None,
                progress: Callable[[int, int], None] | None = None, single: bool = False
                ) -> list[Document]:
        """The documents a file would become, for review; nothing is stored. progress is
        told each PDF page read; single keeps a listing or dump as one document."""
        existing = self.find_by_checksum(checksum(data))
        if existing:
            raise DuplicateDocument("this file is already in the archive as {existing!r}",
                                    existing=existing, existing_id=existing, source=filename)
        docs = ingest_bytes(data, filename, self.vocabulary, self.settings.max_bytes,
                            progress=progress, single=single)
        if overrides and len(docs) == 1:
            apply_changes(docs[0], overrides, self.vocabulary)
        return docs

    def find_by_checksum(self, digest: str) -> str | None:
        """The id of a live document made from exactly these bytes, if any: looked up
        in the index, confirmed in the corpus (the source of truth)."""
        self.ensure_index()
        return self.find_by_checksums([digest]).get(digest)

    def find_by_checksums(self, digests) -> dict[str, str]:
        """find_by_checksum for many files through one look-up in the index."""
        found, generation = {}, self.index.live()
        if self.checksum_terms is not None:
            digests = self.checksum_terms.candidates(generation, digests)
            if not digests:
                return found
        for digest, doc_ids in generation.ids_with_any("checksum", digests).items():
            for doc_id in doc_ids:
                if self.corpus.exists(doc_id) and \
                        self.corpus.get_record(doc_id).get("checksum") == digest:
                    found[digest] = doc_id
                    break
        return found

    # -- writing ---------------------------------------------------------------
    def add_file(self, data: bytes, filename: str | None, overrides: dict | None = None,
                 actor: str = "cli") -> list[Document]:
        docs = self.prepare(data, filename, overrides)
        return self.save_new(docs, data, actor)

    def save_new(self, docs: list[Document], original: bytes, actor: str) -> list[Document]:
        """Store reviewed drafts (all from one original file) and index them."""
        return self.save_batch([(docs, original)], actor)

    def save_batch(self, batch: list[tuple[list[Document], bytes]], actor: str,
                   on_duplicate: Callable[[int, str], None] | None = None) -> list[Document]:
        """Store several files' documents under one lock and one index commit.

        All or nothing, even for a writer killed halfway: one journal note for the
        batch, which the next writer replays by taking back whatever was stored.
        A file already stored (or twice in the batch) refuses the whole batch, or
        with on_duplicate (an import), is left out and handed to it (its place in the
        batch, the id it duplicates or "")."""
        self.ensure_index()
        with self.write_lock():
            batch = self._without_duplicates(batch, on_duplicate)
            saved = self.stamp_new(batch, actor)
            if not saved:
                return []
            new_originals = {doc.original for doc in saved
                             if not (self.corpus.root / doc.original).exists()}
            with journal.noted_add(self.index.root, [d.id for d in saved], new_originals):
                self._store_batch(batch, saved, new_originals)
                self.corpus.log_many([{"at": doc.added, "by": actor, "action": "add",
                                       "id": doc.id, "title": doc.title} for doc in saved])
        return saved

    def stamp_new(self, batch: list[tuple[list[Document], bytes]], actor: str
                  ) -> list[Document]:
        """Give a batch's documents their ids, checksums, originals and first history
        entry; every document of the batch, in order. (The ids are free now: under the
        writer lock they stay free; an import checks again when it takes the lock.)"""
        stamp, ids, saved = now_iso(), IdAllocator(self.corpus), []
        for docs, original in batch:
            upload = secrets.token_hex(8)   # tells a listing's items from a re-upload
            digest = checksum(original)     # once a file: a listing shares its original
            for doc in docs:
                notes = cut_notes(doc)      # before the id: a cut title names it
                doc.id, doc.checksum = ids.new_id(doc.title), digest
                doc.original = self.corpus.original_relpath(
                    digest, docs[0].original_kind or "text")
                doc.added = doc.updated = stamp
                doc.history = [dict(history_entry(actor, "add", stamp, notes=notes),
                                    upload=upload)]
                saved.append(doc)
        return saved

    def _store_batch(self, batch, saved: list[Document], new_originals: set[str]) -> None:
        """Originals, then records, then the index; on a failure leave the corpus as it was."""
        try:
            self._commit(saved, previous={doc.id: None for doc in saved}, note=False,
                         originals=[(original, checksum(original), docs[0].original_kind or "text")
                                    for docs, original in batch])
        except BaseException:
            for path in new_originals:
                self.corpus.remove_original(path)
            raise

    def _without_duplicates(self, batch, on_duplicate):
        """The batch without files stored already or repeated in it (one index look-up
        for all); without on_duplicate, any such file refuses the batch before anything
        is written."""
        digests = [checksum(original) for _, original in batch]
        stored = self.find_by_checksums(digests)
        keep, seen = [], set()
        for n, (item, digest) in enumerate(zip(batch, digests)):
            if digest in stored or digest in seen:
                existing = stored.get(digest, "")
                if on_duplicate is None:
                    raise DuplicateDocument(
                        "this file is already in the archive as {existing!r}",
                        existing=existing or "another item", existing_id=existing)
                on_duplicate(n, existing)
                continue
            seen.add(digest)
            keep.append(item)
        return keep

    def update(self, doc_id: str, changes: dict, actor: str,
               expected_versions: Collection[str] | None = None) -> Document:
        """Apply an edit; with expected_versions (a form's version, an If-Match), only if
        the stored record is still one of them: compared under the lock, so of two edits
        based on one version the second is refused (EditConflict), never silently lost."""
        with self.write_lock():
            doc = self.corpus.get(doc_id)
            if expected_versions is not None and version(doc) not in expected_versions:
                raise EditConflict("the document was changed by someone else since you "
                                   "opened it; nothing was saved", current_version=version(doc))
            before = doc.to_dict()
            diff = apply_changes(doc, changes, self.vocabulary)
            if not diff:
                return doc
            stamp = now_iso()
            doc.updated = stamp
            doc.history.append(history_entry(actor, "edit", stamp, diff))
            self._commit([doc], previous={doc_id: before})
            self.corpus.log({"at": stamp, "by": actor, "action": "edit", "id": doc_id,
                             "title": doc.title, "fields": sorted(diff)})
        return doc

    def remove(self, doc_id: str, actor: str) -> None:
        """Move to the trash (restorable), and out of search."""
        with self.write_lock():
            doc = self.corpus.get(doc_id)
            stamp = now_iso()
            doc.history.append(history_entry(actor, "remove", stamp))
            with journal.noted(self.index.root, [doc_id]):
                self.corpus.save(doc)
                self.corpus.move_to_trash(doc_id)
                try:
                    self.index.live().delete([doc_id])
                except BaseException:
                    self.corpus.restore_from_trash(doc_id)
                    raise
            self.corpus.log({"at": stamp, "by": actor, "action": "remove", "id": doc_id,
                             "title": doc.title})

    def restore(self, doc_id: str, actor: str) -> Document:
        with self.write_lock():
            doc = self.corpus.get(doc_id, trashed=True)
            self._refuse_live_twin(doc)
            with journal.noted(self.index.root, [doc_id]):
                self.corpus.restore_from_trash(doc_id)
                stamp = now_iso()
                doc.history.append(history_entry(actor, "restore", stamp))
                doc.updated = stamp
                try:
                    self._commit([doc], previous={doc_id: None})
                except BaseException:
                    self.corpus.move_to_trash(doc_id)
                    raise
            self.corpus.log({"at": stamp, "by": actor, "action": "restore", "id": doc_id,
                             "title": doc.title})
        return doc

    def _refuse_live_twin(self, doc: Document) -> None:
        """Restore checks duplicates as an upload does: if the same file was uploaded
        again after this document went to the trash, restoring it would make two live
        documents of one file. The other items of its own upload (a listing) are not twins."""
        if not doc.checksum:
            return
        for other_id in self.index.live().ids_with("checksum", doc.checksum):
            if other_id == doc.id or not self.corpus.exists(other_id):
                continue
            other = self.corpus.get(other_id)
            if other.checksum == doc.checksum and upload_of(other) != upload_of(doc):
                raise DuplicateDocument(
                    "this file is in the archive again as {existing!r}; remove that copy "
                    "before restoring this one", existing=other_id, existing_id=other_id)

    def _commit(self, docs: list[Document], previous: dict[str, dict | None],
                note: bool = True, originals: list[tuple[bytes, str, str]] = ()) -> None:
        """Save records (and their new originals, flushed to disk together), then index
        them; on any failure put the records back. (note=False: the caller's own
        journal note covers this write.) A batch of FAST_WRITE_DOCS new documents
        or more is indexed as one segment by the fast writer."""
        try:
            with journal.noted(self.index.root, [doc.id for doc in docs]) if note else \
                    contextlib.nullcontext():
                records = self.corpus.save_many(docs, originals)
                saved = [(doc, etag(record)) for doc, record in zip(docs, records)]
                new = all(previous.get(doc.id) is None for doc in docs)
                if new and len(saved) >= FAST_WRITE_DOCS:
                    self.index.live().add_new(saved)
                else:
                    self.index.live().upsert(saved)
            if self.merge_in_background:
                self._merge_soon()
        except BaseException:
            for doc in docs:
                before = previous.get(doc.id)
                if before is None:
                    self.corpus.delete_record(doc.id)
                else:
                    self.corpus.save(Document.from_dict(before))
            raise

    def _merge_soon(self) -> None:
        """Merge in a thread of its own, one at a time: it waits for this write's lock,
        and holds it only to choose and to swap in, so the save is answered now."""
        if not self._merging.acquire(blocking=False):
            return

        def run():
            try:
                self.merge_segments()
            except Exception:   # noqa: BLE001 - a merge is an optimisation; the next tries again
                pass
            finally:
                self._merging.release()
        threading.Thread(target=run, name="archivo-merge", daemon=True).start()
