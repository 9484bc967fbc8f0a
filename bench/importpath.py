"""The paths a user takes besides a rebuild: `indexer import`, a librarian's save while
it runs, single saves afterwards, the web on the index they leave, and the command
line's start.

The bench's synthetic records are written as an old system's JSON lines (title,
text, authors, date, type, topics; the language is left to detect) and imported
into a fresh archive under var/bench/lived-<size>-<seed>/ by `indexer import` in a
process of its own, timed end to end (start-up and the end's merge included).
Meanwhile this process, as a librarian's would, saves a few notes through the
Archive, timed from call to return (the lock wait included), and searches between
them through one long-lived SearchService. Then 200 single saves, each its own
commit, as librarians make them; then the web load on that lived-in index
(bench/web.py).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from indexer.core.config import Settings
from indexer.store.archive import Archive
from indexer.store.corpus import Corpus
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService

SAVES_AFTER = 200
SAVES_DURING = 5
SEARCH_EVERY_S = 0.25
ROOT = Path(__file__).resolve().parent.parent


def as_lines(corpus: Corpus) -> list[bytes]:
    lines = []
    for doc in corpus:
        lines.append(json.dumps({"title": doc.title, "text": doc.text, "authors": doc.authors,
                                 "date": doc.date, "type": doc.type,
                                 "topics": doc.topic_names}).encode())
    return lines


def _note(n: int, tag: str) -> bytes:
    return (f"Librarian note {tag} {n}\n\nA note on border trade and migration, number {n}, "
            f"saved {tag} the import; its word is zq{tag}{n}x.\n").encode()


def measure(corpus: Corpus, out: Path, seed: int, saves_after: int = SAVES_AFTER) -> dict:
    data = out / f"lived-{len(corpus)}-{seed}"
    shutil.rmtree(data, ignore_errors=True)
    settings = Settings(corpus_dir=data / "corpus", index_dir=data / "index", lock_timeout=120)
    data.mkdir(parents=True)
    source = data / "old-system.jsonl"
    source.write_bytes(b"\n".join(as_lines(corpus)) + b"\n")
    archive = Archive(settings)
    archive.ensure_index()
    # A warm librarian's process, as a web worker is after its first save (which loads
    # the language identifier, 0.8 s): the saves timed below wait for the import only.
    archive.add_file(_note(0, "before"), "before.txt", actor="bench")
    start = time.perf_counter()
    with open(data / "import.log", "wb") as log:
        run = subprocess.Popen([sys.executable, "-m", "indexer", "import", str(source)],
                               env=_env(settings.corpus_dir, settings.index_dir),
                               cwd=ROOT, stdout=log, stderr=log)
        during, searches = _while_importing(archive, run)
        run.wait(timeout=24 * 3600)
    seconds = time.perf_counter() - start
    summary = _summary((data / "import.log").read_text(errors="replace"))
    segments_after_import = archive.index.live().segment_sizes()
    after = []
    for n in range(saves_after):
        begun = time.perf_counter()
        archive.add_file(_note(n, "after"), f"after-{n}.txt", actor="bench")
        after.append((time.perf_counter() - begun) * 1000)
    return {
        "records": len(corpus), "imported": summary[0], "bad_lines": summary[1],
        "exit_code": run.returncode,
        "seconds": round(seconds, 2), "docs_per_s": round(summary[0] / seconds, 1),
        "saves_during_ms": [round(v) for v in during], **searches,
        "segments_after_import": segments_after_import,
        "saves_after": saves_after, "save_after_p50_ms": round(statistics.median(after), 1),
        "save_after_max_ms": round(max(after), 1),
        "segments_after_saves": archive.index.live().segment_sizes(),
        "corpus_dir": str(settings.corpus_dir), "index_dir": str(settings.index_dir),
    }


def _while_importing(archive: Archive, run: subprocess.Popen) -> tuple[list[float], dict]:
    """While the `indexer import` process runs: once it has committed a batch, SAVES_DURING
    librarian's saves about a second apart (call to return, the lock wait included),
    and searches in between, through one long-lived service as a web worker's."""
    while run.poll() is None and not any(archive.corpus.records.glob("*.json")):
        time.sleep(0.05)
    service = SearchService(archive.index)
    saves: list[float] = []
    searched: list[float] = []
    errors = 0
    next_save = time.perf_counter()
    while run.poll() is None:
        if len(saves) < SAVES_DURING and time.perf_counter() >= next_save:
            begun = time.perf_counter()
            archive.add_file(_note(len(saves), "during"), f"during-{len(saves)}.txt",
                             actor="bench")
            saves.append((time.perf_counter() - begun) * 1000)
            next_save = time.perf_counter() + 1.0
            continue
        begun = time.perf_counter()
        try:
            service.search(SearchRequest(q="border trade"))
        except Exception:  # noqa: BLE001 - counted: searches must keep answering
            errors += 1
        searched.append((time.perf_counter() - begun) * 1000)
        # A few searches a second: a tight loop took half a CPU from the import at 100k.
        time.sleep(SEARCH_EVERY_S)
    service.close()
    return saves, {"searches_during": len(searched), "search_errors_during": errors,
                   "search_during_p50_ms": round(statistics.median(searched), 1)
                   if searched else None,
                   "search_during_max_ms": round(max(searched), 1) if searched else None}


def _summary(log: str) -> tuple[int, int]:
    """(documents imported, bad lines) from the import's last words."""
    found = re.findall(r"imported (\d+) documents, (\d+) bad lines", log)
    return (int(found[-1][0]), int(found[-1][1])) if found else (0, 0)


def _env(corpus_dir: Path, index_dir: Path) -> dict:
    return dict(os.environ, ARCHIVO_CORPUS_DIR=str(corpus_dir), ARCHIVO_INDEX_DIR=str(index_dir),
                ARCHIVO_LOCK_TIMEOUT="120", PYTHONPATH=str(ROOT))


def cli_start(corpus_dir: Path, index_dir: Path, repeats: int = 3) -> dict:
    """Wall seconds (best of repeats) of `indexer --help` and of `indexer search` over
    the given archive, each a new process."""
    env = _env(corpus_dir, index_dir)
    out = {}
    for name, args in (("help_s", ["--help"]), ("search_s", ["search", "border trade"])):
        best = None
        for _ in range(repeats):
            begun = time.perf_counter()
            subprocess.run([sys.executable, "-m", "indexer", *args], env=env, cwd=ROOT,
                           capture_output=True, check=True, timeout=300)
            took = time.perf_counter() - begun
            best = took if best is None else min(best, took)
        out[name] = round(best, 3)
    return out
