"""Extraction: every input kind, its metadata, and a clear error for every bad input."""
import pytest

from indexer.core.errors import DocumentTooLarge, UnreadableDocument, UnsupportedKind
from indexer.ingest.extract import decode_text, detect_kind
from indexer.ingest.pipeline import ingest_bytes
from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.vocabulary import load_vocabulary
from tests.docmakers import make_html, make_pdf, make_textless_pdf

VOCABULARY = load_vocabulary(DEFAULT_TOPICS_FILE)
ENERGY_TEXT = ("Mexico's energy reform opened oil and natural gas to private investment. "
               "Pemex and the electricity sector face new competition, and pipelines from "
               "Texas carry natural gas south.")


def ingest(data, name="file", max_bytes=1_000_000):
    return ingest_bytes(data, name, VOCABULARY, max_bytes)


def test_kind_is_detected_from_content_not_the_name():
    assert detect_kind(make_pdf("T", ["x"]), "brief.txt") == "pdf"
    assert detect_kind(make_html("T", "<p>x</p>"), "page.txt") == "html"
    assert detect_kind(b"Plain words in a dump.\nAnother line.", "page.html") == "text"


def test_html_page_loses_its_chrome_and_keeps_its_metadata():
    body = f"<p>{ENERGY_TEXT}</p><p>Read More</p>"
    [doc] = ingest(make_html("Energy Reform in Mexico", body), "energy.html")
    assert doc.title == "Energy Reform in Mexico"
    assert doc.authors == ["Duncan Wood"]
    assert doc.date == "2019-03-05"
    assert doc.summary == "A short summary of the piece."
    assert doc.text == ENERGY_TEXT
    assert doc.topic_names[0] == "energy"
    assert doc.original_kind == "html"
    for chrome in ("Skip to main content", "Home", "Share this", "Related content", "©"):
        assert chrome not in doc.text


def test_pdf_brief_gives_text_title_author_and_type():
    data = make_pdf("Energy Reform: A Policy Brief",
                    ["This policy brief looks at the energy sector.", ENERGY_TEXT],
                    author="Duncan Wood")
    [doc] = ingest(data, "brief.pdf")
    assert doc.title == "Energy Reform: A Policy Brief"
    assert doc.authors == ["Duncan Wood"]
    assert doc.type == "brief"
    assert "Pemex and the electricity sector" in doc.text
    assert doc.original_kind == "pdf"
    assert "energy" in doc.topic_names


def test_text_dump_in_latin1_is_decoded_with_its_real_encoding():
    text = ("Migración y frontera\n\nLa migración de centroamericanos hacia la frontera "
            "norte de México creció en 2019, según el informe del gobierno de México.")
    [doc] = ingest(text.encode("latin-1"), "dump.txt")
    assert doc.title == "Migración y frontera"
    assert "centroamericanos" in doc.text and "México" in doc.text


def test_utf8_with_bom_is_read():
    assert decode_text("Título".encode("utf-8-sig")) == "Título"


@pytest.mark.parametrize("data, error, words", [
    (b"", UnreadableDocument, "empty"),
    (b"   \n\t  ", UnreadableDocument, "empty"),
    (b"\x00\x01\x02binary\x00junk" * 50, UnreadableDocument, "binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, UnsupportedKind, "PNG image"),
    (b"PK\x03\x04" + b"\x00" * 100, UnsupportedKind, "ZIP archive"),
    (make_textless_pdf(), UnreadableDocument, "no text layer"),
    (b"%PDF-1.4\n1 0 obj garbage that is not a pdf", UnreadableDocument, "PDF could not be read"),
    (b"<html><body><nav>Home</nav><footer>All rights reserved</footer></body></html>",
     UnreadableDocument, "no readable text"),
])
def test_bad_input_gets_one_clear_error_naming_the_file(data, error, words):
    with pytest.raises(error) as caught:
        ingest(data, "bad.bin")
    assert words in caught.value.message
    assert str(caught.value).startswith("bad.bin: ")


def test_oversized_file_is_refused_before_reading():
    with pytest.raises(DocumentTooLarge) as caught:
        ingest(b"x" * 2000, "big.txt", max_bytes=1000)
    assert "over the limit of 1,000 bytes" in caught.value.message


def test_malformed_and_deeply_nested_html_still_reads_or_fails_cleanly():
    malformed = (b"<html><title>Trade</title><body><p>Trade between Mexico and <b>the United "
                 b"States grew fast.<p>Exports <i>doubled.")
    [doc] = ingest(malformed, "broken.html")
    assert doc.title == "Trade"
    assert "Trade between Mexico and the United States grew fast." in doc.text
    assert "Exports doubled." in doc.text
    nested = b"<html><body>" + b"<div>" * 5000 + b"<p>Deep trade text here.</p>" + b"</div>" * 5000
    try:
        docs = ingest(nested, "nested.html")
        assert "Deep trade text" in docs[0].text
    except UnreadableDocument as exc:
        assert "nested" in exc.message
