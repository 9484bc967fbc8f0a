"""Postings kept as arrays beside each segment: written with it, dropped with it; optional
beside a librarian's segments, the only copy of the scored postings in a rebuild's."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from indexer.engine import termarrays
from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.core.errors import StorageError
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService


def archive_at(tmp_path) -> Archive:
    archive = Archive(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index"))
    archive.add_file(b"Energy Notes\n\nPemex and the energy reform.", "e.txt")
    return archive


def segment_ids(archive) -> set[str]:
    ix = archive.index.live().open()
    try:
        with ix.reader() as reader:
            return {leaf.segment().segid for leaf, _ in reader.leaf_readers()}
    finally:
        ix.close()


def array_dirs(archive) -> set[str]:
    folder = archive.index.current_dir() / termarrays.DIRNAME
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def test_a_librarians_save_writes_the_new_segments_arrays(tmp_path):
    archive = archive_at(tmp_path)
    archive.add_file(b"Water Notes\n\nThe water treaty and drought.", "w.txt")
    assert array_dirs(archive) == segment_ids(archive)
    arrays = termarrays.TermArrays.open(
        archive.index.current_dir() / termarrays.DIRNAME / sorted(segment_ids(archive))[0])
    assert arrays is not None and len(arrays.keys) > 0


def test_arrays_of_segments_merged_away_are_removed(tmp_path):
    archive = archive_at(tmp_path)
    for n in range(8):           # enough small commits for the librarian's merge policy
        archive.add_file(f"Note {n}\n\nTariff note number {n} on trade.".encode(), f"{n}.txt")
    assert array_dirs(archive) == segment_ids(archive)
    assert len(segment_ids(archive)) < 9


def test_damaged_arrays_are_ignored_and_search_still_answers(tmp_path):
    archive = archive_at(tmp_path)
    [segid] = segment_ids(archive)
    folder = archive.index.current_dir() / termarrays.DIRNAME / segid
    (folder / "ids.npy").write_bytes(b"not an array")
    service = SearchService(archive.index)
    try:
        result = service.search(SearchRequest(q="pemex"))
        assert [hit.id for hit in result.hits] == ["energy-notes"]
        assert service._vectors.arrays == {}
    finally:
        service.close()


def test_a_rebuild_writes_the_arrays_of_every_segment_it_writes(tmp_path):
    archive = archive_at(tmp_path)
    archive.add_file(b"Water Notes\n\nThe water treaty and drought.", "w.txt")
    archive.rebuild()
    assert array_dirs(archive) == segment_ids(archive)
    service = SearchService(archive.index)
    try:
        service.doc_count()             # opens the searcher and its arrays
        assert len(service._vectors.arrays) == len(segment_ids(archive))
        hits = service.search(SearchRequest(q='"water treaty"')).hits
        assert [hit.id for hit in hits] == ["water-notes"]
    finally:
        service.close()


def test_a_rebuilds_segment_without_its_arrays_is_reported_damaged_and_a_rebuild_repairs_it(
        tmp_path):
    archive = archive_at(tmp_path)
    archive.rebuild()
    [segid] = segment_ids(archive)
    shutil.rmtree(archive.index.current_dir() / termarrays.DIRNAME / segid)
    assert archive.check()["damaged_segments"] == [segid]
    service = SearchService(archive.index)
    try:
        with pytest.raises(StorageError, match="damaged.*indexer build"):
            service.search(SearchRequest(q="pemex"))
    finally:
        service.close()
    archive.rebuild()
    assert not any(archive.check().values())
    service = SearchService(archive.index)
    try:
        assert [h.id for h in service.search(SearchRequest(q="pemex")).hits] == \
            ["energy-notes"]
    finally:
        service.close()


def test_a_small_rebuilt_segment_merges_into_a_librarians_segment(tmp_path):
    archive = archive_at(tmp_path)
    archive.rebuild()               # one small segment, its scored postings only as arrays
    [rebuilt] = segment_ids(archive)
    for n in range(8):              # enough small commits for the librarian's merge policy
        archive.add_file(f"Note {n}\n\nTariff note number {n} on trade.".encode(), f"{n}.txt")
    assert rebuilt not in segment_ids(archive)
    assert not any(archive.check().values())
    service = SearchService(archive.index)
    try:
        assert [h.id for h in service.search(SearchRequest(q='"energy reform"')).hits] \
            == ["energy-notes"]
        assert service.search(SearchRequest(q="tariff")).total == 8
    finally:
        service.close()


def written_arrays(tmp_path) -> termarrays.TermArrays:
    """Two terms of one field: "border" in documents 0 (positions 1, 5) and 2 (position 0);
    "wall" in document 2 (position 1)."""
    dest = tmp_path / "arrays" / "seg"
    termarrays.write_arrays(dest, [b"body\0border", b"body\0wall"], [2, 1], [0, 2, 2],
                            [2.0, 1.0, 1.0], [3, 1], [1, 5, 0, 1])
    return termarrays.TermArrays.open(dest)


def test_a_terms_postings_and_positions_are_read_back_from_its_slices(tmp_path):
    arrays = written_arrays(tmp_path)
    ids, tf, offsets, positions = arrays.get("body", b"border", positions=True)
    assert ids.tolist() == [0, 2] and tf.tolist() == [2.0, 1.0]
    # Each posting's positions: its frequency says how many.
    assert offsets.tolist() == [0, 2, 3] and positions.tolist() == [1, 5, 0]
    ids, tf, offsets, positions = arrays.get("body", b"wall", positions=True)
    assert ids.tolist() == [2] and offsets.tolist() == [0, 1] and positions.tolist() == [1]


def test_a_missing_term_or_one_longer_than_every_key_is_absent(tmp_path):
    arrays = written_arrays(tmp_path)
    assert arrays.get("body", b"fence") is None
    assert arrays.get("title", b"border") is None
    assert arrays.get("body", b"border" * 40) is None


def test_arrays_cut_short_are_not_opened(tmp_path):
    written_arrays(tmp_path)
    path = tmp_path / "arrays" / "seg" / "positions.npy"
    path.write_bytes(path.read_bytes()[:-4])
    assert termarrays.TermArrays.open(tmp_path / "arrays" / "seg") is None


def test_postings_whose_positions_differ_from_their_frequency_are_refused(tmp_path):
    from indexer.engine.segmenttext import FieldPostings
    boosted = FieldPostings([b"border"], np.array([1]), np.array([0]), np.array([2.0]),
                            np.array([1]), np.array([4]))
    with pytest.raises(ValueError, match="frequency"):
        termarrays.write_postings(tmp_path / "seg", [("body", boosted)])


def test_a_term_whose_postings_are_all_deleted_is_written_with_none(tmp_path):
    """Exporting a librarian's segment skips deleted documents: a term may be left with none."""
    from indexer.engine.segmenttext import FieldPostings
    postings = FieldPostings([b"gone", b"wall"], np.array([0, 1]), np.array([3]),
                             np.array([2.0]), np.array([2]), np.array([4, 9]))
    termarrays.write_postings(tmp_path / "seg", [("body", postings)])
    arrays = termarrays.TermArrays.open(tmp_path / "seg")
    ids, _, offsets, positions = arrays.get("body", b"wall", positions=True)
    assert ids.tolist() == [3] and positions.tolist() == [4, 9]
    assert arrays.get("body", b"gone")[0].tolist() == []


