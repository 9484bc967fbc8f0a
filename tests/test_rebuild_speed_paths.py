"""The fast paths of rebuild and librarian commits keep index and corpus in agreement."""
from __future__ import annotations

import time

from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.engine.generation import MERGE_AT
from indexer.core.models import Document, TopicTag


def _doc(n: int) -> Document:
    return Document(id=f"doc-{n}", title=f"Border report {n}", text=f"trade border words {n}",
                    type="report", date="2015-01-02", authors=["Ana Lopez"],
                    topics=[TopicTag("trade")], checksum=f"c{n}")


def _archive(tmp_path, n: int) -> Archive:
    archive = Archive(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index"))
    for i in range(n):
        archive.corpus.save(_doc(i))
    archive.rebuild()
    return archive


def test_catch_up_reads_only_what_changed_and_agrees(tmp_path):
    archive = _archive(tmp_path, 5)
    indexed = archive.index.live().indexed_etags()
    since = time.time_ns() - 1
    changed = _doc(1)
    changed.title = "Changed while the build ran"
    archive.corpus.save(changed)
    archive.corpus.move_to_trash("doc-2")
    archive.corpus.save(_doc(9))
    assert archive.corpus.changed_since(since) == {"doc-1", "doc-9"}
    archive.sync(archive.index.live(), indexed, since)
    assert not any(archive.check().values())


def test_librarian_commits_never_merge_the_large_segments(tmp_path, monkeypatch):
    monkeypatch.setattr("indexer.engine.generation.SMALL_SEGMENT_DOCS", 3)   # the rebuilt 4 docs are "large"
    archive = _archive(tmp_path, 4)
    rebuilt = {s.segid for s in archive.index.open()._segments()}
    for n in range(2 * MERGE_AT):
        archive.update(f"doc-{n % 4}", {"summary": f"edit {n}"}, actor="test")
    segments = archive.index.open()._segments()
    assert rebuilt <= {s.segid for s in segments}      # never rewritten
    assert len(segments) <= len(rebuilt) + MERGE_AT     # the small ones do get merged
    assert not any(archive.check().values())


def test_rebuild_sweep_reads_only_new_records_and_keeps_every_named_original(tmp_path):
    archive = _archive(tmp_path, 3)
    originals = archive.corpus.originals
    originals.mkdir(parents=True, exist_ok=True)
    built, written, orphan = (originals / (c * 64 + ".txt") for c in "abc")
    for path in (built, written, orphan):
        path.write_text("bytes")
    name = lambda path: str(path.relative_to(archive.corpus.root))   # noqa: E731
    old = _doc(0)
    old.original = name(built)          # named by a record the build read
    archive.corpus.save(old)
    since = time.time_ns() - 1
    new = _doc(8)
    new.original = name(written)        # named by a record written during the build
    archive.corpus.save(new)
    archive._catch_up(archive.index.live(), archive.index.live().indexed_etags(),
                      originals={name(built)}, since_ns=since)
    assert built.exists() and written.exists() and not orphan.exists()
