"""The corpus read for a rebuild: (Document, etag) of records, in shares per process."""
from __future__ import annotations

from typing import Iterator

from indexer.core.errors import DocumentNotFound
from indexer.core.models import Document
from indexer.store.corpus import Corpus, etag


class CorpusDocs:
    """(Document, etag) of the given records, in order; records removed meanwhile are
    skipped (the next sync drops them). split(n) cuts them into n contiguous shares,
    so each process of a rebuild reads and parses its own records."""

    def __init__(self, corpus: Corpus, ids: list[str]):
        self.corpus, self.ids = corpus, ids

    def __iter__(self) -> Iterator[tuple[Document, str]]:
        for doc_id in self.ids:
            try:
                record = self.corpus.get_record(doc_id)
            except DocumentNotFound:
                continue
            yield Document.from_dict(record), etag(record)

    def __len__(self) -> int:
        return len(self.ids)

    def split(self, n: int) -> list["CorpusDocs"]:
        size = max(1, -(-len(self.ids) // n))
        return [CorpusDocs(self.corpus, self.ids[i:i + size])
                for i in range(0, len(self.ids), size)] or [self]
