"""The write journal: the next writer finishes a change whose writer died between the
corpus and the index (deterministic twins of what the web-upload kill test found)."""
import json
from pathlib import Path

from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.store.journal import NAME


def archive_at(tmp_path: Path) -> Archive:
    archive = Archive(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index"))
    archive.add_file(b"Energy Notes\n\nPemex and the energy reform.", "e.txt")
    return archive


def test_a_record_saved_but_never_indexed_is_indexed_by_the_next_write(tmp_path):
    archive = archive_at(tmp_path)
    [draft] = archive.prepare(b"Water Notes\n\nThe water treaty and drought.", "w.txt")
    draft.id, draft.checksum = "water-notes", "0" * 64
    archive.corpus.save(draft)                       # the writer died right after this
    (archive.index.root / NAME).write_text(json.dumps(["water-notes"]))
    assert archive.check()["missing_from_index"] == ["water-notes"]
    archive.add_file(b"Trade Notes\n\nTariffs and the border.", "t.txt")
    assert archive.check() == {"missing_from_index": [], "not_in_corpus": [],
                               "out_of_date": [], "damaged_segments": []}
    assert not (archive.index.root / NAME).exists()
    recovered = [e for e in archive.corpus.activity() if e["action"] == "recovered"]
    assert [(e["id"], e["title"], e["by"]) for e in recovered] == [
        ("water-notes", draft.title, "archivo")]


def test_a_trashed_record_still_indexed_is_dropped_by_the_next_write(tmp_path):
    archive = archive_at(tmp_path)
    archive.corpus.move_to_trash("energy-notes")     # the writer died before the index
    (archive.index.root / NAME).write_text(json.dumps(["energy-notes"]))
    assert archive.check()["not_in_corpus"] == ["energy-notes"]
    archive.add_file(b"Trade Notes\n\nTariffs and the border.", "t.txt")
    assert archive.check() == {"missing_from_index": [], "not_in_corpus": [],
                               "out_of_date": [], "damaged_segments": []}


def test_a_finished_write_leaves_no_journal(tmp_path):
    archive = archive_at(tmp_path)
    archive.update("energy-notes", {"topics": ["energy"]}, actor="t")
    archive.remove("energy-notes", actor="t")
    archive.restore("energy-notes", actor="t")
    assert not (archive.index.root / NAME).exists()
    assert not any(archive.check().values())


def test_the_app_finishes_a_killed_write_when_it_starts(tmp_path):
    from webapp import create_app

    archive = archive_at(tmp_path)
    [draft] = archive.prepare(b"Water Notes\n\nThe water treaty and drought.", "w.txt")
    draft.id, draft.checksum = "water-notes", "0" * 64
    archive.corpus.save(draft)
    (archive.index.root / NAME).write_text(json.dumps(["water-notes"]))
    app = create_app({"ARCHIVO_CORPUS_DIR": str(tmp_path / "corpus"),
                      "ARCHIVO_INDEX_DIR": str(tmp_path / "index"),
                      "ARCHIVO_INSTANCE_DIR": str(tmp_path / "instance"), "TESTING": True})
    assert not (archive.index.root / NAME).exists()
    hits = app.test_client().get("/api/search?q=water+treaty").get_json()["results"]
    assert [h["id"] for h in hits] == ["water-notes"]
