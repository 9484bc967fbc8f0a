"""A loopback load harness: gunicorn on a free 127.0.0.1 port, bounded client threads.

Search clients send a fixed number of faceted searches each. Upload clients (for
when POST /api/documents exists) send a fixed number of distinct files each with
HTTP Basic auth and keep the ids of the 201 answers: those are the acknowledged
documents that must all be searchable at the end. Every request has a timeout,
every loop a count: the harness stops by itself.
"""
from __future__ import annotations

import base64
import json
import os
import random
import signal
import socket
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

REQUEST_TIMEOUT_S = 10.0
ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["border security", "trade", "migration", "mexico", "energy reform", "refugees",
           "military cooperation", "tariffs", "", "\"united states\"", "author:olson"]
FACETS = [{}, {"topic": "security"}, {"type": "podcast"}, {"topic": ["trade", "border"]},
          {"not_type": "article"}, {"year_from": "2015", "year_to": "2019"},
          {"sort": "newest"}, {"page": "2"}, {"author": "Eric Olson"}]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)     # ids of 201 answers

    def add(self, other: "Tally") -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.acknowledged += other.acknowledged


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2, ready_timeout: float = 60.0):
    """Serve the app on a free loopback port; yields the base URL; stops it after."""
    port = free_port()
    log = Path(env["ARCHIVO_INSTANCE_DIR"]) / "gunicorn.log"     # read it when start-up fails
    log.parent.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "webapp/gunicorn_conf.py"),
            "--access-logfile", os.devnull, "--error-logfile", str(log), "webapp:create_app()"]
    full_env = {**os.environ, **env, "PORT": str(port), "ARCHIVO_WORKERS": str(workers)}
    pid = os.posix_spawn(sys.executable, argv, full_env, file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, pid, ready_timeout, log)
        yield base
    finally:
        os.kill(pid, signal.SIGTERM)           # the arbiter stops its own workers
        _reap(pid, timeout=15.0)


def _wait_ready(base: str, pid: int, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.waitpid(pid, os.WNOHANG)[0]:
            raise RuntimeError(f"gunicorn exited during start-up: {log.read_text()[-2000:]}")
        try:
            if request(base + "/api/search?per_page=1")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout:g} s: "
                       f"{log.read_text()[-2000:] if log.exists() else ''}")


def _reap(pid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def request(url: str, data: bytes | None = None, headers: dict | None = None,
            method: str | None = None, timeout: float = REQUEST_TIMEOUT_S) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def search_client(base: str, count: int, seed: int) -> Tally:
    """count faceted searches; anything but a 200 with a results list is an error."""
    rng, tally = random.Random(seed), Tally()
    for _ in range(count):
        params = {"q": rng.choice(QUERIES), **rng.choice(FACETS)}
        url = f"{base}/api/search?{urlencode(params, doseq=True)}"
        began = time.monotonic()
        try:
            status, body = request(url)
            ok = status == 200 and isinstance(json.loads(body).get("results"), list)
        except (OSError, ValueError) as exc:
            status, ok = type(exc).__name__, False
        tally.latencies.append(time.monotonic() - began)
        if not ok:
            tally.errors.append(f"GET {url} -> {status}")
    return tally


def upload_client(base: str, user: str, password: str, files: list[tuple[str, bytes]]
                  ) -> Tally:
    """POST each file to /api/documents as a librarian; a 201's id is acknowledged."""
    tally = Tally()
    auth = base64.b64encode(f"{user}:{password}".encode()).decode()
    for name, data in files:
        body, content_type = multipart({}, name, data)
        began = time.monotonic()
        try:
            status, answer = request(f"{base}/api/documents", body, method="POST", headers={
                "Authorization": f"Basic {auth}", "Content-Type": content_type})
        except OSError as exc:
            status, answer = type(exc).__name__, b""
        tally.latencies.append(time.monotonic() - began)
        if status != 201:
            tally.errors.append(f"POST {name} -> {status} {answer[:200]!r}")
            continue
        record = json.loads(answer)
        tally.acknowledged += [d["id"] for d in record.get("documents", [record])]
    return tally


def multipart(fields: dict[str, str], file_name: str, data: bytes) -> tuple[bytes, str]:
    boundary = f"archivo-{random.getrandbits(64):016x}"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
             .encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="{file_name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                 .encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), \
        f"multipart/form-data; boundary={boundary}"


def percentiles(latencies: list[float]) -> dict[str, float]:
    """p50/p95/p99 in milliseconds (nearest rank)."""
    ordered = sorted(latencies)
    if not ordered:
        return {}
    at = {p: min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
          for p in (50, 95, 99)}
    return {f"p{p}": round(ordered[i] * 1000, 1) for p, i in at.items()}
