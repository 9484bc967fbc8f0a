"""A text dump of one article is one document; a listing is split only into real items."""
from __future__ import annotations

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.pipeline import ingest_bytes
from indexer.ingest.vocabulary import load_vocabulary

PARAGRAPH = ("Mexico and the United States share a border of 3,145 kilometres, and trade "
             "across it reached a record last year as supply chains moved closer to home.")


def ingest(text: str):
    return ingest_bytes(text.encode(), "dump.txt", load_vocabulary(DEFAULT_TOPICS_FILE),
                        25_000_000)


def test_an_article_dump_with_date_and_byline_lines_is_one_document():
    text = (f"Nearshoring and the Border Economy\n\nMarch 14, 2019\n\nBy Ana Pérez\n\n"
            f"{PARAGRAPH}\n\nShort line on its own\n\n{PARAGRAPH}\n\nWhat Comes Next\n\n"
            f"{PARAGRAPH}\n")
    [doc] = ingest(text)
    assert doc.title == "Nearshoring and the Border Economy"
    assert (doc.date, doc.authors) == ("2019-03-14", ["Ana Pérez"])
    assert "What Comes Next" in doc.text and doc.text.count("supply chains") == 3


def test_spanish_dump_with_por_and_a_spanish_date():
    text = (f"Remesas y familias\n\n2 de junio de 2016\n\nPor Luis Gómez\n\n"
            "Las remesas enviadas desde Estados Unidos sostienen a millones de hogares en "
            "México y crecieron durante la pandemia.\n")
    [doc] = ingest(text)
    assert (doc.title, doc.date, doc.authors) == ("Remesas y familias", "2016-06-02",
                                                  ["Luis Gómez"])


def test_a_listing_dump_still_splits_into_its_items():
    items = [("Trade After the Pandemic", PARAGRAPH), ("Water in the Rio Grande Basin",
             "The 1944 treaty shares the river's water between the two countries."),
             ("Energy Reform Five Years On", "Private investment in oil and power grew."),
             ("Migration at a Forty-Year Low", "Fewer Mexicans cross the border today.")]
    text = "Border Economy\n\n" + "\n\n".join(f"{t}\n\n{body}" for t, body in items) + "\n"
    docs = ingest(text)
    assert [d.title for d in docs] == [t for t, _ in items]
