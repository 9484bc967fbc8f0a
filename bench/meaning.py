"""What search by meaning costs: `python -m bench.meaning --size 100000`.

On the bench's synthetic archive (bench.synth) of the given size: the rebuild's
documents a second (each segment's vectors included), the p50 of plain and faceted
searches with meaning fused in against the same service by words alone (queries
interleaved, in one run), and the memory a search worker adds for it (its own
resident pages: the model's table and the vectors are memory-mapped and shared).
Writes var/bench/meaning-<size>.json.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

from bench.queries import percentile
from bench.synth import ensure_corpus
from indexer.core.config import Settings
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService
from indexer.store.archive import Archive

ROOT = Path(__file__).resolve().parents[1]


def own_memory_mb() -> float:
    """The process's anonymous resident memory (not file pages the page cache shares)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    return 0.0


def plain_queries(docs, count: int, seed: int) -> list[SearchRequest]:
    """Plain queries of 2 to 4 words, as a researcher types them (the bench's own
    queries use AND, OR, phrases or one word, which stay lexical), each also with a
    topic and a year range, as a faceted search."""
    rng = random.Random(seed)
    made = []
    while len(made) < count:
        doc = rng.choice(docs)
        words = [w for w in re.findall(r"[a-z]{4,}", doc.text.lower())]
        if len(words) < 4:
            continue
        start = rng.randrange(len(words) - 3)
        text = " ".join(words[start:start + rng.randint(2, 4)])
        topic = doc.topic_names[0] if doc.topic_names else None
        made.append((SearchRequest(q=text), SearchRequest(
            q=text, filters={"topic": [topic]} if topic else {},
            year_from=rng.randrange(1995, 2021))))
    return made


def measure(size: int, seed: int = 42, per_kind: int = 50,
            out: Path = ROOT / "var" / "bench") -> dict:
    data = out / f"data-{size}-{seed}"
    settings = Settings(corpus_dir=data / "corpus", index_dir=data / "index")
    ensure_corpus(settings.corpus_dir, size, seed)
    archive = Archive(settings)
    start = time.perf_counter()
    archive.rebuild()
    rebuild = time.perf_counter() - start
    ids = archive.corpus.ids()
    sample = [archive.corpus.get(i) for i in random.Random(seed).sample(ids, min(500, len(ids)))]
    queries = plain_queries(sample, 3 * per_kind, seed)
    # One service, as in a worker, switched between the two rankings per search: two
    # services would each hold their own searcher and columns.
    service = SearchService(archive.index, semantic=False)
    for plain, _ in queries[:5]:
        service.search(plain)
    before = own_memory_mb()
    service.semantic = True
    for plain, _ in queries[:5]:
        service.search(plain)
    added = own_memory_mb() - before
    times: dict[str, list[float]] = {}
    rng = random.Random(seed)
    for pair in queries:
        for faceted in (False, True):
            calls = [("lexical", False), ("fused", True)]
            rng.shuffle(calls)
            for name, semantic in calls:
                service.semantic = semantic
                began = time.perf_counter()
                service.search(pair[faceted])
                key = f"{name}/{'faceted' if faceted else 'plain'}"
                times.setdefault(key, []).append((time.perf_counter() - began) * 1000)
    service.close()
    p50 = {key: round(percentile(values, 50), 2) for key, values in times.items()}
    return {"size": size, "rebuild_docs_per_s": round(len(ids) / rebuild, 1),
            "queries": len(queries), "p50_ms": p50,
            "fused_over_lexical": {mode: round(p50[f"fused/{mode}"] / p50[f"lexical/{mode}"], 2)
                                   for mode in ("plain", "faceted")},
            "worker_memory_added_mb": round(added, 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args(argv)
    report = measure(args.size)
    out = ROOT / "var" / "bench" / f"meaning-{args.size}.json"
    out.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
