"""The chrome of three kinds of think-tank site, around one page's own content.

- wilson: a Drupal site (the institute's own layout): a mega menu listing upcoming
  events with their dates, breadcrumbs, an eyebrow link to the program, author links to
  /person/ pages, a related-content strip and a footer with the address and a newsletter.
- hartwell: a WordPress site (Brookings-like): an entry header inside the article, a
  byline with rel=author links to /experts/, a sidebar of popular posts and events,
  Yoast JSON-LD, tags and the program in the entry footer.
- gulf: a research-centre site (Baker-Institute-like): a ticker of upcoming events, a
  centre tag and a research type above the title, citation_* or Dublin Core tags on
  reports, a DOI and a download link, related research and a Houston footer.

A page is a dict (see pages.py); `meta` says which structured metadata it carries.
"""
from __future__ import annotations

import json
from html import escape

WILSON_EVENTS = {
    "en": [("North American Energy Forum 2019", "Oct 3, 2019"),
           ("The Future of Migration Policy in Central America", "Oct 10, 2019"),
           ("Book Launch: Mexico's Democratic Transition", "Oct 17, 2019")],
    "es": [("Foro de Energía de América del Norte 2019", "3 de octubre de 2019"),
           ("El futuro de la política migratoria en Centroamérica", "10 de octubre de 2019"),
           ("Presentación del libro: La transición democrática de México", "17 de octubre de 2019")],
}
WILSON_PROGRAMS = ["Mexico Institute", "Latin American Program", "Kennan Institute",
                   "Canada Institute", "Environmental Change and Security Program",
                   "Wahba Institute for Strategic Competition"]


