"""Listing pages: a grid of tiles or cards, each a catalogue entry (title link, kind, tags).

Around them, what real listings carry: a filter sidebar with every topic and program
and their counts, a pager, the menus with upcoming events, the footer.
"""
from __future__ import annotations

import re
import unicodedata
from html import escape

from tests.ingest_makers.sites import WILSON_EVENTS

# (title, kind, program, tags, date) of the institute's "Insight & Analysis" page.
WILSON_TILES = [
    ("The USMCA at One: What Has Changed for Autos", "Article", "Mexico Institute", ["Trade"], "Jul 1, 2021"),
    ("Wilson Center NOW: Mexico's Midterm Elections", "Podcast", "Mexico Institute", ["Politics"], "Jun 8, 2021"),
    ("Migrant Flows Through Mexico in 2021", "Infographic", "Mexico Institute", ["Migration"], "May 27, 2021"),
    ("Cooperation Against Arms Trafficking", "Policy Brief", "Mexico Institute", ["Security", "Border"], "May 12, 2021"),
    ("Mexico's Electricity Law Before the Supreme Court", "Article", "Mexico Institute", ["Energy"], "Apr 29, 2021"),
    ("Vaccines, Borders and Reopening", "Video", "Mexico Institute", ["Health", "Border"], "Apr 15, 2021"),
    ("Testimony on Remittances and Financial Inclusion", "Testimony", "Latin American Program", ["Migration", "Economy"], "Mar 30, 2021"),
    ("Central America's Northern Triangle: A Strategy", "Report", "Latin American Program", ["Migration", "Security"], "Mar 18, 2021"),
    ("Judicial Independence in Latin America", "Event", "Latin American Program", ["Rule of Law"], "Mar 4, 2021"),
    ("The Climate Agenda in North America", "Article", "Environmental Change and Security Program", ["Environment"], "Feb 25, 2021"),
    ("Nearshoring After the Pandemic", "Article", "Mexico Institute", ["Trade", "Economy"], "Feb 11, 2021"),
    ("Mexico's Security Strategy Two Years In", "Report", "Mexico Institute", ["Security"], "Jan 28, 2021"),
    ("U.S. Ambassadors and the Bilateral Agenda", "Podcast", "Mexico Institute", ["Diplomacy"], "Jan 14, 2021"),
    ("Water at the Border: The 1944 Treaty Dispute", "Article", "Mexico Institute", ["Environment", "Border"], "Dec 17, 2020"),
    ("Student Mobility Between Mexico and the United States", "Report", "Mexico Institute", ["Education"], "Dec 3, 2020"),
    ("Fentanyl Seizures at the Border", "Infographic", "Mexico Institute", ["Security", "Health"], "Nov 19, 2020"),
    ("The 2020 U.S. Election and Mexico", "Event", "Mexico Institute", ["Politics", "Diplomacy"], "Nov 5, 2020"),
    ("Pemex's Debt and the Federal Budget", "Article", "Mexico Institute", ["Energy", "Economy"], "Oct 22, 2020"),
    ("Asylum Under the Migrant Protection Protocols", "Policy Brief", "Latin American Program", ["Migration"], "Oct 8, 2020"),
    ("Corruption Cases After the Odebrecht Scandal", "Article", "Latin American Program", ["Rule of Law"], "Sep 24, 2020"),
    ("Supply Chains and COVID-19", "Video", "Mexico Institute", ["Trade", "Health"], "Sep 10, 2020"),
    ("The Border Economy in Lockdown", "Report", "Mexico Institute", ["Border", "Economy"], "Aug 27, 2020"),
    ("Canada, Mexico and the New Trade Agreement", "Event", "Canada Institute", ["Trade"], "Aug 13, 2020"),
    ("Renewables Auctions on Hold", "Article", "Mexico Institute", ["Energy"], "Jul 30, 2020"),
    ("Homicides in Mexico's Cities", "Infographic", "Mexico Institute", ["Security"], "Jul 16, 2020"),
    ("Remittances Hold Up in the Pandemic", "Article", "Mexico Institute", ["Migration", "Economy"], "Jul 2, 2020"),
    ("Wilson Center NOW: Mexico's Health System", "Podcast", "Mexico Institute", ["Health"], "Jun 18, 2020"),
    ("Rule of Law and the National Guard", "Policy Brief", "Mexico Institute", ["Rule of Law", "Security"], "Jun 4, 2020"),
    ("Border Wait Times in 2019", "Report", "Mexico Institute", ["Border", "Trade"], "May 21, 2020"),
    ("Diplomacy in a Pandemic", "Article", "Latin American Program", ["Diplomacy", "Health"], "May 7, 2020"),
    ("Mexico's Oil Production Targets", "Article", "Mexico Institute", ["Energy"], "Apr 23, 2020"),
    ("Workforce Development in the Bajío", "Report", "Mexico Institute", ["Education", "Economy"], "Apr 9, 2020"),
    ("The Politics of the Tren Maya", "Article", "Mexico Institute", ["Politics", "Environment"], "Mar 26, 2020"),
    ("Testimony on Security Assistance to Mexico", "Testimony", "Mexico Institute", ["Security", "Diplomacy"], "Mar 12, 2020"),
    ("Migrant Shelters on the Northern Border", "Video", "Mexico Institute", ["Migration", "Border"], "Feb 27, 2020"),
    ("The Economy of Mexico in 2020", "Event", "Mexico Institute", ["Economy"], "Feb 13, 2020"),
    ("Trade in Agricultural Goods Under USMCA", "Article", "Mexico Institute", ["Trade"], "Jan 30, 2020"),
    ("Mexico and the United States: Building Prosperity", "Book", "Mexico Institute", ["Economy", "Diplomacy"], "Jan 16, 2020"),
    ("Drought in Northern Mexico", "Infographic", "Environmental Change and Security Program", ["Environment"], "Jan 2, 2020"),
    ("Anti-Corruption Reform at the State Level", "Policy Brief", "Mexico Institute", ["Rule of Law"], "Dec 19, 2019"),
]
FILTER_TOPICS = ["Trade", "Security", "Migration", "Border", "Energy", "Economy", "Rule of Law",
                 "Politics", "Diplomacy", "Environment", "Health", "Education"]


