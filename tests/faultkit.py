"""Helpers for the fault tests: start the indexer, SIGKILL it, audit what is left.

Two ways to start `indexer <args>`:
  - spawn_cli: a real `python -m indexer` subprocess. Its start-up (importing NLTK)
    costs about 1.5 s of CPU, so only a few of the kills use it.
  - fork_cli: a fork of the test process running the same click entry point
    (indexer.cli.main) with its own stdout pipe. Nothing is imported anew, so the
    kill lands in the write path, and 20-30 kills fit in well under a minute.
Both give a Run whose stdout is read after the kill: an id printed is an id
acknowledged (click.echo flushes each line).

A later step points the same audit at web uploads (POST /api/documents): a gunicorn
worker is killed the same way (Run.kill), and the ids its 201 answers carried are
the acknowledged ones.
"""
from __future__ import annotations

import json
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from indexer.core.models import Document


@dataclass
class Run:
    pid: int
    read_fd: int
    label: str
    killed: bool = False
    status: int | None = None
    output: str = ""

    def alive(self) -> bool:
        if self.status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = status
        return self.status is None

    def kill(self) -> bool:
        """SIGKILL if still running; True when the kill interrupted it."""
        if not self.alive():
            return False
        os.kill(self.pid, signal.SIGKILL)
        self.killed = True
        return True

    def finish(self, timeout: float = 60.0) -> "Run":
        """Wait for the end (killed or not) and collect stdout."""
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                self.kill()
            time.sleep(0.01)
        chunks = []
        while chunk := os.read(self.read_fd, 65536):
            chunks.append(chunk)
        os.close(self.read_fd)
        self.output = b"".join(chunks).decode("utf-8", "replace")
        return self

    @property
    def exit_code(self) -> int | None:
        return os.waitstatus_to_exitcode(self.status) if self.status is not None else None

    def acknowledged(self) -> list[str]:
        """The ids printed; a last line cut short by the kill is not one."""
        lines = self.output.split("\n")
        return [line for line in lines[:-1] if line.strip()]


def fork_cli(args: list[str], env: dict[str, str], label: str = "") -> Run:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:                                   # the child: never returns
        os.close(read_fd)
        _run_cli_in_child(args, env, write_fd)
    os.close(write_fd)
    return Run(pid=pid, read_fd=read_fd, label=label or args[0])


def _run_cli_in_child(args, env, write_fd) -> None:
    code = 2
    try:
        os.dup2(write_fd, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.environ.update(env)
        sys.stdout = open(1, "w", buffering=1, closefd=False)
        sys.stderr = open(2, "w", closefd=False)
        from indexer.cli import main
        main(args, prog_name="indexer")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os._exit(code)        # skip pytest's atexit handlers in the child


def spawn_cli(args: list[str], env: dict[str, str], label: str = "") -> Run:
    """A real `python -m indexer` process (stderr discarded); reaped by Run, not Popen."""
    read_fd, write_fd = os.pipe()
    pid = os.posix_spawn(sys.executable, [sys.executable, "-m", "indexer", *args],
                         {**os.environ, **env}, file_actions=[
                             (os.POSIX_SPAWN_DUP2, write_fd, 1),
                             (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                             (os.POSIX_SPAWN_CLOSE, read_fd)])
    os.close(write_fd)
    return Run(pid=pid, read_fd=read_fd, label=label or args[0])


# -- the audit --------------------------------------------------------------------
@dataclass
class Audit:
    records: int = 0
    invalid: list[str] = field(default_factory=list)       # not JSON / not a Document
    lost: list[str] = field(default_factory=list)          # acknowledged, not in corpus
    duplicated: list[str] = field(default_factory=list)    # one document stored twice
    missing_originals: list[str] = field(default_factory=list)
    orphan_originals: list[str] = field(default_factory=list)  # no record points to them

    @property
    def ok(self) -> bool:
        return not (self.invalid or self.lost or self.duplicated or self.missing_originals)


def audit_corpus(corpus_dir: Path, acknowledged: set[str]) -> Audit:
    """Every acknowledged id stored, every record whole, no document stored twice."""
    audit, by_checksum, used = Audit(), {}, set()
    for path in sorted((corpus_dir / "records").glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            doc = Document.from_dict(record)
            assert doc.id == path.stem
        except Exception:  # noqa: BLE001 - any failure to read back is what we count
            audit.invalid.append(path.name)
            continue
        audit.records += 1
        # A listing page's items share one original, so a document is (original, title).
        by_checksum.setdefault((doc.checksum, doc.title), []).append(doc.id)
        used.add(doc.original)
        if not doc.original or not (corpus_dir / doc.original).is_file():
            audit.missing_originals.append(doc.id)
    stored = {p.stem for p in (corpus_dir / "records").glob("*.json")}
    audit.lost = sorted(acknowledged - stored)
    audit.orphan_originals = sorted(str(p.relative_to(corpus_dir)) for p in
                                    (corpus_dir / "originals").glob("*") if
                                    str(p.relative_to(corpus_dir)) not in used)
    audit.duplicated = sorted(i for ids in by_checksum.values() if len(ids) > 1 for i in ids)
    return audit


def debris(corpus_dir: Path, index_dir: Path) -> list[str]:
    """What killed writers may leave: temp files, markers, extra generations, Whoosh temps."""
    found = [str(p) for root in (corpus_dir, index_dir) for p in root.rglob(".tmp-*")]
    found += [p.name for p in index_dir.glob("gen-*.building")]
    current = (index_dir / "CURRENT").read_text().strip() if (index_dir / "CURRENT").exists() \
        else None
    found += [p.name for p in index_dir.glob("gen-*") if p.is_dir() and p.name != current]
    if current:
        found += [p.name for p in (index_dir / current).iterdir()
                  if ".toc." in p.name or p.name.endswith(".tmp")]
    return sorted(found)
