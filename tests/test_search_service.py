"""SearchService over the fixture archive: query language, ranking, facets, sort, paging."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.engine.querylimits import QueryTooBroad
from indexer.search.request import SearchRequest
from tests.fixtures import DOCS, UPCOMING_DATE, doc_id, expected_count

TOTAL = len(DOCS)


def run(service, q="", **kwargs):
    return service.search(SearchRequest(q=q, per_page=kwargs.pop("per_page", 100), **kwargs))


def ids(result) -> list[str]:
    return [hit.id for hit in result.hits]


def titled(*titles) -> set[str]:
    return {doc_id(t) for t in titles}


def docs_where(predicate) -> set[str]:
    return {doc_id(d["title"]) for d in DOCS if predicate(d)}


# -- the query language ---------------------------------------------------------

def test_plain_word_finds_every_document_holding_it_title_first(search_service):
    result = run(search_service, "pemex")
    assert set(ids(result)) == titled("Energy Reform and Pemex After 2013",
                                      "Oil Prices and the Mexican Budget")
    assert ids(result)[0] == doc_id("Energy Reform and Pemex After 2013")  # title weighs more


def test_exact_phrase(search_service):
    result = run(search_service, '"Merida Initiative"')
    assert set(ids(result)) == titled("Merida Initiative: Ten Years of Security Cooperation",
                                      "The State of Security in Mexico 2019")


def test_or(search_service):
    result = run(search_service, "nearshoring OR pemex")
    assert set(ids(result)) == titled("Nearshoring and North American Supply Chains",
                                      "Energy Reform and Pemex After 2013",
                                      "Oil Prices and the Mexican Budget")


@pytest.mark.parametrize("q", ["border -trade", "border NOT trade"])
def test_not_and_leading_minus_exclude(search_service, q):
    result = run(search_service, q)
    assert set(ids(result)) == titled("COVID-19 and the Border Economy",
                                      "Border Wall Costs and Consequences",
                                      "Forum on Water and Climate in the Border Region")


@pytest.mark.parametrize("q", ["author:olson", 'author:"Eric Olson"'])
def test_author_field(search_service, q):
    assert set(ids(run(search_service, q))) == docs_where(lambda d: "Eric Olson" in d["authors"])


@pytest.mark.parametrize("q", ["author:olson security", "security author:olson",
                               'author:"Eric Olson" security'])
def test_a_typed_field_with_words_narrows_to_that_field(search_service, q):
    """Olson's documents about security, not Olson's documents or anything on security."""
    by_olson_on_security = docs_where(lambda d: "Eric Olson" in d["authors"]
                                      and "security" in (d["title"] + d["text"]).lower())
    assert by_olson_on_security
    assert set(ids(run(search_service, q))) == by_olson_on_security


def test_title_field_ignores_the_text(search_service):
    # "Pemex" is also in an article's text; title: finds only the title.
    assert ids(run(search_service, "title:pemex")) == [doc_id("Energy Reform and Pemex After 2013")]


@pytest.mark.parametrize("q,key,value", [("type:podcast", "type", "podcast"),
                                         ("type:Event", "type", "event"),
                                         ("topic:energy", "topic", "energy"),
                                         ("topic:rule-of-law", "topic", "rule-of-law")])
def test_keyword_fields(search_service, q, key, value):
    result = run(search_service, q)
    assert result.total == expected_count(**{key: value})
    if key == "type":
        assert {h.type for h in result.hits} == {value}


def test_field_value_narrows_the_other_words(search_service):
    assert ids(run(search_service, "type:podcast migration")) == [
        doc_id("Mexico Matters Episode 12: Migration Policy")]


def test_prefix(search_service):
    result = run(search_service, "nearshor*")
    assert ids(result) == [doc_id("Nearshoring and North American Supply Chains")]


@pytest.mark.parametrize("q", ["year:2010-2012", "year:2010..2012", "year:[2010 TO 2012]"])
def test_year_range_syntax(search_service, q):
    result = run(search_service, q)
    expected = docs_where(lambda d: "2010" <= d["date"][:4] <= "2012")
    assert set(ids(result)) == expected and len(expected) == 6


def test_year_range_with_words(search_service):
    result = run(search_service, "year:2010-2016 border")
    assert set(ids(result)) == titled("Border Infrastructure and Trade Flows",
                                      "Border Wall Costs and Consequences",
                                      "Forum on Water and Climate in the Border Region")


def test_natural_language_question_ranks_more_matching_words_first(search_service):
    result = run(search_service, "how does border security affect trade")
    # No empty page because "affect" is nowhere: any matching word is enough...
    assert result.total == len(docs_where(
        lambda d: any(w in (d["title"] + " " + d["text"]).lower()
                      for w in ("border", "security", "trade"))))
    # ...and documents matching more of the words come first.
    top = run(search_service, "border security trade").hits[0]
    assert set(top.matched["title"]) >= {"border", "trade"}
    assert ids(result)[0] == top.id


@pytest.mark.parametrize("q", ['"unbalanced quote border', "(border", "border)", "OR", "NOT",
                               "AND border", "border OR", "-", "+", "title:", "year:abc",
                               "year:2099-1000", "foo:bar border", "*", "?", ":", '"', "()",
                               "author:", "topic:", "[2010 TO", "{", "border^2", "a" * 2000])
def test_malformed_syntax_never_raises(search_service, q):
    result = run(search_service, q)
    assert isinstance(result.total, int)


def test_malformed_syntax_still_finds_the_words(search_service):
    expected = docs_where(lambda d: "border" in (d["title"] + d["text"]).lower())
    assert set(ids(run(search_service, '"border'))) == expected
    assert set(ids(run(search_service, "(border"))) == expected


def test_did_you_mean_uses_the_index_vocabulary(search_service):
    result = run(search_service, "migraton")
    assert result.total == 0 and result.suggestion == "migration"
    assert run(search_service, "remitances policy").suggestion == "remittances policy"


def test_no_suggestion_for_known_words_or_stopwords(search_service):
    assert run(search_service, "migration").suggestion is None
    assert run(search_service, "how does border security affect trade").suggestion is None


def test_words_of_the_language_the_archive_lacks_are_not_corrected_into_others(search_service):
    # None of money, send or home is in the test archive; all are English words.
    assert run(search_service, "money migrants send home").suggestion is None
    assert run(search_service, "money remitances").suggestion == "money remittances"


# -- facets -----------------------------------------------------------------------

def facet(result, name) -> dict[str, int]:
    return {e.value: e.count for e in result.facets[name]}


def test_facet_counts_without_a_selection(search_service):
    result = run(search_service)
    assert result.total == TOTAL
    assert facet(result, "type") == {t: expected_count(type=t) for t in
                                     {d["type"] for d in DOCS}}
    assert facet(result, "author")["Eric Olson"] == expected_count(author="Eric Olson") == 5
    assert facet(result, "topic")["trade"] == expected_count(topic="trade")


def test_facet_counts_are_disjunctive(search_service):
    result = run(search_service, filters={"type": ["brief"]})
    assert result.total == 3
    # The type facet ignores its own selection: other types keep their counts.
    assert facet(result, "type") == facet(run(search_service), "type")
    # The other facets count only briefs.
    assert facet(result, "author") == {"Eric Olson": 1, "Duncan Wood": 1, "Andrew Selee": 1}
    selected = [e for e in result.facets["type"] if e.selected]
    assert [e.value for e in selected] == ["brief"]


def test_values_of_one_facet_combine_with_or_facets_with_and(search_service):
    either = run(search_service, filters={"type": ["brief", "podcast"]})
    assert either.total == expected_count(type="brief") + expected_count(type="podcast")
    both = run(search_service, filters={"type": ["brief", "podcast"], "topic": ["migration"]})
    assert set(ids(both)) == titled("Remittances and Household Income in Michoacan",
                                    "Mexico Matters Episode 12: Migration Policy")


def test_excluded_value(search_service):
    result = run(search_service, excludes={"type": ["article"]})
    assert result.total == TOTAL - expected_count(type="article")
    assert "article" not in {h.type for h in result.hits}
    entry = next(e for e in result.facets["type"] if e.value == "article")
    assert entry.excluded is True


def test_year_range_filter(search_service):
    result = run(search_service, year_from=2013, year_to=2015)
    assert result.total == len(docs_where(lambda d: "2013" <= d["date"][:4] <= "2015"))
    assert {h.date[:4] for h in result.hits} == {"2013", "2014", "2015"}


# -- sort and paging ------------------------------------------------------------

def test_sort_newest_and_oldest(search_service):
    dates = sorted(d["date"] for d in DOCS)
    newest = run(search_service, sort="newest").hits
    oldest = run(search_service, sort="oldest").hits
    assert [h.date for h in newest] == dates[::-1]
    assert [h.date for h in oldest] == dates
    assert newest[0].date == UPCOMING_DATE


def test_sorted_words_search_keeps_only_matches(search_service):
    result = run(search_service, "security", sort="oldest")
    dates = [h.date for h in result.hits]
    assert dates == sorted(dates) and result.total == len(dates)


def test_pagination(search_service):
    pages = [search_service.search(SearchRequest(sort="oldest", page=n, per_page=12))
             for n in (1, 2, 3)]
    assert [len(p.hits) for p in pages] == [12, 12, TOTAL - 24]
    seen = [i for p in pages for i in ids(p)]
    assert len(seen) == len(set(seen)) == TOTAL
    beyond = search_service.search(SearchRequest(page=9, per_page=12))
    assert beyond.total == TOTAL and beyond.hits == ()


def test_snippet_highlights_and_escapes(search_service):
    hit = run(search_service, "payload").hits[0]
    assert "<mark>payload</mark>" in hit.snippet
    assert "<img" not in hit.snippet and "&lt;img" in hit.snippet


def test_why_this_result_shows_words_as_typed(search_service):
    hit = run(search_service, "security").hits[0]
    assert hit.matched["title"] == ("security",)


def test_why_this_result_for_fields(search_service):
    for hit in run(search_service, "year:2010-2012").hits:
        assert hit.matched["year"] == (hit.date[:4],)
    hit = run(search_service, "type:podcast migration").hits[0]
    assert hit.matched["type"] == ("podcast",) and hit.matched["title"] == ("migration",)
    assert run(search_service, "author:olson").hits[0].matched == {"authors": ("olson",)}


# -- any typed text answers ------------------------------------------------------


_QUERY_TEXT = st.lists(st.sampled_from(
    ['"', "(", ")", "[", "]", "{", "}", "-", "+", "*", "?", ":", "^", "~", "\\", "/", " ",
     "AND", "OR", "NOT", "TO", "title:", "author:", "topic:", "type:", "year:", "year:2010-",
     "2012", "border", "trade", "secur", "méxico", "é", "'", ".."]), max_size=8).map("".join)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=_QUERY_TEXT, sort=st.sampled_from(["relevance", "newest", "oldest"]))
def test_any_query_answers(search_service, q, sort):
    try:
        result = search_service.search(SearchRequest(q=q, sort=sort))
    except QueryTooBroad:       # *e* and the like: refused with a message, never a crash
        assert "*" in q or "?" in q
        return
    assert 0 <= len(result.hits) <= result.total <= TOTAL


def test_totals_count_every_match_with_a_small_page(search_service):
    """The total counts every match, not only those that reach a small page: it is the
    number of results a page large enough to hold them all lists."""
    for q in ("migration OR trade", "border OR security OR energy", "trade -migration",
              '"border security" OR mexico'):
        everything = run(search_service, q, per_page=100)
        expected = len(everything.hits)
        assert expected > 2 and everything.total == expected, q
        for per_page in (1, 2, 10):
            assert run(search_service, q, per_page=per_page).total == expected, q
