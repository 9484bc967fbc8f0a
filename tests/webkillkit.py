"""Helpers for the web-upload fault test: a gunicorn we can SIGKILL piece by piece.

loadkit.gunicorn is a context manager that stops the server politely; here the
server must die the hard way, again and again, so Server keeps the master's pid,
reads its workers' pids from /proc, and restarts on a fresh free port after the
master is killed (a dead master's workers may hold the old port for a moment).

Uploader is the client thread: it posts distinct files to POST /api/documents and
sorts the answers. A 201 is an acknowledged document. A request cut off by a kill
is sent again later: a 409 then (existing_id) means the cut-off request had
stored it before it died; that is fine, and must not become a second copy. A cut-off
file is sent again at once, so every stored file ends up accounted for (but the last).
"""
from __future__ import annotations

import base64
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

from tests.loadkit import ROOT, free_port, multipart, request

# A kill resets the connection at once, so the client needs no short timeout to see it.
# A short one hurt: on a busy machine a fresh worker's first upload (loading the models,
# waiting for the writer lock) outlasted 10 s, was cut and retried, and none was acknowledged.
UPLOAD_TIMEOUT_S = 90.0


class Server:
    def __init__(self, env: dict[str, str], workers: int = 2):
        self.env, self.workers = env, workers
        self.log = Path(env["ARCHIVO_INSTANCE_DIR"]) / "gunicorn.log"
        self.pid: int | None = None
        self.base = ""

    def start(self, ready_timeout: float = 60.0) -> str:
        port = free_port()
        argv = [sys.executable, "-m", "gunicorn", "--config",
                str(ROOT / "webapp/gunicorn_conf.py"), "--access-logfile", os.devnull,
                "--error-logfile", str(self.log), "webapp:create_app()"]
        env = {**os.environ, **self.env, "PORT": str(port), "ARCHIVO_WORKERS": str(self.workers)}
        self.pid = os.posix_spawn(sys.executable, argv, env, file_actions=[
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
        self.base = f"http://127.0.0.1:{port}"
        self.wait_ready(ready_timeout)
        return self.base

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Seconds until the server answers a search again (workers respawned and booted)."""
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            if os.waitpid(self.pid, os.WNOHANG)[0]:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            try:
                if request(self.base + "/api/search?per_page=1")[0] == 200:
                    return time.monotonic() - began
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer in {timeout:g} s: "
                           f"{self.log.read_text()[-2000:]}")

    def worker_pids(self) -> list[int]:
        path = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def kill_workers(self, pids: list[int]) -> int:
        killed = 0
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except ProcessLookupError:      # it had just exited (a worker being replaced)
                pass
        return killed

    def kill_master(self) -> None:
        """The master and its workers at once, as when the machine or container dies."""
        workers = self.worker_pids()
        os.kill(self.pid, signal.SIGKILL)
        self.kill_workers(workers)
        os.waitpid(self.pid, 0)
        for pid in workers:                 # gone before the next server starts writing
            while Path(f"/proc/{pid}").exists() and _state(pid) not in ("Z", "X"):
                time.sleep(0.01)

    def stop(self) -> None:
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGTERM)   # the arbiter stops its own workers
        deadline = time.monotonic() + 15
        while not os.waitpid(self.pid, os.WNOHANG)[0]:
            if time.monotonic() > deadline:     # not reaped yet, so the pid is still ours
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                break
            time.sleep(0.05)
        self.pid = None


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return "X"


class Uploader(threading.Thread):
    """Posts files until all are stored or stop is set; base_url() gives the live server."""

    def __init__(self, base_url, user: str, password: str, files: dict[str, bytes]):
        super().__init__(daemon=True)
        self.base_url, self.files = base_url, files
        self.auth = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.todo = list(files)
        self.acked: dict[str, str] = {}          # file name -> id of its 201 answer
        self.stored_unacked: dict[str, str] = {}  # cut off, found stored on the retry (409)
        self.cut = 0                              # requests a kill cut off midway
        self.refused = 0                          # connections refused: nothing was sent
        self.busy = 0                             # 503s: the index was busy, sent again
        self.errors: list[str] = []               # any other answer
        self.stop = threading.Event()

    def run(self) -> None:
        while self.todo and not self.stop.is_set():
            name = self.todo.pop(0)
            body, content_type = multipart({}, name, self.files[name])
            try:
                status, answer = request(f"{self.base_url()}/api/documents", body, headers={
                    "Authorization": f"Basic {self.auth}", "Content-Type": content_type},
                    method="POST", timeout=UPLOAD_TIMEOUT_S)
            except OSError as exc:
                self.todo.insert(0, name)
                # urllib wraps a refused connection in URLError(reason=...).
                if isinstance(getattr(exc, "reason", exc), ConnectionRefusedError):
                    self.refused += 1           # no server on the port: nothing was sent
                    time.sleep(0.05)
                else:
                    self.cut += 1               # reset or timed out by a kill
                continue
            if status == 201:
                self.acked[name] = json.loads(answer)["id"]
            elif status == 409 and b"existing_id" in answer:
                self.stored_unacked[name] = json.loads(answer)["error"]["existing_id"]
            elif status == 503:                 # the index is busy: a polite refusal, retry
                self.busy += 1
                self.todo.insert(0, name)
            else:
                self.errors.append(f"{name} -> {status} {answer[:200]!r}")
