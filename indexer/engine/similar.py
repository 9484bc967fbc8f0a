"""Candidates for a near-duplicate: the documents that best match a text's rarest words."""
from __future__ import annotations

from whoosh import query as wq

from indexer.core.errors import ArchivoError
from indexer.engine.index import IndexStore


def rare_word_candidates(store: IndexStore, words: list[str], probe_words: int,
                         limit: int) -> list[str]:
    """Ids of the `limit` documents best matching the `probe_words` rarest of the
    (analyzed) words in the body; none without an index or a word it holds."""
    if not store.exists():
        return []
    try:
        ix = store.open()
    except ArchivoError:
        return []
    try:
        with ix.searcher() as searcher:
            reader = searcher.reader()
            frequency = {w: reader.doc_frequency("body", w) for w in dict.fromkeys(words)}
            probe = sorted((w for w, f in frequency.items() if f), key=frequency.get)
            if not probe:
                return []
            q = wq.Or([wq.Term("body", w) for w in probe[:probe_words]])
            return [hit["id"] for hit in searcher.search(q, limit=limit)]
    finally:
        ix.close()
