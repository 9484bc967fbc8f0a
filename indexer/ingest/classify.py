"""Pure classification: content type and topic tags, each with the evidence for it."""
from __future__ import annotations

import re
from collections import Counter

from indexer.analysis.analyzers import analyze, text_analyzer
from indexer.core.models import TopicTag
from indexer.ingest.vocabulary import Vocabulary

TITLE_WEIGHT = 3.0
# Where a document says what it is about: its summary and introduction.
OPENING_WORDS = 300
MAX_TOPICS = 5
MIN_SHARE = 0.3           # of the strongest topic's score (0.25-0.4 measured alike)
# Cues for each content type: (pattern, weight). Title cues count double.
TYPE_CUES: dict[str, list[tuple[str, float]]] = {
    "infographic": [(r"^(infographic|infografía)\b", 10), (r"\b(infographic|infografía)\b", 3)],
    "podcast": [(r"\bpodcast\b", 4), (r"\b(episode|episodio)\b", 3),
                (r"\b(is the guest|es (el|la) invitad[oa])\b", 4),
                (r"\b(guests?|invitad[oa]s?)\b", 1), (r"\bwilson center now\b", 3),
                (r"\b(listen|escuche|escucha)\b", 1)],
    "video": [(r"\bvideo\b", 4), (r"\bwatch\b", 1), (r"\b(explains|explica)\b", 2),
              (r"\b(in this interview|en esta entrevista)\b", 2)],
    "event": [(r"\b(this event|este evento)\b", 5), (r"\b(will bring together|reunirá)\b", 3),
              (r"\bpanel(ists)?\b", 2), (r"\b(conference|conferencia|seminario|foro)\b", 2),
              (r"\brsvp\b", 4), (r"\b(webcast|transmisión en vivo)\b", 3),
              (r"\b(join us|acompáñenos)\b", 3), (r"\b(speakers?|ponentes?)\b", 1)],
    "brief": [(r"\b(policy brief|nota de política|nota informativa)\b", 5), (r"\bbrief\b", 2)],
    "report": [(r"\b(this report|este informe|este reporte)\b", 4),
               (r"\b(the report|el informe)\b", 2), (r"\b(report|informe|reporte)\b", 1)],
    "testimony": [(r"\btestimony\b", 4), (r"\btestified\b", 3), (r"\bhearing\b", 1)],
    "book": [(r"\bthis book\b", 4), (r"\bpublished as a volume\b", 0)],
    "article": [(r"\bop-?ed\b", 4), (r"\bblog\b", 2), (r"\bnew post\b", 3),
                (r"\b(article|artículo)\b", 2), (r"\b(commentary|columna de opinión)\b", 2)],
}
MIN_TYPE_SCORE = 2.0
# A type's cues stand in a document's opening ("This report", "Join us"); a topic's
# density is measured well on a large sample. Past these, a 20 MB page took 24 s.
TYPE_CUE_CHARS = 20_000
TOPIC_SAMPLE_CHARS = 1_000_000


def classify_type(title: str, text: str, hint: str | None = None) -> tuple[str, list[str]]:
    """The content type and the cues that decided it; 'article' when nothing speaks for another."""
    if hint:
        return hint, [f"stated by the source: {hint}"]
    scores: Counter = Counter()
    evidence: dict[str, list[str]] = {}
    text = text[:TYPE_CUE_CHARS]
    for kind, cues in TYPE_CUES.items():
        for pattern, weight in cues:
            for where, haystack, factor in (("title", title, 2), ("text", text, 1)):
                match = re.search(pattern, haystack, re.IGNORECASE)
                if match and weight:
                    scores[kind] += weight * factor
                    evidence.setdefault(kind, []).append(f'{where}: "{match.group(0)}"')
    if not scores or scores.most_common(1)[0][1] < MIN_TYPE_SCORE:
        return "article", ["no cue for another type"]
    kind = scores.most_common(1)[0][0]
    return kind, evidence[kind]


