"""BM25F, worked out by hand on a three-document index: the figures every search gives.

The index (body = the text; stemming keeps these words as they are):

    a  title "Border wall"  body "border border trade"         (lengths 2, 3)  2011
    b  title "Trade"        body "trade trader policy reform"  (lengths 1, 4)  2012
    c  title "Energy"       body "energy reform mexico"        (lengths 1, 3)  2015

so N = 3, the average body length is 10/3 and the average title length 4/3; the
ranking's k1 is 1.8, b is 0.65 (0.5 in titles). Each figure below is written out as
the arithmetic it stands for, and the prefix, wildcard, year range and NOT queries
come through the search syntax to show the array engine matches and scores them.
"""
from __future__ import annotations

from math import log

import numpy as np
import pytest
from whoosh import query as wq

from indexer.core.models import Document
from indexer.engine import IndexStore, VectorScorer, text_query
from indexer.engine import bm25f
from indexer.engine.bm25f import PAIR_WEIGHT, RANKING
from indexer.engine.clauses import FieldsWord, WordPair

K1 = 1.8
DOCS = [("a", "Border wall", "border border trade", "2011-03-01"),
        ("b", "Trade", "trade trader policy reform", "2012-05-01"),
        ("c", "Energy", "energy reform mexico", "2015-01-01")]


@pytest.fixture(scope="module")
def scorer(tmp_path_factory):
    store = IndexStore(tmp_path_factory.mktemp("bm25f") / "index")
    store.rebuild((Document(id=i, title=t, text=body, date=d), "") for i, t, body, d in DOCS)
    ix = store.open()
    searcher = ix.searcher()
    yield VectorScorer(searcher, {})
    searcher.close()
    ix.close()


def scores_of(scorer, q) -> dict[str, float]:
    """Document id -> score of every document the query matches."""
    scored = scorer.score(text_query(q) if isinstance(q, str) else q)
    searcher = scorer.source.searcher
    return {searcher.stored_fields(int(d))["id"]: float(scored.scores[d])
            for d in np.flatnonzero(scored.matched)}


# -- the formulas ---------------------------------------------------------------
def test_lucene_idf_of_a_term_held_by_one_two_or_all_three_documents():
    assert bm25f.idf(1, 3) == pytest.approx(log(1 + 2.5 / 1.5))      # 0.9808
    assert bm25f.idf(2, 3) == pytest.approx(log(1 + 1.5 / 2.5))      # 0.4700
    assert bm25f.idf(3, 3) == pytest.approx(log(1 + 0.5 / 3.5))      # 0.1335, never below 0


def test_length_normalisation_and_saturation():
    # A body of 4 words where the average is 10/3: 1 - 0.65 + 0.65 * 4 / (10/3) = 1.13.
    assert bm25f.length_norm(np.array([4.0]), 10 / 3, 0.65)[0] == pytest.approx(1.13)
    # An average-length field is not normalized at all, whatever b is.
    assert bm25f.length_norm(np.array([3.0]), 3.0, 0.9)[0] == pytest.approx(1.0)
    # tf (k1 + 1) / (k1 + tf): 1 -> 2.8 / 2.8 = 1; it tends to k1 + 1 = 2.8.
    assert bm25f.saturate(np.array([1.0, 1e9]), K1).tolist() == pytest.approx([1.0, 2.8])


def test_the_ranking_numbers_and_field_weights():
    assert (RANKING.k1, RANKING.b("body"), RANKING.b("title"), RANKING.b("title_es")) == \
        (1.8, 0.65, 0.5, 0.5)
    assert bm25f.SEARCH_FIELDS["title"] == 3.0 and bm25f.SEARCH_FIELDS["body"] == 1.0
    assert (bm25f.PAIR_WEIGHT, bm25f.PAIR_WINDOW, bm25f.CROSS_LANGUAGE_WEIGHT) == (0.12, 6, 0.5)


# -- one word, one field ----------------------------------------------------------
# body "trade": held by a and b, idf = ln(1 + 1.5/2.5) = 0.470004.
#   a: tf 1, length 3: norm = 0.35 + 0.65 * 3/(10/3) = 0.935; 1/0.935 = 1.069519;
#      1.069519 * 2.8 / (1.8 + 1.069519) = 1.043608; * 0.470004 = 0.490500
#   b: tf 1, length 4: norm = 1.13; 1/1.13 = 0.884956;
#      0.884956 * 2.8 / 2.684956 = 0.922874; * 0.470004 = 0.433754
TRADE_IN_BODY = {"a": 0.490500, "b": 0.433754}
# body "trader": held by b only, idf = ln(1 + 2.5/1.5) = 0.980829; b: 0.922874 * 0.980829
TRADER_IN_BODY = {"b": 0.905182}


