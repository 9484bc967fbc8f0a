"""The rebuild's fast writer writes a segment Whoosh reads as it reads its own writer's
(the scored fields' postings from the term arrays), and the parallel rebuild indexes
what a one-process rebuild indexes."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from indexer.engine.fastwriter import FastSegmentWriter
from indexer.engine.index import IndexStore
from indexer.core.models import Document, TopicTag, to_index_fields
from indexer.engine.schema import SCHEMA
from indexer.analysis.spelling import load_words, spell_words

WORDS = ("trade border migration migraciones México reform energy Pemex U.S. NAFTA the of "
         "and water treaty drought 2016 security policy report análisis frontera de la "
         "el comercio Mexico's workers wages remittances USMCA tariffs steel").split()


def _docs(n: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        spanish = i % 5 == 0
        docs.append(Document(
            id=f"doc-{i:04d}",
            # some titles are all stopwords, some empty of terms: Whoosh's spelling
            # postings then carry the value of an earlier field
            title="The of and" if i % 17 == 0 else " ".join(rng.choices(WORDS, k=rng.randint(2, 8))),
            text=" ".join(rng.choices(WORDS, k=rng.randint(0, 300))),
            summary="" if i % 3 else " ".join(rng.choices(WORDS, k=12)),
            authors=rng.sample(["Ana López", "Duncan Wood", "Eric Olson"], k=rng.randint(0, 2)),
            topics=[TopicTag(t) for t in rng.sample(["trade", "energy", "migration"], k=1)],
            date=f"{2000 + i % 20}-0{1 + i % 9}", type="report", language="es" if spanish else "en",
            series="Border Notes" if i % 4 == 0 else None, program=None, added="2020-01-01"))
    return docs


def _write_segment(cls, docs, folder: Path):
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), SCHEMA)
    writer = cls(ix, compound=False)
    for doc in docs:
        writer.add_document(**to_index_fields(doc, f"etag-{doc.id}"))
    writer.commit()
    return ix


def _files(ix, folder: Path) -> dict[str, bytes]:
    segid = ix._segments()[0].segid
    return {p.name.split(".", 1)[1]: p.read_bytes() for p in folder.iterdir() if segid in p.name}


def _term_table(reader) -> dict:
    """Every term's statistics and postings, as Whoosh's reader gives them back."""
    table = {}
    for (field, term), info in _all_infos(reader):
        matcher = reader.postings(field, term)
        postings = []
        while matcher.is_active():
            # a spelling posting's value is what Whoosh's loop left bound: read by no one
            value = None if field.startswith("spell_") else matcher.value()
            postings.append((matcher.id(), matcher.weight(), value))
            matcher.next()
        table[field, term] = ((info.weight(), info.doc_frequency(), info.min_length(),
                               info.max_length(), info.max_weight(), info.min_id(),
                               info.max_id()), postings)
    return table


def _all_infos(reader):
    for field, term in reader.all_terms():
        yield (field, term), reader.term_info(field, term)


def test_fast_writer_segment_reads_back_as_whooshs_writers_does(tmp_path):
    docs = _docs(400)
    slow_ix = _write_segment(SegmentWriter, docs, tmp_path / "slow")
    fast_ix = _write_segment(FastSegmentWriter, docs, tmp_path / "fast")
    with slow_ix.reader() as slow, fast_ix.reader() as fast:
        expected, got = _term_table(slow), _term_table(fast)
    assert len(expected) > 500 and any(field.startswith("spell_") for field, _ in expected)
    assert got == expected
    slow_files, fast_files = _files(slow_ix, tmp_path / "slow"), _files(fast_ix, tmp_path / "fast")
    assert sorted(slow_files) == sorted(fast_files)
    for ext in set(slow_files) - {"pst", "trm"}:       # stored fields, lengths, columns
        assert slow_files[ext] == fast_files[ext], ext
    # the scored fields' postings are only in the term arrays
    assert len(fast_files["pst"]) < len(slow_files["pst"]) / 3


def _contents(store: IndexStore) -> dict:
    """Every posting; for spell_title, Whoosh's spelling words of the title, only the
    terms (Whoosh files each under document 0 of its segment: no document's number)."""
    with store.open().reader() as reader:
        postings = {(field, term): [] if field.startswith("spell_") else
                    list(reader.postings(field, term).items_as("positions"))
                    if field in ("title", "body", "body_es") else
                    list(reader.postings(field, term).all_ids())
                    for field, term in reader.all_terms()}
        return {"postings": postings, "stored": list(reader.all_stored_fields()),
                "words": load_words(store.current_dir())}


@pytest.mark.parametrize("procs", ["2", "3"])
def test_parallel_rebuild_indexes_what_one_process_does(tmp_path, monkeypatch, procs):
    docs = _docs(900)
    monkeypatch.setattr("indexer.engine.build.SEGMENT_DOCS", 250)     # several segments per worker
    one = IndexStore(tmp_path / "one", build_procs=1)
    many = IndexStore(tmp_path / "many", build_procs=int(procs))
    assert one.rebuild((d, f"e{d.id}") for d in docs) == 900
    assert many.rebuild((d, f"e{d.id}") for d in docs) == 900
    assert len(many.open()._segments()) >= int(procs)
    expected, got = _contents(one), _contents(many)
    assert got == expected
    assert set(got["words"]) == set().union(*(spell_words(d.text) for d in docs))


def test_a_failing_build_process_fails_the_rebuild(tmp_path):
    docs = _docs(600)
    docs[450].title = 12345          # not text: Whoosh refuses it inside a worker
    store = IndexStore(tmp_path / "index", build_procs=2)
    with pytest.raises(ValueError):
        store.rebuild((d, "") for d in docs)
    assert not store.exists() and not list((tmp_path / "index").glob("gen-*"))
