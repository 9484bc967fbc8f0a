"""Analysis: NLTK tokens, stopwords, Snowball stems, accent folding, acronyms kept."""
import pickle

import nltk

from indexer.analysis.analyzers import ENGLISH, EXACT, analyze, stopword_set, text_analyzer


def test_stems_stopwords_and_accents():
    assert analyze("The migrants crossed the borders of México") == \
        ["migrant", "cross", "border", "mexico"]


def test_acronyms_are_kept_and_never_stopwords():
    assert analyze("USMCA replaced NAFTA; the US and U.S. agree") == \
        ["usmca", "replac", "nafta", "us", "us", "agre"]


def test_possessives_and_curly_apostrophes_reduce_to_the_word():
    assert analyze("Mexico’s trade") == analyze("Mexico's trade") == ["mexico", "trade"]


def test_spanish_analysis_meets_accented_and_plural_forms():
    spanish = text_analyzer("es")
    assert analyze("migración migracion migraciones", spanish) == ["migracion"] * 3


def test_exact_analyzer_folds_but_does_not_stem():
    assert analyze("Peña Nieto's", EXACT) == ["pena", "nieto's"]


def test_stopword_lists_come_from_the_project_not_a_download():
    assert "the" in stopword_set("en") and "de" in stopword_set("es")
    assert any(p.endswith("indexer/nltk_data") for p in nltk.data.path)


def test_analyzers_survive_pickling_as_the_index_needs():
    clone = pickle.loads(pickle.dumps(ENGLISH))
    assert analyze("Running security checks", clone) == ["run", "secur", "check"]


def test_fused_text_analyzer_gives_the_chain_s_tokens():
    """TextAnalyzer's one-loop path yields what tokenize | fold | stop | stem yields."""
    import random

    from whoosh.analysis.analyzers import CompositeAnalyzer

    from indexer.analysis.analyzers import (ENGLISH, FoldFilter, NltkTokenizer, SnowballFilter,
                                            StopwordFilter)
    chain = CompositeAnalyzer(NltkTokenizer(), FoldFilter(), StopwordFilter("en"),
                              SnowballFilter("en"))
    words = ["The", "U.S.", "Mexico's", "border", "borders", "2016", "NAFTA", "us", "US",
             "México", "trading", "of", "and", "Running", "x" * 30, "don’t"]
    rng = random.Random(1)
    for _ in range(200):
        text = "".join(rng.choice(words) + rng.choice([" ", ", ", ". ", "\n"])
                       for _ in range(rng.randrange(0, 40)))
        for kw in [{}, dict(positions=True, chars=True), dict(no_morph=True),
                   dict(positions=True, chars=True, removestops=False, mode="index"),
                   dict(positions=True, start_pos=5, chars=True, start_char=3),
                   dict(positions=True, boosts=True, mode="index")]:
            def seen(analyzer):
                return [(t.text, t.pos if kw.get("positions") else None,
                         (t.startchar, t.endchar) if kw.get("chars") else None,
                         t.stopped, t.boost) for t in analyzer(text, **kw)]
            assert seen(ENGLISH) == seen(chain), (text, kw)