def slug(title: str) -> str:
    title = re.sub(r"['’]", "", title)     # WordPress and Drupal drop apostrophes: mexicos-...
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _tile(title: str, kind: str, program: str, tags: list[str], date: str) -> str:
    tag_links = "".join(f'<li><a href="/topic/{slug(t)}">{escape(t)}</a></li>' for t in tags)
    return f"""<div class="teaser teaser--{slug(kind)}">
<div class="teaser-type"><i class="icon icon-{slug(kind)}" aria-hidden="true"></i><span>{escape(kind)}</span></div>
<h3 class="teaser-title"><a href="/{slug(kind)}/{slug(title)}">{escape(title)}</a></h3>
<div class="teaser-program"><a href="/program/{slug(program)}">{escape(program)}</a></div>
<ul class="teaser-tags">{tag_links}</ul>
<div class="teaser-date">{date}</div>
</div>"""


def wilson_listing() -> str:
    events = "".join(f'<div class="event-teaser"><a href="/event/{slug(t)}">{escape(t)}</a>'
                     f'<span class="event-teaser-date">{d}</span></div>' for t, d in WILSON_EVENTS["en"])
    counts = "".join(f'<li><a href="?topic={slug(t)}">{t}</a> <span class="count">({40 + 7 * i})</span></li>'
                     for i, t in enumerate(FILTER_TOPICS))
    tiles = "\n".join(_tile(*tile) for tile in WILSON_TILES)
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8" /><title>Insight &amp; Analysis | Wilson Center</title>
<link rel="canonical" href="https://www.wilsoncenter.org/insight-analysis" /></head>
<body class="path-insight-analysis">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="site-header-wrapper"><div class="site-logo"><a href="/">Wilson Center</a></div>
<div class="mega-menu"><ul class="menu--main"><li><a href="/insight-analysis">Insight &amp; Analysis</a></li>
<li><a href="/events">Events</a><div class="mega-menu-events"><h4>Upcoming Events</h4>{events}</div></li>
<li><a href="/programs">Programs</a></li></ul></div></div>
<main role="main" id="main-content">
<h1 class="page-title">Insight &amp; Analysis</h1>
<div class="listing-layout">
<div class="listing-filters"><h2>Filter</h2>
<h3>Topics</h3><ul>{counts}</ul>
<h3>Programs</h3><ul><li><a href="?program=mexico-institute">Mexico Institute</a> (812)</li>
<li><a href="?program=latin-american-program">Latin American Program</a> (604)</li>
<li><a href="?program=canada-institute">Canada Institute</a> (233)</li></ul>
<h3>Type</h3><ul><li>Article</li><li>Podcast</li><li>Report</li><li>Event</li><li>Video</li></ul></div>
<div class="listing-results"><div class="results-count">Showing 1 - 40 of 1,298 results</div>
{tiles}
</div></div>
<nav class="pager"><ul><li class="pager__item is-active">1</li><li><a href="?page=1">2</a></li>
<li><a href="?page=2">3</a></li><li><a href="?page=32">Last »</a></li></ul></nav>
</main>
<div class="site-footer"><div class="footer-address">One Woodrow Wilson Plaza<br>1300 Pennsylvania Avenue NW<br>Washington, DC 20004-3027</div>
<div class="footer-newsletter"><h3>Stay up to date</h3><form><input type="email" name="email"><button>Subscribe</button></form></div></div>
</body></html>
"""


# (title, kind, author, date, excerpt, topic tags) of a WordPress search-results page.
HARTWELL_CARDS = [
    ("How Many Jobs Depend on Trade with Mexico?", "Blog", "Karen Liu", "August 3, 2017",
     "About five million American jobs depend on trade with Mexico.", ["Trade", "Jobs"]),
    ("The Hidden Costs of Border Delays", "Report", "Sofía Navarro", "June 12, 2017",
     "Every hour a truck waits at the border adds to the cost of goods.", ["Border", "Trade"]),
    ("What Canada Wants from a New NAFTA", "Blog", "Karen Liu", "September 1, 2017",
     "Ottawa's priorities are dispute settlement and supply management.", ["Trade"]),
    ("Mexico's Presidential Race Tightens", "Blog", "Ricardo Fuentes", "March 2, 2018",
     "Three candidates, one frontrunner and a divided electorate.", ["Elections"]),
    ("The Opioid Epidemic Crosses the Border", "Podcast", "Adam Feld", "October 19, 2017",
     "Fentanyl, heroin and the public health response.", ["Health", "Security"]),
    ("Testimony on Central American Migration", "Testimony", "Michael Grant", "April 11, 2018",
     "Statement before the House Judiciary Committee.", ["Immigration"]),
    ("Pemex and the Politics of Oil", "Report", "Elena Duarte", "January 22, 2018",
     "The state oil company's finances after the reform.", ["Energy"]),
    ("Asylum Seekers in Ciudad Juárez", "Video", "Sofía Navarro", "February 8, 2019",
     "A visit to the shelters on the other side of El Paso.", ["Immigration", "Border"]),
    ("Remittances and Economic Growth", "Blog", "Paula Ríos", "May 14, 2018",
     "Do remittances raise growth in the towns that receive them?", ["Economy", "Immigration"]),
    ("The Rule of Law in Honduras", "Report", "Elena Duarte", "July 9, 2018",
     "Courts, prosecutors and the end of the MACCIH.", ["Corruption"]),
    ("U.S.-Mexico Relations After the Election", "Event", "", "December 5, 2018",
     "A conversation with former ambassadors.", ["Diplomacy"]),
    ("Water, Climate and the Colorado River", "Blog", "James Whitaker", "August 28, 2018",
     "The river's deltas and the 2017 binational agreement.", ["Environment"]),
]


def _card(i: int, title: str, kind: str, author: str, date: str, excerpt: str, tags: list[str]) -> str:
    by = (f'<span class="card-author">By <a href="/experts/{slug(author)}/">{escape(author)}</a></span>'
          if author else "")
    tag_links = " ".join(f'<a class="card-tag" href="/topic/{slug(t)}/" rel="tag">{escape(t)}</a>' for t in tags)
    return f"""<article class="search-result card post-{1000 + i}">
