"""One search across English and Spanish: Spanish clauses and cross-language expansion.

A plain query is looked up twice: its English-analyzed words in the English fields
(indexer.engine.query.plain_query) and its Spanish-analyzed words in the Spanish fields
(here). Words and phrases of the vocabulary's equivalence map (migration ↔
migración, USMCA ↔ T-MEC, ...) add the other language's words at a lower weight,
so a document in the query's own language that matches exactly ranks first.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

from whoosh import query as wq

from indexer.analysis.analyzers import ENGLISH, SPANISH, analyze, fold
from indexer.engine.bm25f import CROSS_LANGUAGE_WEIGHT
from indexer.engine.clauses import FieldsWord
from indexer.engine.schema import SEARCH_FIELDS, SPANISH_FIELDS
from indexer.ingest.vocabulary import load_vocabulary

_ENGLISH_STEMMED = ("title", "summary", "body")


def spanish_clauses(q: str) -> list[wq.Query]:
    """The query's Spanish-analyzed words over the Spanish fields."""
    return _clauses(Counter(analyze(q, SPANISH)), SPANISH_FIELDS, 1.0)


def expansion_clauses(q: str, topics_file: Path) -> list[wq.Query]:
    """The other language's side of every equivalence (of the topics file) the query mentions."""
    english, spanish = translations(q, topics_file)
    english_fields = {f: SEARCH_FIELDS[f] for f in _ENGLISH_STEMMED}
    return (_clauses(Counter(analyze(" ".join(english), ENGLISH)), english_fields,
                     CROSS_LANGUAGE_WEIGHT)
            + _clauses(Counter(analyze(" ".join(spanish), SPANISH)), SPANISH_FIELDS,
                       CROSS_LANGUAGE_WEIGHT))


def translations(q: str, topics_file: Path) -> tuple[list[str], list[str]]:
    """(English equivalents of the query's Spanish words, Spanish of its English words)."""
    folded = f" {_key(q)} "
    to_english, to_spanish = [], []
    for english, spanish, english_key, spanish_key in _pairs(topics_file):
        if english_key and f" {english_key} " in folded:
            to_spanish.append(spanish)
        if spanish_key and f" {spanish_key} " in folded:
            to_english.append(english)
    return to_english, to_spanish


@functools.lru_cache(maxsize=4)
def _pairs_for(path: str, mtime: float) -> tuple[tuple[str, str, str, str], ...]:
    vocabulary = load_vocabulary(Path(path))
    return tuple((en, es, _key(en), _key(es)) for en, es in vocabulary.equivalents)


def _pairs(path: Path):
    """The vocabulary's equivalents, read again when the file changes (none without it)."""
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        return ()
    return _pairs_for(str(path), mtime)


def _key(phrase: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", fold(phrase)))


def _clauses(words: Counter, fields: dict[str, float], weight: float) -> list[wq.Query]:
    return [FieldsWord([wq.Term(f, word, boost=boost) for f, boost in fields.items()],
                       boost=count * weight)
            for word, count in words.items()]
