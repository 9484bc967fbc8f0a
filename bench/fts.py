"""The reference engine: SQLite FTS5 (porter tokenizer) over the same documents.

Facet values live in side tables keyed by the FTS rowid. Counts are disjunctive like
the product's (each facet applies the others' filters), done one of two ways, and
the bench keeps whichever is faster in its run (FACET_WAYS, `pick_facet_way`):
  - "sql": GROUP BY queries over the matched rowids, materialized once per search
    in a temporary table (the straightforward use of SQLite for faceting);
  - "app": the matched rowids fetched once and counted in Python against the facet
    values held in memory per rowid (what an application caching its facet columns
    does; SQLite then only answers the MATCH).
"""
from __future__ import annotations

import sqlite3
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Iterable

from indexer.core.models import Document

_SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, authors, tokenize='porter unicode61');
CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT, type TEXT, year INTEGER, date TEXT);
CREATE TABLE doc_topic(doc INTEGER, topic TEXT);
CREATE TABLE doc_author(doc INTEGER, author TEXT);
"""
_INDEXES = """
CREATE INDEX doc_topic_doc ON doc_topic(doc); CREATE INDEX doc_topic_topic ON doc_topic(topic);
CREATE INDEX doc_author_doc ON doc_author(doc);
"""
WEIGHTS = "bm25(fts, 3.0, 1.5, 1.0, 2.0)"


def build(path: Path, docs: Iterable[Document]) -> dict:
    """Build the FTS5 database; returns docs, seconds and bytes."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
    start, count = time.perf_counter(), 0
    with db:
        for n, doc in enumerate(docs, 1):
            db.execute("INSERT INTO fts(rowid, title, summary, body, authors) VALUES (?,?,?,?,?)",
                       (n, doc.title, doc.summary, doc.text, " ".join(doc.authors)))
            db.execute("INSERT INTO docs VALUES (?,?,?,?,?)",
                       (n, doc.id, doc.type, doc.year, doc.date))
            db.executemany("INSERT INTO doc_topic VALUES (?,?)", [(n, t) for t in doc.topic_names])
            db.executemany("INSERT INTO doc_author VALUES (?,?)", [(n, a) for a in doc.authors])
            count = n
        db.executescript(_INDEXES + "INSERT INTO fts(fts) VALUES('optimize');")
    seconds = time.perf_counter() - start
    db.close()
    return {"docs": count, "seconds": seconds, "bytes": path.stat().st_size}


FACET_WAYS = ("sql", "app")


