"""One snippet algorithm: whatever part of the search syntax found the words, a result's
snippet marks exactly the tokens the field's analyzer matches, escaped, in at most two
fragments that never show the same stretch of text twice."""
from __future__ import annotations

import random
import re
from html import unescape

import pytest

from indexer.analysis.analyzers import ENGLISH, EXACT, analyze
from indexer.search.highlighting import quick_snippet, term_function
from indexer.search.request import SearchRequest

WORDS = ("border", "borders", "trade", "trading", "U.S.", "Mexico's", "the", "of", "and",
         "security", "secure", "migration", "2016", "NAFTA", "energy", "México", "x" * 90,
         "policy", "a", "cooperation", "<b>", "R&D")
PUNCT = (" ", " ", " ", ", ", ". ", "\n\n", " — ", "; ", "...", " (", ") ")
MARK = re.compile(r"<mark>(.*?)</mark>")


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(PUNCT) for _ in range(n))


def _plain(fragment: str) -> str:
    return unescape(re.sub(r"</?mark>", "", fragment))


@pytest.mark.parametrize("analyzer", [ENGLISH, EXACT], ids=["english", "exact"])
def test_random_texts_get_marked_escaped_distinct_fragments(analyzer):
    rng = random.Random(7)
    term_of = term_function(analyzer)
    checked = 0
    for _ in range(60):
        text = _text(rng, rng.choice((3, 40, 400, 1500)))
        for typed in (["border"], ["trade", "security"], ["us", "mexico"], ["2016", "nafta"],
                      ["x" * 90, "policy"]):
            wanted = frozenset(t for w in typed for t in analyze(w, analyzer))
            snippet = quick_snippet(text, wanted, term_of)
            holds = bool(wanted & set(analyze(text, analyzer)))
            if snippet is None:
                assert not holds, (typed, text[:80])
                continue
            checked += 1
            # Escaped: the document's markup is text, only <mark> is markup.
            assert "<b>" not in snippet and "R&D" not in snippet
            assert not re.sub(r"</?mark>", "", snippet).count("<")
            # Every marked token is a wanted word.
            assert all(term_of(unescape(m)) in wanted for m in MARK.findall(snippet))
            fragments = snippet.split(" … ")
            assert 1 <= len(fragments) <= 2
            # Fragments are stretches of the text, in text order, never overlapping.
            spaced = " ".join(text.split())
            places = [spaced.find(_plain(f)) for f in fragments]
            assert all(p >= 0 for p in places), (snippet, spaced[:200])
            assert places == sorted(places)
            if len(places) == 2:
                assert places[0] + len(_plain(fragments[0])) <= places[1]
    assert checked > 100


def test_a_snippet_is_the_same_whichever_query_part_found_the_words(search_service):
    """A word, its prefix, a boolean and a field query find the same words in a body:
    their snippets are made the same way and mark the same words."""
    def snippets(q):
        result = search_service.search(SearchRequest(q=q, per_page=100))
        return {hit.id: hit.snippet for hit in result.hits}
    word = snippets("security")
    assert any("<mark>" in s for s in word.values())
    for q in ("body:secur*", "security -zebra", "body:security", "body:sec?r"):
        other = snippets(q)
        shared = set(word) & set(other)
        assert shared, q
        for doc_id in shared:
            assert MARK.findall(other[doc_id]) == MARK.findall(word[doc_id]), (q, doc_id)
