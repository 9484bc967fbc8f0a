"""Documents like others, through the array engine: near-duplicate candidates (the best
matches of a text's rarest words) and "more like this" (a document's key terms)."""
from __future__ import annotations

import numpy as np
from whoosh import query as wq

from indexer.core.errors import ArchivoError
from indexer.engine.arrayops import top_documents
from indexer.engine.index import IndexStore
from indexer.engine.vectorscore import VectorScorer


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
            return best_ids(searcher, VectorScorer(searcher, {}), q, limit)
    finally:
        ix.close()


def more_like_query(searcher, docnum: int, fieldname: str, numterms: int) -> wq.Query:
    """An OR of the document's key terms in the field (Whoosh's Bo1 model), each
    weighted by its key-term weight, as Whoosh's more_like builds it."""
    terms = searcher.key_terms([docnum], fieldname, numterms=numterms)
    return wq.Or([wq.Term(fieldname, word, boost=weight) for word, weight in terms])


def best_ids(searcher, scorer: VectorScorer, q, limit: int) -> list[str]:
    """Ids of the `limit` best documents (not deleted ones) for a query."""
    scored = scorer.score(q)
    live = np.zeros(scorer.size, dtype=bool)
    live[np.fromiter(searcher.reader().all_doc_ids(), dtype=np.int64)] = True
    docs, _ = top_documents(scored.scores, scored.matched & live, 0, limit)
    return [searcher.stored_fields(int(d))["id"] for d in docs]
