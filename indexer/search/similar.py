"""Near-duplicates of a new text among the stored documents (the same paper as HTML
and PDF), for the review page before an upload is saved."""
from __future__ import annotations

from indexer.analysis.analyzers import analyze
from indexer.core.errors import DocumentNotFound
from indexer.engine import rare_word_candidates

SHINGLE = 4
PROBE_WORDS = 40
NEAR_THRESHOLD = 0.6
TEXT_SAMPLE = 60_000


def shingles(words: list[str], size: int = SHINGLE) -> set[tuple[str, ...]]:
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def overlap(a: set, b: set) -> float:
    """Containment of the smaller text in the larger: a page with extra chrome still counts."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def near_duplicates(archive, text: str, limit: int = 5) -> list[dict]:
    """Stored documents whose text mostly equals this one (the same paper as HTML and PDF).

    The rarest words of the new text find candidates in the index; word 4-gram
    shingles of the analyzed texts then measure how much of one is in the other.
    """
    words = analyze(text[:TEXT_SAMPLE])
    if len(words) < SHINGLE:
        return []
    candidates = rare_word_candidates(archive.index, words, PROBE_WORDS, limit)
    mine, found = shingles(words), []
    for doc_id in candidates:
        try:
            other = archive.corpus.get(doc_id)
        except DocumentNotFound:
            continue
        score = overlap(mine, shingles(analyze(other.text[:TEXT_SAMPLE])))
        if score >= NEAR_THRESHOLD:
            found.append({"id": doc_id, "title": other.title, "overlap": round(score, 2)})
    return found
