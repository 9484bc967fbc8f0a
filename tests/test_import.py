"""`indexer import`: batches through the one write path, bad lines reported by number,
good lines kept and searchable, a librarian's save and searches answered meanwhile,
and a kill halfway loses no committed batch. Bound by counts, never by speed (speed
is `make bench`'s: bench/importpath.py)."""
import json
import time
from pathlib import Path

import pytest

from indexer.core.config import Settings
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService
from indexer.engine import merge as merging
from indexer.store import importer
from indexer.store.archive import Archive
from tests.faultkit import audit_corpus, debris, fork_cli

HANG_GUARD_S = 240.0        # only a hung import gets here; a slow machine does not
TOPICS = ["trade", "border", "migration", "energy", "security", "water"]


def record(n: int) -> str:
    topic = TOPICS[n % len(TOPICS)]
    return json.dumps({"title": f"Imported note {n} on {topic}",
                       "text": f"Note {n} covers {topic} policy; marker word zq{n}x.",
                       "type": "brief", "date": f"{2000 + n % 20}-01-01"})


def lines_with_bad_ones(count: int) -> tuple[list[bytes], dict[int, str]]:
    """count good records, with bad lines put among them; line number -> its error's start."""
    lines, bad = [], {}
    for n in range(count):
        lines.append(record(n).encode())
        if n % 50 == 7:
            lines.append(b"{not json")
            bad[len(lines)] = "not valid JSON"
        if n % 50 == 21:
            lines.append(json.dumps({"title": "No text", "text": ""}).encode())
            bad[len(lines)] = "the record has no text"
        if n % 50 == 33:
            lines.append(record(n).encode())            # the same line twice
            bad[len(lines)] = "duplicate of"              # an earlier line, or its record
    lines.append(b"")                                   # blank lines are no records
    return lines, bad


@pytest.fixture
def archive(tmp_path):
    return Archive(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index",
                            lock_timeout=HANG_GUARD_S))


def test_an_import_keeps_every_good_line_searchable_and_reports_each_bad_one(archive,
                                                                               monkeypatch):
    monkeypatch.setattr(importer, "BATCH_DOCS", 60)       # several batches, several segments
    lines, bad = lines_with_bad_ones(250)
    counted = []
    report = importer.import_jsonl(archive, lines, progress=counted.append, procs=2)

    assert len(report.added) == 250
    assert [n for n, _ in report.errors] == sorted(bad)
    assert all(message.startswith(bad[n]) for n, message in report.errors)
    assert sum(counted) == len(lines)
    assert not any(archive.check().values())
    service = SearchService(archive.index)
    for n in (0, 99, 249):
        hits = service.search(SearchRequest.from_args({"q": f"zq{n}x"})).hits
        assert [hit.title for hit in hits] == [f"Imported note {n} on {TOPICS[n % 6]}"]
    service.close()


def test_importing_the_same_lines_again_adds_nothing_and_names_the_stored_copies(archive):
    lines = [record(n).encode() for n in range(5)]
    first = importer.import_jsonl(archive, lines)
    again = importer.import_jsonl(archive, lines)
    assert (len(first.added), again.added) == (5, [])
    assert [message for _, message in again.errors] == \
        [f"duplicate of {doc_id}" for doc_id in first.added]