def test_keys_are_stored_unpadded_so_one_long_key_costs_only_its_length(tmp_path):
    dest = tmp_path / "arrays" / "long"
    keys = sorted([b"body\0" + b"w%04d" % n for n in range(200)] + [b"body\0" + b"z" * 100_000])
    termarrays.write_arrays(dest, keys, [1] * len(keys), list(range(len(keys))),
                            [1.0] * len(keys), [1] * len(keys), [0] * len(keys))
    on_disk = sum(f.stat().st_size for f in dest.glob("key*.npy"))
    # The keys' own bytes, their offsets (8 bytes each) and two .npy headers; padded,
    # 201 keys of 100,005 bytes would be 20 MB.
    assert on_disk <= sum(map(len, keys)) + 8 * (len(keys) + 1) + 2 * 128
    arrays = termarrays.TermArrays.open(dest)
    assert arrays.get("body", b"z" * 100_000)[0].tolist() == [200]
    assert arrays.get("body", b"w0007")[0].tolist() == [7]
    assert arrays.get("body", b"z" * 100_001) is None and arrays.get("body", b"w") is None


def test_arrays_written_before_schema_9_with_fixed_width_keys_are_still_read(tmp_path):
    arrays = written_arrays(tmp_path)
    dest = tmp_path / "arrays" / "seg"
    np.save(dest / "keys.npy", np.array([b"body\0border", b"body\0wall"]))
    for name in ("key_bytes", "key_starts"):
        (dest / f"{name}.npy").unlink()
    old = termarrays.TermArrays.open(dest)
    assert old.get("body", b"wall")[0].tolist() == arrays.get("body", b"wall")[0].tolist() == [2]
    assert old.get("body", b"x" * 50) is None
