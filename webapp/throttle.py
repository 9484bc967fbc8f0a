"""The failed-login slow-down, shared by every gunicorn worker (SQLite in the instance folder).

Each failed login, by the form or by HTTP Basic, counts against three keys: the account
name, the client's address and the whole site. A key has some free failures (FREE: 3
for an account, 10 for an address, 100 site-wide); after them every further failure
locks the key for 2, 4, 8 ... seconds (at most LOCKOUT_MAX). While any key of an attempt
is locked it is answered 429 without the password being checked, so guessing is slow
whether one name gets many passwords (account), one client tries many names (address)
or many clients share the work (site). A success clears only its account's counter: a
guesser who owns one account cannot reset their address. A key idle for FORGET_AFTER
starts again from nothing.

Why SQLite: workers are separate processes, and counters in each one's memory gave every
worker its own tries. Why hashes: a key is at most 64 characters however long the name
sent (a 450 kB name used to be kept whole). The table is pruned of idle keys at every
failure and never holds more than max_rows keys (the oldest go first).
Addresses: all of 127.0.0.0/8 is one machine and an IPv6 client gets a whole /64, so a
new address within them gives no fresh tries.
The site-wide limit is a trade-off: a flood of failures slows every librarian's login
too (at most LOCKOUT_MAX at a time); ARCHIVO_LOGIN_SITE_FREE raises it.
"""
from __future__ import annotations

import hashlib
import ipaddress
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

FREE = {"account": 3, "address": 10, "site": 100}
LOCKOUT_MAX = 300.0
FORGET_AFTER = 900.0
MAX_ROWS = 10_000
MAX_DOUBLINGS = 16          # 2 ** 16 s is past LOCKOUT_MAX already; never overflows

SCHEMA = ("CREATE TABLE IF NOT EXISTS failures (key TEXT PRIMARY KEY, "
          "count INTEGER NOT NULL, last REAL NOT NULL)",
          "CREATE INDEX IF NOT EXISTS failures_by_last ON failures (last)")


def client_of(address: str | None) -> str:
    """The unit an address counts as: one IPv4 address, loopback, an IPv6 /64."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return (address or "")[:64]
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _hashed(scope: str, value: str) -> str:
    return f"{scope}:{hashlib.sha256(value.encode('utf-8', 'replace')).hexdigest()[:48]}"


class LoginThrottle:
    def __init__(self, path: Path, free: dict | None = None, clock=time.time,
                 max_rows: int = MAX_ROWS):
        # Wall-clock time: every worker must read the same "last failure" the same way.
        self.path, self.clock, self.max_rows = Path(path), clock, max_rows
        self.free = {**FREE, **(free or {})}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")       # readers never wait for a writer
            for statement in SCHEMA:
                db.execute(statement)

    @contextmanager
    def _connect(self):
        # One connection per call: cheap, and nothing is shared across a fork or threads.
        db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
        try:
            yield db
        finally:
            db.close()

    def keys(self, name: str, address: str | None) -> dict[str, str]:
        return {"account": _hashed("account", (name or "").strip().lower()),
                "address": _hashed("address", client_of(address)), "site": "site"}

    def wait_seconds(self, keys: dict[str, str]) -> float:
        """How long the attempt must wait (0: it may be checked now)."""
        now = self.clock()
        rows = self._rows(keys)
        return max([self._lock_left(scope, *rows[key], now)
                    for scope, key in keys.items() if key in rows], default=0.0)

    def _lock_left(self, scope: str, count: int, last: float, now: float) -> float:
        over = count - self.free[scope]
        if over <= 0 or now - last > FORGET_AFTER:
            return 0.0
        return max(0.0, last + min(2.0 ** min(over, MAX_DOUBLINGS), LOCKOUT_MAX) - now)

    def _rows(self, keys: dict[str, str]) -> dict[str, tuple[int, float]]:
        wanted = list(keys.values())
        with self._connect() as db:
            found = db.execute("SELECT key, count, last FROM failures WHERE key IN "
                               f"({','.join('?' * len(wanted))})", wanted).fetchall()
        return {key: (count, last) for key, count, last in found}

    def failed(self, keys: dict[str, str]) -> None:
        now = self.clock()
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")       # one worker at a time counts
            try:
                db.executemany(
                    "INSERT INTO failures (key, count, last) VALUES (?, 1, ?) "
                    "ON CONFLICT (key) DO UPDATE SET last = excluded.last, count = CASE "
                    "WHEN excluded.last - last > ? THEN 1 ELSE count + 1 END",
                    [(key, now, FORGET_AFTER) for key in keys.values()])
                self._prune(db, now)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def _prune(self, db: sqlite3.Connection, now: float) -> None:
        db.execute("DELETE FROM failures WHERE last < ?", (now - FORGET_AFTER,))
        db.execute("DELETE FROM failures WHERE key IN (SELECT key FROM failures "
                   "ORDER BY last DESC LIMIT -1 OFFSET ?)", (self.max_rows,))

    def succeeded(self, keys: dict[str, str]) -> None:
        account = keys["account"]
        if account in self._rows({"account": account}):     # most successes write nothing
            with self._connect() as db:
                db.execute("DELETE FROM failures WHERE key = ?", (account,))
