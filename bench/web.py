"""Faceted searches per second through the production server (gunicorn) on loopback.

Starts gunicorn on 127.0.0.1 with 2 sync workers over the benchmark's index (the
real `webapp:create_app()` with its gunicorn_conf.py when it exists, otherwise the
stand-in in bench/standin_app.py), warms every worker, then sends a fixed number
of /api/search requests from a few client threads. Stops the server itself; a
deadline bounds the whole run even if the server stalls.
"""
from __future__ import annotations

import http.client
import importlib.util
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.queries import Query, percentile

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
CLIENTS = 8         # issue 18's load: 8 clients on 2 workers


def real_app_available() -> bool:
    if importlib.util.find_spec("webapp.search") is None:
        return False
    import webapp
    return hasattr(webapp, "create_app")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(corpus_dir: Path, index_dir: Path, log: Path):
    port = _free_port()
    env = dict(os.environ, PORT=str(port), ARCHIVO_WORKERS=str(WORKERS),
               ARCHIVO_CORPUS_DIR=str(corpus_dir), ARCHIVO_INDEX_DIR=str(index_dir))
    real = real_app_available()
    args = [sys.executable, "-m", "gunicorn"]
    if real:
        args += ["--config", str(ROOT / "webapp" / "gunicorn_conf.py"), "webapp:create_app()"]
    else:
        args += ["--workers", str(WORKERS), "--worker-class", "sync", "--timeout", "60",
                 "--bind", f"127.0.0.1:{port}", "bench.standin_app:create_app()"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    return proc, port, ("webapp:create_app()" if real else "bench.standin_app (stand-in)")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _path(query: Query) -> str:
    return "/api/search?" + urlencode({"q": query.product_q, "topic": query.topic,
                                       "year_from": query.year_from})


def _get(port: int, path: str, timeout: float = 30.0) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def wait_ready(proc, port: int, deadline: float) -> None:
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            status = _get(port, "/api/search?q=border", timeout=10)
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return
        raise RuntimeError(f"the web server answered {status}; see its log")
    raise RuntimeError("the web server did not start in time; see its log")


def load(port: int, queries: list[Query], requests: int, threads: int, deadline: float) -> dict:
    """Send `requests` faceted searches from `threads` clients; latency and errors."""
    latencies: list[float] = []
    errors: list[str] = []
    counter = iter(range(requests))
    lock = threading.Lock()

    def client():
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            start = time.perf_counter()
            try:
                status = _get(port, _path(queries[n % len(queries)]))
            except OSError as exc:
                status = repr(exc)
            with lock:
                latencies.append((time.perf_counter() - start) * 1000)
                if status != 200:
                    errors.append(str(status))

    started = time.perf_counter()
    pool = [threading.Thread(target=client) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    return {"requests": len(latencies), "errors": len(errors), "seconds": round(wall, 2),
            "per_second": round(len(latencies) / wall, 1) if wall else 0.0,
            "p50_ms": round(statistics.median(latencies), 1) if latencies else 0.0,
            "p99_ms": round(percentile(latencies, 99), 1), "client_threads": threads}


def worker_memory_mb(master_pid: int, key: str) -> list[float]:
    """A /proc/<pid>/status figure of each gunicorn worker, in MB: VmHWM is the peak
    resident size, index pages mapped from the page cache included (shared by the
    workers); RssAnon is the worker's own memory."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in stat.read_text().splitlines()
                          if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid) and key in fields:
            found.append(round(int(fields[key].split()[0]) / 1024, 1))
    return sorted(found)


def worker_peak_mb(master_pid: int) -> list[float]:
    return worker_memory_mb(master_pid, "VmHWM")


def measure(corpus_dir: Path, index_dir: Path, queries: list[Query], requests: int,
            threads: int = CLIENTS, time_limit: float = 300.0) -> dict:
    log = index_dir.parent.parent / "gunicorn.log"
    proc, port, app = start_server(corpus_dir, index_dir, log)
    deadline = time.monotonic() + time_limit
    try:
        wait_ready(proc, port, min(deadline, time.monotonic() + 120))
        # Warm both workers (each opens its own searcher after the fork).
        load(port, queries, 8 * WORKERS, WORKERS * 2, deadline)
        result = load(port, queries, requests, threads, deadline)
        result["worker_peak_mb"] = worker_peak_mb(proc.pid)
        result["worker_private_mb"] = worker_memory_mb(proc.pid, "RssAnon")
    finally:
        stop_server(proc)
    result.update(app=app, workers=WORKERS)
    return result
