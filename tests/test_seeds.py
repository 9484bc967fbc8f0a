"""The seed page dumps come out of the indexer as clean, correctly typed documents.

Each seed item is listed with what it must be. The shipped corpus/ must hold exactly
these documents, and re-ingesting the seeds today must give the same metadata.
"""
import json
from pathlib import Path

import pytest

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.pipeline import ingest_bytes
from indexer.ingest.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# title -> (type, authors, topics (exact set), program, series)
EXPECTED = {
    "Leveraging the U.S.-Mexico Relationship to Strengthen Our Economies":
        ("brief", ["Christopher Wilson"], {"trade", "economy"}, "Mexico Institute",
         "Charting a New Course"),
    "Charting a New Course Part 3: U.S. – Mexico Security Relations":
        ("podcast", ["Eric Olson"], {"security"}, "Mexico Institute", "Charting a New Course"),
    "U.S. Ambassadors: Treat Mexico as a Strategic Partner":
        ("article", [], {"diplomacy", "trade", "security"}, None, None),
    "A New Migration Agenda Between the United States and Mexico":
        ("article", [], {"migration", "border"}, None, None),
    "What’s the Impact of President Trump’s Executive Order on the Mexico Border Wall?":
        ("video", ["Duncan Wood"], {"border", "politics"}, "Mexico Institute", None),
    "Russia is a Fortress, But Not a Refuge":
        ("article", [], set(), None, None),
    "8 Misguided Arguments on Refugees and Terrorism":
        ("article", [], {"migration", "security"}, None, None),
    "The Evolution of U.S.-Mexico Military Cooperation":
        ("event", [], {"security"}, None, None),
    "Mexico and the United States: Let's Build Prosperity and Security":
        ("article", [], {"politics", "security", "economy"}, None, None),
    "Managing the US-MX Border":
        ("infographic", [], {"border"}, None, None),
}
BOILERPLATE = ["Skip to main content", "Read More", "Read more", "About the Author",
               "please subscribe", "To receive an email", "The Mexico Institute seeks to",
               "Global Fellow, Mexico Institute", "\nSupport\n", "Advisory Board"]


@pytest.fixture(scope="module")
def seed_docs():
    vocabulary = load_vocabulary(DEFAULT_TOPICS_FILE)
    docs = []
    for path in SEEDS:
        docs += ingest_bytes(path.read_bytes(), path.name, vocabulary, 10_000_000)
    return {doc.title: doc for doc in docs}


def test_both_seed_files_are_shipped():
    assert len(SEEDS) == 2


def test_every_seed_item_becomes_one_document(seed_docs):
    assert set(seed_docs) == set(EXPECTED)


@pytest.mark.parametrize("title", sorted(EXPECTED))
def test_seed_item_metadata(seed_docs, title):
    doc = seed_docs[title]
    doc_type, authors, topics, program, series = EXPECTED[title]
    assert doc.type == doc_type
    assert doc.authors == authors
    assert set(doc.topic_names) == topics
    assert doc.program == program
    assert doc.series == series


@pytest.mark.parametrize("title", sorted(EXPECTED))
def test_no_boilerplate_left_in_any_body(seed_docs, title):
    doc = seed_docs[title]
    for phrase in BOILERPLATE:
        assert phrase not in doc.text, phrase
        assert phrase not in doc.summary, phrase


def test_topics_carry_their_evidence(seed_docs):
    brief = seed_docs["Leveraging the U.S.-Mexico Relationship to Strengthen Our Economies"]
    trade = next(t for t in brief.topics if t.topic == "trade")
    assert trade.source == "classifier"
    assert trade.score > 0
    assert any(e.startswith("NAFTA") for e in trade.evidence)


def test_brief_keeps_its_own_text_and_ends_before_the_author_box(seed_docs):
    brief = seed_docs["Leveraging the U.S.-Mexico Relationship to Strengthen Our Economies"]
    assert brief.text.startswith("Tied together by both an accident of geographic proximity")
    assert brief.text.endswith("published as a volume in the spring of 2017.")


def test_shipped_corpus_holds_exactly_the_seed_documents():
    records = [json.loads(p.read_text()) for p in (ROOT / "corpus" / "records").glob("*.json")]
    seeded = {r["title"]: r for r in records if r.get("original_name", "").endswith(".txt")}
    assert set(seeded) == set(EXPECTED)
    for title, record in seeded.items():
        doc_type, authors, topics, _, _ = EXPECTED[title]
        assert record["type"] == doc_type
        assert record["authors"] == authors
        assert {t["topic"] for t in record["topics"]} == topics
        assert (ROOT / "corpus" / record["original"]).exists()
