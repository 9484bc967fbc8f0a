"""The array engine matches and scores every query, whatever the index's layout.

Every part of the search syntax (words, pairs, phrases, AND/OR/NOT, +/-, field
filters, prefixes, wildcards, term and year ranges) is matched and scored over whole
posting lists (indexer.engine.vectorscore), on an index of several segments with a
deleted document. Its postings come from the segments' term arrays, from Whoosh's
blocks, or from both: all three must match the same documents with the same scores
(the figures themselves are worked out by hand in tests/test_bm25f.py).
"""
from __future__ import annotations

import numpy as np
import pytest

from indexer.engine import termarrays
from indexer.engine import top_documents
from indexer.engine.query import text_query
from indexer.store.archive import Archive
from indexer.search.service import SearchService
from tests.fixtures import DOCS, _document, build_archive, doc_id

QUERIES = [
    "security", "security security cooperation", "border security cartels",
    "merida AND training", "trade OR energy", "security -cartels", "security NOT merida",
    '"security cooperation"', '"energy reform" pemex', 'title:"merida initiative"',
    '"initiative changed security"', '"military training"~3',
    'security AND "merida initiative"',
    "author:olson", "title:energy", "migración frontera", "remittances migration",
    "what is the effect of tariffs on the border economy?",
    # the parts Whoosh's matchers used to score
    "secur*", "migra* OR energy", "se?urity", "*ergy", "title:[a TO c]", "year:2010-2016",
    "year:[2014 TO]", "type:brief security", "topic:trade", "topic:trade OR type:podcast",
    "NOT cartels", "security AND NOT cartels", "+security cartels",
]
LAYOUTS = ("arrays", "blocks", "mixed")
REMOVED = doc_id(DOCS[3]["title"])


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    """Three segments: the first 20 documents, then the rest, then one removed. Postings
    come from the term arrays of every segment, of none (Whoosh's blocks), or of one."""
    built = {}
    for layout in LAYOUTS:
        largest = {"arrays": len(DOCS), "blocks": 0, "mixed": len(DOCS) - 20}[layout]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(termarrays, "EXPORT_AT_OPEN_MAX_DOCS", largest)
            settings = build_archive(tmp_path_factory.mktemp("vectors"), DOCS[:20])
            archive = Archive(settings)
            archive.save_batch([([doc], original) for doc, original in
                                map(_document, DOCS[20:])], actor="test")
            archive.remove(REMOVED, actor="test")
            service = SearchService(archive.index)
            service.doc_count()             # opens the searcher, exporting the arrays it may
        assert len(service._vectors.arrays) == {"arrays": 2, "blocks": 0, "mixed": 1}[layout]
        assert len(service._searcher.reader().leaf_readers()) > 1
        built[layout] = service
    yield built
    for service in built.values():
        service.close()


@pytest.fixture(params=LAYOUTS)
def service(request, services):
    return services[request.param]


def scores_by_id(service, text) -> dict[str, float]:
    """Document id -> score of every live document the query matches."""
    service.doc_count()
    scored = service._vectors.score(text_query(text))
    live = scored.matched & service._facets.live
    return {service._searcher.stored_fields(int(d))["id"]: float(scored.scores[d])
            for d in np.flatnonzero(live)}


@pytest.mark.parametrize("text", QUERIES)
def test_every_layout_matches_and_scores_alike(services, text):
    expected = scores_by_id(services["arrays"], text)
    assert expected, f"{text!r} finds nothing: the comparison would be vacuous"
    for layout in ("blocks", "mixed"):
        got = scores_by_id(services[layout], text)
        assert set(got) == set(expected), layout
        for found, score in expected.items():
            assert got[found] == pytest.approx(score, rel=1e-9), (layout, found)


def _ids(condition) -> set[str]:
    return {doc_id(d["title"]) for d in DOCS if condition(d)} - {REMOVED}


def test_filters_and_ranges_match_exactly_the_documents_that_hold_them(service):
    in_range = _ids(lambda d: d["date"] and 2010 <= int(d["date"][:4]) <= 2016)
    assert set(scores_by_id(service, "year:2010-2016")) == in_range
    assert set(scores_by_id(service, "topic:trade")) == _ids(lambda d: "trade" in d["topics"])
    podcasts = _ids(lambda d: d["type"] == "podcast")
    assert set(scores_by_id(service, "type:podcast")) == podcasts
    # A filter narrows the words and adds the same constant to each of their scores.
    words = scores_by_id(service, "migration")
    narrowed = scores_by_id(service, "type:podcast migration")
    assert narrowed and set(narrowed) == set(words) & podcasts
    assert all(narrowed[d] == pytest.approx(words[d] + 1) for d in narrowed)


def test_not_and_minus_exclude_what_they_name(service):
    security, cartels = scores_by_id(service, "security"), scores_by_id(service, "cartels")
    assert set(cartels) & set(security)
    for q in ("security NOT cartels", "security -cartels", "security AND NOT cartels"):
        assert set(scores_by_id(service, q)) == set(security) - set(cartels), q
    everything = _ids(lambda d: True)
    assert set(scores_by_id(service, "NOT cartels")) == everything - set(cartels)


def test_a_prefix_finds_what_its_words_find(service):
    assert set(scores_by_id(service, "migra*")) >= set(scores_by_id(service, "migration"))
    assert set(scores_by_id(service, "body:remit*")) == set(scores_by_id(service,
                                                                          "body:remittances"))


def test_a_removed_document_is_never_a_result(service):
    removed = doc_id(DOCS[3]["title"])
    words = DOCS[3]["title"]
    assert removed not in [i for i, _ in service.ranked_ids(words, limit=50)]


def test_pages_agree_on_tied_scores():
    """Ties keep the lower document number first, and page 2 follows page 1 exactly."""
    scores = np.array([1.0, 2.0, 2.0, 2.0, 0.5, 2.0])
    final = np.ones(6, dtype=bool)
    first, _ = top_documents(scores, final, 0, 2)
    second, _ = top_documents(scores, final, 2, 4)
    assert first.tolist() == [1, 2]
    assert second.tolist() == [3, 5]


def test_a_phrase_with_a_stopword_inside_finds_the_words_at_their_distance(service):
    """Stopwords are not indexed but count in positions: "united states and mexico"."""
    found = [doc for doc, _ in service.ranked_ids('"united states and mexico"', limit=10)]
    assert doc_id(DOCS[0]["title"]) in found
    assert service.ranked_ids('"united states mexico"', limit=10) == []
    assert service.ranked_ids('"mexico and united states"', limit=10) == []


def test_segment_files_are_read_by_positional_reads_not_mapped(service):
    """A mapped segment kept every page a search touched in the worker's resident memory
    (640 MB per worker at 100k documents); the inner files read with os.pread instead."""
    from indexer.engine.whooshio import PreadSubFile
    service.doc_count()
    leaf = service._searcher.reader().leaf_readers()[0][0]
    postfile = leaf._terms._postfile
    assert isinstance(postfile.file, PreadSubFile)
    head = postfile.get(0, 8)
    assert len(head) == 8 and postfile.get(0, 8) == head
    assert postfile.read(0) == b""
    mapped = [line for line in open("/proc/self/maps") if ".seg" in line]
    assert all(str(service.store.root) not in line for line in mapped)
