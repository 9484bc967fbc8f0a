"""What sits between "upload" and "save": the staging area (the near-duplicate check
is the search service's: indexer.search.similar).

Staging: <instance>/staging/<token>/ holds manifest.json (the drafts, the uploaded
names for display, the librarian who uploaded) and <n>.bin (the original bytes of
file n). The folder is named by a random token; an uploaded file name is only ever
data in the manifest, never part of a path. Stages older than STAGE_MAX_AGE are
pruned when the next upload comes in.
"""
from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from pathlib import Path

from indexer.core.files import atomic_write
from indexer.core.errors import DocumentNotFound
from indexer.core.models import Document

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
STAGE_MAX_AGE = 24 * 3600


class Staging:
    def __init__(self, root: Path):
        self.root = Path(root)

    def _dir(self, token: str) -> Path:
        if not TOKEN_RE.match(token or ""):
            raise DocumentNotFound("no upload waiting for review under that address")
        return self.root / token

    def create(self, owner: str, files: list[dict]) -> str:
        """files: [{"name", "data", "drafts": [Document], "near": [...], "error"}]."""
        self.prune()
        token = secrets.token_urlsafe(24)
        folder = self._dir(token)
        manifest = {"by": owner, "created": time.time(), "files": []}
        for n, item in enumerate(files):
            if item.get("data") is not None:
                atomic_write(folder / f"{n}.bin", item["data"])
            manifest["files"].append({
                "name": item.get("name"), "error": item.get("error"),
                "existing_id": item.get("existing_id"),
                "drafts": [d.to_dict() for d in item.get("drafts", [])],
                "near": item.get("near", [])})
        atomic_write(folder / "manifest.json", json.dumps(manifest).encode())
        return token

    def load(self, token: str, owner: str) -> dict:
        path = self._dir(token) / "manifest.json"
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DocumentNotFound("this upload was already saved or discarded") from None
        if manifest.get("by") != owner:     # one librarian's drafts are theirs to save
            raise DocumentNotFound("no upload waiting for review under that address")
        for item in manifest["files"]:
            item["drafts"] = [Document.from_dict(d) for d in item["drafts"]]
        return manifest

    def replace_drafts(self, token: str, n: int, drafts: list[Document], near: list) -> None:
        """File n's drafts read again (kept as one document), with their duplicates."""
        path = self._dir(token) / "manifest.json"
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["files"][n].update(drafts=[d.to_dict() for d in drafts], near=near)
        atomic_write(path, json.dumps(manifest).encode())

    def data(self, token: str, n: int) -> bytes:
        return (self._dir(token) / f"{n}.bin").read_bytes()

    def discard(self, token: str) -> None:
        shutil.rmtree(self._dir(token), ignore_errors=True)

    def prune(self) -> None:
        if not self.root.exists():
            return
        cutoff = time.time() - STAGE_MAX_AGE
        for folder in self.root.iterdir():
            if folder.is_dir() and TOKEN_RE.match(folder.name) \
                    and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
