"""The Spanish catalog is complete and its committed .mo is what the .po compiles to."""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[1] / "webapp" / "translations"
PO = TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po"
MO = TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.mo"


def _entries(catalog) -> dict:
    """{(context, id): translation}; plural ids and forms as tuples whichever reader made them."""
    def plain(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value
    return {(m.context, plain(m.id)): plain(m.string) for m in catalog if m.id}


def _read_po(path: Path):
    with open(path, "rb") as handle:
        return read_po(handle)


def test_committed_mo_matches_the_po():
    """Compile the .po in memory, as `pybabel compile` would, and compare the catalogs."""
    compiled = BytesIO()
    write_mo(compiled, _read_po(PO))
    compiled.seek(0)
    with open(MO, "rb") as handle:
        committed = read_mo(handle)
    assert _entries(committed) == _entries(read_mo(compiled)), \
        "messages.mo is stale: run pybabel compile (webapp/translations/README.md)"


def test_every_message_of_the_template_has_a_spanish_translation():
    template = _read_po(TRANSLATIONS / "messages.pot")
    spanish = {(m.context, m.id): m for m in _read_po(PO) if m.id}
    missing = []
    for message in template:
        if not message.id:
            continue
        translated = spanish.get((message.context, message.id))
        strings = translated.string if translated else None
        strings = strings if isinstance(strings, tuple) else (strings,)
        if translated is None or translated.fuzzy or not all(strings):
            missing.append(message.id)
    assert missing == []


def test_placeholders_survive_translation():
    """A translation that drops or renames a %(field)s or {field} would break the page."""
    fields = re.compile(r"%\(\w+\)[sd]|\{\w+[^}]*\}")
    for message in _read_po(PO):
        if not message.id:
            continue
        if message.pluralizable:     # a singular form may spell out "one" instead of %(num)s
            allowed = set(fields.findall(message.id[1]))
            assert all(set(fields.findall(s)) <= allowed for s in message.string), message.id
        else:
            assert set(fields.findall(message.string)) == set(fields.findall(message.id)), \
                message.id
