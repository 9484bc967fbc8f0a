"""Search by meaning: the offline model, the vectors kept beside the index, and the
fusion of meaning with the words for plain queries (indexer.search.fusion)."""
from __future__ import annotations

import socket
from dataclasses import replace

import numpy as np
import pytest

from indexer.analysis import meaning
from indexer.engine import docvectors
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService
from indexer.store.archive import Archive
from tests.fixtures import doc_id, build_archive

REMITTANCES = "Remittances and Household Income in Michoacan"


def cosine(a: str, b: str) -> float:
    first, second = meaning.embed([a, b])
    return float(first @ second)


def test_the_model_loads_from_the_installed_package_without_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the model tried to reach the network")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(meaning, "_loaded", None)
    vectors = meaning.embed(["money migrants send home"])
    assert vectors.shape == (1, meaning.DIMENSIONS)
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0, atol=1e-5)


def test_the_vectors_are_the_libraries_own():
    from wordllama import WordLlama
    library = WordLlama.load(cache_dir=meaning.package_folder(), disable_download=True,
                             trunc_dim=meaning.DIMENSIONS)
    texts = ["Remittances sent by migrants sustain household income.",
             "La reforma energética abrió el petróleo a la inversión privada.", "tariffs"]
    assert np.allclose(meaning.embed(texts), library.embed(texts, norm=True), atol=1e-5)


def test_a_text_without_tokens_has_a_zero_vector_not_nan():
    assert not meaning.embed([""]).any()


def test_texts_of_one_meaning_are_closer_than_texts_of_another():
    query = "money migrants send home"
    assert cosine(query, "remittances sent by migrants to their families") > \
        cosine(query, "pressure distribution on a swept wing at supersonic speed") + 0.1


def test_a_rebuild_keeps_one_vector_per_document_beside_each_segment(archive_settings):
    generation = archive_settings.index_dir / Archive(archive_settings).index.current_generation()
    files = list((generation / docvectors.DIRNAME).glob("*.npy"))
    assert files
    rows = sum(np.load(path).shape[0] for path in files)
    assert rows == Archive(archive_settings).index.open().doc_count_all()


def test_a_librarians_save_has_its_vector_at_once(tmp_path):
    from tests.fixtures import DOCS, _document, _doc
    settings = build_archive(tmp_path, DOCS[:5])
    archive = Archive(settings)
    spec = _doc("Money Sent Home", "brief", "2020-01-01", [], [],
                "Families in Oaxaca depend on remittances from relatives working abroad.")
    document, original = _document(spec)
    archive.save_batch([([document], original)], actor="test")
    service = SearchService(archive.index)
    try:
        searcher = service._fresh_searcher()
        docnum = searcher.document_number(id=doc_id("Money Sent Home"))
        assert service._live.meaning.present()[docnum]
    finally:
        service.close()


def run(service, q, **kwargs):
    return service.search(SearchRequest(q=q, per_page=50, **kwargs))


def test_a_plain_query_finds_a_document_by_meaning_and_says_so(search_service):
    result = run(search_service, "money migrants send home")
    by_id = {hit.id: hit for hit in result.hits}
    remittances = by_id[doc_id(REMITTANCES)]
    assert remittances.matched                  # it holds "migrants"
    related = [hit for hit in result.hits if hit.related_in_meaning]
    for hit in related:                         # entrants hold none of the words
        assert not hit.matched
        assert hit.score < result.hits[0].score
    assert result.hits[0].id == doc_id(REMITTANCES)
    assert doc_id("Deportation and Return Migration") in {hit.id for hit in related}


def test_explicit_syntax_stays_exact_and_lexical(search_service, archive_settings):
    lexical = SearchService(Archive(archive_settings).index, semantic=False)
    try:
        for q in ('"security cooperation"', "title:border", "border AND trade", "pemex OR oil"):
            fused, plain = run(search_service, q), run(lexical, q)
            assert [h.id for h in fused.hits] == [h.id for h in plain.hits], q
            assert [h.score for h in fused.hits] == [h.score for h in plain.hits], q
            assert not any(h.related_in_meaning for h in fused.hits)
    finally:
        lexical.close()


def test_made_up_words_still_find_nothing_and_get_did_you_mean(search_service):
    assert run(search_service, "zzqxv blorpt").total == 0
    result = run(search_service, "remitances")
    assert result.suggestion == "remittances"


