"""Uploads are all or nothing, even when the writer is killed halfway; a restore does not
bring back a second copy of a file uploaded again; a listing's ids cost linear look-ups.

The kill is counted, not timed: the forked writer SIGKILLs itself at its n-th rename
(each record, original and journal note is written aside and renamed into place), so
it dies at the same point of the batch on any machine.
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.store.corpus import Corpus, IdAllocator
from indexer.core.errors import DuplicateDocument
from tests.faultkit import audit_corpus, debris

CLEAN = {"missing_from_index": [], "not_in_corpus": [], "out_of_date": [], "damaged_segments": []}
ITEMS = 120
KILL_AT_RENAME = 40     # the journal note, the original, then 38 records


def listing(count: int, title: str | None = None) -> bytes:
    """A topic page listing `count` publications (each a heading and a teaser)."""
    lines = ["Border Security"]
    for n in range(count):
        lines += [title or f"Item {n} on the border",
                  f"Teaser {n}: customs, trade and security at the border."]
    return "\n".join(lines).encode()


def archive_at(tmp_path: Path) -> Archive:
    archive = Archive(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index",
                               lock_timeout=5.0))
    archive.add_file(b"Energy Notes\n\nPemex and the energy reform.", "e.txt")
    return archive


def add_killed_at_rename(archive: Archive, data: bytes, kill_at: int) -> None:
    """Run archive.add_file in a forked child that SIGKILLs itself at its kill_at-th rename."""
    pid = os.fork()
    if pid == 0:                                    # the child: never returns
        try:
            import indexer.store.corpus as corpus_module
            real_replace, calls = os.replace, [0]

            def replace(src, dst):
                calls[0] += 1
                if calls[0] == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
                real_replace(src, dst)
            corpus_module.os.replace = replace
            archive.add_file(data, "listing.txt", actor="ana")
        finally:
            os._exit(3)                             # reached only if the kill did not happen
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def test_an_upload_killed_halfway_is_taken_back_whole_and_its_retry_stores_it(tmp_path):
    archive = archive_at(tmp_path)
    before = archive.corpus.ids()
    originals_before = sorted(p.name for p in archive.corpus.originals.iterdir())
    data = listing(ITEMS)
    add_killed_at_rename(archive, data, KILL_AT_RENAME)
    half = sorted(set(archive.corpus.ids()) - set(before))
    assert len(half) == KILL_AT_RENAME - 3          # cut short: part of the batch is on disk
    assert list(archive.corpus.records.glob(".tmp-*.json"))     # and a record half-written

    restarted = Archive(archive.settings)           # a worker starting after the kill
    assert restarted.finish_interrupted_write()
    assert restarted.corpus.ids() == before
    assert sorted(p.name for p in restarted.corpus.originals.iterdir()) == originals_before
    assert debris(restarted.corpus.root, restarted.index.root) == []
    assert restarted.check() == CLEAN
    log = restarted.corpus.activity(limit=1000)
    assert sorted(e["id"] for e in log if e["action"] == "undone") == half
    assert [e for e in log if e["action"] == "recovered"] == []

    saved = restarted.add_file(data, "listing.txt", actor="ana")     # the client's retry
    assert len(saved) == ITEMS
    audit = audit_corpus(restarted.corpus.root, {d.id for d in saved})
    assert audit.ok and audit.orphan_originals == []
    assert restarted.check() == CLEAN


def test_an_edit_killed_before_the_index_is_finished_and_logged_once(tmp_path):
    archive = archive_at(tmp_path)
    pid = os.fork()
    if pid == 0:
        try:
            from indexer.engine.generation import Generation
            Generation.upsert = lambda self, docs: os.kill(os.getpid(), signal.SIGKILL)
            archive.update("energy-notes", {"series": "Energy notes"}, actor="ana")
        finally:
            os._exit(3)
    os.waitpid(pid, 0)
    restarted = Archive(archive.settings)
    restarted.finish_interrupted_write()
    assert restarted.check() == CLEAN
    recovered = [e["id"] for e in restarted.corpus.activity() if e["action"] == "recovered"]
    assert recovered == ["energy-notes"]


# -- restore ---------------------------------------------------------------------
def test_restore_is_refused_when_the_same_file_was_uploaded_again(tmp_path):
    archive = archive_at(tmp_path)
    archive.remove("energy-notes", actor="ana")
    [again] = archive.add_file(b"Energy Notes\n\nPemex and the energy reform.", "e.txt")
    with pytest.raises(DuplicateDocument) as refused:
        archive.restore("energy-notes", actor="ana")
    assert refused.value.status == 409 and refused.value.existing_id == again.id
    assert archive.corpus.ids(trashed=True) == ["energy-notes"]
    assert archive.check() == CLEAN


def test_restore_of_one_item_of_a_listing_beside_its_live_siblings_is_allowed(tmp_path):
    archive = archive_at(tmp_path)
    first, *others = archive.add_file(listing(3), "listing.txt")
    archive.remove(first.id, actor="ana")
    assert archive.restore(first.id, actor="ana").id == first.id
    assert set(archive.corpus.ids()) >= {first.id, *(d.id for d in others)}


def test_restore_refusal_through_the_api_names_the_live_copy(tmp_path):
    from tests.librarian_support import PASSWORD, basic
    from webapp import create_app

    archive_at(tmp_path)
    app = create_app({"TESTING": True, "ARCHIVO_CORPUS_DIR": str(tmp_path / "corpus"),
                      "ARCHIVO_INDEX_DIR": str(tmp_path / "index"),
                      "ARCHIVO_INSTANCE_DIR": str(tmp_path / "instance")})
    app.extensions["accounts"].add("ana", PASSWORD)
    client = app.test_client()
    assert client.delete("/api/documents/energy-notes", headers=basic()).status_code == 204
    archive = app.extensions["archive"]
    [again] = archive.add_file(b"Energy Notes\n\nPemex and the energy reform.", "e.txt")
    response = client.post("/api/documents/energy-notes/restore", headers=basic())
    assert response.status_code == 409
    assert response.get_json()["error"]["existing_id"] == again.id


# -- ids -------------------------------------------------------------------------
def test_a_listing_with_one_repeated_title_allocates_ids_in_linear_look_ups(tmp_path,
                                                                           monkeypatch):
    archive, items = archive_at(tmp_path), 600
    docs = archive.prepare(listing(items, title="Untitled brief"), "same.txt")
    assert len(docs) == items
    calls = [0]
    real_path = Corpus._path

    def counted(self, doc_id, folder=None):
        calls[0] += 1
        return real_path(self, doc_id, folder)
    monkeypatch.setattr(Corpus, "_path", counted)
    saved = archive.save_new(docs, listing(items, title="Untitled brief"), actor="ana")
    assert [d.id for d in saved[:3]] == ["untitled-brief", "untitled-brief-2", "untitled-brief-3"]
    assert len({d.id for d in saved}) == items
    assert calls[0] <= 6 * items        # a look-up or two per id and one per save: not n²/2


def test_twenty_thousand_items_of_one_title_take_one_look_up_each(tmp_path, monkeypatch):
    archive, items = archive_at(tmp_path), 20_000
    archive.corpus.move_to_trash("energy-notes")    # a trashed id is taken too
    calls = [0]
    real_used = Corpus.id_used

    def counted(self, doc_id):
        calls[0] += 1
        return real_used(self, doc_id)
    monkeypatch.setattr(Corpus, "id_used", counted)
    allocator, started = IdAllocator(archive.corpus, taken={"energy-notes-3"}), time.monotonic()
    ids = [allocator.new_id("Energy Notes") for _ in range(items)]
    assert ids[:3] == ["energy-notes-2", "energy-notes-4", "energy-notes-5"]
    assert len(set(ids)) == items
    assert calls[0] == items + 1                    # "energy-notes" itself was looked up once
    assert time.monotonic() - started < 30          # hang guard: n²/2 tries took minutes
