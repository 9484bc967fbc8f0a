"""File helpers every layer may use."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_many(items: list[tuple[Path, bytes]]) -> None:
    """atomic_write for many files at one flush to disk: every file is written aside,
    all are flushed together, then each is renamed over its target. A save of an
    import's batch flushed each record and original on its own (two fsyncs, about
    1 ms, a document: the import could not pass 1,000 documents a second)."""
    temps = write_temps(items)
    try:
        for (path, _), tmp in zip(items, temps):
            os.replace(tmp, path)
    except BaseException:
        remove_temps(temps)
        raise


def write_temps(items: list[tuple[Path, bytes]]) -> list[str]:
    """atomic_write_many's first half: each file written beside its target (a .tmp- file)
    and all of them flushed to disk; the temp files' paths, in order."""
    temps: list[str] = []
    try:
        for path, data in items:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
            temps.append(tmp)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        _flush_to_disk(temps)
    except BaseException:
        remove_temps(temps)
        raise
    return temps


def remove_temps(temps: list[str]) -> None:
    for tmp in temps:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _flush_to_disk(paths: list[str]) -> None:
    """Linux's syncfs flushes the file system holding them at once; elsewhere (or if
    it fails) each file is fsynced."""
    if not paths:
        return
    fd = os.open(paths[0], os.O_RDONLY)
    try:
        if _syncfs is not None and _syncfs(fd) == 0:
            return
    finally:
        os.close(fd)
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _load_syncfs():
    try:
        import ctypes
        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None


_syncfs = _load_syncfs()
