"""An import's batch is prepared before the writer lock (its segment, ids and files made
aside) and checked under it: a writer that got in between (taking an id, storing the
same file, sweeping temp files) makes the batch slower, never wrong."""
from __future__ import annotations

import json

import pytest

from indexer.core.config import Settings
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService
from indexer.store.archive import Archive
from indexer.store.asidesave import save_aside
from indexer.store.importer import _shares, record_to_document

CLEAN = {"missing_from_index": [], "not_in_corpus": [], "out_of_date": [], "damaged_segments": []}


@pytest.fixture
def archive(tmp_path):
    archive = Archive(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index",
                               lock_timeout=30))
    archive.ensure_index()
    return archive


def line(title: str, word: str) -> bytes:
    return json.dumps({"title": title, "text": f"A note on trade; its word is {word}.",
                       "type": "brief"}).encode()


def batch_of(archive: Archive, lines: list[bytes]) -> list:
    return [([record_to_document(json.loads(raw), archive.vocabulary)], raw) for raw in lines]


def another_writer_meanwhile(archive: Archive, monkeypatch, write) -> None:
    """Run write(other archive) once the batch's files are staged, before its lock."""
    stage = archive.corpus.stage

    def staged_then_written(files):
        staged = stage(files)
        write(Archive(archive.settings))
        return staged
    monkeypatch.setattr(archive.corpus, "stage", staged_then_written)


def found(archive: Archive, word: str) -> list[str]:
    service = SearchService(archive.index)
    try:
        return [hit.id for hit in service.search(SearchRequest(q=word)).hits]
    finally:
        service.close()


def test_an_id_taken_while_the_batch_was_prepared_gives_the_document_the_next_one(
        archive, monkeypatch):
    another_writer_meanwhile(archive, monkeypatch, lambda other: other.add_file(
        b"Border note\n\nA librarian's note on the border.", "b.txt"))
    saved = save_aside(archive, batch_of(archive, [line("Border note", "zqaside")]), "import",
                       lambda n, existing: pytest.fail("no duplicate here"))
    assert [doc.id for doc in saved] == ["border-note-2"]
    assert found(archive, "zqaside") == ["border-note-2"]
    assert archive.check() == CLEAN


def test_a_line_stored_by_another_writer_meanwhile_is_reported_as_its_duplicate(
        archive, monkeypatch):
    raw = line("Trade note", "zqtwice")
    stored = {}

    def store_the_same_line(other):
        stored["docs"] = other.save_batch(batch_of(other, [raw]), "other")
    another_writer_meanwhile(archive, monkeypatch, store_the_same_line)
    duplicates = []
    saved = save_aside(archive, batch_of(archive, [raw]), "import",
                       lambda n, existing: duplicates.append((n, existing)))
    assert saved == []
    assert duplicates == [(0, stored["docs"][0].id)]
    assert found(archive, "zqtwice") == [stored["docs"][0].id]
    assert archive.check() == CLEAN


def test_staged_files_swept_by_another_writer_are_written_all_the_same(archive, monkeypatch):
    def sweep(other):
        with other.write_lock():        # a process's first lock clears .tmp- files
            pass
    another_writer_meanwhile(archive, monkeypatch, sweep)
    saved = save_aside(archive, batch_of(archive, [line("Swept note", "zqswept")]), "import",
                       lambda n, existing: pytest.fail("no duplicate here"))
    assert archive.corpus.get(saved[0].id).title == "Swept note"
    assert (archive.corpus.root / saved[0].original).exists()
    assert found(archive, "zqswept") == [saved[0].id]
    assert archive.check() == CLEAN
    assert not list(archive.corpus.root.rglob(".tmp-*"))


def test_lines_whose_titles_give_one_id_share_a_process():
    lines = [line("Border note", "a"), line("Border  Note!", "b"), line("Other", "c"),
             line("Border note", "a"), b"{not json"]
    shares = _shares(lines, 2)
    together = [share for share in shares if any(n == 1 for n, _ in share)][0]
    assert {n for n, _ in together} >= {1, 2, 4}
    assert sorted(n for share in shares for n, _ in share) == [1, 2, 3, 4, 5]
