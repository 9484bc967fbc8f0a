"""Hostile input at the limits: huge queries, deep or huge HTML, zip-bomb-like PDFs,
path traversal. Each is answered within limits, never with a 500 or a hang."""
import time
import zlib
from pathlib import Path

import pytest

from indexer.ingest import extract as extract_module
from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.core.errors import DocumentTooLarge, UnreadableDocument
from indexer.ingest.extract import extract
from webapp import create_app

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
TEXT_OP = b"BT /F1 12 Tf 72 720 Td (Trade policy between Mexico and the United States.) Tj ET\n"


def pdf_with_streams(contents: list[bytes], pages: int = 1) -> bytes:
    """A PDF whose pages all draw the same FlateDecode content stream(s)."""
    streams = [zlib.compress(c, 9) for c in contents]
    first_stream = 4 + pages
    refs = " ".join(f"{first_stream + i} 0 R" for i in range(len(streams)))
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), pages),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [%s] "
                b"/Resources << /Font << /F1 3 0 R >> >> >>" % refs.encode()] * pages
    objects += [b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(s) + s +
                b"\nendstream" for s in streams]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


# A hang guard, not a speed floor: the property is the refusal itself. Each of these
# inputs, read without its limit, takes minutes or gigabytes.
HANG_S = 60


def timed(call, *args):
    began = time.monotonic()
    try:
        return call(*args), time.monotonic() - began
    except (DocumentTooLarge, UnreadableDocument) as exc:
        return exc, time.monotonic() - began


def test_a_small_honest_pdf_made_here_reads():
    result, _ = timed(extract, pdf_with_streams([TEXT_OP * 3]), "ok.pdf")
    assert "Trade policy between Mexico" in result.blocks[0].text


def test_a_pdf_inflating_to_100_mb_of_text_is_refused_quickly():
    data = pdf_with_streams([b"BT (" + b"0" * 100_000_000 + b") Tj ET"])
    assert len(data) < 200_000
    result, seconds = timed(extract, data, "bomb.pdf")
    assert isinstance(result, UnreadableDocument) and seconds < HANG_S


def test_a_page_of_twelve_mb_of_drawing_operations_is_refused_before_parsing():
    data = pdf_with_streams([TEXT_OP + b"0 0 m\n" * 2_000_000])
    result, seconds = timed(extract, data, "ops.pdf")
    assert isinstance(result, DocumentTooLarge) and seconds < HANG_S
    assert result.message == "the PDF's pages inflate to too much content to read"


def test_many_pages_sharing_one_heavy_stream_hit_the_time_limit(monkeypatch):
    monkeypatch.setattr(extract_module, "MAX_PDF_SECONDS", 0.5)
    data = pdf_with_streams([TEXT_OP + b"0 0 m\n" * 150_000], pages=400)
    assert len(data) < 100_000
    result, seconds = timed(extract, data, "pages.pdf")
    assert isinstance(result, DocumentTooLarge) and seconds < HANG_S
    assert "to read" in result.message


def test_deeply_nested_html_is_read_and_huge_html_refused_quickly():
    deep = b"<html><body>" + b"<div>" * 20_000 + b"<p>Deep text about trade.</p>"
    result, seconds = timed(extract, deep, "deep.html")
    assert [b.text for b in result.blocks] == ["Deep text about trade."] and seconds < HANG_S
    huge = b"<html><body>" + b"<span>x</span>" * 200_000
    result, seconds = timed(extract, huge, "huge.html")
    assert isinstance(result, DocumentTooLarge) and seconds < HANG_S
    assert result.message == "the HTML has over 50,000 elements"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    archive = Archive(Settings(corpus_dir=root / "corpus", index_dir=root / "index"))
    for seed in SEEDS:
        archive.add_file(seed.read_bytes(), seed.name)
    (root / "secret.txt").write_text("not for the web")
    app = create_app({"ARCHIVO_CORPUS_DIR": str(root / "corpus"),
                      "ARCHIVO_INDEX_DIR": str(root / "index"),
                      "ARCHIVO_INSTANCE_DIR": str(root / "instance"), "TESTING": True})
    return app.test_client()


def test_a_one_megabyte_query_answers_quickly(client):
    q = ("border security " * 70_000)[:1_000_000]
    began = time.monotonic()
    response = client.get("/api/search", query_string={"q": q, "topic": ["x" * 5000] * 200})
    assert response.status_code == 200 and time.monotonic() - began < 5
    body = response.get_json()
    assert body["query"] == q[:1000] and body["total"] == 0    # the topic filter matches none


@pytest.mark.parametrize("path", [
    "/api/documents/..%2F..%2Fsecret.txt", "/api/documents/../secret",
    "/documents/..%2Fsecret.txt/original", "/documents/%2E%2E/original",
    "/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/%00", "/documents/a%2F..%2Fb/cite",
])
def test_path_traversal_ids_are_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"not for the web" not in response.data and b"root:" not in response.data
    if path.startswith("/api/"):
        assert response.get_json()["error"]["status"] == 404
