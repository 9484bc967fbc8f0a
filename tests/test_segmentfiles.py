"""Segment files read with os.pread: each inner file of a compound segment behaves like
a file of its own (position, seek, read, readline) over its slice of the segment."""
import pickle

from indexer.engine.whooshio import PreadSubFile


def inner_file(tmp_path, payload: bytes, before: bytes = b"HEAD", after: bytes = b"TAIL"):
    path = tmp_path / "segment.seg"
    path.write_bytes(before + payload + after)
    handle = open(path, "rb")
    return handle, PreadSubFile(handle, len(before), len(payload), name="inner")


def test_reads_stay_inside_the_slice(tmp_path):
    handle, f = inner_file(tmp_path, b"0123456789")
    with handle:
        assert f.read(4) == b"0123" and f.tell() == 4
        assert f.read() == b"456789"
        assert f.read(3) == b""             # the slice's end, not the segment's
        f.seek(-2, 2)
        assert f.read() == b"89"
        f.seek(1)
        f.seek(2, 1)
        assert f.read(1) == b"3"


def test_readline_stops_after_the_newline_and_at_the_slice_end(tmp_path):
    lines = b"first\n" + b"x" * 5000 + b"\nlast"
    handle, f = inner_file(tmp_path, lines, after=b"\nnot mine\n")
    with handle:
        assert f.readline() == b"first\n"
        assert f.readline() == b"x" * 5000 + b"\n"
        assert f.readline() == b"last"
        assert f.readline() == b""


def test_two_inner_files_of_one_segment_keep_their_own_positions(tmp_path):
    handle, f = inner_file(tmp_path, b"abcdef")
    with handle:
        g = f.subset(3, 3)
        assert f.read(2) == b"ab" and g.read(2) == b"de" and f.read(1) == b"c"


def test_pickles_load_from_an_inner_file(tmp_path):
    value = {"terms": ["border", "wall"], "n": 2}
    handle, f = inner_file(tmp_path, pickle.dumps(value, protocol=0))
    with handle:
        assert pickle.load(f) == value


def test_only_the_indexes_archivo_opens_read_their_segments_with_pread(tmp_path):
    """Archivo's storage reads a compound segment's inner files with os.pread; the same
    index opened with Whoosh's own open_dir is read as Whoosh reads it (a map), since
    no Whoosh class is replaced for the process."""
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, TEXT, Schema

    from indexer.engine.whooshio import open_index

    ix = whoosh_index.create_in(str(tmp_path), Schema(id=ID(stored=True), body=TEXT))
    with ix.writer() as writer:         # Whoosh's writer: one compound segment
        writer.add_document(id="a", body="border trade")
    assert [p.suffix for p in tmp_path.glob("*.seg")] == [".seg"]

    def postings_file(index):
        leaf = index.reader().leaf_readers()[0][0]
        return leaf._terms._postfile.file

    ours, whooshs = open_index(tmp_path), whoosh_index.open_dir(str(tmp_path))
    try:
        assert isinstance(postings_file(ours), PreadSubFile)
        assert not isinstance(postings_file(whooshs), PreadSubFile)
        with ours.searcher() as searcher:
            assert [hit["id"] for hit in searcher.documents(body="border")] == ["a"]
    finally:
        ours.close()
        whooshs.close()
