"""The write journal: which ids a write is changing, so a writer killed midway is finished.

Every write saves the corpus first and the index second. A writer killed in between
(SIGKILL, out of memory, a power cut) leaves a record the index does not know, or
an index entry whose record moved to the trash: the file's retry is then refused as
"already in the archive" while no search finds it (the web-upload kill test showed
it). So before it changes anything a writer notes the ids in <index>/JOURNAL, and it
removes the note once the index has committed. Whoever takes the writer lock next
and finds a note makes the index agree with the corpus for those ids (idempotent),
then removes it. A failed write that rolled back keeps its note too: replaying it
costs a few look-ups and is right whatever the rollback managed.

An upload is all or nothing: its note (kind "add") names the new ids and the
originals it creates, and replaying it takes back whatever of it was stored. None
of it was acknowledged (the ids are printed, the 201 sent, after the note is gone),
so the client's retry stores the whole file again instead of being refused as a
duplicate of half of it. The activity log says only what happened: "undone" for
each document of the cut-short upload that had been stored, "recovered" for an
edit, removal or restore that was finished.
"""
from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Iterable, Iterator

from indexer.store.corpus import atomic_write, now_iso

NAME = "JOURNAL"


@contextlib.contextmanager
def noted(index_root: Path, doc_ids: Iterable[str]) -> Iterator[None]:
    """Call under the writer lock around a write that touches the corpus and the index."""
    path = Path(index_root) / NAME
    atomic_write(path, json.dumps(sorted(set(doc_ids))).encode())
    yield
    path.unlink(missing_ok=True)        # only after success: see the module docstring


@contextlib.contextmanager
def noted_add(index_root: Path, doc_ids: Iterable[str], new_originals: Iterable[str]
              ) -> Iterator[None]:
    """Like noted, for an upload: if it is cut short, replay takes all of it back."""
    path = Path(index_root) / NAME
    entry = {"undo": "add", "ids": sorted(set(doc_ids)), "originals": sorted(new_originals)}
    atomic_write(path, json.dumps(entry).encode())
    yield
    path.unlink(missing_ok=True)


def pending(index_root: Path) -> bool:
    return (Path(index_root) / NAME).exists()


def replay(archive) -> list[str]:
    """Finish (or, for an upload, take back) a killed writer's change, under the writer
    lock; the ids it touched."""
    path = archive.index.root / NAME
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    if isinstance(entry, dict) and entry.get("undo") == "add":
        doc_ids = entry["ids"]
        _undo_add(archive, doc_ids, entry.get("originals", []))
    else:
        doc_ids = entry
        _roll_forward(archive, doc_ids)
    path.unlink(missing_ok=True)
    return doc_ids


def _roll_forward(archive, doc_ids: list[str]) -> None:
    present = list(archive._docs_etags(doc_ids))      # the live records among them
    generation = archive.index.live()
    gone = sorted(set(doc_ids) - {doc.id for doc, _ in present})
    if gone:
        generation.delete(gone)
    if present:
        generation.upsert(present)
    # The killed writer never logged its change: say in the activity log what was finished
    # (a live record, or one now in the trash; an id with neither was never stored).
    stamp, trashed = now_iso(), set(archive.corpus.ids(trashed=True))
    finished = [(doc.id, doc.title) for doc, _ in present]
    finished += [(i, archive.corpus.get(i, trashed=True).title) for i in gone if i in trashed]
    for doc_id, title in finished:
        archive.corpus.log({"at": stamp, "by": "archivo", "action": "recovered", "id": doc_id,
                            "title": title})


def _undo_add(archive, doc_ids: list[str], originals: list[str]) -> None:
    """Take back an upload cut short: its records, index entries and new originals."""
    stored = [doc for doc, _ in archive._docs_etags(doc_ids)]
    archive.index.live().delete(doc_ids)
    stamp = now_iso()
    for doc in stored:
        archive.corpus.delete_record(doc.id)
        archive.corpus.log({"at": stamp, "by": "archivo", "action": "undone", "id": doc.id,
                            "title": doc.title})
    for relative in originals:
        archive.corpus.remove_original(relative)