def test_filters_and_facets_apply_to_what_meaning_finds(search_service):
    deportation = doc_id("Deportation and Return Migration")        # an article
    articles = run(search_service, "money migrants send home", filters={"type": ["article"]})
    assert all(hit.type == "article" for hit in articles.hits)
    assert deportation in {hit.id for hit in articles.hits if hit.related_in_meaning}
    briefs = run(search_service, "money migrants send home", filters={"type": ["brief"]})
    assert deportation not in {hit.id for hit in briefs.hits}
    counts = [{e.value: e.count for e in result.facets["type"]} for result in (articles, briefs)]
    assert counts[0] == counts[1]            # the type facet ignores its own selection ...
    assert counts[0]["article"] == len(articles.hits)   # ... and counts what meaning found


def test_semantic_off_ranks_by_the_words_alone(archive_settings):
    lexical = SearchService(Archive(replace(archive_settings, semantic=False)).index,
                            semantic=False)
    try:
        result = run(lexical, "money migrants send home")
        assert not any(hit.related_in_meaning for hit in result.hits)
        assert all(hit.matched for hit in result.hits)
    finally:
        lexical.close()


def test_the_setting_comes_from_the_environment():
    from indexer.core.config import Settings
    assert Settings.from_env({}).semantic is True
    assert Settings.from_env({"ARCHIVO_SEMANTIC": "off"}).semantic is False


@pytest.mark.parametrize("language, has_vector", [("en", True), ("es", False)])
def test_spanish_documents_have_no_vector_of_the_english_model(language, has_vector):
    text = docvectors.text_of({"title": "Remesas", "body": "Las remesas", "language": language})
    assert bool(text) is has_vector


def segment_vector_rows(settings) -> dict[str, int]:
    """Segment id -> rows of its vectors file, for every live segment (-1: no file)."""
    index = Archive(settings).index
    generation = settings.index_dir / index.current_generation()
    ix = index.open()
    try:
        with ix.reader() as reader:
            return {leaf.segment().segid: (
                np.load(docvectors.location(generation, leaf.segment().segid)).shape[0]
                if docvectors.location(generation, leaf.segment().segid).exists() else -1)
                for leaf, _ in reader.leaf_readers()}
    finally:
        ix.close()


def test_saves_and_merges_leave_every_segment_its_vectors(tmp_path):
    from tests.fixtures import DOCS, _document
    settings = build_archive(tmp_path, DOCS[:3])
    archive = Archive(settings)
    for spec in DOCS[3:12]:             # one segment a save
        archive.save_batch([([_document(spec)[0]], _document(spec)[1])], actor="test")
    assert len(segment_vector_rows(settings)) > 1
    assert archive.merge_segments(everything=True) > 0
    rows = segment_vector_rows(settings)
    assert -1 not in rows.values()
    ix = archive.index.open()
    try:
        assert sum(rows.values()) == ix.doc_count_all()
    finally:
        ix.close()
    generation = settings.index_dir / archive.index.current_generation()
    assert {p.stem for p in (generation / docvectors.DIRNAME).glob("*.npy")} == set(rows)


def test_a_segment_whose_vectors_are_lost_is_searched_by_its_words(tmp_path):
    settings = build_archive(tmp_path)
    generation = settings.index_dir / Archive(settings).index.current_generation()
    for path in (generation / docvectors.DIRNAME).glob("*.npy"):
        path.write_bytes(b"not an array")
    service = SearchService(Archive(settings).index)
    try:
        result = run(service, "money migrants send home")
        assert result.hits and not any(hit.related_in_meaning for hit in result.hits)
    finally:
        service.close()


@pytest.mark.parametrize("q", ["migrants", "remittances", "pemex", "zq0x"])
def test_a_one_word_look_up_is_ranked_by_its_word_alone(search_service, archive_settings, q):
    lexical = SearchService(Archive(archive_settings).index, semantic=False)
    try:
        fused, plain = run(search_service, q), run(lexical, q)
        assert [(h.id, h.score) for h in fused.hits] == [(h.id, h.score) for h in plain.hits]
        assert not any(hit.related_in_meaning for hit in fused.hits)
    finally:
        lexical.close()
