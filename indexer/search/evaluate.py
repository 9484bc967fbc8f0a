"""`indexer evaluate`: measure the product's ranking on a TREC-style test collection.

A collection is a folder with docs.jsonl ({"id", "title", "text"} a line),
queries.jsonl ({"id", "text"} a line) and qrels.tsv (query_id, doc_id, relevance,
with a header row). The documents go into a throw-away index built by the
product's own IndexStore (so its schema and analysis), and every query runs
through SearchService.ranked_ids, the query path and ranking of the search page.
The measures come from ir-measures (pytrec_eval underneath), not from code here.
"""
from __future__ import annotations

import contextlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import ir_measures
from ir_measures import AP, R, nDCG

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.core.errors import BadCollection
from indexer.engine import IndexStore
from indexer.ingest.language import LANGUAGES, detect_language
from indexer.core.models import Document
from indexer.search.service import SearchService

MEASURES = {"ndcg@10": nDCG @ 10, "map": AP, "recall@100": R @ 100}
DEPTH = 100         # documents ranked per query: recall@100 and MAP look this deep

# progress(label, length) -> a context manager whose .update(n) advances a bar.
Progress = Callable[[str, int], contextlib.AbstractContextManager]


@dataclass
class Collection:
    docs: Path
    queries: dict[str, str]                 # query id -> text, in file order
    qrels: dict[str, dict[str, int]]        # query id -> doc id -> relevance
    kinds: dict[str, str]                   # query id -> its "kind" (same, cross), if given


def read_collection(directory: Path, queries: Path | None = None,
                    qrels: Path | None = None) -> Collection:
    """Check the files and read queries and judgments (documents are streamed later)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise BadCollection(f"{directory} is not a folder with docs.jsonl, queries.jsonl "
                            "and qrels.tsv")
    docs = _existing(directory / "docs.jsonl")
    queries_path = _existing(queries or directory / "queries.jsonl")
    return Collection(docs=docs, queries=read_queries(queries_path),
                      qrels=read_qrels(_existing(qrels or directory / "qrels.tsv")),
                      kinds=read_kinds(queries_path))


def _existing(path: Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise BadCollection("the file is missing", source=str(path))
    return path


def _json_lines(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) of each non-blank line; anything else is a clear error."""
    with open(path, encoding="utf-8", errors="strict") as handle:
        try:
            for line_no, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    raise BadCollection("not valid JSON", source=f"{path}:{line_no}") from None
                if not isinstance(record, dict):
                    raise BadCollection("expected a JSON object", source=f"{path}:{line_no}")
                yield line_no, record
        except UnicodeDecodeError:
            raise BadCollection("not UTF-8 text", source=str(path)) from None


def _text(record: dict, key: str, where: str, required: bool = True) -> str:
    value = record.get(key)
    if value is None and not required:
        return ""
    if isinstance(value, int) and not isinstance(value, bool) and key == "id":
        return str(value)       # ids written as JSON numbers are still ids
    if not isinstance(value, str) or (key == "id" and not value.strip()):
        raise BadCollection(f'"{key}" must be a non-empty string' if key == "id"
                            else f'"{key}" must be a string', source=where)
    return value


def read_queries(path: Path) -> dict[str, str]:
    queries: dict[str, str] = {}
    for line_no, record in _json_lines(path):
        where = f"{path}:{line_no}"
        qid = _text(record, "id", where)
        if qid in queries:
            raise BadCollection(f"query id {qid!r} appears twice", source=where)
        queries[qid] = _text(record, "text", where)
    if not queries:
        raise BadCollection("holds no queries", source=str(path))
    return queries


