"""Researchers' selections ("bookmarks"), kept server-side in SQLite in the instance folder.

Why not in the signed session cookie: a browser keeps at most about 4 kB a cookie, and
500 ids of up to 64 characters are 32 kB. The cookie carries only a random selection
key (webapp.selection); the ids live here, shared by every gunicorn worker, in the
order they were added. A selection untouched for FORGET_AFTER is deleted, and the
table never holds more than max_rows ids (the oldest selections go first), so
anonymous sessions cannot fill the disk.
"""
from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

FORGET_AFTER = 30 * 24 * 3600.0
MAX_ROWS = 500_000

SCHEMA = ("CREATE TABLE IF NOT EXISTS selected (owner TEXT NOT NULL, doc_id TEXT NOT NULL, "
          "added REAL NOT NULL, PRIMARY KEY (owner, doc_id))",
          "CREATE TABLE IF NOT EXISTS owners (owner TEXT PRIMARY KEY, touched REAL NOT NULL)",
          "CREATE INDEX IF NOT EXISTS owners_by_touched ON owners (touched)")


class SelectionFull(Exception):
    """Adding would take the selection past its limit; nothing was added."""


class SelectionStore:
    def __init__(self, path: Path, clock=time.time, max_rows: int = MAX_ROWS):
        self.path, self.clock, self.max_rows = Path(path), clock, max_rows
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            for statement in SCHEMA:
                db.execute(statement)

    @contextmanager
    def _connect(self):
        # One connection per call: nothing shared across a fork or between threads.
        db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def _writing(self):
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def ids(self, owner: str) -> list[str]:
        with self._connect() as db:
            rows = db.execute("SELECT doc_id FROM selected WHERE owner = ? "
                              "ORDER BY added, rowid", (owner,)).fetchall()
        return [doc_id for (doc_id,) in rows]

    def count(self, owner: str) -> int:
        with self._connect() as db:
            return db.execute("SELECT COUNT(*) FROM selected WHERE owner = ?",
                              (owner,)).fetchone()[0]

    def add(self, owner: str, doc_ids: list[str], limit: int) -> int:
        """Adds the ids not yet selected; returns how many were new. SelectionFull when
        they would not all fit (then none is added)."""
        now = self.clock()
        with self._writing() as db:
            held = {d for (d,) in db.execute("SELECT doc_id FROM selected WHERE owner = ?",
                                             (owner,))}
            new = list(dict.fromkeys(d for d in doc_ids if d not in held))
            if len(held) + len(new) > limit:
                raise SelectionFull(limit)
            db.executemany("INSERT INTO selected (owner, doc_id, added) VALUES (?, ?, ?)",
                           [(owner, d, now) for d in new])
            self._touch(db, owner, now)
            self._prune(db, now)
        return len(new)

    def remove(self, owner: str, doc_ids: list[str]) -> None:
        with self._writing() as db:
            db.executemany("DELETE FROM selected WHERE owner = ? AND doc_id = ?",
                           [(owner, d) for d in doc_ids])
            self._touch(db, owner, self.clock())

    def clear(self, owner: str) -> None:
        with self._writing() as db:
            self._forget(db, [owner])

    @staticmethod
    def _touch(db: sqlite3.Connection, owner: str, now: float) -> None:
        db.execute("INSERT INTO owners (owner, touched) VALUES (?, ?) ON CONFLICT (owner) "
                   "DO UPDATE SET touched = excluded.touched", (owner, now))

    def _prune(self, db: sqlite3.Connection, now: float) -> None:
        """Forget idle selections, then the oldest ones while over max_rows."""
        self._forget(db, [o for (o,) in db.execute(
            "SELECT owner FROM owners WHERE touched < ?", (now - FORGET_AFTER,))])
        excess = db.execute("SELECT COUNT(*) FROM selected").fetchone()[0] - self.max_rows
        if excess <= 0:
            return
        oldest = []
        for owner, size in db.execute(
                "SELECT o.owner, COUNT(*) FROM owners o JOIN selected s ON s.owner = o.owner "
                "GROUP BY o.owner ORDER BY MAX(o.touched)").fetchall():
            if excess <= 0:
                break
            oldest.append(owner)
            excess -= size
        self._forget(db, oldest)

    @staticmethod
    def _forget(db: sqlite3.Connection, owners: list[str]) -> None:
        for owner in owners:
            db.execute("DELETE FROM selected WHERE owner = ?", (owner,))
            db.execute("DELETE FROM owners WHERE owner = ?", (owner,))
