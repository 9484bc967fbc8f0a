"""The numpy scoring path ranks exactly as Whoosh's own matchers would.

Every word, boolean and phrase query is scored over whole posting lists
(indexer.engine.vectorscore); the same query run through Whoosh's matcher tree must
match the same documents with the same scores, on an index of several
segments with deleted documents, and queries the arrays cannot score must be
handed back to Whoosh.
"""
from __future__ import annotations

import pytest

from indexer.engine import termarrays
from indexer.store.archive import Archive
from indexer.engine.query import text_query
from indexer.search.service import SearchService
from indexer.engine.vectorscore import top_documents
from tests.fixtures import DOCS, _document, build_archive, doc_id

QUERIES = [
    "security", "security security cooperation", "border security cartels",
    "merida AND training", "trade OR energy", "security -cartels", "security NOT merida",
    '"security cooperation"', '"energy reform" pemex', 'title:"merida initiative"',
    '"initiative changed security"', '"military training"~3',
    'security AND "merida initiative"',
    "author:olson", "title:energy", "migración frontera", "remittances migration",
    "what is the effect of tariffs on the border economy?",
]


@pytest.fixture(scope="module", params=["arrays", "blocks", "mixed"])
def service(request, tmp_path_factory):
    """Three segments: the first 20 documents, then the rest, then one removed. Postings
    come from the term arrays of every segment, of none (Whoosh's blocks), or of one."""
    largest = {"arrays": len(DOCS), "blocks": 0, "mixed": len(DOCS) - 20}[request.param]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(termarrays, "EXPORT_AT_OPEN_MAX_DOCS", largest)
        settings = build_archive(tmp_path_factory.mktemp("vectors"), DOCS[:20])
        archive = Archive(settings)
        archive.save_batch([([doc], original) for doc, original in map(_document, DOCS[20:])],
                           actor="test")
        archive.remove(doc_id(DOCS[3]["title"]), actor="test")
        service = SearchService(archive.index)
        service.doc_count()             # opens the searcher, exporting the arrays it may
    with_arrays = len(service._vectors.arrays)
    assert with_arrays == {"arrays": 2, "blocks": 0, "mixed": 1}[request.param]
    yield service
    service.close()


def _whoosh_scores(searcher, q) -> dict[int, float]:
    results = searcher.search(q, limit=None, optimize=False)
    return {hit.docnum: hit.score for hit in results}


@pytest.mark.parametrize("text", QUERIES)
def test_arrays_match_and_score_as_whoosh_does(service, text):
    service.doc_count()                 # opens the searcher and its scorer
    searcher, q = service._searcher, text_query(text)
    assert len(searcher.reader().leaf_readers()) > 1
    scored = service._vectors.score(q)
    assert scored is not None, f"{text!r} should be scored by the arrays"
    expected = _whoosh_scores(searcher, q)
    live = scored.matched & service._facets.live
    got = {int(d): float(scored.scores[d]) for d in live.nonzero()[0]}
    assert set(got) == set(expected)
    for docnum, score in expected.items():
        assert got[docnum] == pytest.approx(score, rel=1e-5)


def test_every_query_matches_something(service):
    """The comparison above is not vacuous: each query finds documents."""
    service.doc_count()
    for text in QUERIES:
        assert service._vectors.score(text_query(text)).matched.any(), text


@pytest.mark.parametrize("text", ["secur*", "type:brief security", "year:2010-2016",
                                  "topic:trade"])
def test_queries_the_arrays_cannot_score_go_to_whoosh(service, text):
    service.doc_count()
    assert service._vectors.score(text_query(text)) is None


def test_a_removed_document_is_never_a_result(service):
    removed = doc_id(DOCS[3]["title"])
    words = DOCS[3]["title"]
    assert removed not in [i for i, _ in service.ranked_ids(words, limit=50)]


def test_pages_agree_on_tied_scores():
    """Ties keep the lower document number first, and page 2 follows page 1 exactly."""
    import numpy as np
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
