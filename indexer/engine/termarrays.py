"""Each segment's postings as flat arrays on disk, read by every worker.

Whoosh keeps a term's postings in pickled, zlib-compressed blocks; decoding them
is most of a search's cost the first time a word is searched, and it grows with
the archive. Beside each segment this module keeps the same postings of the
scored fields as .npy files: the sorted keys (field NUL term, one blob of bytes
and where each key starts in it: a fixed-width array would pad every key to the
longest, and one 3 MB word made a segment's keys 139 GiB), where each key's
postings and positions start, the document numbers and term frequencies one
after another, and each posting's positions (for phrases). A posting's number of
positions is its term frequency, so the offsets of each posting's positions are
a cumulative sum of the frequencies, not a file of their own.

A look-up is a binary search in the memory-mapped keys (a few pages) and
positional reads (os.pread) of the term's slices into the worker's own arrays:
the OS page cache holds the hot pages once for all workers, and a worker's
resident memory does not grow with the pages its searches have touched.

The arrays are derived data, like the index itself. A rebuild writes them for its
segments, and they are the only copy of those segments' scored postings (Whoosh
reads them too, through indexer.engine.arraycodec). A librarian's segments have Whoosh's
blocks as well: their arrays are exported after the commit (or when a searcher
opens a small segment without them), and without arrays such a segment is
searched through its blocks (indexer.engine.postings), only slower.
"""
from __future__ import annotations

import bisect
import os
import shutil
import time
from pathlib import Path
from typing import Iterable

import numpy as np

from indexer.engine.facets import segment_of
from indexer.engine.postings import decode_positions, read_postings
from indexer.engine.schema import SCORED_FIELDS
from indexer.engine.segmenttext import FieldPostings

DIRNAME = "arrays"
# A segment without arrays is exported after a librarian's commit, or when a searcher
# opens it, if it is this small (exporting reads every posting: about 1 ms per document).
EXPORT_AT_OPEN_MAX_DOCS = 500
_READ = ("ids", "tf", "positions")                  # per posting: read by slices
# Key places a segment remembers (index_of) before it forgets them all: ~100 bytes each.
REMEMBERED_KEYS = 20_000


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
                 _joined([_positions_per_term(p) for _, p in fields], np.int64),
                 _joined([p.positions for _, p in fields], np.int32))


def _positions_per_term(postings: FieldPostings) -> np.ndarray:
    if not np.array_equal(postings.pos_counts, postings.tf):
        # The readers take each posting's positions from its frequency (see above).
        raise ValueError("a posting's positions differ from its frequency (a boosted field?)")
    # Totals by differences of a running sum: a term may have no postings (reduceat could not).
    running = _offsets(np.asarray(postings.pos_counts, dtype=np.int64))
    ends = np.cumsum(np.asarray(postings.df, dtype=np.int64))
    return running[ends] - running[ends - postings.df]


def write_arrays(dest: Path, keys: list[bytes], counts, ids, tf, term_positions,
                 positions) -> None:
    """Write the arrays atomically: the directory appears complete or not at all."""
    arrays = {
        "key_bytes": np.frombuffer(b"".join(keys), dtype=np.uint8),
        "key_starts": _offsets(np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))),
        "starts": _offsets(np.asarray(counts, dtype=np.int64)),
        "term_positions": _offsets(np.asarray(term_positions, dtype=np.int64)),
        "ids": np.asarray(ids, dtype=np.int32), "tf": np.asarray(tf, dtype=np.float32),
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
    """One segment's arrays: the per-term ones mapped, the per-posting ones read by slices."""

    def __init__(self, path: Path):
        # Mapped, but held as plain arrays: a numpy memmap's own __getitem__ and
        # __array_finalize__ ran for every probe of a key look-up (a third of a web
        # worker's time on an index of a dozen segments, in py-spy).
        def load(name: str) -> np.ndarray:
            return np.load(path / f"{name}.npy", mmap_mode="r").view(np.ndarray)
        if (path / "key_bytes.npy").exists():
            self.keys = Keys(load("key_bytes"), load("key_starts"))
        else:       # written before schema 9: fixed-width keys, still read until a rebuild
            self.keys = load("keys")
        self.starts, self.term_positions = load("starts"), load("term_positions")
        self.ids, self.tf, self.positions = (NpyFile(path / f"{name}.npy") for name in _READ)
        self._places: dict[bytes, int] = {}

    @classmethod
    def open(cls, path: Path) -> "TermArrays | None":
        try:
            return cls(Path(path))
        except (OSError, ValueError):       # missing, or cut short: search without them
            return None

    def get(self, fieldname: str, tbytes: bytes, positions: bool = False):
        """(local document numbers, term frequencies[, offsets of each posting's
        positions, the positions]), or None if the segment lacks the term."""
        i = self.index_of(key_of(fieldname, tbytes))
        if i < 0:
            return None
        start, stop = int(self.starts[i]), int(self.starts[i + 1])
        ids, tf = self.ids.slice(start, stop), self.tf.slice(start, stop)
        if not positions:
            return ids, tf
        offsets = np.concatenate([[0], np.cumsum(tf, dtype=np.int64)])
        first = int(self.term_positions[i])
        return ids, tf, offsets, self.positions.slice(first, first + int(offsets[-1]))


    def index_of(self, key: bytes) -> int:
        """The key's place in the sorted keys, -1 if absent. Remembered (a search looks
        every word up in every segment, and the same words come back): a bisect of
        ~17 probes cost 9 us, a dict look-up a tenth of a microsecond."""
        i = self._places.get(key)
        if i is None:
            i = bisect.bisect_left(self.keys, key)
            if i >= len(self.keys) or self.keys[i] != key:
                i = -1
            if len(self._places) >= REMEMBERED_KEYS:
                self._places.clear()
            self._places[key] = i
        return i


class Keys:
    """The sorted keys as a sequence of bytes (for bisect), read from the mapped blob."""

    def __init__(self, blob: np.ndarray, starts: np.ndarray):
        self.blob, self.starts = memoryview(blob), starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, i: int) -> bytes:
        return self.blob[int(self.starts[i]):int(self.starts[i + 1])].tobytes()


class NpyFile:
    """A one-dimensional .npy array read by slices with os.pread: thread-safe (no
    shared file position), and the bytes read are the caller's own, not mapped pages."""

    def __init__(self, path: Path):
        self._file = open(path, "rb", buffering=0)      # closed when the arrays are dropped
        try:
            version = np.lib.format.read_magic(self._file)
            read_header = {(1, 0): np.lib.format.read_array_header_1_0,
                           (2, 0): np.lib.format.read_array_header_2_0}.get(version)
            if read_header is None:
                raise ValueError(f"{path}: unknown .npy version {version}")
            shape, _, self.dtype = read_header(self._file)
            self._start = self._file.tell()
            size = shape[0] if len(shape) == 1 else -1
            if size < 0 or os.fstat(self._file.fileno()).st_size < \
                    self._start + size * self.dtype.itemsize:
                raise ValueError(f"{path}: cut short or not one-dimensional")
        except BaseException:
            self._file.close()
            raise

    def slice(self, start: int, stop: int) -> np.ndarray:
        width = self.dtype.itemsize
        data = os.pread(self._file.fileno(), (stop - start) * width, self._start + start * width)
        return np.frombuffer(data, dtype=self.dtype)


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