<div class="card-label">{escape(kind)}</div>
<h2 class="card-title"><a href="https://www.hartwell.edu/research/{slug(title)}/">{escape(title)}</a></h2>
<div class="card-meta">{by} <time datetime="">{date}</time></div>
<p class="card-excerpt">{escape(excerpt)}</p>
<div class="card-tags">{tag_links}</div>
</article>"""


def hartwell_listing() -> str:
    cards = "\n".join(_card(i, *card) for i, card in enumerate(HARTWELL_CARDS))
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>Search results for “Mexico” | Hartwell Institution</title>
<meta name="robots" content="noindex, follow"></head>
<body class="search search-results">
<header id="masthead" class="site-header"><div class="site-branding"><a href="/">Hartwell Institution</a></div>
<nav class="main-navigation"><ul><li><a href="/research/">Research</a></li><li><a href="/events/">Events</a>
<ul class="sub-menu"><li><a href="/events/nafta-at-a-crossroads/">October 4, 2017 &mdash; NAFTA at a Crossroads</a></li></ul></li></ul></nav></header>
<div id="content" class="site-content"><main id="main" class="site-main">
<header class="page-header"><h1 class="page-title">Search Results for: Mexico</h1><p>1,024 results</p></header>
<div class="search-filters"><span>Filter by type:</span> <a href="?type=report">Report</a> <a href="?type=blog">Blog</a> <a href="?type=podcast">Podcast</a></div>
{cards}
<nav class="navigation pagination"><a class="page-numbers current">1</a> <a class="page-numbers" href="/page/2/?s=Mexico">2</a> <a class="next page-numbers" href="/page/2/?s=Mexico">Next</a></nav>
</main></div>
<footer id="colophon" class="site-footer"><p>1210 Connecticut Avenue NW, Washington, DC 20036</p>
<form class="mc4wp-form"><input type="email" name="EMAIL"><input type="submit" value="Sign up"></form></footer>
</body></html>
"""


