"""The index folder's locks: flocks, which the kernel releases if their holder dies.

One writer lock (write.lock) serializes every write to the index: a second writer
waits up to its timeout and then gets IndexBusy. A builder marks the generation it
is writing with a held flock on gen-<n>.building, so a sweep tells a dead builder's
half-built generation from a live one's. A killed process leaves no stale lock.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path
from typing import Iterator

from indexer.core.errors import IndexBusy


@contextlib.contextmanager
def write_lock(root: Path, timeout: float) -> Iterator[None]:
    """Hold the index folder's writer lock, waiting up to timeout seconds for it."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "write.lock", "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy("another write held the index for over {timeout:g} s; "
                                    "try again", timeout=timeout) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def marker(path: Path, blocking: bool) -> Iterator[None]:
    """Hold an flock on path, then remove it; the kernel drops the flock if we are killed.

    A sweeper may unlink the file between our open and our flock; holding a lock
    on an unlinked file would protect nothing, so take it again on the new file.
    """
    while True:
        handle = open(path, "a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BaseException:
            handle.close()
            raise
        if _same_file(handle, path):
            break
        handle.close()
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        handle.close()


def _same_file(handle, path: Path) -> bool:
    try:
        return os.fstat(handle.fileno()).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False
