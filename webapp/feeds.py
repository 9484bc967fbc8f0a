"""An Atom feed for any search, and the OpenSearch description for browsers.

Both are built with ElementTree, which escapes every text and attribute (a phrase
search's own URL holds '"'); text goes through strip_controls first, because a
control character is not allowed in XML at all, escaped or not, and a record stored
before ingest stripped them must not break the feed for everyone.

Opened in a browser, the feed is a page. The Atom names an XSL stylesheet (/feed.xsl,
in the reader's language), and a request that prefers text/html (a browser's) gets
that stylesheet's page, transformed here with lxml from the very same Atom: Chromium
156 still applies XSLT, but only to a document labelled XML, under a banner saying
XSLT "is being removed from this browser very soon", and then a feed would show as
raw XML. Feed readers (Atom, XML or */*) get the Atom, application/atom+xml.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask_babel import gettext
from lxml import etree

from indexer.core.errors import DocumentNotFound
from indexer.ingest.clean import strip_controls
from webapp.i18n import current_language
from webapp.search import run_search, url_with
from webapp.site import external_url, site_base_url, this_url

bp = Blueprint("feeds", __name__)

ATOM_NS = "http://www.w3.org/2005/Atom"
OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    """A child element; its text and attributes stripped of what XML cannot hold."""
    element = ET.SubElement(parent, tag, {k: strip_controls(v) for k, v in attributes.items()})
    if text is not None:
        element.text = strip_controls(text)
    return element


def _xml_response(root: ET.Element, mimetype: str, stylesheet: str | None = None) -> Response:
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    if stylesheet:      # after the declaration, before the root (ElementTree has no way)
        declaration, _, rest = body.partition(b"?>")
        body = (declaration + b"?>\n<?xml-stylesheet type=\"text/xsl\" href=\""
                + escape_attribute(stylesheet).encode() + b"\"?>" + rest)
    return Response(body, mimetype=mimetype)


def escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def wants_a_page() -> bool:
    """A browser (text/html preferred to Atom) is shown the feed as a page."""
    accept = request.accept_mimetypes
    return accept["text/html"] > accept["application/atom+xml"]


def feed_page(atom: bytes) -> Response:
    """The feed transformed by its own stylesheet, as a browser would have: no file,
    network or write access for the stylesheet, no entities or network for the feed."""
    stylesheet = etree.XSLT(etree.fromstring(render_template(
        "feed_xsl.xml", language=current_language()).encode()),
        access_control=etree.XSLTAccessControl.DENY_ALL)
    feed = etree.fromstring(atom, etree.XMLParser(resolve_entities=False, no_network=True))
    return Response(bytes(stylesheet(feed)), mimetype="text/html")


def _atom_date(value: str) -> str:
    """An RFC 3339 time from a date at any precision (2016, 2016-06, 2016-06-02)."""
    if len(value) > 10:
        return value
    return value + "-01" * (2 - value.count("-")) + "T00:00:00Z"


@bp.get("/feed.atom")
def feed():
    """Documents matching a saved query, the ones the archive received last first.

    An entry's <updated> is when the archive received (or last changed) it, so a feed
    reader sees what is new here; <published> is the publication date, only when the
    document has one: an undated document is never stamped with today."""
    args = request.args.copy()
    args["sort"] = "added"
    args["per_page"] = "50"
    search_request, result = run_search(args)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    title = gettext("Archivo: %(query)s", query=search_request.q) if search_request.q \
        else gettext("Archivo: new documents")
    root = ET.Element("feed", xmlns=ATOM_NS)
    _add(root, "title", title)
    self_url = this_url()
    _add(root, "id", self_url)
    _add(root, "link", rel="self", href=self_url)
    # The same search on the search page, in the feed's order.
    _add(root, "link", rel="alternate", type="text/html", href=site_base_url() + url_with(
        search_request, sort="added", page=1, per_page=10)[len(request.script_root):])
    _add(root, "updated", now)
    _add(_add(root, "author"), "name", "Archivo")
    for hit in result.hits:
        link = external_url("documents.document_page", doc_id=hit.id)
        entry = _add(root, "entry")
        _add(entry, "title", hit.title)
        _add(entry, "link", href=link)
        _add(entry, "id", link)
        _add(entry, "updated", _received(hit.id) or now)
        if hit.date:
            _add(entry, "published", _atom_date(hit.date))
        for name in hit.authors:
            _add(_add(entry, "author"), "name", name)
        for topic in hit.topics:
            _add(entry, "category", term=topic)
        _add(entry, "summary", hit.snippet, type="html")
    response = _xml_response(root, "application/atom+xml", stylesheet=url_for(
        "feeds.feed_stylesheet", lang=current_language()))
    if wants_a_page():
        response = feed_page(response.get_data())
    response.vary.update(("Accept", "Accept-Language", "Cookie"))   # type; title, stylesheet
    return response


@bp.get("/feed.xsl")
def feed_stylesheet():
    """The XSL stylesheet that shows the feed as a page in a browser, in ?lang=."""
    response = Response(render_template("feed_xsl.xml", language=current_language()),
                        mimetype="text/xsl")
    response.vary.update(("Accept-Language", "Cookie"))
    return response


@bp.get("/opensearch.xml")
def opensearch():
    template = external_url("search.search_page") + "?q={searchTerms}"
    atom = external_url("feeds.feed") + "?q={searchTerms}"
    root = ET.Element("OpenSearchDescription", xmlns=OPENSEARCH_NS)
    _add(root, "ShortName", "Archivo")
    _add(root, "Description", gettext("Search the institute's publication archive"))
    _add(root, "InputEncoding", "UTF-8")
    _add(root, "Url", type="text/html", method="get", template=template)
    _add(root, "Url", type="application/atom+xml", template=atom)
    return _xml_response(root, "application/opensearchdescription+xml")


def _received(doc_id: str) -> str | None:
    """When the archive last received or changed a document (its record's times)."""
    try:
        record = current_app.extensions["archive"].corpus.get_record(doc_id)
    except DocumentNotFound:            # removed since the search read the index
        return None
    return record.get("updated") or record.get("added") or None
