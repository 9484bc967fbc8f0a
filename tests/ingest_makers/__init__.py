"""Writers of the ingest fixture set (tests/data/ingest): `python -m tests.ingest_makers`.

The files they write are committed; the expected fields of each are written by hand in
tests/data/ingest/expected.toml. HTML pages are wrapped in the chrome of three kinds of
think-tank sites (sites.py); PDFs and Word files are built with fpdf2 and python-docx.
Plain-text dumps and RTF files are written by hand and live only in the folder.
"""
