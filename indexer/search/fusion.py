"""Ranking by meaning as well as words: BM25F fused with the documents' vectors.

For a plain query of two words or more (explicit syntax stays exact and lexical, and
one word is a look-up, ranked by that word: "pemex" must put the brief with Pemex in
its title first, and a code like "zq0x" is a few subword pieces near any text that
shares them) the query's
vector (indexer.analysis.meaning) is moved toward the vectors of the best two
lexical matches (pseudo-relevance feedback: the query's few words say little on
their own), compared with every document's vector (indexer.engine's
DocumentVectors), and the similarity above a floor is added to the lexical score,
each scaled by its best value:

    fused = (1 - WEIGHT) * bm25f / max(bm25f) + WEIGHT * s / max(s),
    s = max(0, similarity - FLOOR)

Documents that hold none of the words may enter, but only the ENTRANTS most
similar ones above ENTRY_FLOOR that the query's own vector (before feedback) also
finds above FLOOR, and only when the words matched something: a query of made-up
words still finds nothing (and still gets "did you mean"). An
entrant's score is its meaning part alone, so it ranks below strong lexical matches.

The figures were tuned on Cranfield and SciFact's train split only
(README, Relevance): the weight, feedback and floor in a flat region of both.
"""
from __future__ import annotations

import numpy as np

from indexer.analysis import meaning
from indexer.engine import DocumentVectors, Scored, query_words, top_documents

WEIGHT = 0.4            # of meaning, against 0.6 of the words
FEEDBACK_DOCS = 2       # best lexical matches whose vectors move the query's
FEEDBACK_WEIGHT = 0.6
FLOOR = 0.3             # similarity below this says nothing of meaning
ENTRANTS = 30           # documents without the words, at most, per query
ENTRY_FLOOR = 0.55      # ... and only this similar to the (moved) query
MIN_WORDS = 2           # words (of 3 letters or more) a query needs to be fused


def fuse(query_text: str, scored: Scored, vectors: DocumentVectors,
         live: np.ndarray) -> Scored:
    """The fused Scored (its by_meaning: the matches that hold none of the words);
    the lexical Scored unchanged when the query or the index has no vectors to compare."""
    lexical = scored.matched & live
    if not lexical.any() or len(query_words(query_text)) < MIN_WORDS:
        return scored
    own = meaning.embed([query_text])[0]
    if not own.any():
        return scored
    return fuse_vector(_with_feedback(own, scored.scores, lexical, vectors), scored,
                       vectors, live, WEIGHT, own)


def fuse_vector(query_vector: np.ndarray, scored: Scored, vectors: DocumentVectors,
                live: np.ndarray, weight: float, own: np.ndarray) -> Scored:
    """fuse() for a vector given (a document's own, for "related documents"); `own`:
    the vector entrants must also be near (the query's before feedback)."""
    if not query_vector.any():
        return scored
    lexical = scored.matched & live
    similarity = vectors.similarities(query_vector)
    above = np.clip(similarity - FLOOR, 0.0, None)
    best_lexical = float(scored.scores[lexical].max()) if lexical.any() else 1.0
    best_meaning = float(above[live].max())
    if best_meaning <= 0:
        return scored
    words = scored.scores / best_lexical
    fused = (1 - weight) * words + weight * above / best_meaning
    # A document without a vector (Spanish, or no text) keeps its words' score whole:
    # no vector is no evidence against it.
    without = ~vectors.present()
    fused[without] = words[without]
    fused[~scored.matched] = 0.0
    entrants = _entrants(similarity, live & ~scored.matched, vectors, own)
    fused[entrants] = weight * above[entrants] / best_meaning
    matched = scored.matched.copy()
    matched[entrants] = True
    by_meaning = np.zeros_like(matched)
    by_meaning[entrants] = True
    return Scored(scores=fused.astype(np.float32), matched=matched, terms=scored.terms,
                  by_meaning=by_meaning)


def _with_feedback(vector: np.ndarray, scores: np.ndarray, lexical: np.ndarray,
                   vectors: DocumentVectors) -> np.ndarray:
    """The query's vector moved toward its best lexical matches'."""
    best, _ = top_documents(scores, lexical, 0, FEEDBACK_DOCS)
    feedback = vectors.of(best)
    if len(best) and feedback.any():
        vector = vector + FEEDBACK_WEIGHT * feedback.mean(axis=0)
        vector /= float(np.linalg.norm(vector)) or 1.0
    return vector.astype(np.float32)


def _entrants(similarity: np.ndarray, candidates: np.ndarray, vectors: DocumentVectors,
              own: np.ndarray) -> np.ndarray:
    """Document numbers of the ENTRANTS most similar candidates above ENTRY_FLOOR
    that the query's own vector finds above FLOOR."""
    eligible = candidates & (similarity >= ENTRY_FLOOR)
    if not ENTRANTS or not eligible.any():
        return np.zeros(0, dtype=np.int64)
    found, _ = top_documents(similarity, eligible, 0, ENTRANTS)
    found = np.asarray(found, dtype=np.int64)
    return found[vectors.of(found) @ own >= FLOOR]
