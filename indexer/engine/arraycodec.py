"""The codec of a rebuild's segments: the scored fields' postings live only in term arrays.

Search reads the scored fields' postings from the term arrays
(indexer.engine.termarrays); Whoosh's pickled, zlib-compressed blocks of the same
postings were written only to be skipped, and cost about 40% of a rebuild and
half of the index on disk. A segment written with ArrayCodec keeps Whoosh's term
table for every field (document frequencies, weights, lengths: what Whoosh's
scoring, term expansion and spelling read) and Whoosh's blocks for the other
fields (facets, ids), but serves the scored fields' postings from its arrays:
prefix, wildcard and range queries, "more like this" and merges read them there
through an ordinary ListMatcher.

The codec is pickled into the index's table of contents with each segment, so
a librarian's segments (Whoosh's own writer and codec) and a rebuild's can sit
side by side. A rebuild's segment without its arrays cannot be searched: that is
a damaged index, reported as such (`indexer check`), and a rebuild repairs it.
"""
from __future__ import annotations

from pathlib import Path

from indexer.engine import termarrays
from indexer.core.errors import StorageError
from indexer.engine.schema import SCORED_FIELDS
from indexer.engine.whooshio import (ListMatcher, W3Codec, W3TermsReader, encode_positions,
                                     folder_of, segments_of)


class ArrayCodec(W3Codec):
    """W3Codec, with the scored fields' postings read from the segment's term arrays."""

    def terms_reader(self, storage, segment):
        tiname = segment.make_filename(self.TERMS_EXT)
        return ArrayTermsReader(self, storage.open_file(tiname), storage.file_length(tiname),
                                segment.open_file(storage, self.POSTS_EXT),
                                termarrays.location(folder_of(storage), segment.segid))


class ArrayTermsReader(W3TermsReader):
    def __init__(self, codec, dbfile, length, postfile, arrays_path: Path):
        super().__init__(codec, dbfile, length, postfile)
        self._arrays_path = arrays_path
        # Mapped now, while the segment is current: a librarian's merge may remove the
        # folder of a segment it merged away while an older searcher still reads it.
        self._arrays = termarrays.TermArrays.open(arrays_path)

    def matcher(self, fieldname, tbytes, format_, scorer=None):
        if fieldname not in SCORED_FIELDS:
            return super().matcher(fieldname, tbytes, format_, scorer)
        terminfo = self.term_info(fieldname, tbytes)        # TermNotFound, as Whoosh's
        found = self._term_arrays().get(fieldname, tbytes, positions=True)
        if found is None:
            raise StorageError(f"the index is damaged: the term arrays of "
                               f"{self._arrays_path.name} lack {fieldname}:{tbytes!r}; "
                               "rebuild it (indexer build)")
        ids, tf, offsets, positions = found
        return ListMatcher(ids.tolist(), tf.tolist(), EncodedPositions(offsets, positions),
                           format_, scorer=scorer, term=(fieldname, tbytes), terminfo=terminfo)

    def _term_arrays(self) -> termarrays.TermArrays:
        if self._arrays is None:
            raise StorageError(f"the index is damaged: the term arrays of segment "
                               f"{self._arrays_path.name} are missing or cut short; "
                               "rebuild it (indexer build)")
        return self._arrays


def damaged_segments(ix) -> list[str]:
    """Segments written with ArrayCodec whose term arrays are missing or cut short."""
    folder = Path(ix.storage.folder)
    return sorted(segment.segid for segment in segments_of(ix)
                  if isinstance(segment.codec(), ArrayCodec)
                  and termarrays.TermArrays.open(termarrays.location(folder, segment.segid))
                  is None)


class EncodedPositions:
    """A term's postings' values as Whoosh's Positions format encodes them, made when
    asked for: Whoosh's phrase matching and merges read a few, most searches none."""

    def __init__(self, offsets, positions):
        self.offsets, self.positions = offsets, positions

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __bool__(self) -> bool:
        return len(self) > 0

    def __getitem__(self, i: int) -> bytes:
        if not 0 <= i < len(self):
            raise IndexError(i)
        return encode_positions(self.positions[self.offsets[i]:self.offsets[i + 1]].tolist())

    def __iter__(self):
        return (self[i] for i in range(len(self)))
