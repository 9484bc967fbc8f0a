"""An Atom feed for any search, and the OpenSearch description for browsers."""
from __future__ import annotations

from datetime import datetime, timezone
from xml.sax.saxutils import escape

from flask import Blueprint, Response, request
from flask_babel import gettext

from webapp.search import run_search
from webapp.site import external_url, this_url

bp = Blueprint("feeds", __name__)


@bp.get("/feed.atom")
def feed():
    """New documents matching a saved query, newest first."""
    args = request.args.copy()
    args["sort"] = "newest"
    args["per_page"] = "50"
    search_request, result = run_search(args)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    title = gettext("Archivo: %(query)s", query=search_request.q) if search_request.q \
        else gettext("Archivo: new documents")
    entries = []
    for hit in result["results"]:
        link = external_url("documents.document_page", doc_id=hit["id"])
        updated = (hit["date"] or now[:10])
        updated = updated + "-01" * (2 - updated.count("-")) + "T00:00:00Z" \
            if len(updated) <= 10 else updated
        entries.append(
            "<entry>"
            f"<title>{escape(hit['title'])}</title>"
            f'<link href="{escape(link)}"/><id>{escape(link)}</id>'
            f"<updated>{updated}</updated>"
            + "".join(f"<author><name>{escape(a)}</name></author>" for a in hit["authors"])
            + "".join(f'<category term="{escape(t)}"/>' for t in hit["topics"])
            + f'<summary type="html">{escape(hit["snippet"])}</summary>'
            "</entry>")
    page = external_url("search.search_page")
    self_url = this_url()
    body = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>{escape(self_url)}</id>"
        f'<link rel="self" href="{escape(self_url)}"/>'
        f'<link rel="alternate" type="text/html" href="{escape(page)}"/>'
        f"<updated>{now}</updated><author><name>Archivo</name></author>"
        + "".join(entries) + "</feed>")
    return Response(body, mimetype="application/atom+xml")


@bp.get("/opensearch.xml")
def opensearch():
    template = external_url("search.search_page") + "?q={searchTerms}"
    atom = external_url("feeds.feed") + "?q={searchTerms}"
    description = escape(gettext("Search the institute's publication archive"))
    body = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">'
        "<ShortName>Archivo</ShortName>"
        f"<Description>{description}</Description>"
        "<InputEncoding>UTF-8</InputEncoding>"
        f'<Url type="text/html" method="get" template="{escape(template)}"/>'
        f'<Url type="application/atom+xml" template="{escape(atom)}"/>'
        "</OpenSearchDescription>")
    return Response(body, mimetype="application/opensearchdescription+xml")

