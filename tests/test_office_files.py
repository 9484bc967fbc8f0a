"""Word and RTF files are read like the others, one document each, with their own metadata."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.core.errors import UnreadableDocument, UnsupportedKind
from indexer.ingest.pipeline import ingest_bytes
from indexer.ingest.vocabulary import load_vocabulary

PARAGRAPH = ("Remittances sent from the United States to Mexico reached a record as migrant "
             "workers in construction and services sent more money home to their families.")


def ingest(data: bytes, name: str):
    return ingest_bytes(data, name, load_vocabulary(DEFAULT_TOPICS_FILE), 25_000_000)


def make_docx(title: str | None, lines: list[str], *, core_title="Document1",
              core_author="jsmith") -> bytes:
    document = docx.Document()
    document.core_properties.title = core_title
    document.core_properties.author = core_author
    if title:
        document.add_heading(title, level=0)
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_brief_gives_its_title_byline_date_and_text():
    data = make_docx("Remittances in Record Territory", ["By Ana Pérez", "June 2, 2021",
                     PARAGRAPH, "Policy Recommendations", PARAGRAPH])
    [doc] = ingest(data, "brief.docx")
    assert doc.title == "Remittances in Record Territory"
    assert (doc.authors, doc.date) == (["Ana Pérez"], "2021-06-02")
    assert doc.original_kind == "docx" and doc.text.count("Remittances sent") == 2
    assert "migration" in doc.topic_names


def test_word_core_properties_are_used_only_when_they_look_real():
    data = make_docx(None, [PARAGRAPH], core_title="Remittances and Migrant Workers",
                     core_author="Luis Gómez")
    [doc] = ingest(data, "notes.docx")
    assert (doc.title, doc.authors) == ("Remittances and Migrant Workers", ["Luis Gómez"])


def test_an_rtf_file_with_its_info_group():
    rtf = (r"{\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}{\info{\title Layout 1}{\author Administrator}"
           r"{\creatim\yr2018\mo3\dy9}}\f0\fs36 Water Along the Rio Grande\par"
           r"\fs24 By Mar\'eda Ruiz\par " + PARAGRAPH.replace("Remittances", "Water") + r"\par}")
    [doc] = ingest(rtf.encode(), "water.rtf")
    assert doc.title == "Water Along the Rio Grande"       # not the template's "Layout 1"
    assert (doc.authors, doc.date, doc.original_kind) == (["María Ruiz"], "2018-03-09", "rtf")


def test_other_zip_files_are_still_unsupported_and_a_broken_docx_is_unreadable():
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedKind):
        ingest(other.getvalue(), "sheet.xlsx")
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<not really word")
    with pytest.raises(UnreadableDocument, match="Word document could not be read"):
        ingest(broken.getvalue(), "broken.docx")
