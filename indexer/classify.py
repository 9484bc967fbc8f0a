"""Pure classification: content type and topic tags, each with the evidence for it."""
from __future__ import annotations

import re
from collections import Counter

from indexer.analysis import analyze, text_analyzer
from indexer.models import TopicTag
from indexer.vocabulary import Vocabulary

TITLE_WEIGHT = 3.0
# Cues for each content type: (pattern, weight). Title cues count double.
TYPE_CUES: dict[str, list[tuple[str, float]]] = {
    "infographic": [(r"^infographic\b", 10), (r"\binfographic\b", 3)],
    "podcast": [(r"\bpodcast\b", 4), (r"\bepisode\b", 3), (r"\bis the guest\b", 4),
                (r"\bguests?\b", 1), (r"\bwilson center now\b", 3), (r"\blisten\b", 1)],
    "video": [(r"\bvideo\b", 4), (r"\bwatch\b", 1), (r"\bexplains\b", 2),
              (r"\bin this interview\b", 2)],
    "event": [(r"\bthis event\b", 5), (r"\bwill bring together\b", 3), (r"\bpanel(ists)?\b", 2),
              (r"\bconference\b", 2), (r"\brsvp\b", 4), (r"\bwebcast\b", 3), (r"\bjoin us\b", 3),
              (r"\bspeakers?\b", 1)],
    "brief": [(r"\bpolicy brief\b", 5), (r"\bbrief\b", 2)],
    "report": [(r"\bthis report\b", 4), (r"\bthe report\b", 2), (r"\breport\b", 1)],
    "testimony": [(r"\btestimony\b", 4), (r"\btestified\b", 3), (r"\bhearing\b", 1)],
    "book": [(r"\bthis book\b", 4), (r"\bpublished as a volume\b", 0)],
    "article": [(r"\bop-?ed\b", 4), (r"\bblog\b", 2), (r"\bnew post\b", 3), (r"\barticle\b", 2),
                (r"\bcommentary\b", 2)],
}
MIN_TYPE_SCORE = 2.0


def classify_type(title: str, text: str, hint: str | None = None) -> tuple[str, list[str]]:
    """The content type and the cues that decided it; 'article' when nothing speaks for another."""
    if hint:
        return hint, [f"stated by the source: {hint}"]
    scores: Counter = Counter()
    evidence: dict[str, list[str]] = {}
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
    """Topics whose terms occur often enough; a title hit counts TITLE_WEIGHT times.

    Evidence lists each matched term with its count. A piece about something
    else gets no topic: nothing is forced.
    """
    analyzer = text_analyzer(language)
    title_words, text_words = analyze(title, analyzer), analyze(text, analyzer)
    tags = []
    for topic in vocabulary.topics:
        hits: Counter = Counter()
        score = 0.0
        for term, words in topic.patterns(language):
            in_title, in_text = _count(title_words, words), _count(text_words, words)
            if in_title or in_text:
                hits[term] += in_title + in_text
                score += TITLE_WEIGHT * in_title + in_text
        if score >= topic.threshold:
            evidence = [f"{term} ×{n}" if n > 1 else term for term, n in hits.most_common()]
            tags.append(TopicTag(topic.slug, round(score, 2), evidence, "classifier"))
    return sorted(tags, key=lambda t: -t.score)


def _count(words: list[str], phrase: tuple[str, ...]) -> int:
    n = len(phrase)
    if n == 1:
        return words.count(phrase[0])
    return sum(1 for i in range(len(words) - n + 1) if tuple(words[i:i + n]) == phrase)
