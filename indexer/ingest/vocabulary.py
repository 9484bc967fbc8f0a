"""The controlled topic vocabulary (indexer/data/topics.toml, editable by librarians)."""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from indexer.analysis.analyzers import analyze, text_analyzer
from indexer.core.errors import ArchivoError

DEFAULT_THRESHOLD = 2.0


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    terms: tuple[str, ...]
    label_es: str = ""
    terms_es: tuple[str, ...] = ()
    threshold: float = DEFAULT_THRESHOLD

    def patterns(self, language: str = "en") -> list[tuple[str, tuple[str, ...]]]:
        """(term as written, its analyzed word sequence) for the terms of a language."""
        return _patterns(self.terms_es if language == "es" else self.terms, language)


@dataclass(frozen=True)
class Vocabulary:
    topics: tuple[Topic, ...]
    # (English, Spanish) word or phrase pairs that expand a query across languages.
    equivalents: tuple[tuple[str, str], ...] = ()

    def __contains__(self, slug: str) -> bool:
        return any(t.slug == slug for t in self.topics)

    def get(self, slug: str) -> Topic | None:
        return next((t for t in self.topics if t.slug == slug), None)

    @property
    def slugs(self) -> list[str]:
        return [t.slug for t in self.topics]

    def label(self, slug: str, language: str = "en") -> str:
        topic = self.get(slug)
        if topic is None:
            return slug
        return (topic.label_es or topic.label) if language == "es" else topic.label

    def resolve(self, name: str) -> str | None:
        """A slug from what a person typed: 'Rule of law', 'rule-of-law', 'Trade'."""
        wanted = name.strip().lower().replace(" ", "-")
        for topic in self.topics:
            names = (topic.slug, topic.label.lower().replace(" ", "-"),
                     topic.label_es.lower().replace(" ", "-"))
            if wanted in names:
                return topic.slug
        return None


@functools.lru_cache(maxsize=256)
def _patterns(terms: tuple[str, ...], language: str) -> list[tuple[str, tuple[str, ...]]]:
    analyzer = text_analyzer(language)
    patterns, seen = [], set()
    for term in terms:      # "border" and "borders" share a stem: count them once
        words = tuple(analyze(term, analyzer))
        if words and words not in seen:
            seen.add(words)
            patterns.append((term, words))
    return patterns


def parse_vocabulary(text: str, source: str = "topics file") -> Vocabulary:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ArchivoError(f"the topic vocabulary is not valid TOML: {exc}", source=source)
    equivalents = _equivalents(data.pop("equivalents", []), source)
    topics = []
    for slug, entry in data.items():
        if not isinstance(entry, dict) or not entry.get("terms"):
            raise ArchivoError(f"topic {slug!r} needs a list of terms", source=source)
        topics.append(Topic(slug=slug, label=entry.get("label", slug.title()),
                            label_es=entry.get("label_es", ""),
                            terms=tuple(entry["terms"]), terms_es=tuple(entry.get("terms_es", ())),
                            threshold=float(entry.get("threshold", DEFAULT_THRESHOLD))))
    return Vocabulary(tuple(topics), equivalents)


def _equivalents(pairs, source: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(pairs, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) for w in p)
            for p in pairs):
        raise ArchivoError("equivalents must be a list of [English, Spanish] pairs",
                           source=source)
    return tuple((english, spanish) for english, spanish in pairs)


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Vocabulary:
    return parse_vocabulary(Path(path).read_text(encoding="utf-8"), source=path)


def load_vocabulary(path: Path) -> Vocabulary:
    """Read (and cache until the file changes) the vocabulary file."""
    try:
        return _load_cached(str(path), path.stat().st_mtime)
    except OSError as exc:
        raise ArchivoError(f"cannot read the topic vocabulary: {exc.strerror}", source=str(path))
