"""`python -m bench --size 1000,10000`: build, query and serve synthetic archives; compare
with SQLite FTS5 and tantivy; time the import path and the web on the index it leaves.

Writes everything under var/bench/ (never corpus/ or var/index) and prints one table a
size; each size's figures go to var/bench/report-<size>.json, all of them to
var/bench/report.json, and the p50 of each engine against size to var/bench/scaling.png
(with matplotlib, from the `bench` extra; without it the plot is skipped, saying so).
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import sys
import time
from pathlib import Path

from bench import fts as fts_engine
from bench import importpath, librarian, queries, tantivy_peer, web
from bench.plot import plot_scaling
from bench.report import table
from bench.synth import ensure_corpus
from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.search.service import SearchService

ROOT = Path(__file__).resolve().parent.parent


def _peak_mb(who=resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build_all(archive: Archive, fts_path: Path, tantivy_path: Path | None) -> dict:
    count = len(archive.corpus)
    start = time.perf_counter()
    archive.rebuild()
    seconds = time.perf_counter() - start
    product = {"docs": count, "seconds": round(seconds, 2),
               "docs_per_s": round(count / seconds, 1),
               "bytes": _dir_bytes(archive.index.current_dir()),
               "peak_mb": max(_peak_mb(), _peak_mb(resource.RUSAGE_CHILDREN))}
    built = {"product": product, "fts5": fts_engine.build(fts_path, iter(archive.corpus))}
    if tantivy_path is not None:
        built["tantivy"] = tantivy_peer.build(tantivy_path, iter(archive.corpus))
    for name in ("fts5", "tantivy"):
        if name in built:
            ref = built[name]
            ref["docs_per_s"] = round(ref["docs"] / ref["seconds"], 1)
            ref["seconds"] = round(ref["seconds"], 2)
    return built


def sample_docs(archive: Archive, n: int, seed: int):
    ids = archive.corpus.ids()
    picked = random.Random(seed).sample(ids, min(n, len(ids)))
    return [archive.corpus.get(doc_id) for doc_id in picked]


def run(size: int, seed: int = 42, per_kind: int = 50, web_requests: int = 1000,
        out: Path = ROOT / "var" / "bench", with_web: bool = True, saves: int = 3,
        with_import: bool = True, lived_saves: int = importpath.SAVES_AFTER) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    # One corpus per size and seed, so switching sizes does not regenerate 100k records.
    data = out / f"data-{size}-{seed}"
    settings = Settings(corpus_dir=data / "corpus", index_dir=data / "index")
    ensure_corpus(settings.corpus_dir, size, seed)
    archive = Archive(settings)
    report: dict = {"size": size, "seed": seed, "machine": _machine()}
    peer = tantivy_peer.available()
    report["build"] = build_all(archive, data / "fts5.sqlite", data / "tantivy" if peer else None)
    if not peer:
        report["tantivy_missing"] = "tantivy is not installed: pip install 'archivo[bench]'"

    query_set = queries.make_queries(sample_docs(archive, 500, seed), per_kind, seed)
    service = SearchService(archive.index)
    ref = fts_engine.FtsEngine(data / "fts5.sqlite")
    strongest = tantivy_peer.TantivyEngine(data / "tantivy") if peer else None
    try:
        report["fts5_facet_ways"] = fts_engine.pick_facet_way(ref, query_set[:20])
        report["search"] = queries.run(query_set, service, ref, seed, tantivy=strongest)
    finally:
        ref.close()
    report["search_process_peak_mb"] = _peak_mb()
    report["librarian"] = librarian.measure(archive, service, saves=saves)
    service.close()
    if with_web:
        report["web"] = web.measure(settings.corpus_dir, settings.index_dir, query_set,
                                    web_requests)
    if with_import:
        lived = importpath.measure(archive.corpus, out, seed, lived_saves)
        report["import"] = lived
        if with_web:
            report["web_lived_in"] = web.measure(Path(lived["corpus_dir"]),
                                                 Path(lived["index_dir"]), query_set,
                                                 web_requests)
        report["cli_start"] = importpath.cli_start(Path(lived["corpus_dir"]),
                                                   Path(lived["index_dir"]))
    (out / f"report-{size}.json").write_text(json.dumps(report, indent=2))
    return report


def _machine() -> dict:
    import os
    return {"python": platform.python_version(), "cpus": os.cpu_count(),
            "platform": platform.platform()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--size", default="10000",
                        help="documents; several sizes comma-separated, e.g. 1000,10000,100000")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--queries", type=int, default=50, help="queries per kind (default 50)")
    parser.add_argument("--web-requests", type=int, default=1000)
    parser.add_argument("--no-web", action="store_true", help="skip the gunicorn runs")
    parser.add_argument("--no-import", action="store_true",
                        help="skip the import path and the lived-in index")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    args = parser.parse_args(argv)
    reports = []
    for size in (int(n) for n in str(args.size).split(",")):
        report = run(size, args.seed, args.queries, args.web_requests, args.out,
                     with_web=not args.no_web, with_import=not args.no_import)
        reports.append(report)
        print(table(report) + "\n", flush=True)
    (args.out / "report.json").write_text(json.dumps({"reports": reports}, indent=2))
    print(plot_scaling(reports, args.out / "scaling.png"), file=sys.stderr)
    print(f"written to {args.out / 'report.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
