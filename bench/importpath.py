"""The paths a user takes besides a rebuild: `indexer import`, a librarian's save while
it runs, single saves afterwards, the web on the index they leave, and the command
line's start.

The bench's synthetic records are written as an old system's JSON lines (title,
text, authors, date, type, topics; the language is left to detect) and imported
into a fresh archive under var/bench/lived-<size>-<seed>/ with the product's
importer; meanwhile a thread saves a few notes, timed from call to return (the lock
wait included). Then 200 single saves, each its own commit, as librarians make
them; then the web load on that lived-in index (bench/web.py).
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from indexer.core.config import Settings
from indexer.store.archive import Archive
from indexer.store.corpus import Corpus
from indexer.store.importer import import_jsonl

SAVES_AFTER = 200
SAVES_DURING = 5
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
    lines = as_lines(corpus)
    archive = Archive(settings)
    archive.ensure_index()
    during: list[float] = []
    stop = threading.Event()
    saver = threading.Thread(target=_save_during, args=(settings, during, stop), daemon=True)
    start = time.perf_counter()
    saver.start()
    report = import_jsonl(archive, lines)
    seconds = time.perf_counter() - start
    stop.set()
    saver.join(timeout=300)
    segments_after_import = archive.index.live().segment_sizes()
    after = []
    for n in range(saves_after):
        begun = time.perf_counter()
        archive.add_file(_note(n, "after"), f"after-{n}.txt", actor="bench")
        after.append((time.perf_counter() - begun) * 1000)
    return {
        "records": len(lines), "imported": len(report.added), "bad_lines": len(report.errors),
        "seconds": round(seconds, 2), "docs_per_s": round(len(report.added) / seconds, 1),
        "saves_during_ms": [round(v) for v in during],
        "segments_after_import": segments_after_import,
        "saves_after": saves_after, "save_after_p50_ms": round(statistics.median(after), 1),
        "save_after_max_ms": round(max(after), 1),
        "segments_after_saves": archive.index.live().segment_sizes(),
        "corpus_dir": str(settings.corpus_dir), "index_dir": str(settings.index_dir),
    }


def _save_during(settings: Settings, times: list[float], stop: threading.Event) -> None:
    """SAVES_DURING saves a second apart once the import has committed a batch."""
    archive = Archive(settings)
    while not stop.is_set() and not any(archive.corpus.records.glob("*.json")):
        time.sleep(0.05)
    for n in range(SAVES_DURING):
        if stop.is_set():
            return
        begun = time.perf_counter()
        archive.add_file(_note(n, "during"), f"during-{n}.txt", actor="bench")
        times.append((time.perf_counter() - begun) * 1000)
        stop.wait(1.0)


def cli_start(corpus_dir: Path, index_dir: Path, repeats: int = 3) -> dict:
    """Wall seconds (best of repeats) of `indexer --help` and of `indexer search` over
    the given archive, each a new process."""
    env = dict(os.environ, ARCHIVO_CORPUS_DIR=str(corpus_dir), ARCHIVO_INDEX_DIR=str(index_dir),
               PYTHONPATH=str(ROOT))
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
