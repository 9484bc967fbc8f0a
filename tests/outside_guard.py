"""Records every file the test process opens or lists under a folder it must not read.

The suite must stand alone: the shared folder beside the repository exists on the
developers' machines but not on a user's or a fork's CI, so a test that reads it passes
here and fails there. conftest
installs one guard on that folder for the whole session (audit hooks cannot be removed,
which is why the guard only records, and conftest turns a record into a failed run).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

WATCHED_EVENTS = {"open", "os.listdir", "os.scandir", "os.stat", "glob.glob"}


class OutsideReadGuard:
    def __init__(self, forbidden: Path):
        self.forbidden = os.path.realpath(forbidden)
        self.reads: list[str] = []
        self._marker = os.path.basename(self.forbidden)

    def install(self) -> "OutsideReadGuard":
        sys.addaudithook(self._hook)
        return self

    def _hook(self, event: str, args: tuple) -> None:
        if event not in WATCHED_EVENTS or not args:
            return
        path = args[0]
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        # Cheap test first: the hook sees every open of the process.
        if not isinstance(path, str) or self._marker not in path:
            return
        if os.path.realpath(path).startswith(self.forbidden + os.sep) \
                or os.path.realpath(path) == self.forbidden:
            self.reads.append(path)
