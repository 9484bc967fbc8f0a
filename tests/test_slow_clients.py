"""Slow clients do not tie up the server: searches answer while some hold connections.

A client that sends its request's header one line every few seconds used to hold a
sync worker for the whole time; with 2 workers, two such clients stopped the site.
The workers are gthread now (webapp/gunicorn_conf.py): a slow client holds one of a
worker's threads, not the worker. Bounded: SLOW_PER_WORKER clients per worker, each
for at most SLOW_LINES lines, all on loopback; the search bound is a hang guard.
"""
from __future__ import annotations

import socket
import threading
import time
import urllib.request

import pytest

from tests.fixtures import build_archive
from tests.loadkit import gunicorn

WORKERS = 2
SLOW_PER_WORKER = 4
LINE_EVERY_S = 2.0
SLOW_LINES = 10                 # a slow client gives up after 20 s
SEARCHES = 5
ANSWER_WITHIN_S = 10.0


class SlowClient(threading.Thread):
    """Opens a request and sends one more header line every LINE_EVERY_S seconds."""

    def __init__(self, port: int, stop: threading.Event):
        super().__init__(daemon=True)
        self.port, self.stop, self.lines_sent = port, stop, 0
        self.started_request = threading.Event()

    def run(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(b"GET /api/search?q=slow HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            self.started_request.set()
            while self.lines_sent < SLOW_LINES and not self.stop.wait(LINE_EVERY_S):
                try:
                    sock.sendall(f"X-Slow-{self.lines_sent}: 1\r\n".encode())
                except OSError:
                    return
                self.lines_sent += 1


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("slow")
    settings = build_archive(root / "archive")
    env = {"ARCHIVO_CORPUS_DIR": str(settings.corpus_dir),
           "ARCHIVO_INDEX_DIR": str(settings.index_dir),
           "ARCHIVO_INSTANCE_DIR": str(root / "instance")}
    with gunicorn(env, workers=WORKERS) as base:
        yield base


def test_searches_answer_while_slow_clients_hold_connections(server):
    port = int(server.rsplit(":", 1)[1])
    stop = threading.Event()
    slow = [SlowClient(port, stop) for _ in range(WORKERS * SLOW_PER_WORKER)]
    for client in slow:
        client.start()
    try:
        assert all(c.started_request.wait(5) for c in slow)
        stop.wait(LINE_EVERY_S)          # the server has taken them in and is reading
        latencies = []
        for n in range(SEARCHES):
            began = time.monotonic()
            with urllib.request.urlopen(f"{server}/api/search?q=trade&page={n % 2 + 1}",
                                        timeout=ANSWER_WITHIN_S) as response:
                assert response.status == 200
            latencies.append(time.monotonic() - began)
        still_sending = sum(c.lines_sent < SLOW_LINES and c.is_alive() for c in slow)
    finally:
        stop.set()
        for client in slow:
            client.join(timeout=10)
    assert still_sending == len(slow)        # they held their connections throughout
    print(f"\n{len(slow)} slow clients ({SLOW_PER_WORKER} a worker): {SEARCHES} searches, "
          f"slowest {max(latencies) * 1000:.0f} ms")
