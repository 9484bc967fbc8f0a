"""Segment files read straight from the memory map, not copied into each process.

Whoosh maps a compound segment file and hands out each inner file as a
BufferFile over a slice of the map, but BufferFile wraps the slice in a BytesIO,
which copies it: every web worker held a private copy of the whole index
(70 MB of a 76 MB index at 10,000 documents, growing with the archive). Here the
inner files read from the map itself, so the pages are shared by all workers
through the OS page cache and a worker's memory no longer grows with the index.

`install()` swaps the class the compound storage builds; reading is otherwise
unchanged (the same StructFile methods over the same bytes).
"""
from __future__ import annotations

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile


class _ViewReader:
    """The file methods StructFile and pickle use, over a memoryview, without a copy."""

    def __init__(self, view: memoryview):
        self._view = view
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view),
                                                                    self._pos + size)
        data = bytes(self._view[self._pos:end])
        self._pos = end
        return data

    def readline(self, size: int | None = -1) -> bytes:
        rest = self._view[self._pos:] if size is None or size < 0 else \
            self._view[self._pos:self._pos + size]
        newline = bytes(rest).find(b"\n") if len(rest) < 4096 else \
            _find_newline(rest)
        return self.read(len(rest) if newline < 0 else newline + 1)

    def seek(self, pos: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: len(self._view)}[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view = memoryview(b"")


def _find_newline(view: memoryview) -> int:
    for start in range(0, len(view), 4096):
        found = bytes(view[start:start + 4096]).find(b"\n")
        if found >= 0:
            return start + found
    return -1


class MappedBufferFile(BufferFile):
    def __init__(self, buf, name=None, onclose=None):
        mapped = isinstance(buf, memoryview)
        super().__init__(b"" if mapped else buf, name=name, onclose=onclose)
        if mapped:
            self._buf = buf
            self.file = _ViewReader(buf)


def install() -> None:
    compound.BufferFile = MappedBufferFile
