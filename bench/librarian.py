"""A librarian's save -> searchable: the time from the save returning to the first search
(through the same long-lived SearchService a web worker holds) that finds the document.
"""
from __future__ import annotations

import random
import secrets
import string
import time

from indexer.store.archive import Archive
from indexer.search.request import SearchRequest

POLL_SECONDS = 0.005


def _note(token: str, rng: random.Random) -> bytes:
    words = " ".join(rng.choice(["border", "trade", "policy", "migration", "energy", "report",
                                 "bilateral", "cooperation"]) for _ in range(300))
    return (f"Benchmark note {token}\n\nThis note about {token} tests how soon a save is "
            f"searchable. {words}.\n").encode()


def _wait_until_found(service, token: str, deadline: float) -> float:
    while service.search(SearchRequest(q=token)).total < 1:
        if time.perf_counter() > deadline:
            raise RuntimeError("a saved document was not searchable in time")
        time.sleep(POLL_SECONDS)
    return time.perf_counter()


def measure(archive: Archive, service, saves: int = 3, seed: int = 7,
            time_limit: float = 30.0) -> dict:
    rng = random.Random(seed)
    save_ms, visible_ms = [], []
    for _ in range(saves):
        # Fresh letters every run: the archive refuses a file it already holds.
        token = "zq" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))
        service.search(SearchRequest(q="border"))    # the worker is warm before the save
        start = time.perf_counter()
        docs = archive.add_file(_note(token, rng), f"{token}.txt",
                                {"type": "brief", "topics": ["trade"]}, actor="bench")
        saved = time.perf_counter()
        try:
            found = _wait_until_found(service, token, saved + time_limit)
        finally:
            for doc in docs:            # leave the benchmark corpus as generated
                archive.remove(doc.id, actor="bench")
                (archive.corpus.trash_dir / f"{doc.id}.json").unlink(missing_ok=True)
        save_ms.append((saved - start) * 1000)
        visible_ms.append((found - saved) * 1000)
    return {"saves": saves, "save_ms": [round(v, 1) for v in save_ms],
            "searchable_after_ms": [round(v, 1) for v in visible_ms],
            "searchable_after_max_ms": round(max(visible_ms), 1)}
