"""A tiny PDF that draws one form XObject thousands of times is refused by count of the
drawing operations walked (forms included), inside the page, not after it."""
from __future__ import annotations

import io
import time
import zlib

import pytest

from indexer.ingest import extract as extract_module
from indexer.core.errors import DocumentTooLarge
from indexer.ingest.extract import extract

DRAWS, FORM_LINES = 300, 1000       # 300 draws of a 2,000-operation form: 600,000 operations


def pdf_drawing_one_form(draws: int = DRAWS, lines: int = FORM_LINES) -> bytes:
    form = zlib.compress(b"BT /F1 12 Tf " + b"".join(b"1 0 Td (w%d) Tj\n" % i
                                                     for i in range(lines)) + b"ET")
    page = zlib.compress(b"".join(b"q 1 0 0 1 0 %d cm /X0 Do Q\n" % (i % 700)
                                  for i in range(draws)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /X0 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(page) + page + b"\nendstream",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font "
        b"<< /F1 6 0 R >> >> /Filter /FlateDecode /Length %d >>\nstream\n" % len(form)
        + form + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def test_a_form_drawn_hundreds_of_times_is_refused_by_its_operation_count(monkeypatch):
    monkeypatch.setattr(extract_module, "MAX_PDF_OPERATIONS", 50_000)
    data = pdf_drawing_one_form()
    assert len(data) < 5_000
    started = time.monotonic()
    with pytest.raises(DocumentTooLarge, match="50,000 drawing operations"):
        extract(data, "forms.pdf")
    assert time.monotonic() - started < 10       # hang guard: the whole page takes ~15 s


def test_the_time_limit_is_checked_inside_a_page(monkeypatch):
    monkeypatch.setattr(extract_module, "MAX_PDF_SECONDS", 0.2)
    started = time.monotonic()
    with pytest.raises(DocumentTooLarge, match="0.2 s"):
        extract(pdf_drawing_one_form(), "forms.pdf")
    assert time.monotonic() - started < 10       # hang guard: checked only after the page


def test_a_form_drawn_a_few_times_is_read():
    text = "\n".join(extract(pdf_drawing_one_form(draws=3, lines=20), "few.pdf").blocks[i].text
                     for i in range(1))
    assert "w0" in text
