""" "Did you mean": the query with the misspelled words replaced by the nearest words
the index holds (the body's word list, and the titles' spelling field).

A word is taken as misspelled when the index does not hold it and it is no word of
English or Spanish either (indexer.analysis.lexicon): "money migrants send home" over
an archive without "money", "send" or "home" got "Did you mean moves migrants sent
time?", which helps nobody; "migraton" and "remitances" are still corrected."""
from __future__ import annotations

import re

from indexer.analysis.analyzers import fold, stopword_set
from indexer.analysis.lexicon import is_word
from indexer.engine import query_words
from indexer.search.live import LiveIndex


def suggestion(live: LiveIndex, q: str) -> str | None:
    """The corrected query, or None when every word is known (or a stopword).
    `live`: the search service's LiveIndex, whose word list is read only when needed."""
    words = query_words(q)
    if not words:
        return None
    reader = live.searcher.reader()
    body_words = live.body_words()
    corrector = None
    changed, suggested = False, q
    stops = stopword_set("en") | stopword_set("es")
    for word in words:
        folded = fold(word)
        # Stopwords are never indexed: "how" must not become "new".
        if folded in stops or folded in body_words \
                or reader.frequency("spell_title", folded) or is_word(word):
            continue
        corrector = corrector or body_words.corrector(reader, "body")
        options = corrector.suggest(folded, limit=1, maxdist=2)
        if options and options[0] != folded:
            # Whole words only: "trad" must not change inside "trade".
            suggested = re.sub(rf"\b{re.escape(word)}\b", options[0], suggested, count=1)
            changed = True
    return suggested if changed else None
