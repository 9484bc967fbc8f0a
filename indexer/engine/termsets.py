"""The terms of one ID field, segment by segment, read once a segment.

An import checks every batch's checksums against the index, twice (before the
writer lock and under it). Looking each one up in every segment's term table cost
about 8 us a value and segment, under the lock too. A segment's terms never
change (a deletion leaves its terms until a merge), so the set of each segment's
terms is read once and kept; a batch then costs a set look-up a value, and only
the segments added since (the other importing process's last batch) are read.
A value found here is only a candidate: the caller confirms it with
Generation.ids_with_any, which skips deleted documents.
"""
from __future__ import annotations

from typing import Iterable

from indexer.engine.facets import segment_of


class TermSets:
    def __init__(self, fieldname: str):
        self.fieldname = fieldname
        self._segments: dict[str, frozenset[str]] = {}

    def candidates(self, generation, values: Iterable[str]) -> set[str]:
        """The values some segment of the generation holds as a term of the field."""
        ix = generation.open()
        try:
            with ix.reader() as reader:
                current = {}
                for leaf, _ in reader.leaf_readers():
                    segment = segment_of(leaf)
                    if segment is None:
                        continue
                    terms = self._segments.get(segment.segid)
                    if terms is None:
                        terms = frozenset(_text(term) for term in leaf.lexicon(self.fieldname))
                    current[segment.segid] = terms
        finally:
            ix.close()
        self._segments = current       # merged-away segments are forgotten
        return {value for value in values
                if any(value in terms for terms in current.values())}


def _text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term
