"""Archivo's ranking in one place: BM25F across fields, with Lucene's idf.

Every score the search gives is made of the formulas and numbers here; the array
engine (indexer.engine.vectorscore) only gathers their inputs: term frequencies,
field lengths, document frequencies.

BM25F (Robertson & Zaragoza): a query word's term frequency in each field is
length-normalized with that field's b and weighted by the field, the fields are
summed, and only then saturated with k1, so a word in both title and body lifts a
document without being counted twice at full strength (Whoosh's own BM25F scored
each field on its own and added them up: title boosts then swamped the body, x3
took SciFact from 0.65 to 0.58).

Lucene's idf (not Whoosh's log(N/(n+1)) + 1) gives very common words almost no
weight, as stopword-heavy questions need.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Fields a plain query word is looked up in, with their BM25F weights: a word in
# the title counts as three in the body, before saturation, so a title match lifts a
# document (x3 per-field boosts, summed after saturation, had buried the body; inside
# BM25F, 3 beat 2 on Cranfield and SciFact train).
SEARCH_FIELDS = {"title": 3.0, "summary": 1.5, "body": 1.0, "author_text": 2.0,
                 "program_text": 0.5, "series_text": 1.0}
# Every document is indexed with English analysis in title/summary/body (stored, shown);
# a Spanish document is also indexed with Spanish analysis in these, so "migraciones"
# meets "migración".
SPANISH_FIELDS = {"title_es": 2.0, "summary_es": 1.5, "body_es": 1.0}
# The other language's words of a vocabulary equivalence (indexer.engine.crosslang)
# weigh half, so a document in the query's own language that matches exactly ranks first.
CROSS_LANGUAGE_WEIGHT = 0.5
# Neighbouring query words found near each other (indexer.engine.clauses.WordPair): a
# small weight, within 6 positions. Lifted Cranfield (0.407 -> 0.413 nDCG@10),
# SciFact and the bilingual set a little; more weight, or an ordered or wider
# window, did less.
PAIR_WEIGHT = 0.12
PAIR_WINDOW = 6


@dataclass(frozen=True)
class Bm25f:
    """k1, and b per field (b_default for a field not named)."""
    k1: float = 1.2
    b_default: float = 0.75
    field_b: dict = field(default_factory=dict)

    def b(self, fieldname: str) -> float:
        return self.field_b.get(fieldname, self.b_default)


# K1 1.8, b 0.65 and a title b of 0.5 (titles vary little in length, so they are
# length-normalized less) were tuned on Cranfield and the SciFact train split.
RANKING = Bm25f(k1=1.8, b_default=0.65, field_b={"title": 0.5, "title_es": 0.5})


def idf(n, total: int):
    """Lucene's idf of a term held by n of total documents (deleted ones count, as in
    the term table): log(1 + (total - n + 0.5) / (n + 0.5))."""
    return np.log(1 + (total - n + 0.5) / (n + 0.5))


def length_norm(lengths: np.ndarray, avgfl: float, b: float) -> np.ndarray:
    """BM25's length normalisation: 1 - b + b * length / average length."""
    return 1 - b + b * lengths / avgfl


def saturate(tf: np.ndarray, k1: float) -> np.ndarray:
    """tf * (k1 + 1) / (k1 + tf): the weighted, normalized term frequency's gain."""
    return tf * (k1 + 1) / (k1 + tf)


def word_score(weighted_tf: np.ndarray, word_idf: float, k1: float) -> np.ndarray:
    """One query word's BM25F: idf * saturate(sum over fields of weight_f * tf_f / norm_f).
    A single field's BM25 is this with one field of weight 1; the word's query weight
    (a word typed twice, the pair weight) multiplies the idf."""
    return word_idf * saturate(weighted_tf, k1)
