"""The controlled lists the models, the UI and the API share: content types, facets,
languages (what a document may say, whatever engine indexes it)."""
from __future__ import annotations

from dataclasses import dataclass

CONTENT_TYPES = ("brief", "report", "article", "podcast", "video", "event",
                 "infographic", "book", "testimony")


@dataclass(frozen=True)
class Facet:
    name: str      # the URL/API parameter (topic, type, author, year)
    field: str     # the index field holding its values
    label: str     # what the page shows
    multi: bool    # a document can hold several values


FACETS = (
    Facet("topic", "topics", "Topic", True),
    Facet("type", "type", "Content type", False),
    Facet("author", "authors", "Author", True),
    Facet("year", "year", "Year", False),
    Facet("language", "language", "Language", False),
)
LANGUAGES = {"en": "English", "es": "Español"}
FACETS_BY_NAME = {f.name: f for f in FACETS}