def tag_topics(title: str, text: str, vocabulary: Vocabulary,
               language: str = "en") -> list[TopicTag]:
    """Topics the document is about, judged by where its terms stand and how dense they are.

    A title hit counts TITLE_WEIGHT times and a hit in the opening (its first
    OPENING_WORDS words: summary, introduction) once; hits further on count by their
    density, as hits per OPENING_WORDS words, so a passing mention deep in a long paper
    is no topic. At most MAX_TOPICS, none below MIN_SHARE of the strongest. Evidence
    lists each matched term with its count. A piece about something else gets no topic.
    """
    analyzer = text_analyzer(language)
    title_words = analyze(title, analyzer)
    text_words = analyze(text[:TOPIC_SAMPLE_CHARS], analyzer)
    opening, rest = text_words[:OPENING_WORDS], text_words[OPENING_WORDS:]
    rest_weight = OPENING_WORDS / max(OPENING_WORDS, len(rest))
    parts = [_Words(words) for words in (title_words, opening, rest)]
    present = set(title_words).union(text_words)
    tags = []
    for topic in vocabulary.topics:
        hits: Counter = Counter()
        score = 0.0
        for term, words in topic.patterns(language):
            if words[0] not in present:     # most terms are not in a document at all
                continue
            counts = [part.count(words) for part in parts]
            if any(counts):
                hits[term] += sum(counts)
                score += TITLE_WEIGHT * counts[0] + counts[1] + rest_weight * counts[2]
        if score >= topic.threshold:
            evidence = [f"{term} ×{n}" if n > 1 else term for term, n in hits.most_common()]
            tags.append(TopicTag(topic.slug, round(score, 2), evidence, "classifier"))
    tags.sort(key=lambda t: -t.score)
    return [t for t in tags if t.score >= MIN_SHARE * tags[0].score][:MAX_TOPICS]


class _Words:
    """A word list with each word's positions, so a phrase is counted from the
    positions of its first word, not by sliding over the whole text per phrase."""

    def __init__(self, words: list[str]):
        self.words = words
        self.positions: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            self.positions.setdefault(word, []).append(i)

    def count(self, phrase: tuple[str, ...]) -> int:
        starts = self.positions.get(phrase[0], [])
        n = len(phrase)
        if n == 1:
            return len(starts)
        return sum(1 for i in starts if tuple(self.words[i:i + n]) == phrase)


# What listing tiles call their kinds, and the content type each is.
_KIND_WORDS = [
    (r"podcasts?|episodes?|episodios?|audio", "podcast"), (r"videos?|watch", "video"),
    (r"events?|eventos?|conferences?|conferencias?|webinars?|webcasts?|seminars?|"
     r"seminarios?|foros?|forums?|panels?", "event"),
    (r"infographics?|infografías?", "infographic"), (r"testimony|testimonio", "testimony"),
    (r"briefs?|notas?", "brief"),
    (r"reports?|informes?|reportes?|papers?|study|studies|estudios?|publications?", "report"),
    (r"books?|libros?", "book"),
    (r"articles?|artículos?|analysis|análisis|blog|blogs|posts?|op-?eds?|commentary|"
     r"opinion|opinión|news", "article"),
]


def type_of_kind(label: str | None) -> str | None:
    """The content type a tile's kind label or icon names ('icon-podcast', 'Video'), if any."""
    for pattern, kind in _KIND_WORDS:
        if label and re.search(rf"(?<![^\W_])(?:{pattern})(?![^\W_])", label, re.IGNORECASE):
            return kind
    return None


def topics_of_tags(tags: list[str], vocabulary: Vocabulary,
                   language: str = "en") -> list[TopicTag]:
    """Topics a page's own tags name, through the vocabulary (its labels and terms)."""
    found: dict[str, TopicTag] = {}
    for tag in tags:
        by_label = [t for t in vocabulary.topics if tag.strip().lower() in
                    (t.label.lower(), (t.label_es or "").lower(), t.slug)]
        slugs = [t.slug for t in by_label] or [t.topic for t in
                                               tag_topics(tag, "", vocabulary, language)]
        for slug in slugs:
            found.setdefault(slug, TopicTag(slug, 1.0, [], "classifier")).evidence.append(
                f"tag: {tag}")
    return list(found.values())
