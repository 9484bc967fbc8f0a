"""Each segment's document vectors (search by meaning) as one float32 array on disk.

`vectors/<segment id>.npy` beside the generation's segments: one row per document
number of the segment (indexer.analysis.meaning's 128 dimensions, unit length),
zeros for a document with no text. The rebuild's writer (FastSegmentWriter, which
also writes an import's batches and the background merges) writes them with the
segment; a segment written by Whoosh's own writer (a librarian's save, the small
merges of a save) gets them from its stored fields after the commit, under the
writer lock, before it is searched. Searchers memory-map them: the page cache holds
them once for every worker, and a search's similarities are one matrix-vector
product per segment.
"""
from __future__ import annotations

import io
import time
from pathlib import Path

import numpy as np

from indexer.analysis import meaning
from indexer.core.files import atomic_write
from indexer.engine.facets import segment_of

DIRNAME = "vectors"


def location(generation_dir: Path, segid: str) -> Path:
    return Path(generation_dir) / DIRNAME / f"{segid}.npy"


def text_of(fields: dict) -> str:
    """The text a document's vector is made of, from its index (or stored) fields.
    None for a Spanish document: the model is English (its vector of Spanish text is
    near no English query's, which pushed Spanish documents down for English queries)."""
    if fields.get("language") == "es":
        return ""
    return meaning.document_text(fields.get("title") or "", fields.get("summary") or "",
                                 fields.get("body") or "")


def write(generation_dir: Path, segid: str, texts: list[str]) -> None:
    """Embed a segment's texts (in document-number order) and write them atomically."""
    write_array(location(generation_dir, segid), meaning.embed(texts))


def write_array(path: Path, vectors: np.ndarray) -> None:
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(vectors, dtype=np.float32))
    atomic_write(path, buffer.getvalue())       # its temp file is a ".tmp-" one (prune)


def sync(generation_dir: Path, reader) -> None:
    """After a commit: vectors for the segments that have none (written by Whoosh's
    own writer), and none left for segments merged away."""
    live = set()
    for leaf, _ in reader.leaf_readers():
        segment = segment_of(leaf)
        if segment is None:
            continue
        live.add(segment.segid)
        path = location(generation_dir, segment.segid)
        if not path.exists():
            texts = [text_of(leaf.stored_fields(n)) if not leaf.is_deleted(n) else ""
                     for n in range(leaf.doc_count_all())]
            write_array(path, meaning.embed(texts))
    prune(generation_dir, live)


def prune(generation_dir: Path, segids: set[str]) -> None:
    folder = Path(generation_dir) / DIRNAME
    if not folder.is_dir():
        return
    stale = time.time() - 600           # a temporary file this old lost its writer
    for path in folder.iterdir():
        if path.name.startswith("."):
            if path.stat().st_mtime < stale:
                path.unlink(missing_ok=True)
        elif path.stem not in segids:
            path.unlink(missing_ok=True)


class SegmentVectors:
    """One segment's vectors (memory-mapped) and which of its rows hold one."""

    def __init__(self, rows: np.ndarray):
        self.rows = rows
        # A zero row is a document without a vector; worked out once per segment
        # (kept across searchers), not per query, from the squared lengths: `rows != 0`
        # made a temporary of a byte per number (26 MB at 100k), which the allocator
        # kept in the worker.
        self.present = np.einsum("ij,ij->i", rows, rows) > 0


class DocumentVectors:
    """The vectors of a searcher's segments, in its document numbers."""

    def __init__(self, generation_dir: Path, reader, held: dict):
        """held: (generation folder, segment id) -> SegmentVectors of the previous searcher."""
        self.parts: list[tuple[int, int, SegmentVectors | None]] = []   # (offset, size, ...)
        self.opened: dict = {}
        for leaf, offset in reader.leaf_readers():
            segment = segment_of(leaf)
            vectors = None
            if segment is not None:
                key = (str(generation_dir), segment.segid)
                vectors = held[key] if key in held else _open(location(generation_dir,
                                                                        segment.segid))
                self.opened[key] = vectors
            size = leaf.doc_count_all()
            if vectors is not None and vectors.rows.shape[0] != size:
                vectors = None      # not this segment's: searched by words alone
            self.parts.append((offset, size, vectors))
        self.size = sum(size for _, size, _ in self.parts)
        self._present: np.ndarray | None = None

    def similarities(self, vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of every document with a unit vector (0 without a vector)."""
        out = np.zeros(self.size, dtype=np.float32)
        for offset, size, vectors in self.parts:
            if vectors is not None:
                out[offset:offset + size] = vectors.rows @ vector
        return out

    def present(self) -> np.ndarray:
        """Which documents have a vector."""
        if self._present is None:
            self._present = np.zeros(self.size, dtype=bool)
            for offset, size, vectors in self.parts:
                if vectors is not None:
                    self._present[offset:offset + size] = vectors.present
        return self._present

    def of(self, docnums) -> np.ndarray:
        """The vectors of some documents (zeros where a segment has none)."""
        docnums = np.asarray(docnums, dtype=np.int64)
        out = np.zeros((len(docnums), meaning.DIMENSIONS), dtype=np.float32)
        for offset, size, vectors in self.parts:
            if vectors is None:
                continue
            inside = (docnums >= offset) & (docnums < offset + size)
            if inside.any():
                out[inside] = vectors.rows[docnums[inside] - offset]
        return out


def _open(path: Path) -> SegmentVectors | None:
    try:
        rows = np.load(path, mmap_mode="r")
    except (OSError, ValueError):
        return None
    # Vectors of another model or size are none of this one's (searched by words alone).
    if rows.ndim != 2 or rows.shape[1] != meaning.DIMENSIONS or rows.dtype != np.float32:
        return None
    return SegmentVectors(rows)
