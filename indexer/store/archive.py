"""The one write path: corpus first (atomic), then the index, under one writer lock.

The CLI, the librarian's pages and the librarian API all call these methods. If
the index write fails, the corpus change is undone, so the two always agree.
"""
from __future__ import annotations

import contextlib
import functools
import re
import secrets
import time
from typing import Callable, Collection, Iterable

from indexer.store import journal
from indexer.ingest.clean import without_controls
from indexer.core.config import Settings
from indexer.store.corpus import Corpus, CorpusDocs, IdAllocator, etag, now_iso
from indexer.core.errors import BadRequest, DuplicateDocument, EditConflict, IndexBusy
from indexer.engine import Generation, IndexStore
from indexer.ingest.pipeline import checksum, ingest_bytes
from indexer.core.limits import check_field, cut_fields
from indexer.ingest.metadata import parse_date, web_url
from indexer.core.models import EDITABLE_FIELDS, Document, TopicTag, validate_type
from indexer.ingest.vocabulary import Vocabulary, load_vocabulary


# Records whose mtime is up to this much before a rebuild started are re-read at the
# swap too, in case a write's rename landed just as the build listed the corpus.
CLOCK_SLACK_NS = 2_000_000_000


class Archive:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.corpus = Corpus(settings.corpus_dir)
        self.index = IndexStore(settings.index_dir, settings.lock_timeout, settings.build_procs)
        self._swept = False

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
    def prepare(self, data: bytes, filename: str | None, overrides: dict | None = None
                ) -> list[Document]:
        """The documents a file would become, for review; nothing is stored."""
        existing = self.find_by_checksum(checksum(data))
        if existing:
            raise DuplicateDocument("this file is already in the archive as {existing!r}",
                                    existing=existing, existing_id=existing, source=filename)
        docs = ingest_bytes(data, filename, self.vocabulary, self.settings.max_bytes)
        if overrides and len(docs) == 1:
            apply_changes(docs[0], overrides, self.vocabulary)
        return docs

    def find_by_checksum(self, digest: str) -> str | None:
        """The id of a live document made from exactly these bytes, if any: looked up
        in the index, confirmed in the corpus (the source of truth)."""
        self.ensure_index()
        for doc_id in self.index.live().ids_with("checksum", digest):
            if self.corpus.exists(doc_id) and \
                    self.corpus.get_record(doc_id).get("checksum") == digest:
                return doc_id
        return None

    # -- writing ---------------------------------------------------------------
    def add_file(self, data: bytes, filename: str | None, overrides: dict | None = None,
                 actor: str = "cli") -> list[Document]:
        docs = self.prepare(data, filename, overrides)
        return self.save_new(docs, data, actor)

    def save_new(self, docs: list[Document], original: bytes, actor: str) -> list[Document]:
        """Store reviewed drafts (all from one original file) and index them."""
        return self.save_batch([(docs, original)], actor)

    def save_batch(self, batch: list[tuple[list[Document], bytes]], actor: str
                   ) -> list[Document]:
        """Store several files' documents under one lock and one index commit.

        All or nothing, even for a writer killed halfway: one journal note for the
        batch, which the next writer replays by taking back whatever was stored."""
        self.ensure_index()
        with self.write_lock():
            self._refuse_duplicates([original for _, original in batch])
            stamp, ids, saved = now_iso(), IdAllocator(self.corpus), []
            for docs, original in batch:
                upload = secrets.token_hex(8)   # tells a listing's items from a re-upload
                digest = checksum(original)     # once a file: a listing shares its original
                for doc in docs:
                    notes = _cut_notes(doc)     # before the id: a cut title names it
                    doc.id, doc.checksum = ids.new_id(doc.title), digest
                    doc.original = self.corpus.original_relpath(
                        digest, docs[0].original_kind or "text")
                    doc.added = doc.updated = stamp
                    doc.history = [dict(_history(actor, "add", stamp, notes=notes),
                                        upload=upload)]
                    saved.append(doc)
            new_originals = {doc.original for doc in saved
                             if not (self.corpus.root / doc.original).exists()}
            with journal.noted_add(self.index.root, [d.id for d in saved], new_originals):
                self._store_batch(batch, saved, new_originals)
                self.corpus.log_many([{"at": stamp, "by": actor, "action": "add",
                                       "id": doc.id, "title": doc.title} for doc in saved])
        return saved

    def _store_batch(self, batch, saved: list[Document], new_originals: set[str]) -> None:
        """Originals, then records, then the index; on a failure leave the corpus as it was."""
        try:
            for docs, original in batch:
                self.corpus.store_original(original, checksum(original),
                                           docs[0].original_kind or "text")
            self._commit(saved, previous={doc.id: None for doc in saved}, note=False)
        except BaseException:
            for path in new_originals:
                self.corpus.remove_original(path)
            raise

    def _refuse_duplicates(self, originals: list[bytes]) -> None:
        """Refuse the whole batch before anything is written if any file is stored already."""
        seen: set[str] = set()
        for original in originals:
            digest = checksum(original)
            existing = self.find_by_checksum(digest)
            if existing or digest in seen:
                raise DuplicateDocument(
                    "this file is already in the archive as {existing!r}",
                    existing=existing or "another item", existing_id=existing or "")
            seen.add(digest)

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
            doc.history.append(_history(actor, "edit", stamp, diff))
            self._commit([doc], previous={doc_id: before})
            self.corpus.log({"at": stamp, "by": actor, "action": "edit", "id": doc_id,
                             "title": doc.title, "fields": sorted(diff)})
        return doc

    def remove(self, doc_id: str, actor: str) -> None:
        """Move to the trash (restorable), and out of search."""
        with self.write_lock():
            doc = self.corpus.get(doc_id)
            stamp = now_iso()
            doc.history.append(_history(actor, "remove", stamp))
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
                doc.history.append(_history(actor, "restore", stamp))
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
            if other.checksum == doc.checksum and _upload_of(other) != _upload_of(doc):
                raise DuplicateDocument(
                    "this file is in the archive again as {existing!r}; remove that copy "
                    "before restoring this one", existing=other_id, existing_id=other_id)

    def _commit(self, docs: list[Document], previous: dict[str, dict | None],
                note: bool = True) -> None:
        """Save records, then index them; on an index failure put the records back.
        (note=False: the caller's own journal note covers this write.)"""
        saved = []
        try:
            with journal.noted(self.index.root, [doc.id for doc in docs]) if note else \
                    contextlib.nullcontext():
                for doc in docs:
                    saved.append((doc, etag(self.corpus.save(doc))))
                self.index.live().upsert(saved)
        except BaseException:
            for doc, _ in saved:
                before = previous.get(doc.id)
                if before is None:
                    self.corpus.delete_record(doc.id)
                else:
                    self.corpus.save(Document.from_dict(before))
            raise

    # -- the index as a whole --------------------------------------------------
    def corpus_etags(self) -> CorpusDocs:
        return CorpusDocs(self.corpus, self.corpus.ids())

    def _docs_etags(self, doc_ids: Iterable[str]) -> Iterable[tuple[Document, str]]:
        return iter(CorpusDocs(self.corpus, list(doc_ids)))

    def ensure_index(self) -> None:
        """A first write on a fresh checkout builds the (maybe empty) index first."""
        if not self.index.exists():
            self.rebuild()

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        # Records written from (a little before) now on are re-checked at the swap.
        started = time.time_ns() - CLOCK_SLACK_NS
        return self.index.rebuild(self.corpus_etags(), progress=progress,
                                  catch_up=functools.partial(self._catch_up, since_ns=started))

    def _catch_up(self, generation: Generation, indexed: dict[str, str],
                  originals: set[str] | None = None, since_ns: int | None = None) -> None:
        """Before a rebuild's swap (under the lock): clear the corpus's debris, then sync.

        The originals the build's records named spare the orphan sweep a re-read of
        every record under the lock; only records written since are read again."""
        if originals is not None and since_ns is not None:
            self.corpus.sweep(orphans=True, referenced=originals, changed_since_ns=since_ns)
        else:
            self.corpus.sweep(orphans=True)
        self.sync(generation, indexed, since_ns)

    def sync(self, generation: Generation, indexed: dict[str, str],
             changed_since_ns: int | None = None) -> None:
        """Make a generation agree with the corpus (called under the writer lock).

        With changed_since_ns, only records written since then (and ids the
        generation lacks) are read: the rest are what the generation was built from.
        """
        ids = set(self.corpus.ids())
        if changed_since_ns is None:
            wanted = ids
        else:
            wanted = (self.corpus.changed_since(changed_since_ns) & ids) | (ids - set(indexed))
        live = {doc.id: (doc, tag) for doc, tag in self._docs_etags(sorted(wanted))}
        stale = [pair for doc_id, pair in live.items() if indexed.get(doc_id) != pair[1]]
        extra = [doc_id for doc_id in indexed if doc_id not in ids]
        if extra:
            generation.delete(extra)
        if stale:
            generation.upsert(stale)

    def check(self) -> dict[str, list[str]]:
        """Differences between corpus and index, and index segments that cannot be
        searched; all lists empty when they agree."""
        generation = self.index.live()
        indexed = generation.indexed_etags()
        live = {doc.id: tag for doc, tag in self.corpus_etags()}
        return {
            "missing_from_index": sorted(set(live) - set(indexed)),
            "not_in_corpus": sorted(set(indexed) - set(live)),
            "out_of_date": sorted(i for i in live if i in indexed and indexed[i] != live[i]),
            "damaged_segments": generation.damaged_segments(),
        }


def version(doc: Document) -> str:
    """The version of a stored document (its record's etag): a form's hidden field, the
    API's ETag."""
    return etag(doc.to_dict())


def _upload_of(doc: Document) -> str | None:
    """Which upload made a document: the token of its "add" (records from before the
    token: the time of the add, which all items of one listing share)."""
    first = doc.history[0] if doc.history else {}
    return first.get("upload") or doc.added


def _history(actor: str, action: str, at: str, changes: dict | None = None,
             notes: list[str] | None = None) -> dict:
    entry = {"at": at, "by": actor, "action": action}
    if changes:
        entry["changes"] = changes
    if notes:
        entry["notes"] = notes
    return entry


def _cut_notes(draft: Document) -> list[str]:
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
