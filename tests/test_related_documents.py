"""Related documents on the document page get better with search by meaning, on a
small judged set written for the project (tests/data/related)."""
from __future__ import annotations

import csv
from pathlib import Path

import ir_measures
import pytest
from ir_measures import nDCG

from indexer.search.service import SearchService
from indexer.store.archive import Archive

JUDGMENTS = Path(__file__).parent / "data" / "related" / "judgments.tsv"


def judgments() -> dict[str, dict[str, int]]:
    judged: dict[str, dict[str, int]] = {}
    with open(JUDGMENTS, encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            judged.setdefault(row["doc_id"], {})[row["related_id"]] = int(row["relevance"])
    return judged


def related_ndcg(service: SearchService, judged) -> float:
    run = {}
    for doc_id in judged:
        hits = service.more_like_this(doc_id, limit=5)
        run[doc_id] = {hit.id: float(len(hits) - rank) for rank, hit in enumerate(hits)}
    return ir_measures.calc_aggregate([nDCG @ 5], judged, run)[nDCG @ 5]


@pytest.fixture(scope="module")
def figures(archive_settings):
    judged = judgments()
    found = {}
    for semantic in (False, True):
        service = SearchService(Archive(archive_settings).index, semantic=semantic)
        try:
            found[semantic] = related_ndcg(service, judged)
        finally:
            service.close()
    return found


def test_every_judged_document_is_in_the_test_archive(archive_settings):
    index = Archive(archive_settings).index
    with index.open().searcher() as searcher:
        stored = {fields["id"] for fields in searcher.all_stored_fields()}
    judged = judgments()
    assert set(judged) <= stored
    assert {other for related in judged.values() for other in related} <= stored


def test_meaning_makes_related_documents_better(figures):
    print(f"related documents nDCG@5: words alone {figures[False]:.3f}, "
          f"with meaning {figures[True]:.3f}")
    # Measured: 0.586 by the words alone, 0.655 with meaning.
    assert figures[True] >= figures[False] + 0.05