def test_the_segments_an_import_leaves_are_merged_outside_the_lock(archive, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_DOCS", 60)
    importer.import_jsonl(archive, [record(n).encode() for n in range(600)])
    # 10 batches of 60 are one size class of 10 >= MERGE_FACTOR segments: merged at the end.
    assert archive.index.live().segment_sizes() == [600]
    assert not any(archive.check().values())
    for n in range(3):
        archive.add_file(f"Later note {n}\n\nA librarian's note {n} on trade.".encode(), f"{n}.txt")
    assert archive.merge_segments(everything=True) >= 1     # what `indexer optimize` does
    assert archive.index.live().segment_sizes() == [603]
    assert not any(archive.check().values())
    assert not list(archive.index.root.glob("merge-*"))


def test_the_segments_an_import_leaves_are_merged_in_its_processes(archive, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_DOCS", 50)
    monkeypatch.setattr(merging, "MERGE_MAX_DOCS", 400)      # so there are several groups
    importer.import_jsonl(archive, [record(n).encode() for n in range(800)], procs=2)
    sizes = archive.index.live().segment_sizes()
    # 16 segments of about 50 went in; groups of at most 400 came out, each in a process.
    assert sum(sizes) == 800 and 2 <= len(sizes) <= 3 and max(sizes) <= 400
    assert not any(archive.check().values())
    assert not list(archive.index.root.glob("merge-*"))


def _import_records(corpus: Path) -> int:
    return len(list((corpus / "records").glob("imported-note-*.json")))


def test_a_save_and_searches_during_an_import_are_answered_between_its_batches(
        archive, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_DOCS", 40)       # the forked import inherits these
    total = 1200
    source = tmp_path / "old.jsonl"
    source.write_text("\n".join(record(n) for n in range(total)) + "\n")
    archive.ensure_index()
    env = {"ARCHIVO_CORPUS_DIR": str(archive.corpus.root),
           "ARCHIVO_INDEX_DIR": str(archive.index.root), "ARCHIVO_LOCK_TIMEOUT": "240"}
    run = fork_cli(["import", str(source)], env)
    try:
        deadline = time.monotonic() + HANG_GUARD_S
        while _import_records(archive.corpus.root) == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert run.alive(), "the import ended before its first batch was seen"
        saved = archive.add_file(b"Librarian's note\n\nA note saved during an import.", "l.txt")
        imported_when_saved = _import_records(archive.corpus.root)
        service = SearchService(archive.index)
        answered = service.search(SearchRequest.from_args({"q": "note"})).total
        service.close()
    finally:
        run.finish(timeout=HANG_GUARD_S)
    # The save got in between two batches, not after the whole import.
    assert imported_when_saved < total
    assert answered >= 1
    assert run.exit_code == 0
    assert archive.corpus.exists(saved[0].id)
    assert _import_records(archive.corpus.root) == total
    assert not any(archive.check().values())


def test_an_import_killed_halfway_keeps_its_committed_batches_and_a_rerun_adds_the_rest(
        archive, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_DOCS", 40)
    total = 600
    source = tmp_path / "old.jsonl"
    source.write_text("\n".join(record(n) for n in range(total)) + "\n")
    archive.ensure_index()
    env = {"ARCHIVO_CORPUS_DIR": str(archive.corpus.root),
           "ARCHIVO_INDEX_DIR": str(archive.index.root), "ARCHIVO_LOCK_TIMEOUT": "240"}
    run = fork_cli(["import", str(source)], env)
    deadline = time.monotonic() + HANG_GUARD_S
    while _import_records(archive.corpus.root) < 80 and time.monotonic() < deadline:
        time.sleep(0.005)
    killed = run.kill()
    run.finish(timeout=HANG_GUARD_S)
    assert killed, "the import ended before it could be killed"

    assert archive.finish_interrupted_write()       # the next writer: the cut batch undone
    kept = _import_records(archive.corpus.root)
    # Records of a second batch are on disk only once the first is committed: that one
    # stays, and the batch cut short is taken back whole.
    assert kept % 40 == 0 and kept >= 40
    assert not any(archive.check().values())
    assert audit_corpus(archive.corpus.root, set()).ok
    assert debris(archive.corpus.root, archive.index.root) == []

    again = importer.import_jsonl(archive, source.read_bytes().splitlines())
    assert len(again.added) == total - kept
    assert len(again.errors) == kept                # the kept lines, named as stored copies
    assert _import_records(archive.corpus.root) == total
    assert not any(archive.check().values())
