"""What the interface calls the archive's values, in the reader's language.

The indexer stores and the JSON API returns values (brief, topic slugs, newest);
only the pages turn them into words, here. Facet labels are kept in the web layer
on purpose: indexer.core.lists.FACETS stays language-neutral.
"""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext, lazy_pgettext

from webapp.i18n import current_language

# A context of their own: "Author" here names a facet, not the people of one document.
FACET_LABELS = {"topic": lazy_pgettext("facet", "Topic"),
                "type": lazy_pgettext("facet", "Content type"),
                "author": lazy_pgettext("facet", "Author"),
                "year": lazy_pgettext("facet", "Year"),
                "language": lazy_pgettext("facet", "Language")}

TYPE_LABELS = {
    "brief": lazy_gettext("Brief"), "report": lazy_gettext("Report"),
    "article": lazy_gettext("Article"), "podcast": lazy_gettext("Podcast"),
    "video": lazy_gettext("Video"), "event": lazy_gettext("Event"),
    "infographic": lazy_gettext("Infographic"), "book": lazy_gettext("Book"),
    "testimony": lazy_gettext("Testimony"),
}

SORT_LABELS = {"relevance": lazy_gettext("Relevance"), "newest": lazy_gettext("Newest"),
               "oldest": lazy_gettext("Oldest"), "added": lazy_gettext("Recently added")}

EVENT_STATUS = {"upcoming": lazy_gettext("Upcoming event"), "past": lazy_gettext("Past event")}

# A change in a record's history or the activity log.
ACTIONS = {"add": lazy_gettext("Added"), "edit": lazy_gettext("Edited"),
           "remove": lazy_gettext("Removed"), "restore": lazy_gettext("Restored"),
           # A write killed before it reached the index, finished by the next writer.
           "recovered": lazy_gettext("Finished after an interruption"),
           # An upload cut short (its writer killed): what of it was stored is taken back.
           "undone": lazy_gettext("Taken back: its upload was cut short")}

# Field names as the history lists them (the edit form's labels).
FIELDS = {"title": lazy_gettext("Title"), "authors": lazy_gettext("Authors"),
          "date": lazy_gettext("Date"), "type": lazy_gettext("Type"),
          "program": lazy_gettext("Program"), "series": lazy_gettext("Series"),
          "source_url": lazy_gettext("Source URL"), "summary": lazy_gettext("Summary"),
          "language": lazy_gettext("Language"), "topics": lazy_gettext("Topics"),
          "text": lazy_gettext("Text")}

# Where a query word matched, as "Why this result" says it (indexer.search.service.FIELD_LABELS).
MATCH_PLACES = {"title": lazy_gettext("in the title"), "summary": lazy_gettext("in the summary"),
                "text": lazy_gettext("in the text"), "authors": lazy_gettext("in the authors"),
                "program": lazy_gettext("in the program"), "series": lazy_gettext("in the series"),
                "topics": lazy_gettext("in the topics"), "type": lazy_gettext("in the type"),
                "year": lazy_gettext("in the year")}

# A document's language, named in the reader's language.
LANGUAGE_NAMES = {"en": lazy_gettext("English"), "es": lazy_gettext("Spanish")}

DATE_PRECISION = {"month": lazy_gettext("month only"), "year": lazy_gettext("year only")}


# Where ingest read a field (Document.provenance), beside it on the review form.
SOURCE_LABELS = {
    "structured": lazy_gettext("Read from the page's structured data."),
    "meta": lazy_gettext("Read from the page's meta tags."),
    "header": lazy_gettext("Read from the article's header on the page."),
    "cover": lazy_gettext("Read from the first page of the PDF."),
    "heading": lazy_gettext("Read from the file's title style."),
    "docinfo": lazy_gettext("Read from the file's document information: check it."),
    "text": lazy_gettext("Found in the text."),
    "guessed": lazy_gettext("Guessed from the words: check it."),
    "title": lazy_gettext("Read from a label before the title."),
    "tile": lazy_gettext("Read from the listing's tile."),
    "librarian": lazy_gettext("Set by a librarian."),
}


def type_label(kind: str | None) -> str:
    return str(TYPE_LABELS.get(kind or "", (kind or "").capitalize()))


def topic_label(slug: str) -> str:
    return current_app.extensions["archive"].vocabulary.label(slug, current_language())


def topic_labels() -> list[tuple[str, str]]:
    """(slug, label) of every topic in the vocabulary, in the reader's language."""
    vocabulary = current_app.extensions["archive"].vocabulary
    return [(t.slug, vocabulary.label(t.slug, current_language())) for t in vocabulary.topics]


def value_label(facet: str, value: str) -> str:
    """A facet value as the page shows it (authors and years are shown as stored)."""
    if facet == "topic":
        return topic_label(value)
    if facet == "type":
        return type_label(value)
    if facet == "language":
        return str(LANGUAGE_NAMES.get(value, value))
    return value


def register(app) -> None:
    app.jinja_env.globals.update(
        type_label=type_label, topic_label=topic_label, sort_labels=SORT_LABELS,
        event_status_labels=EVENT_STATUS, action_labels=ACTIONS, field_labels=FIELDS,
        language_names=LANGUAGE_NAMES, precision_labels=DATE_PRECISION,
        match_places=MATCH_PLACES, source_labels=SOURCE_LABELS)
