"""Result snippets of the numpy search path: the query's words in context, marked, escaped."""
from __future__ import annotations

import random
import re

from indexer.analysis.analyzers import ENGLISH, SPANISH, analyze
from indexer.search.highlighting import quick_snippet, term_function

TERM_OF = term_function(ENGLISH)
TEXT = ("The Merida Initiative changed security cooperation between the United States and "
        "México. Military <b>and</b> police training grew while cartels adapted. " * 4
        + "Security policies and secure borders closed the decade.")


def words(*typed: str, analyzer=ENGLISH) -> frozenset:
    return frozenset(term for word in typed for term in analyze(word, analyzer))


def marked(snippet: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", snippet)


def test_every_form_of_a_query_word_is_marked_and_nothing_else():
    snippet = quick_snippet(TEXT, words("securities", "policy"), TERM_OF)
    assert set(marked(snippet)) == {"Security", "security", "secure", "policies"}
    assert "<mark>police</mark>" not in snippet      # polic is not polici


def test_accented_forms_are_found_where_folding_makes_them_the_same_word():
    assert "<mark>México</mark>" in quick_snippet(TEXT, words("mexico"), TERM_OF)


def test_the_document_text_is_escaped():
    snippet = quick_snippet(TEXT, words("military"), TERM_OF)
    assert "&lt;b&gt;and&lt;/b&gt;" in snippet and "<b>" not in snippet


def test_at_most_two_fragments_of_whole_words_in_text_order():
    snippet = quick_snippet(TEXT, words("secure", "cartels"), TERM_OF)
    fragments = snippet.split(" … ")
    assert 1 <= len(fragments) <= 2
    for fragment in fragments:
        plain = re.sub(r"</?mark>", "", fragment)
        assert len(plain) <= 260
        assert all(word in TEXT for word in plain.replace("&lt;", "<").replace("&gt;", ">")
                   .split())
    positions = [TEXT.find(re.sub(r"</?mark>|&lt;b&gt;.*", "", f).split()[0]) for f in fragments]
    assert positions == sorted(positions)


def test_the_busiest_passage_is_chosen():
    text = "trade " + "filler words here " * 30 + "border border border end"
    assert marked(quick_snippet(text, words("border"), TERM_OF)) == ["border"] * 3


def test_no_match_in_the_text_gives_none_so_the_summary_is_shown():
    assert quick_snippet(TEXT, words("tariffs"), TERM_OF) is None
    assert quick_snippet("", words("tariffs"), TERM_OF) is None


def test_spanish_words_with_spanish_analysis():
    text = "Las migraciones y la migración irregular en la frontera norte de México."
    snippet = quick_snippet(text, words("migracion", analyzer=SPANISH), term_function(SPANISH))
    assert marked(snippet) == ["migraciones", "migración"]


def test_it_marks_exactly_the_tokens_the_analyzer_would_match():
    """Random texts: the marked words are exactly those whose index term is wanted."""
    rng = random.Random(7)
    vocabulary = ["border", "borders", "trade", "trading", "security", "secure", "policy",
                  "policies", "police", "Mexico's", "México", "energy", "the", "of"]
    for _ in range(200):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 12)))
        wanted = words(rng.choice(vocabulary))
        snippet = quick_snippet(text, wanted, TERM_OF, maxchars=100_000, surround=10)
        expected = [w for w in text.split() if TERM_OF(w) in wanted]
        assert (marked(snippet) if snippet else []) == expected, (text, wanted)


def test_a_phrase_the_document_repeats_is_shown_once():
    filler = " ".join(f"word{n}" for n in range(120))
    said = "Does the treaty still provide enough water to the farmers of Chihuahua?"
    text = f"{said} {filler} {said} {filler}"
    snippet = quick_snippet(text, words("treaty", "water"), TERM_OF)
    assert re.sub("</?mark>", "", snippet).count("still provide") == 1
    assert " … " not in snippet


def test_nearby_matches_share_one_fragment_instead_of_overlapping_two():
    gap = " ".join(f"word{n}" for n in range(12))
    text = (f"Border security and trade {gap} border trade again {gap} and more border talk "
            + " ".join(f"tail{n}" for n in range(80)))
    plain = re.sub("</?mark>", "", quick_snippet(text, words("border", "trade"), TERM_OF))
    assert plain.count("word5 ") <= text.count("word5 ")    # no stretch of text twice
    assert plain.startswith("Border security")
