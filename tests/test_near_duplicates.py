"""Near-duplicates at upload on a small judged set: the same paper as it comes back
from other sources (a PDF's extraction, a web page with its chrome, a revised
edition), and papers on the same subject that are not it.

Candidates by the documents' vectors (search by meaning) were tried beside the
rarest words' and found nothing more here: a copy shares its rarest words with the
original, and a text that shares neither fails the shingle overlap anyway."""
from __future__ import annotations

import pytest

from indexer.search.similar import near_duplicates
from indexer.store.archive import Archive
from tests.fixtures import DOCS, doc_id

TEXT = {d["title"]: d["text"] for d in DOCS}
REMITTANCES = "Remittances and Household Income in Michoacan"
MERIDA = "Merida Initiative: Ten Years of Security Cooperation"
NEARSHORING = "Nearshoring and North American Supply Chains"

# (new text, the stored document it duplicates, or None)
CASES = [
    # a PDF's text: running head and page number around the same words
    (f"Wilson Center Mexico Institute 3\n{TEXT[REMITTANCES]}\nPolicy Brief | 2016", REMITTANCES),
    # a web page: menus and footer around it
    (f"Home About Programs Events Donate\n{TEXT[MERIDA]}\nSubscribe to our newsletter. "
     "Privacy policy. Contact us.", MERIDA),
    # a revised edition: one sentence added
    (TEXT[NEARSHORING] + " Mexico became the largest trading partner of the United States.",
     NEARSHORING),
    # the same subjects, other papers: not duplicates
    ("Migrants in the United States sent record remittances home in 2021, and families "
     "in Oaxaca spent them on schooling.", None),
    ("Security cooperation between the United States and Mexico turned to public health "
     "and fentanyl under the new framework.", None),
]


def found(archive, text) -> set[str]:
    return {d["id"] for d in near_duplicates(archive, text)}


@pytest.mark.parametrize("text, duplicate", CASES)
def test_the_same_paper_is_found_and_another_on_its_subject_is_not(
        archive_settings, text, duplicate):
    archive = Archive(archive_settings)
    expected = {doc_id(duplicate)} if duplicate else set()
    assert found(archive, text) == expected
