"""The review form's cards: one per draft, filled from the staged drafts or from what the
librarian posted, and the actions that only change the form (tick all, untick all).

A card is a dict the template reads: prefix (of its field names), file (the staged
file), doc (the draft), near (possible duplicates), vals (the fields shown), include
(ticked), error. Saving validates the ticked cards (apply_changes) and collects their
drafts per file; the other actions show the form again as posted.
"""
from __future__ import annotations

from flask import request

from indexer.core.errors import BadRequest
from indexer.core.models import Document
from indexer.store.archive import apply_changes
from webapp.errors import translated

# The review and edit forms' fields (text only on the edit page: too long to review).
FORM_FIELDS = ("title", "authors", "date", "type", "program", "series", "source_url",
               "summary", "language")
# Actions that show the form again with every card ticked or unticked.
TICK_ACTIONS = {"tick_all": True, "untick_all": False}


def form_values(doc: Document) -> dict:
    return {"title": doc.title, "authors": ", ".join(doc.authors), "date": doc.date or "",
            "type": doc.type, "program": doc.program or "", "series": doc.series or "",
            "source_url": doc.source_url or "", "summary": doc.summary,
            "language": doc.language, "topics": doc.topic_names, "text": doc.text}


def form_changes(prefix: str = "", with_text: bool = False) -> dict:
    """The submitted metadata; browsers send textarea line ends as CRLF, stored text uses LF."""
    names = FORM_FIELDS + (("text",) if with_text else ())
    changes = {n: request.form.get(prefix + n, "").replace("\r\n", "\n") for n in names}
    changes["topics"] = request.form.getlist(prefix + "topics")
    return changes


def review_cards(manifest: dict, action: str | None, vocabulary, fresh: set[int] = frozenset()
                 ) -> tuple[list[dict], int, list[tuple[int, list[Document]]]]:
    """(cards, errors, chosen): chosen is [(file number, its ticked drafts)] when saving.

    action None: the staged drafts as read (a GET); otherwise each card shows what was
    posted, except the files in fresh (just re-read as one document: shown as read)."""
    cards, errors, chosen = [], 0, []
    for f, item in enumerate(manifest["files"]):
        docs = []
        for d, draft in enumerate(item["drafts"]):
            card = {"prefix": f"f{f}-d{d}-", "file": item, "number": f, "doc": draft,
                    "near": item["near"][d], "vals": form_values(draft), "include": True,
                    "error": None}
            if action is not None and f not in fresh:
                errors += _as_posted(card, vocabulary, validate=action == "save")
            if action in TICK_ACTIONS:
                card["include"] = TICK_ACTIONS[action]
            if card["include"] and not card["error"]:
                docs.append(draft)
            cards.append(card)
        if docs:
            chosen.append((f, docs))
    return cards, errors, chosen


def _as_posted(card: dict, vocabulary, validate: bool) -> int:
    """Fill the card from the post; on saving, apply the fields to the draft. Returns 1
    if they were refused (the card then shows why)."""
    prefix, draft = card["prefix"], card["doc"]
    card["include"] = bool(request.form.get(prefix + "include"))
    if draft.catalogue_entry:       # a listing's entries: ticked or not, as read
        return 0
    card["vals"] = dict(form_changes(prefix), text=draft.text)
    if not (validate and card["include"]):
        return 0
    try:
        apply_changes(draft, form_changes(prefix), vocabulary)
    except BadRequest as exc:
        card["error"] = translated(exc)
        return 1
    return 0
