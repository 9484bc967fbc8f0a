"""How far the server is in reading an upload, for the upload form's progress line.

A 24-page PDF takes about 20 s to read. The form (webapp/static/upload.js) posts the
files with XHR, shows the bytes sent, then asks GET /librarian/add/progress/<job>
every half second while the server reads. gunicorn runs several workers, and the
poll may reach another worker than the upload, so the state is a small JSON file
in the instance folder (<instance>/progress/<job>.json), written whole and renamed:

    {"by": librarian, "file": n, "files": m, "name": shown name,
     "page": pages read, "pages": pages in all, "stage": "reading" | "checking"}

The job id is made by the form page and only ever matched against JOB_RE, so it
never names anything but its own file; another librarian's job answers as unknown.
Files older than MAX_AGE are pruned when an upload starts; a finished upload
removes its own.
"""
from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path

from flask import Blueprint, current_app, g, jsonify

from indexer.core.files import atomic_write
from webapp.auth import login_required

JOB_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_AGE = 3600
# Writes a second at most while pages are read (a page can take 2 ms or 2 s).
MIN_INTERVAL = 0.25

bp = Blueprint("upload_progress", __name__, url_prefix="/librarian")


def new_job() -> str:
    return secrets.token_urlsafe(18)


class UploadProgress:
    """One upload's progress file; a no-op for a missing or malformed job id (a form
    posted without JavaScript, or by a script, still uploads)."""

    def __init__(self, root: Path, job: str | None, owner: str, files: int):
        self.path = Path(root) / f"{job}.json" if JOB_RE.match(job or "") else None
        self.state = {"by": owner, "file": 0, "files": files, "name": None,
                      "page": 0, "pages": 0, "stage": "reading"}
        self._written = 0.0
        if self.path:
            _prune(self.path.parent)

    def file(self, number: int, name: str | None) -> None:
        """Reading file number (1-based) of the upload."""
        self.state.update(file=number, name=name, page=0, pages=0, stage="reading")
        self._write(force=True)

    def page(self, read: int, pages: int) -> None:
        self.state.update(page=read, pages=pages)
        self._write(force=read == pages)

    def checking(self) -> None:
        """Every file read; comparing the drafts with the archive (near-duplicates)."""
        self.state.update(stage="checking")
        self._write(force=True)

    def finish(self) -> None:
        if self.path:
            self.path.unlink(missing_ok=True)

    def _write(self, force: bool) -> None:
        now = time.monotonic()
        if not self.path or (not force and now - self._written < MIN_INTERVAL):
            return
        self._written = now
        atomic_write(self.path, json.dumps(self.state).encode())


def _prune(folder: Path) -> None:
    if not folder.exists():
        return
    cutoff = time.time() - MAX_AGE
    for path in folder.glob("*.json"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:       # another worker pruned it first
            pass


def progress_root() -> Path:
    return Path(current_app.config["ARCHIVO_INSTANCE_DIR"]) / "progress"


@bp.get("/add/progress/<job>")
@login_required
def upload_progress(job: str):
    """The state of one's own upload; {"stage": "unknown"} before it starts or after."""
    state = None
    if JOB_RE.match(job):
        try:
            state = json.loads((progress_root() / f"{job}.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            state = None
    if not state or state.pop("by", None) != g.librarian:
        state = {"stage": "unknown"}
    response = jsonify(state)
    response.headers["Cache-Control"] = "no-store"
    return response