def test_one_word_in_one_field(scorer):
    assert scores_of(scorer, "body:trade") == pytest.approx(TRADE_IN_BODY, abs=1e-6)
    assert scores_of(scorer, "body:trader") == pytest.approx(TRADER_IN_BODY, abs=1e-6)


def test_a_word_repeated_in_a_document_counts_with_saturation(scorer):
    # body "border": a only (tf 2), idf 0.980829; tf/norm = 2/0.935 = 2.139037;
    # 2.139037 * 2.8 / (1.8 + 2.139037) = 1.520500; * 0.980829 = 1.491350
    assert scores_of(scorer, "body:border") == pytest.approx({"a": 1.491350}, abs=1e-6)


# -- one word over fields: weighted, summed, then saturated ---------------------------
def test_a_word_in_title_and_body_is_one_bm25f_term(scorer):
    word = FieldsWord([wq.Term("title", "trade", boost=3.0), wq.Term("body", "trade")])
    # idf: the lowest of its fields' (body, held by 2): 0.470004.
    # b: title tf 1, length 1, title b 0.5: norm = 0.5 + 0.5 * 1/(4/3) = 0.875, so
    #    3 * 1/0.875 = 3.428571; body 0.884956; tf = 4.313527;
    #    4.313527 * 2.8 / (1.8 + 4.313527) = 1.975599; * 0.470004 = 0.928539
    # a: body only, 1.069519 -> 0.490500 as above.
    assert scores_of(scorer, word) == pytest.approx({"a": 0.490500, "b": 0.928539}, abs=1e-6)


def test_two_words_near_each_other_add_the_pair_weight(scorer):
    pair = WordPair(FieldsWord([wq.Term("body", "border")]), FieldsWord([wq.Term("body", "trade")]),
                    window=6, boost=PAIR_WEIGHT)
    # a: both positions of border (0, 1) have trade (2) within 6: count 2, only a has the
    # pair, idf 0.980829; 2/0.935 = 2.139037 -> 1.520500; * 0.980829 * 0.12 = 0.178962
    assert scores_of(scorer, pair) == pytest.approx({"a": 0.178962}, abs=1e-6)


# -- the search syntax, all through the array engine -----------------------------------
def test_a_prefix_is_the_or_of_its_terms(scorer):
    # body:trad* -> trade and trader: b holds both, 0.433754 + 0.905182.
    assert scores_of(scorer, "body:trad*") == pytest.approx({"a": 0.490500, "b": 1.338936},
                                                            abs=1e-6)


def test_a_wildcard_is_the_or_of_its_terms(scorer):
    assert scores_of(scorer, "body:*ader") == pytest.approx(TRADER_IN_BODY, abs=1e-6)
    assert scores_of(scorer, "body:tr?de") == pytest.approx(TRADE_IN_BODY, abs=1e-6)


def test_a_year_range_is_a_filter_scoring_one(scorer):
    assert scores_of(scorer, "year:2011-2012") == {"a": 1.0, "b": 1.0}
    assert scores_of(scorer, "year:[2012 TO]") == {"b": 1.0, "c": 1.0}
    # With words, it narrows them and adds the same 1 to each.
    words = scores_of(scorer, "trade")
    assert set(words) == {"a", "b"}
    assert scores_of(scorer, "trade year:2012-2015") == pytest.approx({"b": 1 + words["b"]})


def test_a_term_range_is_a_filter_scoring_one_however_many_terms(scorer):
    # body terms from "m" to "r": mexico, policy, reform (b holds two, c two).
    assert scores_of(scorer, "body:[m TO r]") == {"b": 1.0, "c": 1.0}
    assert scores_of(scorer, "title:[a TO c]") == {"a": 1.0}          # border


def test_not_excludes_without_scoring(scorer):
    assert scores_of(scorer, "body:trade NOT body:trader") == pytest.approx(
        {"a": TRADE_IN_BODY["a"]}, abs=1e-6)
    assert scores_of(scorer, "body:trade -body:border") == pytest.approx(
        {"b": TRADE_IN_BODY["b"]}, abs=1e-6)
    # NOT alone: every other document, each with NOT's constant 1.
    assert scores_of(scorer, "NOT body:trader") == {"a": 1.0, "c": 1.0}


def test_whoosh_matchers_are_never_asked_to_score(scorer):
    """The array engine is the one scorer: Archivo's clauses refuse Whoosh's matchers,
    and the matcher-based ranking module is gone."""
    import importlib.util
    assert importlib.util.find_spec("indexer.engine.ranking") is None
    word = FieldsWord([wq.Term("body", "trade")])
    with pytest.raises(TypeError, match="scored by indexer.engine.vectorscore"):
        word.matcher(scorer.source.searcher)
