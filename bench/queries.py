"""The query set, and the interleaved timing of the product against FTS5 and tantivy.

Query words come from the documents themselves (so every query finds something):
one word, two words AND, two words OR, and a two-word phrase taken from adjacent
words. Each runs plain and with a facet selection (a topic and a year range),
which makes both engines compute disjunctive counts for topic, type, author, year.
The engines run back to back in a random order per query, so machine noise hits
them alike.
"""
from __future__ import annotations

import random
import re
import statistics
import time
from dataclasses import dataclass

from indexer.analysis.analyzers import stopword_set
from indexer.core.models import Document
from indexer.search.request import SearchRequest

KINDS = ("one", "and", "or", "phrase")
_WORD = re.compile(r"^[a-z]{4,}$")


@dataclass(frozen=True)
class Query:
    kind: str
    words: tuple[str, ...]
    topic: str
    year_from: int

    @property
    def product_q(self) -> str:
        a, b = self.words[0], self.words[-1]
        return {"one": a, "and": f"{a} AND {b}", "or": f"{a} OR {b}",
                "phrase": f'"{a} {b}"'}[self.kind]

    @property
    def fts_q(self) -> str:
        a, b = self.words[0], self.words[-1]
        return {"one": f'"{a}"', "and": f'"{a}" AND "{b}"', "or": f'"{a}" OR "{b}"',
                "phrase": f'"{a} {b}"'}[self.kind]

    def request(self, faceted: bool) -> SearchRequest:
        if not faceted:
            return SearchRequest(q=self.product_q)
        return SearchRequest(q=self.product_q, filters={"topic": [self.topic]},
                             year_from=self.year_from)


def _usable(word: str) -> bool:
    return bool(_WORD.match(word)) and word not in stopword_set("en")


def _sentences(doc: Document) -> list[list[str]]:
    return [s.lower().split() for s in re.split(r"[.\n]+", doc.text) if s.strip()]


def make_queries(docs: list[Document], per_kind: int, seed: int) -> list[Query]:
    """per_kind queries of each kind, shuffled, drawn from the given documents."""
    rng = random.Random(seed)
    queries: list[Query] = []
    for kind in KINDS:
        made = 0
        while made < per_kind:
            doc = rng.choice(docs)
            words = _pick(kind, doc, rng.choice(docs), rng)
            if words:
                topic = rng.choice(doc.topic_names)
                queries.append(Query(kind, words, topic, rng.randrange(1995, 2021)))
                made += 1
    rng.shuffle(queries)
    return queries


def _pick(kind: str, doc: Document, other: Document, rng: random.Random):
    sentences = _sentences(doc)
    if kind == "phrase":
        pairs = [(s[i], s[i + 1]) for s in sentences for i in range(len(s) - 1)
                 if _usable(s[i]) and _usable(s[i + 1])]
        return rng.choice(pairs) if pairs else None
    words = [w for s in sentences for w in s if _usable(w)]
    if not words:
        return None
    if kind == "one":
        return (rng.choice(words),)
    if kind == "or":
        others = [w for s in _sentences(other) for w in s if _usable(w)]
        return (rng.choice(words), rng.choice(others)) if others else None
    a, b = rng.choice(words), rng.choice(words)
    return (a, b) if a != b else None


def run(queries: list[Query], service, fts, seed: int, warmup: int = 5,
        tantivy=None) -> dict:
    """Times every query plain and faceted on every engine (Archivo, FTS5 and, when
    given, tantivy), in a random order per query; ms per (kind, mode, engine)."""
    rng = random.Random(seed)
    engines = {"product": lambda q, faceted: _product(service, q, faceted),
               "fts5": lambda q, faceted: _peer(fts, q, q.fts_q, faceted)}
    if tantivy is not None:
        engines["tantivy"] = lambda q, faceted: _peer(tantivy, q, q.product_q, faceted)
    for query in queries[:warmup]:          # open searchers, build facet arrays, fill caches
        for faceted in (False, True):
            for make in engines.values():
                make(query, faceted)()
    times: dict[str, dict[str, list[float]]] = {}
    for query in queries:
        for faceted in (False, True):
            key = f"{query.kind}/{'faceted' if faceted else 'plain'}"
            slot = times.setdefault(key, {name: [] for name in engines})
            order = [(name, make(query, faceted)) for name, make in engines.items()]
            rng.shuffle(order)
            for engine, call in order:
                start = time.perf_counter()
                call()
                slot[engine].append((time.perf_counter() - start) * 1000)
    return summarize(times)


def _product(service, query: Query, faceted: bool):
    request = query.request(faceted)
    return lambda: service.search(request)


def _peer(engine, query: Query, q: str, faceted: bool):
    args = (query.topic, query.year_from) if faceted else ()
    return lambda: engine.search(q, *args)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summarize(times: dict) -> dict:
    """p50/p95 per engine and the product/FTS5 ratio of each, per kind and over all kinds."""
    engines = list(next(iter(times.values())).keys()) if times else ["product", "fts5"]
    for mode in ("plain", "faceted"):
        merged = {name: [] for name in engines}
        for key, slot in times.items():
            if key.endswith(mode):
                for engine in merged:
                    merged[engine] += slot[engine]
        times[f"all/{mode}"] = merged
    out = {}
    for key, slot in times.items():
        row = {}
        for engine, values in slot.items():
            row[engine] = {"p50_ms": round(statistics.median(values), 2) if values else 0.0,
                           "p95_ms": round(percentile(values, 95), 2), "n": len(values)}
        fts50, fts95 = row["fts5"]["p50_ms"], row["fts5"]["p95_ms"]
        row["ratio_p50"] = round(row["product"]["p50_ms"] / fts50, 2) if fts50 else None
        row["ratio_p95"] = round(row["product"]["p95_ms"] / fts95, 2) if fts95 else None
        if "tantivy" in row:
            t50, t95 = row["tantivy"]["p50_ms"], row["tantivy"]["p95_ms"]
            row["tantivy_ratio_p50"] = round(row["product"]["p50_ms"] / t50, 2) if t50 else None
            row["tantivy_ratio_p95"] = round(row["product"]["p95_ms"] / t95, 2) if t95 else None
        out[key] = row
    return out
