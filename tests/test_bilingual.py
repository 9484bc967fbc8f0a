"""A bilingual archive: Spanish and English documents, one search."""
from pathlib import Path

import pytest

from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService

SPANISH_PAGE = """Las remesas y la migración centroamericana

Escrito por María López, investigadora del Instituto de México.

Publicado el 2 de junio de 2016.

Las remesas que envían los migrantes desde Estados Unidos sostienen a miles de hogares
en México y Centroamérica. Las migraciones recientes cambiaron la frontera norte y el
comercio regional.
""".encode("utf-8")
SPANISH_EVENT = """Foro: seguridad fronteriza y cooperación

Este evento reunirá a funcionarios de México y Estados Unidos para discutir la seguridad
en la frontera, el tráfico de armas y la violencia del crimen organizado.
""".encode("utf-8")
ENGLISH_PAGE = b"""Remittances to Mexico Hit a Record

Remittances sent by migrants in the United States to families in Mexico reached a
record high, supporting household consumption across the country.
"""
BILINGUAL = Path(__file__).resolve().parent / "data" / "bilingual"


@pytest.fixture
def archive(tmp_path):
    archive = Archive(Settings(corpus_dir=tmp_path / "c", index_dir=tmp_path / "i"))
    for data, name in ((SPANISH_PAGE, "remesas.txt"), (SPANISH_EVENT, "foro.txt"),
                       (ENGLISH_PAGE, "remittances.txt")):
        archive.add_file(data, name)
    return archive


def search(archive, q, **args):
    return SearchService(archive.index).search(SearchRequest.from_args({"q": q, **args}))


def ids(result):
    return [hit.id for hit in result.hits]


def test_language_is_detected_and_spanish_metadata_is_read(archive):
    doc = archive.corpus.get("las-remesas-y-la-migracion-centroamericana")
    assert doc.language == "es"
    assert doc.authors == ["María López"]
    assert doc.date == "2016-06-02"
    assert doc.topic_names[0] == "migration"
    # "Foro:" is a kind label, as "Podcast:" is: the title and its id go without it.
    event = archive.corpus.get("seguridad-fronteriza-y-cooperacion")
    assert (event.language, event.type) == ("es", "event")
    assert "security" in event.topic_names
    assert archive.corpus.get("remittances-to-mexico-hit-a-record").language == "en"


@pytest.mark.parametrize("q", ["migración", "migracion", "migraciones", "MIGRACIÓN"])
def test_accented_plain_and_plural_spanish_forms_meet(archive, q):
    assert ids(search(archive, q))[0] == "las-remesas-y-la-migracion-centroamericana"


def test_an_english_query_finds_spanish_documents_below_english_exact_matches(archive):
    assert ids(search(archive, "remittances")) == [
        "remittances-to-mexico-hit-a-record", "las-remesas-y-la-migracion-centroamericana"]


def test_a_spanish_query_finds_english_documents_below_spanish_exact_matches(archive):
    assert ids(search(archive, "remesas")) == [
        "las-remesas-y-la-migracion-centroamericana", "remittances-to-mexico-hit-a-record"]


def test_spanish_snippets_highlight_the_spanish_words(archive):
    [hit] = search(archive, "fronteras", language="es", type="event").hits
    assert "<mark>frontera</mark>" in hit.snippet


def test_did_you_mean_draws_on_the_spanish_vocabulary(archive):
    assert search(archive, "fronetra").suggestion == "frontera"


def test_language_is_a_facet_and_a_query_field(archive):
    facet = {e.value: e.count for e in search(archive, "").facets["language"]}
    assert facet == {"es": 2, "en": 1}
    assert ids(search(archive, "idioma:en")) == ["remittances-to-mexico-hit-a-record"]
    assert set(ids(search(archive, "", language="es"))) == {
        "las-remesas-y-la-migracion-centroamericana", "seguridad-fronteriza-y-cooperacion"}


def test_a_librarian_can_correct_the_language_and_search_follows(archive):
    doc_id = "remittances-to-mexico-hit-a-record"
    archive.update(doc_id, {"language": "es"}, actor="ana")
    facet = {e.value: e.count for e in search(archive, "").facets["language"]}
    assert facet == {"es": 3}


def test_cross_language_queries_come_within_a_tenth_of_same_language_ones():
    import json

    from click.testing import CliRunner

    from indexer.cli import main
    result = CliRunner().invoke(main, ["evaluate", str(BILINGUAL), "--json"])
    figures = json.loads(result.stdout)
    same, cross = figures["by_kind"]["same"], figures["by_kind"]["cross"]
    assert (same["queries"], cross["queries"]) == (20, 16)
    assert figures["ndcg@10"] >= 0.78
    assert same["ndcg@10"] - cross["ndcg@10"] <= 0.1


def test_imported_spanish_records_are_tagged_with_the_spanish_terms(tmp_path):
    from indexer.store.importer import record_to_document
    from indexer.ingest.vocabulary import load_vocabulary
    from indexer.core.config import DEFAULT_TOPICS_FILE

    doc = record_to_document({"title": "Aranceles y comercio", "text": "Los aranceles al acero "
                              "frenan el comercio y las exportaciones de México."},
                             load_vocabulary(DEFAULT_TOPICS_FILE))
    assert doc.language == "es"
    assert doc.topic_names == ["trade"]
