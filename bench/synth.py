"""A seeded synthetic archive shaped like the real one, written through indexer.store.corpus.

Words are drawn from a Zipf distribution over a lexicon whose head is the real
policy vocabulary (the shipped seeds and topic terms) and whose tail is made-up
words with English endings, so the analyzer stems, stops and caches as it would
on the real archive. The same seed always gives the same documents, so runs and
machines compare; a finished corpus is reused (see SYNTH_VERSION and the stamp).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from indexer.store.corpus import Corpus, slugify
from indexer.core.models import Document, TopicTag
from indexer.engine.schema import CONTENT_TYPES
from indexer.ingest.vocabulary import load_vocabulary
from indexer.core.config import DEFAULT_TOPICS_FILE

SYNTH_VERSION = 1
BODY_WORDS = 400
TAIL_WORDS = 30_000
AUTHORS = 300
ROOT = Path(__file__).resolve().parent.parent
_ENDINGS = ("", "", "", "s", "ing", "ed", "ation", "al", "ly", "er", "ment", "ity")
_SYLLABLES = ("ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui",
              "ra", "so", "ta", "ve", "xo", "ya", "zu", "bran", "cler", "dron", "flin",
              "gror", "plat", "stur", "tren", "mont", "vest")


def head_words() -> list[str]:
    """Real words, most frequent first: the shipped seed texts and the topic terms."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    for topic in load_vocabulary(DEFAULT_TOPICS_FILE).topics:
        text += " " + " ".join(topic.terms) * 3
    counts: dict[str, int] = {}
    for word in re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]", text):
        counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def lexicon(rng: np.random.Generator) -> list[str]:
    words = head_words()
    seen, wanted = {w.lower() for w in words}, len(words) + TAIL_WORDS
    while len(words) < wanted:
        parts = rng.choice(len(_SYLLABLES), size=int(rng.integers(2, 5)))
        word = "".join(_SYLLABLES[p] for p in parts) + _ENDINGS[int(rng.integers(len(_ENDINGS)))]
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def author_names(rng: np.random.Generator) -> list[str]:
    first = ["Ana", "Luis", "Maria", "John", "Sofia", "Carlos", "Emily", "Diego", "Laura",
             "Miguel", "Sarah", "Jorge", "Elena", "David", "Lucia", "Peter", "Rosa", "Andrew"]
    names: list[str] = []
    while len(names) < AUTHORS:
        last = "".join(_SYLLABLES[p] for p in rng.choice(len(_SYLLABLES), size=2)).title()
        name = f"{first[int(rng.integers(len(first)))]} {last}"
        if name not in names:
            names.append(name)
    return names


class Generator:
    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.words = lexicon(self.rng)
        ranks = np.arange(1, len(self.words) + 1, dtype=np.float64)
        self.p = 1.0 / ranks ** 1.05
        self.p /= self.p.sum()
        self.authors = author_names(self.rng)
        self.author_p = 1.0 / np.arange(1, AUTHORS + 1) ** 0.8
        self.author_p /= self.author_p.sum()
        self.topics = load_vocabulary(DEFAULT_TOPICS_FILE).slugs
        self.type_p = np.array([5, 4, 8, 2, 2, 2, 1, 1, 1], dtype=np.float64)
        self.type_p /= self.type_p.sum()

    def _words(self, n: int) -> list[str]:
        return [self.words[i] for i in self.rng.choice(len(self.words), size=n, p=self.p)]

    def body(self) -> str:
        words, sentences, i = self._words(BODY_WORDS), [], 0
        while i < len(words):
            n = int(self.rng.integers(8, 25))
            chunk = words[i:i + n]
            sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
            i += n
        paragraphs = [" ".join(sentences[j:j + 5]) for j in range(0, len(sentences), 5)]
        return "\n\n".join(paragraphs)

    def document(self, n: int) -> Document:
        rng = self.rng
        title = " ".join(self._words(int(rng.integers(4, 10)))).title()
        text = self.body()
        year = int(rng.integers(1995, 2026))
        date = f"{year}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}"
        picked = rng.choice(len(self.topics), size=int(rng.integers(1, 4)), replace=False)
        authors = rng.choice(AUTHORS, size=int(rng.integers(1, 4)), replace=False, p=self.author_p)
        return Document(
            id=f"{slugify(title, 50)}-{n}", title=title, text=text,
            summary=text[:300].rsplit(" ", 1)[0],
            authors=[self.authors[a] for a in authors], date=date,
            type=CONTENT_TYPES[int(rng.choice(len(CONTENT_TYPES), p=self.type_p))],
            topics=[TopicTag(self.topics[t], 3.0, ["synthetic"], "classifier") for t in picked],
            checksum=f"synthetic-{n}", original_kind="text",
            added=f"{year}-01-01T00:00:00+00:00", updated=f"{year}-01-01T00:00:00+00:00",
        )


def ensure_corpus(root: Path, size: int, seed: int) -> Corpus:
    """The synthetic corpus of this size and seed in root, generating it when missing."""
    stamp = root / "synthetic.json"
    want = {"version": SYNTH_VERSION, "size": size, "seed": seed}
    corpus = Corpus(root)
    for leftover in corpus.records.glob("benchmark-note-*.json"):   # an interrupted run's
        leftover.unlink()
    if stamp.exists() and json.loads(stamp.read_text()) == want:
        return corpus
    if corpus.records.exists():
        for path in corpus.records.glob("*.json"):
            path.unlink()
    gen = Generator(seed)
    for n in range(size):
        corpus.save(gen.document(n))
    stamp.write_text(json.dumps(want))
    return corpus