class FtsEngine:
    def __init__(self, path: Path, facet_way: str = "sql"):
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute("CREATE TEMP TABLE m(rowid INTEGER PRIMARY KEY)")
        self.facet_way = facet_way
        self._columns = None

    def _facet_columns(self) -> dict:
        """rowid -> type, year, topics, authors, read once (the "app" way's cache)."""
        if self._columns is None:
            columns = {row: (kind, year, [], []) for row, kind, year in
                       self.db.execute("SELECT rowid, type, year FROM docs")}
            for row, topic in self.db.execute("SELECT doc, topic FROM doc_topic"):
                columns[row][2].append(topic)
            for row, author in self.db.execute("SELECT doc, author FROM doc_author"):
                columns[row][3].append(author)
            self._columns = columns
        return self._columns

    def close(self):
        self.db.close()

    def search(self, q: str, topic: str | None = None, year_from: int | None = None) -> dict:
        """Top 10 with snippets and the total; with a selection, also the four facet counts."""
        if topic is None and year_from is None:
            return self._plain(q)
        if self.facet_way == "app":
            return self._faceted_in_app(q, topic, year_from)
        return self._faceted(q, topic, year_from)

    def _faceted_in_app(self, q: str, topic: str, year_from: int) -> dict:
        columns = self._facet_columns()
        counts = {name: Counter() for name in ("topic", "type", "author", "year")}
        total = 0
        for (row,) in self.db.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (q,)):
            kind, year, topics, authors = columns[row]
            in_topic, in_years = topic in topics, (year or 0) >= year_from
            if in_years:
                counts["topic"].update(topics)
            if in_topic:
                counts["year"][year] += 1
            if in_topic and in_years:
                total += 1
                counts["type"][kind] += 1
                counts["author"].update(authors)
        rows = self.db.execute(
            f"SELECT fts.rowid, fts.title, snippet(fts, 2, '<mark>', '</mark>', ' … ', 24) "
            f"FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH :q AND "
            f"fts.rowid IN (SELECT doc FROM doc_topic WHERE topic = :topic) AND d.year >= :year "
            f"ORDER BY {WEIGHTS} LIMIT 10", {"q": q, "topic": topic, "year": year_from}).fetchall()
        return {"total": total, "results": rows,
                "facets": {name: sorted(c.items(), key=lambda kv: -kv[1])
                           for name, c in counts.items()}}

    def _plain(self, q: str) -> dict:
        rows = self.db.execute(
            f"SELECT rowid, title, snippet(fts, 2, '<mark>', '</mark>', ' … ', 24) FROM fts "
            f"WHERE fts MATCH ? ORDER BY {WEIGHTS} LIMIT 10", (q,)).fetchall()
        total = self.db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (q,)).fetchone()[0]
        return {"total": total, "results": rows}

    def _faceted(self, q: str, topic: str, year_from: int) -> dict:
        db = self.db
        db.execute("DELETE FROM m")
        db.execute("INSERT INTO m SELECT rowid FROM fts WHERE fts MATCH ?", (q,))
        by_topic = "m.rowid IN (SELECT doc FROM doc_topic WHERE topic = :topic)"
        by_year = "d.year >= :year"
        args = {"topic": topic, "year": year_from, "q": q}
        join = "FROM m JOIN docs d ON d.rowid = m.rowid"
        facets = {
            "topic": db.execute(f"SELECT t.topic, count(*) {join} JOIN doc_topic t ON t.doc = m.rowid"
                                f" WHERE {by_year} GROUP BY t.topic", args).fetchall(),
            "type": db.execute(f"SELECT d.type, count(*) {join} WHERE {by_topic} AND {by_year}"
                               " GROUP BY d.type", args).fetchall(),
            "author": db.execute(f"SELECT a.author, count(*) {join} JOIN doc_author a ON "
                                 f"a.doc = m.rowid WHERE {by_topic} AND {by_year} "
                                 "GROUP BY a.author", args).fetchall(),
            "year": db.execute(f"SELECT d.year, count(*) {join} WHERE {by_topic} GROUP BY d.year",
                               args).fetchall(),
        }
        total = db.execute(f"SELECT count(*) {join} WHERE {by_topic} AND {by_year}",
                           args).fetchone()[0]
        rows = db.execute(
            f"SELECT fts.rowid, fts.title, snippet(fts, 2, '<mark>', '</mark>', ' … ', 24) "
            f"FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH :q AND "
            f"fts.rowid IN (SELECT doc FROM doc_topic WHERE topic = :topic) AND {by_year} "
            f"ORDER BY {WEIGHTS} LIMIT 10", args).fetchall()
        return {"total": total, "results": rows, "facets": facets}


def pick_facet_way(engine: "FtsEngine", queries) -> dict:
    """Time both facet ways on the same faceted queries; switch the engine to the
    faster and return both medians (ms) and the choice."""
    medians = {}
    for way in FACET_WAYS:
        engine.facet_way = way
        engine.search(queries[0].fts_q, queries[0].topic, queries[0].year_from)  # warm
        times = []
        for query in queries:
            start = time.perf_counter()
            engine.search(query.fts_q, query.topic, query.year_from)
            times.append((time.perf_counter() - start) * 1000)
        medians[way] = round(statistics.median(times), 2)
    engine.facet_way = min(medians, key=medians.get)
    return {"p50_ms": medians, "kept": engine.facet_way}
