"""Site pages as real think-tank sites build them: the article's header decides, the
menus' event dates, related strips and footers never do."""
from __future__ import annotations

import json

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.pipeline import ingest_bytes
from indexer.ingest.vocabulary import load_vocabulary

MENU = """<header class="site-header"><nav class="main-menu"><ul>
<li><a href="/events">Upcoming events</a><ul>
 <li><time datetime="2024-11-12">Nov 12, 2024</time> <a href="/event/a">Energy Summit</a>
   with <a href="/person/john-roe">John Roe</a></li>
 <li><span class="date">Dec 3, 2024</span> <a href="/event/b">Trade Day</a></li></ul></li>
<li><a href="/programs/mexico-institute">Mexico Institute</a></li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> / <a href="/publications">Publications</a></div>"""
FOOTER = """<aside class="related-content"><h3>Related</h3><article><time>Jan 5, 2010</time>
<a href="/article/other">Another piece entirely</a></article></aside>
<footer><p>One Woodrow Wilson Plaza, 1300 Pennsylvania Ave NW, Washington, DC 20004</p>
<form class="newsletter"><input name="email"> Sign up</form></footer>"""
BODY = "<p>Remittances from the United States to Mexico reached a record in 2015, " \
       "and families in Michoacán and Jalisco depend on them.</p>" * 3


def ingest(html: str):
    return ingest_bytes(html.encode(), "page.html", load_vocabulary(DEFAULT_TOPICS_FILE),
                        25_000_000)


def test_drupal_page_date_and_authors_come_from_the_article_header():
    page = f"""<html lang="en"><head><title>Remittances at a Record | Wilson Center</title>
</head><body>{MENU}<main><article><header class="article-header">
<a class="eyebrow" href="/program/mexico-institute">Mexico Institute</a>
<h1>Remittances at a Record</h1>
<div class="article-byline">By <a href="/person/ana-perez">Ana Pérez</a> and
<a href="/person/luis-gomez">Luis Gómez</a></div>
<span class="date">Jun 2, 2016</span></header>{BODY}</article>{FOOTER}</main></body></html>"""
    [doc] = ingest(page)
    assert doc.title == "Remittances at a Record"
    assert doc.date == "2016-06-02"                  # not the menu's Nov 12, 2024
    assert doc.authors == ["Ana Pérez", "Luis Gómez"]  # not the menu's John Roe
    assert doc.program == "Mexico Institute"


def test_wordpress_page_reads_rel_author_and_the_entry_time():
    page = f"""<html><head><title>Border Wait Times – Baker Institute</title></head><body>
{MENU}<div id="content"><article class="post"><header class="entry-header">
<h1 class="entry-title">Border Wait Times and Trade</h1><div class="entry-meta">
<time class="entry-date" datetime="2017-09-22T08:00:00-05:00">Sep 22, 2017</time>
<span class="author vcard"><a rel="author" href="/?author=3">María Ruiz</a></span></div>
</header><div class="entry-content">{BODY}</div></article></div>{FOOTER}</body></html>"""
    [doc] = ingest(page)
    assert (doc.title, doc.date, doc.authors) == ("Border Wait Times and Trade", "2017-09-22",
                                                  ["María Ruiz"])


def test_json_ld_comes_first_and_names_the_kind():
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Institute"},
        {"@type": "Event", "name": "The Future of USMCA", "startDate": "2019-03-14T10:00",
         "performer": [{"@type": "Person", "name": "Eric Olson"},
                       {"@type": "Organization", "name": "Wilson Center"}]}]}
    page = f"""<html><head><script type="application/ld+json">{json.dumps(data)}</script>
<script type="application/ld+json">{{ broken json </script></head><body>{MENU}
<main><h1>The Future of USMCA</h1><p>Join us for a discussion.</p>{BODY}</main>{FOOTER}
</body></html>"""
    [doc] = ingest(page)
    assert (doc.title, doc.date, doc.type, doc.authors) == (
        "The Future of USMCA", "2019-03-14", "event", ["Eric Olson"])


def test_spanish_page_with_a_dated_byline():
    page = f"""<html lang="es"><head><title>Remesas en pandemia</title></head><body>{MENU}
<main><article><h1>Remesas en pandemia</h1><p class="byline">Por
<a href="/expertos/ana-perez">Ana Pérez</a></p><p class="fecha">2 de junio de 2016</p>
<p>Las remesas enviadas desde Estados Unidos a México crecieron durante la pandemia.</p>
</article></main>{FOOTER}</body></html>"""
    [doc] = ingest(page)
    assert (doc.date, doc.authors, doc.language) == ("2016-06-02", ["Ana Pérez"], "es")


def test_abbreviated_months_as_the_institute_writes_them():
    from indexer.ingest.metadata import parse_date
    assert [parse_date(v) for v in ["Jun 2, 2016", "Sep 22, 2017", "Jul 30, 2014",
                                    "Sept. 5, 2018", "Dec. 1, 2020", "2 ago. 2016",
                                    "junio de 2016", "2016-06-02T10:00:00-05:00"]] == [
        "2016-06-02", "2017-09-22", "2014-07-30", "2018-09-05", "2020-12-01", "2016-08-02",
        "2016-06", "2016-06-02"]
    assert parse_date("Marching 2019") is None and parse_date("a set of 2019 rules") is None
