"""Ingest gets the institute's real kinds of file right, measured field by field (issue 21).

tests/data/ingest holds pages of three kinds of think-tank site, PDFs with real covers
and junk document information, Word and RTF files, text dumps and listings; expected.toml
says what a careful librarian records for each. FLOOR is today's accuracy minus a little:
raise it as ingest improves (the issue's target is 95%).
"""
import html
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.ingest_accuracy import EXPECTED_FILE, FIXTURES, load_expected, measure, summary
from tests.ingest_makers.listings import slug

ROOT = Path(__file__).resolve().parent.parent
FLOOR = 0.95        # issue 21's target; reached 95.0% (363 of 382), was 43.7% when the set was added
TEXT_KINDS = (".html", ".txt", ".rtf")


@pytest.fixture(scope="module")
def report():
    return measure(FIXTURES)


@pytest.fixture(scope="module")
def expected():
    return load_expected(FIXTURES)


def test_ingest_accuracy_is_at_least_the_floor(report):
    assert report.overall >= FLOOR, summary(report)


def test_every_file_of_the_folder_is_described_once(expected):
    names = [entry["name"] for entry in expected]
    on_disk = {p.name for p in FIXTURES.iterdir() if p.name != EXPECTED_FILE}
    assert len(names) == len(set(names))
    assert set(names) == on_disk


def test_the_set_has_the_shapes_the_issue_names(expected):
    kinds = Counter(Path(entry["name"]).suffix for entry in expected)
    assert len(expected) >= 44
    assert kinds[".pdf"] >= 8 and kinds[".docx"] >= 2 and kinds[".rtf"] >= 2
    assert kinds[".txt"] >= 6 and kinds[".html"] >= 23
    sites = {entry["name"].split("-")[0] for entry in expected if entry["name"].endswith(".html")}
    assert {"wilson", "hartwell", "gulf"} <= sites
    spanish = [e for e in expected if e["name"].endswith(".html") and "-es-" in e["name"]
               and e["count"] == 1]
    assert len(spanish) >= 6
    listings = [e for e in expected if e["name"].endswith(".html") and e["count"] > 1]
    assert len(listings) >= 3 and max(e["count"] for e in listings) >= 40


def test_expected_fields_use_the_projects_types_and_topics(expected):
    from indexer.core.config import DEFAULT_TOPICS_FILE
    from indexer.engine.schema import CONTENT_TYPES
    from indexer.ingest.vocabulary import load_vocabulary

    slugs = set(load_vocabulary(DEFAULT_TOPICS_FILE).slugs)
    for entry in expected:
        for doc in entry.get("docs", []):
            assert doc.get("type", "article") in CONTENT_TYPES, (entry["name"], doc)
            assert set(doc.get("topics", [])) <= slugs, (entry["name"], doc)
            assert len(doc.get("topics", [])) <= 4, "a handful at most"
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", doc.get("date", "2000")), doc


def test_expected_titles_and_links_are_on_their_pages(expected):
    """A typo in expected.toml would score a right answer wrong: each title is in its file."""
    for entry in (e for e in expected if e["name"].endswith(TEXT_KINDS)):
        text = html.unescape((FIXTURES / entry["name"]).read_text(encoding="utf-8"))
        text = re.sub(r"\\'([0-9a-f]{2})", lambda m: bytes.fromhex(m[1]).decode("cp1252"), text)
        for doc in entry.get("docs", []):
            assert doc["title"] in text, (entry["name"], doc["title"])
            if "source_url" in doc:
                assert urlparse(doc["source_url"]).path in text, doc["source_url"]
                assert slug(doc["title"]) in doc["source_url"]


def test_the_seeds_are_not_in_the_set(expected):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert seeds, "the seed dumps are shipped"
    fixtures = {p.read_bytes() for p in FIXTURES.iterdir()}
    seed_titles = set(re.findall(r'"([^"]+)":\s*\n?\s*\(', (ROOT / "tests" / "test_seeds.py")
                                 .read_text(encoding="utf-8")))
    assert seed_titles, "test_seeds lists the seed items by title"
    for seed in seeds:
        assert seed.read_bytes() not in fixtures
        assert seed.name not in {entry["name"] for entry in expected}
    titles = {doc["title"] for entry in expected for doc in entry.get("docs", [])}
    assert not titles & seed_titles


def test_a_file_that_raises_scores_every_field_wrong(tmp_path):
    (tmp_path / "scan.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "note.txt").write_text("Short Note on Trade\n\nMarch 14, 2019\n\n"
                                       "Trade and tariffs and exports between the two economies grew.\n")
    (tmp_path / EXPECTED_FILE).write_text(
        '[[file]]\nname = "scan.html"\ncount = 1\n[[file.docs]]\ntitle = "A Scan"\n'
        'topics = ["trade"]\n\n'
        '[[file]]\nname = "note.txt"\ncount = 1\n[[file.docs]]\ntitle = "Short Note on Trade"\n'
        'date = "2019-03-14"\n', encoding="utf-8")
    result = measure(tmp_path)
    assert set(result.errors) == {"scan.html"}
    assert result.scored == Counter(count=2, title=2, topics=1, date=1)
    wrong_of_scan = [m for m in result.misses if m.file == "scan.html"]
    assert {m.field for m in wrong_of_scan} == {"count", "title", "topics"}
    assert all(m.got is None for m in wrong_of_scan)
    assert result.topic_counts["fn"] == 1


def test_the_report_prints_a_table_and_the_misses(report):
    text = summary(report)
    assert "overall" in text and "topics: precision" in text
    assert len(report.misses) == sum(report.scored.values()) - sum(report.right.values())
