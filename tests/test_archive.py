"""The write path: corpus first, then the index, under one lock; rebuilds swap atomically."""
import json
import os
import threading

import pytest

from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.core.errors import DuplicateDocument, IndexBusy, StorageError, UnreadableDocument
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService

PAGE = (b"Energy Reform in Mexico\n\nMexico's energy reform opened oil and natural gas to "
        b"private investment, and Pemex now competes for electricity contracts.")


@pytest.fixture
def archive(tmp_path):
    return Archive(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index",
                            lock_timeout=1.0))


def titles(archive, q):
    result = SearchService(archive.index).search(SearchRequest(q=q))
    return [hit.title for hit in result.hits]


def snapshot(archive):
    files = sorted(str(p.relative_to(archive.corpus.root))
                   for p in archive.corpus.root.rglob("*") if p.is_file())
    return files, archive.check() if archive.index.exists() else None


def test_an_added_document_is_stored_then_searchable(archive):
    [doc] = archive.add_file(PAGE, "energy.txt", actor="ana")
    record = json.loads((archive.corpus.records / f"{doc.id}.json").read_text())
    assert record["title"] == "Energy Reform in Mexico"
    assert record["history"][0]["by"] == "ana" and record["history"][0]["action"] == "add"
    assert (archive.corpus.root / record["original"]).read_bytes() == PAGE
    assert titles(archive, "pemex") == ["Energy Reform in Mexico"]
    assert not any(archive.check().values())


def test_the_same_file_twice_is_refused_with_the_existing_id(archive):
    [doc] = archive.add_file(PAGE, "energy.txt")
    with pytest.raises(DuplicateDocument) as caught:
        archive.add_file(PAGE, "copy.txt")
    assert caught.value.existing_id == doc.id


def test_a_file_saved_by_another_process_is_refused_too(archive):
    other = Archive(archive.settings)           # another worker, its own caches
    [doc] = other.add_file(PAGE, "energy.txt")
    with pytest.raises(DuplicateDocument) as caught:
        archive.add_file(PAGE, "copy.txt")
    assert caught.value.existing_id == doc.id


def test_a_deleted_documents_file_can_be_added_again(archive):
    [doc] = archive.add_file(PAGE, "energy.txt")
    archive.remove(doc.id, actor="ana")
    [again] = archive.add_file(PAGE, "energy.txt")
    assert archive.find_by_checksum(again.checksum) == again.id


def test_a_rejected_file_changes_nothing(archive):
    archive.add_file(PAGE, "energy.txt")
    before = snapshot(archive)
    with pytest.raises(UnreadableDocument):
        archive.add_file(b"", "empty.txt")
    assert snapshot(archive) == before


def test_an_index_failure_rolls_the_corpus_back(archive, monkeypatch):
    archive.add_file(PAGE, "energy.txt")
    before = snapshot(archive)

    def broken_upsert(self, docs):
        raise StorageError("could not write the index: disk full")
    monkeypatch.setattr("indexer.engine.generation.Generation.upsert", broken_upsert)
    with pytest.raises(StorageError):
        archive.add_file(b"Trade Notes\n\nTrade grew between Mexico and Canada.", "t.txt")
    assert snapshot(archive) == before      # no record, no orphaned original
    assert not any(archive.check().values())


def test_a_batch_with_a_duplicate_stores_nothing(archive):
    archive.add_file(PAGE, "energy.txt")
    before = snapshot(archive)
    fresh = archive.prepare(b"Trade Notes\n\nTrade grew between Mexico and Canada.", "t.txt")
    with pytest.raises(DuplicateDocument):
        archive.save_batch([(fresh, b"Trade Notes\n\nTrade grew between Mexico and Canada."),
                            (archive.prepare(b"Other\n\nOther text on energy.", "o.txt"), PAGE)],
                           actor="ana")
    assert snapshot(archive) == before


def test_edit_remove_restore_are_recorded_and_reach_search(archive):
    [doc] = archive.add_file(PAGE, "energy.txt")
    archive.update(doc.id, {"title": "Pemex and the Energy Reform", "topics": ["energy", "trade"]},
                   actor="ana")
    assert titles(archive, "pemex") == ["Pemex and the Energy Reform"]
    archive.remove(doc.id, actor="ben")
    assert titles(archive, "pemex") == []
    assert archive.corpus.exists(doc.id) is False
    restored = archive.restore(doc.id, actor="ana")
    assert titles(archive, "pemex") == ["Pemex and the Energy Reform"]
    assert [h["action"] for h in restored.history] == ["add", "edit", "remove", "restore"]
    edit = restored.history[1]
    assert edit["changes"]["topics"] == [["energy"], ["energy", "trade"]]
    assert [e["action"] for e in archive.corpus.activity()] == ["restore", "remove", "edit", "add"]


def test_rebuild_reproduces_the_index_exactly(archive):
    archive.add_file(PAGE, "energy.txt")
    archive.add_file(b"Trade Notes\n\nTrade grew between Mexico and Canada.", "t.txt")
    before = archive.index.live().indexed_etags()
    first = archive.index.current_generation()
    assert archive.rebuild() == 2
    assert archive.index.current_generation() != first
    assert archive.index.live().indexed_etags() == before
    assert [p.name for p in archive.index.root.glob("gen-*")] == [archive.index.current_generation()]


def test_check_reports_what_differs(archive):
    [doc] = archive.add_file(PAGE, "energy.txt")
    archive.index.live().delete([doc.id])
    assert archive.check()["missing_from_index"] == [doc.id]
    archive.rebuild()
    assert not any(archive.check().values())


def test_a_second_writer_waits_then_gives_up_with_a_clear_error(archive):
    archive.ensure_index()
    held, release = threading.Event(), threading.Event()

    def hold_lock():
        with archive.index.write_lock():
            held.set()
            release.wait(5)
    thread = threading.Thread(target=hold_lock)
    thread.start()
    held.wait(5)
    try:
        with pytest.raises(IndexBusy) as caught:
            with archive.index.write_lock(timeout=0.2):
                pass
        assert "try again" in caught.value.message
    finally:
        release.set()
        thread.join()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_corpus_gives_a_clear_error_and_no_half_record(archive):
    archive.add_file(PAGE, "energy.txt")
    os.chmod(archive.corpus.records, 0o555)
    try:
        with pytest.raises(StorageError) as caught:
            archive.add_file(b"Trade Notes\n\nTrade grew fast.", "t.txt")
        assert "permission denied" in caught.value.message
    finally:
        os.chmod(archive.corpus.records, 0o755)
    assert not list(archive.corpus.records.glob(".tmp-*"))


def test_a_full_disk_gives_a_clear_error_and_changes_nothing(archive, monkeypatch):
    import errno

    archive.add_file(PAGE, "energy.txt")
    before = snapshot(archive)

    def disk_full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr("indexer.store.corpus.atomic_write", disk_full)
    monkeypatch.setattr("indexer.store.corpus.atomic_write_many", disk_full)   # batches
    with pytest.raises(StorageError) as caught:
        archive.add_file(b"Trade Notes\n\nTrade grew fast.", "t.txt")
    assert "the disk is full" in caught.value.message
    assert snapshot(archive) == before
