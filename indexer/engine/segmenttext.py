"""A rebuild segment's text fields, analyzed into term numbers and grouped with numpy.

Indexing a text field the obvious way costs Python per token (look the token up,
append its position to its term's list) and again per posting (append the
document, its weight, its positions to the term's lists): a few million steps
per 10,000 documents, most of a rebuild. Here a document's field costs three C
loops and no Python per token: the tokenizer's findall, a map of the raw tokens
through a dict of raw token -> term number (a dict subclass whose __missing__
analyzes a token the first time it is seen), and an array extend. At the end of
the segment numpy sorts all the tokens of a field by term, then by document and
position, and cuts them into postings, giving at once the term arrays
(indexer.engine.termarrays) and each term's statistics for Whoosh's term table.

The terms are the ones indexer.analysis.analyzers.TextAnalyzer gives (the same fold,
stopwords and stemming, through the same cache), and a stopword keeps its
position but makes no posting, as there.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass
from itertools import chain

import numpy as np

from indexer.analysis.analyzers import _TOKEN_RE, text_term
from indexer.engine.whooshio import TERM_INFO, decode_positions, length_to_byte

STOP = 0        # the term number of every stopword


class Terms:
    """The terms of one language in one segment: term number -> term (UTF-8)."""

    def __init__(self):
        self.terms: list[bytes] = [b""]         # number 0 is STOP
        self.numbers: dict[bytes, int] = {}

    def number(self, term: bytes) -> int:
        number = self.numbers.get(term)
        if number is None:
            number = self.numbers[term] = len(self.terms)
            self.terms.append(term)
        return number


class TermNumbers(dict):
    """Raw token -> term number (STOP for a stopword); a missing token is analyzed
    (through the analysis module's cache of raw token -> term, shared by segments)."""

    def __init__(self, terms: Terms, language: str):
        super().__init__()
        self.terms, self.language = terms, language

    def __missing__(self, raw: str) -> int:
        entry = text_term(raw, self.language)
        number = self[raw] = STOP if entry[1] else self.terms.number(entry[3])
        return number


@dataclass
class FieldPostings:
    """One field's postings, terms in byte order: term i has df[i] postings, one after
    another in ids and tf; posting j has pos_counts[j] positions, one after another."""
    terms: list[bytes]
    df: np.ndarray
    ids: np.ndarray
    tf: np.ndarray
    pos_counts: np.ndarray
    positions: np.ndarray

    @classmethod
    def from_lists(cls, terms: dict) -> "FieldPostings":
        """From term -> [document numbers, weights, Whoosh's encoded positions]."""
        ordered = sorted(terms)
        lists = [terms[t] for t in ordered]
        df = np.fromiter((len(docs) for docs, _, _ in lists), dtype=np.int64, count=len(lists))
        ids = np.fromiter(chain.from_iterable(docs for docs, _, _ in lists), dtype=np.int32)
        tf = np.fromiter(chain.from_iterable(w for _, w, _ in lists), dtype=np.float32)
        pos_counts, positions = decode_positions(list(chain.from_iterable(v for _, _, v in lists)))
        return cls(ordered, df, ids, tf, pos_counts, positions.astype(np.int32))

    def term_infos(self, length_bytes: np.ndarray) -> list[bytes]:
        """Each term's W3TermInfo bytes; length_bytes: each document's length byte."""
        starts = np.concatenate([[0], np.cumsum(self.df)[:-1]]).astype(np.int64)
        stops = starts + self.df
        lengths = length_bytes[self.ids].astype(np.int16)
        infos = np.zeros(len(self.terms), dtype=TERM_INFO)
        if len(self.terms):
            infos["weight"] = np.add.reduceat(self.tf, starts)
            infos["df"] = self.df
            shortest = np.minimum.reduceat(np.where(lengths > 0, lengths, 256), starts)
            infos["minlength"] = np.where(shortest < 256, shortest, 0)
            infos["maxlength"] = np.maximum.reduceat(lengths, starts)
            infos["maxweight"] = np.maximum.reduceat(self.tf, starts)
            infos["minid"] = self.ids[starts]
            infos["maxid"] = self.ids[stops - 1]
        blob, size = infos.tobytes(), TERM_INFO.itemsize
        return [blob[i:i + size] for i in range(0, len(blob), size)]


class TextField:
    """One text field's tokens over a segment, as term numbers in document order."""

    def __init__(self, numbers: TermNumbers):
        self.numbers = numbers
        self.tokens = array("i")
        self.docs = array("i")              # the documents holding tokens, ascending
        self.counts = array("i")            # and how many each
        self.length_bytes: dict[int, int] = {}

    def add(self, docnum: int, value: str) -> int:
        """Take a document's value; returns the field's length (its non-stopword tokens)."""
        numbers = list(map(self.numbers.__getitem__, _TOKEN_RE.findall(value)))
        if not numbers:
            return 0
        self.tokens.fromlist(numbers)
        self.docs.append(docnum)
        self.counts.append(len(numbers))
        length = len(numbers) - numbers.count(STOP)
        if length:
            self.length_bytes[docnum] = length_to_byte(length)
        return length

    def postings(self) -> FieldPostings:
        numbers = np.frombuffer(self.tokens, dtype=np.int32)
        counts = np.frombuffer(self.counts, dtype=np.int32).astype(np.int64)
        docs = np.repeat(np.frombuffer(self.docs, dtype=np.int32), counts)
        positions = np.arange(len(numbers), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts,
                                                                          counts)
        kept = numbers != STOP
        numbers, docs, positions = numbers[kept], docs[kept], positions[kept].astype(np.int32)
        terms = self.numbers.terms.terms
        present = np.flatnonzero(np.bincount(numbers, minlength=len(terms)))
        in_order = sorted(present.tolist(), key=terms.__getitem__)
        rank = np.zeros(len(terms), dtype=np.int32)
        rank[in_order] = np.arange(len(in_order), dtype=np.int32)
        # Tokens arrive by document, then position: a stable sort by term keeps that order.
        order = np.argsort(rank[numbers], kind="stable")
        ranks, docs, positions = rank[numbers][order], docs[order], positions[order]
        first = np.ones(len(ranks), dtype=bool)
        first[1:] = (ranks[1:] != ranks[:-1]) | (docs[1:] != docs[:-1])
        post_starts = np.flatnonzero(first)
        tf = np.diff(np.append(post_starts, len(ranks))).astype(np.float32)
        post_ranks = ranks[post_starts]
        df = np.bincount(post_ranks, minlength=len(in_order)).astype(np.int64)
        return FieldPostings([terms[n] for n in in_order], df, docs[post_starts], tf,
                             tf.astype(np.int64), positions)



def length_byte_array(length_bytes: dict[int, int], size: int) -> np.ndarray:
    """Document number -> length byte, as an array of `size` (0: no length)."""
    out = np.zeros(size, dtype=np.uint8)
    if length_bytes:
        out[np.fromiter(length_bytes, dtype=np.int64)] = list(length_bytes.values())
    return out
