"""A site's listing page: one catalogue entry per tile, never a document of a tag."""
from __future__ import annotations

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.pipeline import ingest_bytes
from indexer.ingest.vocabulary import load_vocabulary

MENU = """<header><nav class="menu"><ul><li><a href="/topics/trade">Trade and Economics</a></li>
<li><a href="/programs/asia-program">Asia Program</a></li></ul></nav></header>"""
KINDS = ["Article", "Podcast", "Event", "Report", "Video"]
TAGS = [["Migration", "Border"], ["Trade"], ["Energy", "Security"], ["Water"], ["Health"]]
TITLES = ["Remittances Reach a Record", "The Future of USMCA", "Pemex After the Reform",
          "Sharing the Rio Grande", "Vaccines Across the Border"]


def tile(n: int) -> str:
    tags = "".join(f'<a class="tag" href="/topics/{t.lower()}">{t}</a>' for t in TAGS[n % 5])
    program = "Asia Program" if n % 5 == 4 else "Mexico Institute"
    return f"""<div class="teaser-card"><span class="kind-label"><i class="icon-{KINDS[n % 5].lower()}"
aria-label="{KINDS[n % 5]}"></i></span><h3><a href="/article/item-{n}">{TITLES[n % 5]} ({n})</a></h3>
<div class="tags">{tags}</div><a class="program" href="/program/{program.lower().replace(' ', '-')}">{program}</a>
</div>"""


def listing(count: int) -> bytes:
    tiles = "".join(tile(n) for n in range(count))
    return f"""<html lang="en"><head><title>Publications | Wilson Center</title>
<link rel="canonical" href="https://www.example.org/publications"></head><body>{MENU}
<main><h1>Publications</h1><div class="grid">{tiles}</div><nav class="pager"><a href="?page=2">
Next page</a></nav></main><footer>Newsletter</footer></body></html>""".encode()


def ingest(data: bytes):
    return ingest_bytes(data, "listing.html", load_vocabulary(DEFAULT_TOPICS_FILE), 25_000_000)


def test_each_tile_is_one_catalogue_entry_with_its_link_kind_program_and_topics():
    docs = ingest(listing(40))
    assert len(docs) == 40
    assert all(d.catalogue_entry and d.text == "" for d in docs)
    first, podcast, last = docs[0], docs[1], docs[39]
    assert (first.title, first.source_url) == ("Remittances Reach a Record (0)",
                                               "https://www.example.org/article/item-0")
    assert (first.type, first.program) == ("article", "Mexico Institute")
    assert set(first.topic_names) == {"migration", "border"}
    assert first.topics[0].evidence == ["tag: Migration"]
    assert podcast.type == "podcast" and podcast.topic_names == ["trade"]
    assert last.program == "Asia Program" and last.type == "video"


def test_no_document_is_made_of_a_tag_a_program_or_a_menu_entry():
    titles = {d.title for d in ingest(listing(12))}
    assert not titles & {"Migration", "Border", "Trade", "Asia Program", "Mexico Institute",
                         "Trade and Economics", "Next page", "Publications"}


def test_an_article_with_a_strip_of_three_cards_is_still_one_article():
    body = "<p>" + "Mexico and the United States trade more than ever before. " * 40 + "</p>"
    cards = "".join(tile(n) for n in range(3))
    page = f"""<html><body><main><article><h1>Trade at a Record</h1>{body}
<div class="more">{cards}</div></article></main></body></html>""".encode()
    [doc] = ingest(page)
    assert doc.title == "Trade at a Record" and not doc.catalogue_entry
