"""The corpus: the stored documents, the source of truth. The only code that touches corpus/.

Layout:
  records/<id>.json         one metadata record per live document
  trash/<id>.json           removed documents, restorable
  originals/<sha256>.<ext>  the original bytes, shared by the items of a listing page
  activity.jsonl            who changed what, when (append-only)

Every write goes to a temporary file in the same folder, is flushed to disk, then
renamed over the target: a reader never sees half a record.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from indexer.core.errors import DocumentNotFound, StorageError
from indexer.core.files import atomic_write, atomic_write_many, remove_temps, write_temps
from indexer.core.models import Document
from indexer.store.naming import IdAllocator, slugify  # noqa: F401 (re-exported)

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,120}$")
EXTENSIONS = {"html": "html", "pdf": "pdf", "docx": "docx", "rtf": "rtf", "text": "txt",
              "jsonl": "json", "pasted": "txt"}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def valid_id(doc_id: str) -> bool:
    return bool(_ID_RE.match(doc_id or ""))


def etag(record: dict) -> str:
    """A short hash of a record: the index keeps it to tell when it is out of date."""
    blob = json.dumps(record, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


class Corpus:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.records = self.root / "records"
        self.trash_dir = self.root / "trash"
        self.originals = self.root / "originals"
        self.activity_file = self.root / "activity.jsonl"

    # -- reading ---------------------------------------------------------------
    def _path(self, doc_id: str, folder: Path | None = None) -> Path:
        if not valid_id(doc_id):
            raise DocumentNotFound("no document with id {id!r}", id=doc_id)
        return (folder or self.records) / f"{doc_id}.json"

    def exists(self, doc_id: str) -> bool:
        return valid_id(doc_id) and self._path(doc_id).exists()

    def get(self, doc_id: str, *, trashed: bool = False) -> Document:
        return Document.from_dict(self.get_record(doc_id, trashed=trashed))

    def get_record(self, doc_id: str, *, trashed: bool = False) -> dict:
        path = self._path(doc_id, self.trash_dir if trashed else None)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            if trashed:
                raise DocumentNotFound("no document with id {id!r} in the trash",
                                       id=doc_id) from None
            raise DocumentNotFound("no document with id {id!r} in the archive",
                                   id=doc_id) from None

    def ids(self, *, trashed: bool = False) -> list[str]:
        folder = self.trash_dir if trashed else self.records
        if not folder.exists():
            return []
        return sorted(p.stem for p in folder.glob("*.json") if valid_id(p.stem))

    def __iter__(self) -> Iterator[Document]:
        for doc_id in self.ids():
            yield self.get(doc_id)

    def __len__(self) -> int:
        return len(self.ids())

    def changed_since(self, since_ns: int) -> set[str]:
        """Ids of live records written (or moved back from the trash) at or after since_ns."""
        if not self.records.exists():
            return set()
        with os.scandir(self.records) as entries:
            return {entry.name[:-5] for entry in entries
                    if entry.name.endswith(".json") and entry.stat().st_mtime_ns >= since_ns}

    def original_path(self, doc: Document) -> Path | None:
        if not doc.original:
            return None
        path = (self.root / doc.original).resolve()
        return path if path.is_relative_to(self.originals.resolve()) and path.exists() else None

    def activity(self, limit: int = 100) -> list[dict]:
        if not self.activity_file.exists():
            return []
        lines = self.activity_file.read_text(encoding="utf-8").splitlines()[-limit:]
        return [entry for entry in map(_activity_entry, reversed(lines)) if entry]

    # -- naming ----------------------------------------------------------------
    def new_id(self, title: str, taken: set[str] = frozenset()) -> str:
        return IdAllocator(self, taken).new_id(title)

    def id_used(self, doc_id: str) -> bool:
        """Whether a live or trashed record has this id (a new document may not take it)."""
        return self._path(doc_id).exists() or self._path(doc_id, self.trash_dir).exists()

    def original_relpath(self, digest: str, kind: str) -> str:
        return f"originals/{digest}.{EXTENSIONS.get(kind, 'bin')}"

    # -- writing (callers hold the archive's writer lock) ----------------------
    def store_original(self, data: bytes, digest: str, kind: str) -> tuple[str, bool]:
        """Keep the original bytes; returns their path inside the corpus and whether it is new."""
        path = self.root / self.original_relpath(digest, kind)
        if path.exists():
            return str(path.relative_to(self.root)), False
        self._write(path, data)
        return str(path.relative_to(self.root)), True

    def remove_original(self, relative: str) -> None:
        """Undo of store_original when the records that would use it were not saved."""
        path = (self.root / relative).resolve()
        if path.is_relative_to(self.originals.resolve()):
            path.unlink(missing_ok=True)

    def save(self, doc: Document) -> dict:
        record = doc.to_dict()
        self._write(self._path(doc.id), _dump(record))
        return record

    def save_many(self, docs: list[Document], originals: list[tuple[bytes, str, str]] = ()
                  ) -> list[dict]:
        """save for a batch, with store_original for its (data, digest, kind) originals:
        all flushed to disk at once (core.files.atomic_write_many), the originals
        renamed into place before the records that name them."""
        records, files = self.prepare_many(docs, originals)
        self.write_prepared(files)
        return records

    def prepare_many(self, docs: list[Document], originals: list[tuple[bytes, str, str]] = ()
                     ) -> tuple[list[dict], list[tuple[Path, bytes]]]:
        """save_many's records and files' contents, made without the writer lock (an
        import prepares its next batch while another writer holds it)."""
        files = [(self.root / self.original_relpath(digest, kind), data)
                 for data, digest, kind in originals]
        records = [doc.to_dict() for doc in docs]
        files += [(self._path(d.id), _dump(r)) for d, r in zip(docs, records)]
        return records, files

    def write_prepared(self, files: list[tuple[Path, bytes]]) -> None:
        """Write what prepare_many made (under the lock); an original stored already is
        kept as it is."""
        self._write_many(list(self._wanted(files).items()))

    def stage(self, files: list[tuple[Path, bytes]]) -> list[tuple[Path, bytes, str | None]]:
        """write_prepared's writing, before the writer lock is taken (creating files was
        most of an import's time under it): each file written beside its target as a
        .tmp- file and flushed to disk; place() renames them under the lock, and
        unstage() removes what is left. (path, data, temp file or None if not written)."""
        wanted = self._wanted(files)
        try:
            temps = write_temps(list(wanted.items()))
        except OSError as exc:
            raise _storage_error(exc, Path(exc.filename or files[0][0])) from exc
        staged = dict(zip(wanted, temps))
        return [(path, data, staged.get(path)) for path, data in dict(files).items()]

    def place(self, staged: list[tuple[Path, bytes, str | None]]) -> None:
        """Under the lock: the staged files renamed into place, originals first. A temp
        file gone meanwhile (another writer's first lock sweeps .tmp- files), or an
        original not staged and gone since, is written now."""
        self._write_many([(path, data) for path, data, tmp in staged
                          if tmp is None and not path.exists()])
        try:
            for path, data, tmp in staged:
                if tmp:
                    try:
                        os.replace(tmp, path)
                    except FileNotFoundError:
                        self._write(path, data)
        except OSError as exc:
            raise _storage_error(exc, path) from exc

    @staticmethod
    def unstage(staged: list[tuple[Path, bytes, str | None]]) -> None:
        remove_temps([tmp for _, _, tmp in staged if tmp])

    def _wanted(self, files: list[tuple[Path, bytes]]) -> dict[Path, bytes]:
        """The files to write: an original stored already is kept as it is."""
        return {path: data for path, data in files
                if path.parent != self.originals or not path.exists()}

    def move_to_trash(self, doc_id: str) -> None:
        self._move(self._path(doc_id), self._path(doc_id, self.trash_dir))

    def restore_from_trash(self, doc_id: str) -> None:
        self._move(self._path(doc_id, self.trash_dir), self._path(doc_id))

    def delete_record(self, doc_id: str) -> None:
        """Undo of a save that the index refused (used only by the write path's rollback)."""
        self._path(doc_id).unlink(missing_ok=True)

    def log(self, entry: dict) -> None:
        self.log_many([entry])

    def log_many(self, entries: list[dict]) -> None:
        """Append to the activity log with one fsync (a 20,000-item listing is one write)."""
        lines = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with open(self.activity_file, "a", encoding="utf-8") as handle:
                handle.write(lines)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise _storage_error(exc, self.activity_file) from exc

    def sweep(self, orphans: bool = False, referenced: set[str] | None = None,
              changed_since_ns: int | None = None) -> list[str]:
        """Clear what killed writers left: .tmp- files and, if asked, unreferenced originals.

        Callers hold the writer lock, so no write is in flight. An original with no
        record (in records/ or trash/) is from an add killed before its record was
        saved; it was never acknowledged, and a retry stores it again. A caller that
        read every record since changed_since_ns (a rebuild) gives the originals they
        named as referenced: then only records written since, and the trash, are read.
        """
        removed = []
        for folder in (self.root, self.records, self.trash_dir, self.originals):
            for path in folder.glob(".tmp-*") if folder.is_dir() else ():
                path.unlink(missing_ok=True)
                removed.append(str(path.relative_to(self.root)))
        if orphans and self.originals.is_dir():
            if referenced is None or changed_since_ns is None:
                records = list(self.records.glob("*.json")) if self.records.is_dir() else []
                used = set()
            else:
                records = [self._path(i) for i in self.changed_since(changed_since_ns)
                           if valid_id(i)]
                used = set(referenced)
            if self.trash_dir.is_dir():
                records += self.trash_dir.glob("*.json")
            used |= {self._original_of(p) for p in records}
            for path in self.originals.iterdir():
                name = str(path.relative_to(self.root))
                if path.is_file() and name not in used:
                    path.unlink(missing_ok=True)
                    removed.append(name)
        return removed

    @staticmethod
    def _original_of(path: Path) -> str | None:
        try:
            return json.loads(path.read_text(encoding="utf-8")).get("original")
        except (OSError, ValueError):
            return None

    def _move(self, source: Path, target: Path) -> None:
        if not source.exists():
            raise DocumentNotFound("no document with id {id!r} there", id=source.stem)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(source, target)
            os.utime(target)    # a moved record counts as written now (checksum cache)
        except OSError as exc:
            raise _storage_error(exc, target) from exc

    def _write(self, path: Path, data: bytes) -> None:
        try:
            atomic_write(path, data)
        except OSError as exc:
            raise _storage_error(exc, path) from exc

    def _write_many(self, items: list[tuple[Path, bytes]]) -> None:
        try:
            atomic_write_many(items)
        except OSError as exc:
            raise _storage_error(exc, Path(exc.filename or items[0][0])) from exc


def _dump(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _activity_entry(line: str) -> dict | None:
    """One activity line; a line cut short by a killed writer is skipped, not fatal."""
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) else None


def _storage_error(exc: OSError, path: Path) -> StorageError:
    reasons = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only",
               errno.EACCES: "permission denied", errno.EDQUOT: "the disk quota is exceeded"}
    reason = reasons.get(exc.errno, exc.strerror or str(exc))
    return StorageError("could not write {name}: {reason}; nothing was changed",
                        name=path.name, reason=reason, source=str(path.parent))
