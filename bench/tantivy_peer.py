"""The strongest peer: tantivy (Rust, through tantivy-py; the optional `bench` extra).

Same documents and queries as Archivo and FTS5: title, summary, body and authors
stemmed (en_stem), weighted like the product's BM25F fields (title 3, summary 1.5,
authors 2); topic, type and author as raw fast fields and the year as a fast
integer for counts. Facet counts are tantivy's own terms aggregations, disjunctive
like ours: each facet's counts apply the other selections only. Snippets of the
body come from tantivy's SnippetGenerator, as FTS5's come from snippet().
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Iterable

from indexer.core.models import Document

TEXT_FIELDS = ["title", "summary", "body", "authors"]
BOOSTS = {"title": 3.0, "summary": 1.5, "authors": 2.0}
HEAP_BYTES = 256_000_000


def available() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def _schema():
    import tantivy
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    for name in ("summary", "body", "authors"):
        builder.add_text_field(name, stored=name == "body", tokenizer_name="en_stem")
    for name in ("topic", "type", "author"):
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    return builder.build()


def build(path: Path, docs: Iterable[Document]) -> dict:
    """Build the index in path (two indexing threads, as we have two CPUs); returns
    docs, seconds and bytes."""
    import tantivy
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    index = tantivy.Index(_schema(), path=str(path))
    start, count = time.perf_counter(), 0
    writer = index.writer(HEAP_BYTES, 2)
    for doc in docs:
        fields = {"id": doc.id, "title": doc.title, "summary": doc.summary or "",
                  "body": doc.text, "authors": " ".join(doc.authors),
                  "topic": doc.topic_names, "type": doc.type or "article",
                  "author": doc.authors, "year": doc.year or 0}
        writer.add_document(tantivy.Document(**{k: v for k, v in fields.items()
                                                if v not in ([], "")}))
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return {"docs": count, "seconds": seconds, "bytes": size}


class TantivyEngine:
    def __init__(self, path: Path):
        import tantivy
        self.tantivy = tantivy
        self.index = tantivy.Index.open(str(path))
        self.index.reload()
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    def close(self):
        self.searcher = None

    def search(self, q: str, topic: str | None = None, year_from: int | None = None) -> dict:
        """Top 10 with titles and snippets and the total; with a selection, also the four
        facet counts."""
        query = self.index.parse_query(q, TEXT_FIELDS, field_boosts=BOOSTS)
        if topic is None and year_from is None:
            return self._page(query)
        by_topic = self.tantivy.Query.term_query(self.schema, "topic", topic)
        by_year = self.tantivy.Query.range_query(self.schema, "year",
                                                 self.tantivy.FieldType.Integer, year_from, 9999)
        selected = self._all(query, by_topic, by_year)
        facets = {
            "topic": self._counts(self._all(query, by_year), "topic", 100),
            "year": self._counts(self._all(query, by_topic), "year", 200),
        }
        both = self.searcher.aggregate(selected, {
            "type": {"terms": {"field": "type", "size": 100}},
            "author": {"terms": {"field": "author", "size": 1000}}})
        for name in ("type", "author"):
            facets[name] = [(b["key"], b["doc_count"]) for b in both[name]["buckets"]]
        page = self._page(selected)
        page["facets"] = facets
        return page

    def _all(self, *queries):
        must = self.tantivy.Occur.Must
        return self.tantivy.Query.boolean_query([(must, q) for q in queries])

    def _counts(self, query, field: str, size: int) -> list:
        result = self.searcher.aggregate(query, {field: {"terms": {"field": field,
                                                                   "size": size}}})
        return [(b["key"], b["doc_count"]) for b in result[field]["buckets"]]

    def _page(self, query) -> dict:
        found = self.searcher.search(query, 10, count=True)
        snippets = self.tantivy.SnippetGenerator.create(self.searcher, query, self.schema,
                                                        "body")
        rows = []
        for _, address in found.hits:
            doc = self.searcher.doc(address)
            rows.append((doc["id"][0], doc["title"][0], snippets.snippet_from_doc(doc).to_html()))
        return {"total": found.count, "results": rows}
