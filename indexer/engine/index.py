"""The index folder: its generations, the full rebuild, and clearing what writers left.

The index folder holds generations (gen-<n>/, each a whole Whoosh index,
indexer.engine.generation) and a CURRENT file naming the live one. A full rebuild
writes a new generation aside and then replaces CURRENT atomically, so readers
never see half an index. Incremental writes (a librarian's save) go to the live
generation. Every write happens under one writer lock (indexer.engine.locks).

A killed writer can still leave debris: a half-built gen-<n>/ (its builder holds an
flock on gen-<n>.building while it works, so a dead builder is told from a live
one), Whoosh's temporary TOC files and temp folders, and .tmp- files of
atomic_write. sweep() clears them under the writer lock, where no write is in
flight; Whoosh's own WRITELOCK files are flocks too and are left alone.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

from indexer.engine.build import write_generation
from indexer.core.errors import IndexMissing
from indexer.core.files import atomic_write
from indexer.core.models import Document
from indexer.engine.generation import Generation
from indexer.engine.locks import marker, write_lock
from indexer.engine.schema import SCHEMA_VERSION
from indexer.engine.whooshio import open_index

# What a killed Whoosh commit leaves in a generation: the TOC written aside
# (_MAIN_<n>.toc.<time>) and per-segment temp storage folders (<name>.tmp).
_WHOOSH_DEBRIS = re.compile(r"^(_\w+_\d+\.toc\.[\d.e+-]+|.+\.tmp)$")


class IndexStore:
    def __init__(self, root: Path, lock_timeout: float = 30.0, build_procs: int | None = None):
        self.root = Path(root)
        self.lock_timeout = lock_timeout
        self.build_procs = build_procs      # a rebuild's processes (None: one per CPU)
        self.pointer = self.root / "CURRENT"

    # -- locating --------------------------------------------------------------
    def current_generation(self) -> str | None:
        try:
            name = self.pointer.read_text().strip()
        except FileNotFoundError:
            return None
        return name if (self.root / name).is_dir() else None

    def current_dir(self) -> Path:
        name = self.current_generation()
        if name is None:
            raise IndexMissing(f"there is no index in {self.root}; run `indexer build`")
        return self.root / name

    def exists(self) -> bool:
        return self.current_generation() is not None

    def open(self):
        return open_index(self.current_dir())

    def meta(self) -> dict:
        try:
            return json.loads((self.current_dir() / "archivo.json").read_text())
        except (FileNotFoundError, ValueError, IndexMissing):
            return {}

    def is_current_schema(self) -> bool:
        return self.meta().get("schema_version") == SCHEMA_VERSION

    # -- the writer lock -------------------------------------------------------
    @contextlib.contextmanager
    def write_lock(self, timeout: float | None = None) -> Iterator[None]:
        with write_lock(self.root, self.lock_timeout if timeout is None else timeout):
            yield

    def live(self) -> "Generation":
        """The generation readers see now; write to it only under write_lock."""
        return Generation(self.current_dir(), self.lock_timeout)

    # -- full rebuild ----------------------------------------------------------
    def rebuild(self, docs: Iterable[tuple[Document, str]],
                catch_up: Callable[["Generation", dict[str, str], set[str]], None] | None = None,
                progress: Callable[[int], None] | None = None) -> int:
        """Build a new generation from docs, then swap it in under the writer lock.

        Writes that land while the build runs are applied by catch_up (given the
        new generation's id -> etag, and the originals its records name) just before
        the swap, so none is lost.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        generation = f"gen-{time.time_ns()}"
        target = self.root / generation
        with marker(self.root / f"{generation}.building", blocking=True):
            etags: dict[str, str] = {}
            originals: set[str] = set()
            count = self._build_into(target, docs, progress, etags, originals)
            with self.write_lock():
                if catch_up is not None:
                    # What the build indexed, as it went: reading it back from the new
                    # generation would load every stored body while holding the lock.
                    catch_up(Generation(target, self.lock_timeout), etags, originals)
                _write_meta(target, count)
                atomic_write(self.pointer, generation.encode())
                self.sweep()
        return count

    def _build_into(self, target: Path, docs, progress, etags: dict[str, str],
                    originals: set[str]) -> int:
        target.mkdir(parents=True)
        try:
            return write_generation(target, docs, progress, etags, originals, self.build_procs)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise

    # -- clearing what killed writers left (call under write_lock) ---------------
    def sweep(self) -> list[str]:
        """Remove old and abandoned generations and stray temp files; returns their names."""
        if not self.root.is_dir():
            return []
        current = self.current_generation()
        removed = _remove_temp_files(self.root)
        for path in sorted(self.root.glob("gen-*")):
            if path.is_dir() and path.name != current and self._abandoned(path.name):
                # Open readers keep their files (POSIX unlink semantics), so this is safe.
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
            elif path.suffix == ".building" and not (self.root / path.stem).exists():
                if self._abandoned(path.stem):
                    removed.append(path.name)
        for path in sorted(self.root.glob("merge-*")):     # a killed merge's workspace
            if path.is_dir() and self._abandoned(path.name):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
        if current is not None:
            removed += _remove_temp_files(self.root / current)
            removed += _remove_whoosh_debris(self.root / current)
        return removed

    def _abandoned(self, generation: str) -> bool:
        """True when no live process is building this generation (its builder's flock is free)."""
        try:
            with marker(self.root / f"{generation}.building", blocking=False):
                return True
        except BlockingIOError:
            return False


def _remove_temp_files(folder: Path) -> list[str]:
    """atomic_write's .tmp- files; under the writer lock none of them is being written."""
    removed = []
    for path in folder.glob(".tmp-*"):
        path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed


def _remove_whoosh_debris(folder: Path) -> list[str]:
    removed = []
    for path in folder.iterdir():
        if _WHOOSH_DEBRIS.match(path.name):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else \
                path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def _write_meta(target: Path, count: int) -> None:
    meta = {"schema_version": SCHEMA_VERSION, "documents": count,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "pid": os.getpid()}
    atomic_write(target / "archivo.json", json.dumps(meta, indent=2).encode())
