"""Segment files read with positional reads: neither copied whole nor memory-mapped.

Whoosh maps each compound segment file and serves its inner files as slices of
the map. Every page a search touched then stayed in the worker's resident
memory: after a thousand searches a worker at 100,000 documents had touched
most of the index and was 640 MB resident, though its own memory was 130 MB
(the older BufferFile was worse: it copied each inner file into every worker).
Here the index is opened without maps and each inner file reads its bytes with
os.pread: the OS page cache still holds the hot pages, once for all workers,
but a worker's memory is only what it keeps (the way SQLite reads its pages).

os.pread takes the offset with each call, so the inner files of one segment
share its file descriptor without sharing a file position.

Only the indexes Archivo opens read this way: their storage (PreadStorage) hands
out files whose subset() is a PreadSubFile, which is how Whoosh's CompoundStorage
cuts its inner files out of a segment when it does not map it. Whoosh's own
classes are left as they are, for every other index in the process.
"""
from __future__ import annotations

import os
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

from indexer.core.errors import StorageError
from indexer.engine.whooshio.pin import require_pinned_whoosh

_EMPTY = b""


class PreadSubFile:
    """compound.SubFile's interface (a slice of the segment file), read with os.pread."""

    def __init__(self, parentfile, offset: int, length: int, name: str | None = None):
        self._file = parentfile
        self._fd = parentfile.fileno()
        self._offset, self._length, self._pos = offset, length, 0
        self.name = name
        self.closed = False

    def close(self) -> None:
        self.closed = True

    def subset(self, position: int, length: int, name: str | None = None) -> "PreadSubFile":
        return PreadSubFile(self._file, self._offset + position, length, name or self.name)

    def read(self, size: int | None = None) -> bytes:
        left = self._length - self._pos
        size = left if size is None or size < 0 else min(size, left)
        if size <= 0:
            return _EMPTY
        data = os.pread(self._fd, size, self._offset + self._pos)
        self._pos += len(data)
        return data

    def readline(self) -> bytes:
        start, chunk, parts = self._pos, 4096, []
        while self._pos < self._length:
            data = self.read(chunk)
            newline = data.find(b"\n")
            if newline >= 0:
                parts.append(data[:newline + 1])
                self._pos = start + sum(map(len, parts))
                break
            parts.append(data)
        return _EMPTY.join(parts)

    def seek(self, where: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self._length}[whence]
        self._pos = max(0, base + where)
        return self._pos

    def tell(self) -> int:
        return self._pos


class PreadStructFile(StructFile):
    """A segment file whose inner files (subset) are read with os.pread."""

    def subset(self, offset: int, length: int, name: str | None = None) -> StructFile:
        return StructFile(PreadSubFile(self.file, offset, length), name=name or self._name)


class PreadStorage(FileStorage):
    """A folder's storage that never maps its files and reads compound segments' inner
    files with os.pread (Whoosh's CompoundStorage calls the segment file's subset)."""

    def __init__(self, path, readonly: bool = False):
        super().__init__(path, supports_mmap=False, readonly=readonly)

    def open_file(self, name, **kwargs):
        return PreadStructFile(open(self._fpath(name), "rb"), name=name, **kwargs)


def open_index(folder: Path):
    """The Whoosh index in a folder, its segment files read with os.pread, not mapped.

    Its table of contents is a pickle naming our analyzer classes by module: an index
    written by a version of Archivo whose modules had other names cannot be read, and
    says so (make run's `indexer build --if-stale` rebuilds it) instead of a traceback."""
    require_pinned_whoosh()
    try:
        return PreadStorage(str(folder)).open_index()
    except (AttributeError, ModuleNotFoundError, ImportError) as exc:
        raise StorageError(f"the index in {folder} was written by another version of Archivo "
                           f"({exc}); rebuild it (indexer build)") from exc


def create_index(folder: Path, schema):
    """A new, empty Whoosh index in a folder (a rebuild's generation)."""
    require_pinned_whoosh()
    return PreadStorage(str(folder)).create_index(schema)


def folder_of(storage) -> Path:
    """The generation folder behind a segment's storage (a compound segment's reader
    overlays its compound file on the folder's storage)."""
    while not isinstance(storage, FileStorage):
        storage = storage.b         # OverlayStorage(compound file, folder storage)
    return Path(storage.folder)
