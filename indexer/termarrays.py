"""Each segment's postings as flat arrays on disk, memory-mapped by every worker.

Whoosh keeps a term's postings in pickled, zlib-compressed blocks; decoding them
is most of a search's cost the first time a word is searched, and it grows with
the archive. Beside each segment this module keeps the same postings of the
scored fields as .npy files: the sorted keys (field NUL term), where each key's
postings start, the document numbers and term frequencies one after another,
and each posting's positions (for phrases). A look-up is a binary search and two slices of memory-mapped arrays,
and the pages are shared by all workers through the OS page cache.

The arrays are derived data, like the index itself. A rebuild writes them for its
segments, and they are the only copy of those segments' scored postings (Whoosh
reads them too, through indexer.arraycodec). A librarian's segments have Whoosh's
blocks as well: their arrays are exported after the commit (or when a searcher
opens a small segment without them), and without arrays such a segment is
searched through its blocks (indexer.postings), only slower.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Iterable

import numpy as np

from indexer.facets import segment_of
from indexer.postings import decode_positions, read_postings
from indexer.schema import SCORED_FIELDS
from indexer.segmenttext import FieldPostings

DIRNAME = "arrays"
# A segment without arrays is exported after a librarian's commit, or when a searcher
# opens it, if it is this small (exporting reads every posting: about 1 ms per document).
EXPORT_AT_OPEN_MAX_DOCS = 500
_FILES = ("keys", "starts", "ids", "tf", "pos_starts", "positions")


def key_of(fieldname: str, tbytes: bytes) -> bytes:
    return fieldname.encode("utf-8") + b"\0" + tbytes


def location(generation_dir: Path, segid: str) -> Path:
    return Path(generation_dir) / DIRNAME / segid


def write_postings(dest: Path, fields: list[tuple[str, FieldPostings]]) -> None:
    """Write a segment's (field name, its postings), in field name order."""
    write_arrays(dest, [key_of(name, t) for name, postings in fields for t in postings.terms],
                 _joined([p.df for _, p in fields], np.int64),
                 _joined([p.ids for _, p in fields], np.int32),
                 _joined([p.tf for _, p in fields], np.float32),
                 _joined([p.pos_counts for _, p in fields], np.int64),
                 _joined([p.positions for _, p in fields], np.int32))


def write_arrays(dest: Path, keys: list[bytes], counts, ids, tf, pos_counts, positions) -> None:
    """Write the arrays atomically: the directory appears complete or not at all."""
    arrays = {
        "keys": np.array(keys, dtype=bytes) if keys else np.zeros(0, dtype="S1"),
        "starts": _offsets(np.asarray(counts, dtype=np.int64)),
        "ids": np.asarray(ids, dtype=np.int32), "tf": np.asarray(tf, dtype=np.float32),
        "pos_starts": _offsets(np.asarray(pos_counts, dtype=np.int64)),
        "positions": np.asarray(positions, dtype=np.int32),
    }
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".tmp-{dest.name}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    for name, array in arrays.items():
        np.save(tmp / f"{name}.npy", array)
    try:
        os.rename(tmp, dest)
    except OSError:             # another process wrote them first: theirs are the same
        shutil.rmtree(tmp, ignore_errors=True)


def _offsets(counts: np.ndarray) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])


def _joined(parts: list, dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)


def export(leaf, fieldnames: Iterable[str], dest: Path) -> None:
    """Write a segment's arrays from its own postings (for segments the rebuild did not write)."""
    fields = []
    for fieldname in sorted(name for name in fieldnames if name in leaf.schema):
        terms, ids, tfs, pos_counts, positions = [], [], [], [], []
        for tbytes in leaf.lexicon(fieldname):
            term_ids, tf, values = read_postings(leaf.postings(fieldname, tbytes), True)
            counts, flat = decode_positions(values)
            terms.append(tbytes)
            ids.append(term_ids)
            tfs.append(tf)
            pos_counts.append(counts)
            positions.append(flat)
        if terms:
            df = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
            fields.append((fieldname, FieldPostings(
                terms, df, _joined(ids, np.int32), _joined(tfs, np.float32),
                _joined(pos_counts, np.int64), _joined(positions, np.int32))))
    write_postings(dest, fields)


class TermArrays:
    """One segment's arrays, memory-mapped."""

    def __init__(self, path: Path):
        arrays = {name: np.load(path / f"{name}.npy", mmap_mode="r") for name in _FILES}
        self.keys, self.starts = arrays["keys"], arrays["starts"]
        self.ids, self.tf = arrays["ids"], arrays["tf"]
        self.pos_starts, self.positions = arrays["pos_starts"], arrays["positions"]

    @classmethod
    def open(cls, path: Path) -> "TermArrays | None":
        try:
            return cls(Path(path))
        except (OSError, ValueError):       # missing, or cut short: search without them
            return None

    def get(self, fieldname: str, tbytes: bytes, positions: bool = False):
        """(local document numbers, term frequencies[, offsets of each posting's
        positions, the positions]), or None if the segment lacks the term."""
        key = key_of(fieldname, tbytes)
        i = int(np.searchsorted(self.keys, key))
        if i >= len(self.keys) or self.keys[i] != key:
            return None
        start, stop = int(self.starts[i]), int(self.starts[i + 1])
        if not positions:
            return self.ids[start:stop], self.tf[start:stop]
        offsets = np.asarray(self.pos_starts[start:stop + 1])
        return (self.ids[start:stop], self.tf[start:stop], offsets - offsets[0],
                self.positions[offsets[0]:offsets[-1]])


def sync(generation_dir: Path, reader, fieldnames=SCORED_FIELDS) -> None:
    """After a commit (under the writer lock): arrays for the new small segments, and
    none left for segments merged away."""
    for leaf, _ in reader.leaf_readers():
        open_for(generation_dir, leaf, fieldnames)
    prune(generation_dir, {segment_of(leaf).segid for leaf, _ in reader.leaf_readers()
                           if segment_of(leaf) is not None})


def open_all(generation_dir: Path, reader, held: dict) -> dict:
    """Segment id -> TermArrays (or None) of a reader's segments, reusing those `held`
    (keyed by generation folder and segment id) from the previous reader."""
    current = {}
    for leaf, _ in reader.leaf_readers():
        segment = segment_of(leaf)
        if segment is not None:
            key = (str(generation_dir), segment.segid)
            current[key] = held[key] if key in held else open_for(generation_dir, leaf)
    return current


def open_for(generation_dir: Path, leaf, fieldnames=SCORED_FIELDS) -> TermArrays | None:
    """The arrays of a reader's segment, exporting them first if it is small and has none."""
    segment = segment_of(leaf)
    if segment is None:
        return None
    path = location(generation_dir, segment.segid)
    if not path.exists() and leaf.doc_count_all() <= EXPORT_AT_OPEN_MAX_DOCS:
        try:
            export(leaf, fieldnames, path)
        except OSError:         # a read-only index: search through Whoosh's blocks
            return None
    return TermArrays.open(path) if path.exists() else None


def prune(generation_dir: Path, segids: set[str]) -> None:
    """Remove the arrays of segments the index no longer has (merged away)."""
    folder = Path(generation_dir) / DIRNAME
    if not folder.is_dir():
        return
    stale = time.time() - 600       # a temporary directory this old lost its writer
    for entry in folder.iterdir():
        if entry.name.startswith(".tmp-") and entry.stat().st_mtime > stale:
            continue
        if entry.name not in segids:
            shutil.rmtree(entry, ignore_errors=True)