def _p(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _links(people: list[tuple[str, str]], rel: bool = False) -> str:
    attr = ' rel="author"' if rel else ""
    return ", ".join(f'<a href="{href}"{attr}>{escape(name)}</a>' for name, href in people)


def json_ld(data: dict) -> str:
    return ('<script type="application/ld+json">'
            + json.dumps(data, ensure_ascii=False, indent=1) + "</script>")


def _og(page: dict, site: str, url: str) -> str:
    tags = [("og:site_name", site), ("og:title", f"{page['title']} | {site}"),
            ("og:url", url), ("og:type", "article"),
            ("og:description", page.get("summary") or page["body"][0][:200])]
    if "article" in page["meta"]:
        tags += [("article:published_time", page["iso"]),
                 ("article:section", page.get("section", page["program"][0]))]
        tags += [("article:tag", t) for t in page.get("tags", [])]
    return "\n".join(f'<meta property="{k}" content="{escape(v)}" />' for k, v in tags)


def _schema(page: dict, site: str, url: str) -> str:
    kind = page.get("schema_type", "Article")
    data = {"@context": "https://schema.org", "@type": kind, "url": url,
            "publisher": {"@type": "Organization", "name": site}}
    data["name" if kind in ("Event", "PodcastEpisode") else "headline"] = page["title"]
    if kind == "Event":
        data["startDate"] = page["iso"]
        data["location"] = {"@type": "Place", "name": page.get("where", "")}
    else:
        data["datePublished"] = page["iso"]
        data["author"] = [{"@type": "Person", "name": n, "url": h} for n, h in page["authors"]]
    if kind == "PodcastEpisode":
        data["partOfSeries"] = {"@type": "PodcastSeries", "name": page.get("series", "")}
    return json_ld(data)


def _head_meta(page: dict, site: str, url: str) -> str:
    parts = []
    if "og" in page["meta"] or "article" in page["meta"]:
        parts.append(_og(page, site, url))
    if "jsonld" in page["meta"]:
        parts.append(_schema(page, site, url))
    if "citation" in page["meta"]:
        parts.append(f'<meta name="citation_title" content="{escape(page["title"])}">')
        parts += [f'<meta name="citation_author" content="{escape(n)}">' for n, _ in page["authors"]]
        parts.append(f'<meta name="citation_publication_date" content="{page["iso"][:10].replace("-", "/")}">')
        parts.append(f'<meta name="citation_publisher" content="{site}">')
    if "dc" in page["meta"]:
        parts.append(f'<meta name="DC.title" content="{escape(page["title"])}">')
        parts += [f'<meta name="DC.creator" content="{escape(n)}">' for n, _ in page["authors"]]
        parts.append(f'<meta name="DC.date" content="{page["iso"][:10]}">')
        parts.append(f'<meta name="DC.language" content="{page.get("lang", "en")}">')
    return "\n".join(parts)


def _related(items: list[tuple[str, str, str]], heading: str, cls: str) -> str:
    cards = "\n".join(
        f'<div class="{cls}-card"><span class="{cls}-type">{escape(kind)}</span>'
        f'<h3><a href="/{kind.lower().replace(" ", "-")}/{i}">{escape(title)}</a></h3>'
        f'<span class="{cls}-date">{escape(date)}</span></div>'
        for i, (title, date, kind) in enumerate(items))
    return f'<section class="{cls}"><h2>{heading}</h2>\n{cards}\n</section>'


def wilson(page: dict) -> str:
    """A Drupal page of the institute: its header menu lists upcoming events with dates."""
    es = page.get("lang") == "es"
    url = f"https://www.wilsoncenter.org/{page['path']}"
    program, program_href = page["program"]
    events = "\n".join(f'<div class="event-teaser"><a href="/event/upcoming-{i}">{escape(t)}</a>'
                       f'<span class="event-teaser-date">{d}</span></div>'
                       for i, (t, d) in enumerate(WILSON_EVENTS["es" if es else "en"]))
    programs = "\n".join(f'<li><a href="/program/{p.lower().replace(" ", "-")}">{p}</a></li>'
                         for p in WILSON_PROGRAMS)
    by = "Por " if es else ""
    authors = (f'<div class="hero-authors">{by}{_links(page["authors"])}</div>'
               if page["authors"] else "")
    event_box = ""
    if page.get("when"):
        event_box = (f'<div class="event-details"><div class="event-date">{page["when"]}</div>'
                     f'<div class="event-location">{escape(page["where"])}</div>'
                     f'<a class="button" href="{url}/rsvp">RSVP</a></div>')
    tags = "".join(f'<a class="tag" href="/topic/{t.lower()}">{escape(t)}</a>'
                   for t in page.get("tags", []))
    bios = "\n".join(f'<div class="profile-card"><a href="{h}">{escape(n)}</a>'
                     f'<div class="profile-title">{escape(r)}</div></div>'
                     for (n, h), r in zip(page["authors"], page.get("roles", [])))
    return f"""<!DOCTYPE html>
<html lang="{page.get('lang', 'en')}" dir="ltr" prefix="og: https://ogp.me/ns#">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>{escape(page['title'])} | Wilson Center</title>
<link rel="canonical" href="{url}" />
{_head_meta(page, "Wilson Center", url)}
<meta name="Generator" content="Drupal 9 (https://www.drupal.org)" />
</head>
<body class="path-node page-node-type-{page['node_type']}">
<a href="#main-content" class="visually-hidden focusable skip-link">{'Saltar al contenido principal' if es else 'Skip to main content'}</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div class="site-header-wrapper">
<div class="site-logo"><a href="/" title="Home">Wilson Center</a></div>
<div class="mega-menu">
<ul class="menu--main">
<li><a href="/insight-analysis">{'Análisis' if es else 'Insight &amp; Analysis'}</a></li>
<li><a href="/programs">{'Programas' if es else 'Programs'}</a><ul class="mega-menu-programs">{programs}</ul></li>
<li><a href="/events">{'Eventos' if es else 'Events'}</a>
<div class="mega-menu-events"><h4>{'Próximos eventos' if es else 'Upcoming Events'}</h4>
{events}</div></li>
<li><a href="/support">{'Apoye' if es else 'Support'}</a></li>
</ul>
<form class="search-form" action="/search"><input type="search" name="q" placeholder="Search"></form>
</div>
</div>
<div class="breadcrumb-wrapper"><ol class="breadcrumb">
<li><a href="/">{'Inicio' if es else 'Home'}</a></li>
<li><a href="{program_href}">{escape(program)}</a></li>
<li>{escape(page['kind_label'])}</li></ol></div>
<main role="main" id="main-content">
<article class="node node--type-{page['node_type']}">
<div class="hero">
<div class="hero-eyebrow"><a href="{program_href}">{escape(program)}</a></div>
<div class="hero-type">{escape(page['kind_label'])}</div>
<h1 class="hero-title"><span>{escape(page['title'])}</span></h1>
{f'<div class="hero-subtitle">{escape(page["subtitle"])}</div>' if page.get('subtitle') else ''}
{authors}
<div class="hero-date">{page['date_text']}</div>
</div>
{event_box}
<div class="text-block text-block--body">
{_p(page['body'])}
</div>
<div class="article-authors"><h2>{'Autores' if es else 'Authors'}</h2>{bios}</div>
<div class="article-topics"><h2>{'Temas' if es else 'Topics'}</h2>{tags}</div>
</article>
{_related(page.get('related', []), 'Contenido relacionado' if es else 'Related Content', 'related-content')}
</main>
<div class="site-footer">
<div class="footer-address">Woodrow Wilson International Center for Scholars<br>
One Woodrow Wilson Plaza<br>1300 Pennsylvania Avenue NW<br>Washington, DC 20004-3027<br>(202) 691-4000</div>
<div class="footer-newsletter"><h3>{'Reciba nuestras novedades' if es else 'Stay up to date'}</h3>
<form action="/newsletter"><label>Email</label><input type="email" name="email"><button>{'Suscribirse' if es else 'Subscribe'}</button></form></div>
<div class="footer-social"><a href="https://twitter.com/thewilsoncenter">Twitter</a> <a href="https://www.facebook.com/woodrowwilsoncenter">Facebook</a></div>
<div class="footer-copyright">© 2019 Wilson Center. All rights reserved. <a href="/privacy-policy">Privacy Policy</a></div>
</div>
</div>
</body>
</html>
"""


def hartwell(page: dict) -> str:
    """A WordPress post: the entry header sits inside the article, the sidebar lists events."""
    es = page.get("lang") == "es"
    url = f"https://www.hartwell.edu/{page['path']}/"
    program, program_href = page["program"]
    authors = " and ".join(
        f'<span class="author vcard"><a class="url fn n" href="{h}" rel="author">{escape(n)}</a></span>'
        for n, h in page["authors"])
    byline = f'<span class="byline">{"Por" if es else "By"} {authors}</span>' if authors else ""
    tags = ", ".join(f'<a href="/topic/{t.lower().replace(" ", "-")}/" rel="tag">{escape(t)}</a>'
                     for t in page.get("tags", []))
    popular = "\n".join(f'<li><a href="/blog/{i}/">{escape(t)}</a> <span class="post-date">{d}</span></li>'
                        for i, (t, d, _) in enumerate(page.get("related", [])))
    return f"""<!DOCTYPE html>
<html lang="{'es-ES' if es else 'en-US'}">
<head>
<meta charset="UTF-8">
<title>{escape(page['title'])} | Hartwell Institution</title>
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="{url}">
{_head_meta(page, "Hartwell Institution", url)}
<meta name="generator" content="WordPress 6.1.1">
<link rel="stylesheet" id="hartwell-style-css" href="/wp-content/themes/hartwell/style.css?ver=3.2" media="all">
</head>
<body class="post-template-default single single-post postid-{page['post_id']} single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Skip to content</a>
<header id="masthead" class="site-header">
<div class="site-branding"><a href="/" rel="home">Hartwell Institution</a></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li class="menu-item"><a href="/research/">Research</a></li>
<li class="menu-item"><a href="/topics/">Topics</a><ul class="sub-menu">
<li><a href="/topic/trade/">Trade</a></li><li><a href="/topic/immigration/">Immigration</a></li>
<li><a href="/topic/energy/">Energy</a></li><li><a href="/topic/security/">Security</a></li></ul></li>
<li class="menu-item"><a href="/events/">Events</a><ul class="sub-menu">
<li><a href="/events/us-mexico-economic-dialogue/">September 26, 2017 &mdash; The U.S.-Mexico High-Level Economic Dialogue</a></li>
<li><a href="/events/nafta-at-a-crossroads/">October 4, 2017 &mdash; NAFTA at a Crossroads</a></li></ul></li>
<li class="menu-item"><a href="/experts/">Experts</a></li></ul></nav>
</header>
<div id="content" class="site-content">
<div class="breadcrumbs"><span><a href="/">Home</a></span> › <span><a href="/research/">Research</a></span> › <span class="breadcrumb_last">{escape(page['title'])}</span></div>
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{page['post_id']}" class="post-{page['post_id']} post type-post status-publish">
<header class="entry-header">
<div class="entry-eyebrow"><a href="/research/?type={page['kind_label'].lower()}">{escape(page['kind_label'])}</a></div>
<h1 class="entry-title">{escape(page['title'])}</h1>
<div class="entry-meta">{byline}
<span class="posted-on"><time class="entry-date published" datetime="{page['iso']}">{page['date_text']}</time></span></div>
</header>
<div class="entry-content">
{_p(page['body'])}
</div>
<footer class="entry-footer"><span class="program-links">{'Programa' if es else 'Program'}: <a href="{program_href}">{escape(program)}</a></span>
<span class="tags-links">{'Temas' if es else 'Topics'}: {tags}</span></footer>
</article>
<div class="related-posts"><h3>{'Relacionado' if es else 'Related'}</h3><ul>{popular}</ul></div>
</main></div>
<aside id="secondary" class="widget-area">
<section class="widget widget_recent_entries"><h2 class="widget-title">Most Popular</h2><ul>{popular}</ul></section>
<section class="widget widget_events"><h2 class="widget-title">Upcoming Events</h2>
<p><a href="/events/us-mexico-economic-dialogue/">The U.S.-Mexico High-Level Economic Dialogue</a><br>September 26, 2017, 10:00 am</p></section>
</aside>
</div>
<footer id="colophon" class="site-footer">
<div class="footer-widgets"><p>Hartwell Institution<br>1210 Connecticut Avenue NW, Washington, DC 20036</p>
<form id="mc4wp-form-1" class="mc4wp-form" method="post"><p>Get our weekly newsletter</p><input type="email" name="EMAIL" placeholder="Your email address"><input type="submit" value="Sign up"></form></div>
<div class="site-info">Copyright 2021 The Hartwell Institution | <a href="/privacy/">Privacy Policy</a></div>
</footer>
</div>
</body>
</html>
"""


def gulf(page: dict) -> str:
    """A research centre's page: a ticker of events on top, centre tag above the title."""
    es = page.get("lang") == "es"
    url = f"https://www.gulfinstitute.org/research/{page['path']}"
    program, program_href = page["program"]
    authors = ", ".join(f'<a href="{h}">{escape(n)}</a>' for n, h in page["authors"])
    pdf = (f'<a class="btn-download" href="/media/files/{page["path"]}.pdf">'
           f'{"Descargar PDF" if es else "Download PDF"}</a>' if page.get("pdf") else "")
    return f"""<!DOCTYPE html>
<html lang="{page.get('lang', 'en')}">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{escape(page['title'])} - Gulf Institute for Public Policy</title>
{_head_meta(page, "Gulf Institute for Public Policy", url)}
</head>
<body class="research-detail-page">
<div class="ticker"><span class="ticker-label">{'Próximamente' if es else 'Upcoming'}:</span>
<a href="/events/energy-summit-2018">Sept. 12, 2018 | {'Cumbre de Energía de Houston' if es else 'Houston Energy Summit'}</a>
<a href="/events/texas-mexico-trade">Sept. 19, 2018 | {'Comercio Texas-México' if es else 'Texas-Mexico Trade After NAFTA'}</a></div>
<div class="navbar navbar-default"><div class="container">
<a class="navbar-brand" href="/">Gulf Institute</a>
<ul class="nav navbar-nav"><li><a href="/research">{'Investigación' if es else 'Research'}</a></li>
<li><a href="/centers">{'Centros' if es else 'Centers'}</a></li><li><a href="/experts">{'Expertos' if es else 'Experts'}</a></li>
<li><a href="/events">{'Eventos' if es else 'Events'}</a></li><li><a href="/give">Give</a></li></ul></div></div>
<div class="container">
<div class="crumbs"><a href="/">{'Inicio' if es else 'Home'}</a> &gt; <a href="/research">{'Investigación' if es else 'Research'}</a> &gt; {escape(page['kind_label'])}</div>
<div class="research-detail">
<div class="research-meta-top"><a class="center-tag" href="{program_href}">{escape(program)}</a>
<span class="research-type">{escape(page['kind_label'])}</span></div>
<h1>{escape(page['title'])}</h1>
{f'<h2 class="subtitle">{escape(page["subtitle"])}</h2>' if page.get('subtitle') else ''}
<div class="research-authors">{authors}</div>
<div class="research-date">{page['date_text']}</div>
{f'<div class="doi">DOI: <a href="https://doi.org/{page["doi"]}">https://doi.org/{page["doi"]}</a></div>' if page.get('doi') else ''}
{pdf}
<div class="research-body">
{_p(page['body'])}
</div>
</div>
{_related(page.get('related', []), 'Investigación relacionada' if es else 'Related Research', 'related-research')}
</div>
<div class="footer"><div class="container">
<p>Gulf Institute for Public Policy<br>2400 Fannin Street, Suite 500<br>Houston, Texas 77002<br>713-555-0199</p>
<p>{'Suscríbase a nuestro boletín' if es else 'Subscribe to our newsletter'}</p>
<form action="/subscribe"><input type="email" name="email"><input type="submit" value="{'Enviar' if es else 'Submit'}"></form>
<p>© 2018 Gulf Institute for Public Policy</p></div></div>
</body>
</html>
"""


LAYOUTS = {"wilson": wilson, "hartwell": hartwell, "gulf": gulf}