def read_kinds(path: Path) -> dict[str, str]:
    """Query id -> kind for collections that group their queries (e.g. same/cross-language)."""
    return {str(record["id"]): str(record["kind"]) for _, record in _json_lines(path)
            if isinstance(record.get("kind"), str) and "id" in record}


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """query_id, doc_id, relevance (tab-separated); the first row is a header."""
    qrels: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8") as handle:
        lines = list(enumerate(handle, 1))
    if not lines or lines[0][1].split("\t")[0].strip() != "query_id":
        raise BadCollection("the first row must be the header query_id, doc_id, relevance",
                            source=str(path))
    for line_no, line in lines[1:]:
        if not line.strip():
            continue
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) != 3 or not cells[2].strip().lstrip("-").isdigit():
            raise BadCollection("expected query_id, doc_id and a whole-number relevance, "
                                "separated by tabs", source=f"{path}:{line_no}")
        qrels.setdefault(cells[0].strip(), {})[cells[1].strip()] = int(cells[2])
    if not qrels:
        raise BadCollection("holds no judgments", source=str(path))
    return qrels


def read_docs(path: Path) -> Iterator[tuple[Document, str]]:
    """(Document, etag) pairs as IndexStore.rebuild takes them: title->title, text->body."""
    seen: set[str] = set()
    for line_no, record in _json_lines(path):
        where = f"{path}:{line_no}"
        doc_id = _text(record, "id", where)
        if doc_id in seen:
            raise BadCollection(f"document id {doc_id!r} appears twice", source=where)
        seen.add(doc_id)
        title = _text(record, "title", where, required=False)
        text = _text(record, "text", where, required=False)
        # A stated language (a bilingual collection) is used; otherwise detected, as at ingest.
        language = record.get("language") if record.get("language") in LANGUAGES else \
            detect_language(f"{title}\n{text}")[0]
        yield Document(id=doc_id, title=title, text=text, language=language), ""


def count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def run_queries(service: SearchService, queries: dict[str, str],
                progress: Progress) -> dict[str, dict[str, float]]:
    """query id -> doc id -> score of the top DEPTH documents."""
    run: dict[str, dict[str, float]] = {}
    with progress("searching", len(queries)) as bar:
        for qid, text in queries.items():
            run[qid] = dict(service.ranked_ids(text, limit=DEPTH))
            bar.update(1)
    return run


def measure(qrels: dict[str, dict[str, int]],
            run: dict[str, dict[str, float]]) -> dict[str, float]:
    """Mean of each measure over the judged queries that were run.

    pytrec_eval leaves out a query that retrieved nothing; such a query counts as
    0 here (a ranking that finds nothing must not raise the average).
    """
    judged = [qid for qid in run if qid in qrels]
    if not judged:
        raise BadCollection("no query in the queries file has judgments in the qrels file")
    qrels = {qid: qrels[qid] for qid in judged}
    totals = dict.fromkeys(MEASURES, 0.0)
    names = {str(m): name for name, m in MEASURES.items()}
    for metric in ir_measures.iter_calc(list(MEASURES.values()), qrels, run):
        totals[names[str(metric.measure)]] += metric.value
    return {name: total / len(judged) for name, total in totals.items()} | {
        "queries": len(judged)}


def evaluate(directory: Path, progress: Progress, queries: Path | None = None,
             qrels: Path | None = None,
             topics_file: Path = DEFAULT_TOPICS_FILE, semantic: bool = True) -> dict[str, float]:
    """Index the collection aside, run its queries (expanded across languages by the
    topics file's equivalents; ranked by meaning too unless not semantic), return the
    measures."""
    collection = read_collection(directory, queries, qrels)
    with tempfile.TemporaryDirectory(prefix="archivo-eval-") as tmp:
        store = IndexStore(Path(tmp))
        with progress("indexing", count_lines(collection.docs)) as bar:
            store.rebuild(read_docs(collection.docs), progress=bar.update)
        service = SearchService(store, topics_file=topics_file, semantic=semantic)
        try:
            run = run_queries(service, collection.queries, progress)
        finally:
            service.close()
    figures = measure(collection.qrels, run)
    groups = sorted(set(collection.kinds.values()))
    if groups:      # e.g. same-language and cross-language queries, measured apart
        figures["by_kind"] = {kind: measure(collection.qrels, {
            qid: ranked for qid, ranked in run.items() if collection.kinds.get(qid) == kind})
            for kind in groups}
    return figures