# (title, type label, centre, date, topics) of the research centre's Spanish listing.
GULF_ITEMS = [
    ("El gas natural de Texas y la electricidad en México", "Nota informativa", "Centro de Estudios de Energía", "5 de sept. de 2018", ["Energía"]),
    ("La frontera después del TLCAN", "Informe", "Centro para Estados Unidos y México", "30 de nov. de 2017", ["Frontera", "Comercio"]),
    ("Migración y mercado laboral en Houston", "Informe", "Centro para Estados Unidos y México", "14 de ago. de 2018", ["Migración"]),
    ("Seguridad pública en Tamaulipas", "Artículo", "Centro para Estados Unidos y México", "2 de jul. de 2018", ["Seguridad"]),
    ("El precio de la gasolina tras la liberalización", "Nota informativa", "Centro de Estudios de Energía", "2 de ago. de 2018", ["Energía", "Economía"]),
    ("Agua y agricultura en el Valle del Río Bravo", "Informe", "Centro para Estados Unidos y México", "9 de may. de 2018", ["Medio ambiente"]),
    ("La corrupción en los gobiernos estatales", "Artículo", "Centro para Estados Unidos y México", "21 de mar. de 2018", ["Estado de derecho"]),
    ("Foro sobre el futuro de Pemex", "Evento", "Centro de Estudios de Energía", "4 de dic. de 2018", ["Energía", "Política"]),
]


def gulf_listing() -> str:
    rows = "\n".join(
        f"""<div class="research-item"><div class="research-item-top"><a class="center-tag" href="/es/centros/{slug(c)}">{escape(c)}</a>
<span class="research-type">{escape(k)}</span></div>
<h3><a href="/es/investigacion/{slug(t)}">{escape(t)}</a></h3>
<div class="research-date">{d}</div>
<div class="research-topics">{" · ".join(f'<a href="/es/temas/{slug(x)}">{escape(x)}</a>' for x in tags)}</div></div>"""
        for t, k, c, d, tags in GULF_ITEMS)
    return f"""<!DOCTYPE html>
<html lang="es"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Investigación - Gulf Institute for Public Policy</title>
<link rel="canonical" href="https://www.gulfinstitute.org/es/investigacion"></head>
<body class="research-list-page">
<div class="ticker"><span class="ticker-label">Próximamente:</span> <a href="/events/energy-summit-2018">Sept. 12, 2018 | Cumbre de Energía de Houston</a></div>
<div class="navbar"><a class="navbar-brand" href="/">Gulf Institute</a><ul class="nav"><li><a href="/es/investigacion">Investigación</a></li><li><a href="/es/centros">Centros</a></li></ul></div>
<div class="container"><h1>Investigación</h1>
<div class="filters"><select name="centro"><option>Todos los centros</option><option>Centro de Estudios de Energía</option></select></div>
{rows}
<div class="pagination">Página 1 de 14 <a href="?page=2">Siguiente</a></div></div>
<div class="footer"><p>2400 Fannin Street, Suite 500, Houston, Texas 77002</p><p>Suscríbase a nuestro boletín</p></div>
</body></html>
"""


LISTINGS = {"wilson-listing-insight-analysis.html": wilson_listing,
            "hartwell-listing-search-mexico.html": hartwell_listing,
            "gulf-es-listing-investigacion.html": gulf_listing}
