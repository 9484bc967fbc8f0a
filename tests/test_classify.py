"""Classification: content type and topics, each with its evidence; nothing forced."""
from indexer.ingest.classify import classify_type, tag_topics
from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.vocabulary import load_vocabulary, parse_vocabulary

VOCABULARY = load_vocabulary(DEFAULT_TOPICS_FILE)


def test_vocabulary_has_the_required_topics_with_spanish_terms():
    for slug in ("trade", "security", "migration", "border", "energy", "economy",
                 "rule-of-law", "politics", "diplomacy", "environment", "health"):
        topic = VOCABULARY.get(slug)
        assert topic is not None and topic.terms and topic.terms_es


def test_type_cues_and_their_evidence():
    assert classify_type("Part 4", "Eric Olson is the guest in this episode.")[0] == "podcast"
    kind, evidence = classify_type("Military Cooperation", "This event will bring together ...")
    assert kind == "event"
    assert 'text: "This event"' in evidence
    assert classify_type("A note", "Some thoughts on trade.") == \
        ("article", ["no cue for another type"])


def test_topics_with_evidence_and_scores():
    tags = tag_topics("Remittances and migration",
                      "Migrants send remittances home; asylum claims rose at the border.",
                      VOCABULARY)
    migration = tags[0]
    assert migration.topic == "migration"
    # "Migrants" and "migration" are different stems; each term counts its own hits.
    assert migration.evidence == ["remittances ×2", "migration", "migrant", "asylum"]
    assert migration.score == 3 + 3 + 1 + 1 + 1  # two title hits, three text hits
    assert [t.topic for t in tags] == ["migration"]  # one mention of "border" is not enough


def test_an_off_topic_piece_gets_no_topic():
    assert tag_topics("Russia is a Fortress", "A post about winter in Moscow.", VOCABULARY) == []


def test_a_librarian_edited_vocabulary_is_used_as_written():
    vocabulary = parse_vocabulary('[water]\nlabel = "Water"\nterms = ["aquifer", "Rio Grande"]\n'
                                  'threshold = 1\n')
    [tag] = tag_topics("Notes", "The Rio Grande is low.", vocabulary)
    assert (tag.topic, tag.evidence) == ("water", ["Rio Grande"])


ENERGY = ("Mexico's energy reform opened oil and gas production to private investment, and "
          "electricity generation followed as the grid took power from new plants. ")
FILLER = ("The authors compare the institutional arrangements of both countries over two "
          "decades, using interviews, official figures and the record of negotiations. ")


def test_a_long_paper_is_tagged_with_what_it_is_about_not_with_every_passing_mention():
    # A 36-page paper: energy throughout; health twice, universities and border once each,
    # deep in the text, where a raw count once tagged 9 of 12 topics.
    middle = [FILLER] * 400 + [ENERGY] * 60
    middle[100] += "Health ministries were consulted on the hospital grid."
    middle[250] += "Universities trained the engineers. The border grid connects two states."
    tags = tag_topics("Energy Reform and the Power Grid", ENERGY * 3 + "".join(middle),
                      VOCABULARY)
    # Energy leads; economy is real too (private investment in every energy paragraph).
    assert [t.topic for t in tags] == ["energy", "economy"]
    assert "oil ×63" in tags[0].evidence


def test_the_same_mentions_in_a_short_piece_still_count():
    tags = tag_topics("Notes", "Health ministries were consulted on the hospital grid. "
                      "Public health agencies disagreed.", VOCABULARY)
    assert [t.topic for t in tags] == ["health"]
