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
"""
from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Iterable, Iterator

from indexer.corpus import atomic_write, now_iso

NAME = "JOURNAL"


@contextlib.contextmanager
def noted(index_root: Path, doc_ids: Iterable[str]) -> Iterator[None]:
    """Call under the writer lock around a write that touches the corpus and the index."""
    path = Path(index_root) / NAME
    atomic_write(path, json.dumps(sorted(set(doc_ids))).encode())
    yield
    path.unlink(missing_ok=True)        # only after success: see the module docstring


def pending(index_root: Path) -> bool:
    return (Path(index_root) / NAME).exists()


def replay(archive) -> list[str]:
    """Finish a killed writer's change (under the writer lock); the ids it touched."""
    path = archive.index.root / NAME
    try:
        doc_ids = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    present = list(archive._docs_etags(doc_ids))      # the live records among them
    generation = archive.index.live()
    gone = sorted(set(doc_ids) - {doc.id for doc, _ in present})
    if gone:
        generation.delete(gone)
    if present:
        generation.upsert(present)
    # The killed writer never logged its change: say in the activity log what was finished.
    stamp = now_iso()
    for doc, _ in present:
        archive.corpus.log({"at": stamp, "by": "archivo", "action": "recovered", "id": doc.id,
                            "title": doc.title})
    for doc_id in gone:
        archive.corpus.log({"at": stamp, "by": "archivo", "action": "recovered", "id": doc_id,
                            "title": doc_id})
    path.unlink(missing_ok=True)
    return doc_ids
