"""Whoosh's segment writer, with the steps a rebuild's writer replaces made into hooks.

indexer.engine.fastwriter writes a rebuild's segments its own way but keeps Whoosh's
bookkeeping (the per-document files, the state checks, the segment's files and
compound file). SegmentWriter has no public hooks for that: its add_document and
segment flush are private steps, named here and nowhere else.
"""
from __future__ import annotations

from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from indexer.engine.whooshio.blockwriter import TermWriter


class RebuildSegmentWriter(SegmentWriter):
    """SegmentWriter whose postings are written by write_postings (a subclass's)."""

    def __init__(self, ix, lock: bool = True, **kwargs):
        super().__init__(ix, _lk=lock, **kwargs)

    def start_document(self, fields: dict) -> tuple[float, list[str]]:
        """As SegmentWriter.add_document begins: (the document's boost, its field names
        in order); the per-document files are ready for its stored values."""
        self._check_state()
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(self.schema, fieldnames)
        self.perdocwriter.start_doc(self.docnum)
        return docboost, fieldnames

    def field_boost(self, fields: dict, fieldname: str, docboost: float) -> float:
        return self._field_boost(fields, fieldname, docboost)

    def finish_document(self) -> None:
        self.perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def term_writer(self, fieldobj) -> TermWriter:
        """Writes one field's terms between fieldwriter.start_field and finish_field."""
        return TermWriter(self.fieldwriter, self.codec, fieldobj)

    def write_postings(self) -> None:
        """Every field's terms and postings, through self.fieldwriter."""
        raise NotImplementedError

    def finish_segment(self):
        """Write and close the segment's files; returns the segment (for a commit)."""
        return self._finalize_segment()

    def _flush_segment(self):
        self.perdocwriter.close()
        self.write_postings()
        self.fieldwriter.close()


def merge_segments(writer, segments) -> None:
    """Add the documents of these segments of the writer's index to its new segment."""
    for segment in segments:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()


def segments_of(ix) -> list:
    """The segments of an open index."""
    return ix._segments()
