"""Issue 16, finding 1: one long word or field must not break writes or rebuilds.

A 3,000,000-character title and a 50 kB word are stored (the title cut, with a note),
searchable, and the next commit, a delete and a rebuild all work; the term arrays'
key files stay proportional to the keys' lengths, never padded to the longest.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.analysis.analyzers import ENGLISH, EXACT, analyze, text_term
from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.core.errors import BadRequest
from indexer.core.limits import FIELD_CHARS, MAX_TERM_CHARS
from indexer.core.models import Document
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService
from indexer.analysis.spelling import spelling_words

LONG_WORD = "x" * 50_000
HUGE_TITLE = "Tariffs " + "y" * 3_000_000


@pytest.fixture()
def archive(tmp_path):
    return Archive(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index",
                            lock_timeout=2))


def found(archive, q: str) -> list[str]:
    service = SearchService(archive.index)
    try:
        return [hit.id for hit in service.search(SearchRequest(q=q, per_page=100)).hits]
    finally:
        service.close()


def key_bytes_on_disk(archive) -> tuple[int, int]:
    """(bytes of the key files, number of segments) of the live generation's arrays."""
    folders = list((archive.index.current_dir() / "arrays").iterdir())
    size = sum(f.stat().st_size for d in folders for f in d.glob("key*.npy"))
    return size, len(folders)


def test_a_token_is_cut_alike_on_every_analysis_path():
    word = "Überlong" + "a" * 500
    term = text_term(word, "en")[0]
    assert len(term) <= MAX_TERM_CHARS
    assert analyze(word) == [term]                      # the fused loop
    assert [t.text for t in ENGLISH(word, no_morph=True)][0] == \
        sorted(spelling_words({word}, "en"))[0]          # the chain and the spelling words
    assert len(analyze(word, EXACT)[0]) == MAX_TERM_CHARS


def test_a_three_million_character_title_is_cut_with_a_note_and_writes_go_on(archive):
    [doc] = archive.save_new([Document(id="", title=HUGE_TITLE, text="Steel tariffs rose.")],
                             b"huge title", actor="test")
    stored = archive.corpus.get(doc.id)
    assert len(stored.title) <= FIELD_CHARS["title"] and stored.title.startswith("Tariffs y")
    assert "title cut from 3,000,008 to 1,000 characters" in stored.history[0]["notes"][0]
    assert found(archive, "tariffs") == [doc.id]
    assert found(archive, "y" * 200) == [doc.id]         # the long word, cut alike
    # The next commits (one merges the segments), a delete of it, and a rebuild.
    for n in range(12):
        archive.save_new([Document(id="", title=f"Brief {n}", text=f"Trade note {n}.")],
                         f"brief {n}".encode(), actor="test")
    archive.remove(doc.id, actor="test")
    assert found(archive, "tariffs") == []
    archive.restore(doc.id, actor="test")
    assert archive.rebuild() == 13
    assert found(archive, "tariffs") == [doc.id]
    assert not any(archive.check().values())


def test_a_50_kb_word_is_stored_whole_searchable_and_rebuilds_small(archive):
    [doc] = archive.add_file(f"Border trade\n\nCustoms {LONG_WORD} waiting times.".encode(),
                             "long-word.txt")
    assert LONG_WORD in archive.corpus.get(doc.id).text
    assert found(archive, LONG_WORD) == [doc.id] == found(archive, "customs")
    archive.add_file(b"Energy\n\nPemex and oil reform.", "energy.txt")
    archive.remove(doc.id, actor="test")
    assert archive.rebuild() == 1
    archive.restore(doc.id, actor="test")
    assert found(archive, LONG_WORD) == [doc.id]
    size, segments = key_bytes_on_disk(archive)
    # A few hundred short keys: kilobytes, not one 50 kB slot per key (megabytes).
    assert size < 8_000 * segments


def test_a_typed_title_over_the_limit_is_refused_with_the_limit(archive):
    [doc] = archive.add_file(b"Water\n\nDrought in the border region.", "water.txt")
    with pytest.raises(BadRequest, match="at most 1,000 characters, not 3,000,000"):
        archive.update(doc.id, {"title": "t" * 3_000_000}, actor="test")
    with pytest.raises(BadRequest, match="at most 100 authors"):
        archive.update(doc.id, {"authors": [f"Author {n}" for n in range(101)]}, actor="test")
    assert archive.corpus.get(doc.id).title == "Water"
