"""The types and sizes of the metadata a client sends as JSON, checked before any is used.

JSON carries types, and a wrong one used to be converted instead of refused: a list
title was stored as "['a']", authors [1, {"a": 1}, null] as strings, a null text
emptied the text, and a 2 MB title made the home page 2 MB. Now a field of the wrong
type or size, or a name that is no editable field, is an InvalidField (422) that names
it, and nothing is changed. Used by the write API (PATCH's body, the upload's fields)
and by `indexer import` (its lines' known fields; unknown keys of an old system's
records are ignored there, as before).

The caps are generous on purpose (a real title is under 300 characters); they keep
one request from filling a page or the index, not from being long.
"""
from __future__ import annotations

from dataclasses import dataclass

from indexer.core.errors import InvalidField
from indexer.core.models import EDITABLE_FIELDS

MAX_TITLE_CHARS = 1_000
MAX_NAME_CHARS = 300            # one author, topic, program or series
MAX_LIST_ITEMS = 100            # authors, topics
MAX_SHORT_CHARS = 100           # date, type, language: a few characters when valid
MAX_URL_CHARS = 2_000
MAX_SUMMARY_CHARS = 5_000
MAX_TEXT_CHARS = 5_000_000      # about 1,000 pages; an upload's limit is 25 MB of file


@dataclass(frozen=True)
class FieldRule:
    max_chars: int
    nullable: bool = False      # null clears the field
    is_list: bool = False       # a JSON list of strings


RULES = {
    "title": FieldRule(MAX_TITLE_CHARS),
    "authors": FieldRule(MAX_NAME_CHARS, is_list=True),
    "date": FieldRule(MAX_SHORT_CHARS, nullable=True),
    "type": FieldRule(MAX_SHORT_CHARS),
    "program": FieldRule(MAX_NAME_CHARS, nullable=True),
    "series": FieldRule(MAX_NAME_CHARS, nullable=True),
    "source_url": FieldRule(MAX_URL_CHARS, nullable=True),
    "summary": FieldRule(MAX_SUMMARY_CHARS),
    "topics": FieldRule(MAX_NAME_CHARS, is_list=True),
    "text": FieldRule(MAX_TEXT_CHARS),
    "language": FieldRule(MAX_SHORT_CHARS),
}
assert set(RULES) == set(EDITABLE_FIELDS), "every editable field has a rule"


def check_fields(values: dict) -> dict:
    """values unchanged when every field is editable and of its type and size."""
    for name, value in values.items():
        rule = RULES.get(name)
        if rule is None:
            raise InvalidField("{field!r} is not an editable field; one of: {fields}",
                               field=name, fields=", ".join(EDITABLE_FIELDS))
        _check(name, rule, value)
    return values


def _check(name: str, rule: FieldRule, value) -> None:
    if value is None:
        if not rule.nullable:
            raise InvalidField("{field!r} must not be null", field=name)
        return
    if not rule.is_list:
        _check_string(name, value, rule.max_chars)
        return
    if not isinstance(value, list):
        raise InvalidField("{field!r} must be a list of strings", field=name)
    if len(value) > MAX_LIST_ITEMS:
        raise InvalidField("{field!r} holds at most {limit} items", field=name,
                           limit=MAX_LIST_ITEMS)
    for item in value:
        if not isinstance(item, str):
            raise InvalidField("{field!r} must be a list of strings", field=name)
        _check_string(name, item, rule.max_chars)


def _check_string(name: str, value, max_chars: int) -> None:
    # bool is no str, and a number is not converted: 2016 must be sent as "2016".
    if not isinstance(value, str):
        raise InvalidField("{field!r} must be a string", field=name)
    if len(value) > max_chars:
        raise InvalidField("{field!r} is over {limit} characters", field=name,
                           limit=max_chars)
