"""A Whoosh segment writer for full rebuilds: far less Python per posting, half the bytes.

Whoosh's SegmentWriter sends every posting through a generic pipeline: a tuple
per posting into an external-sort pool (with a size estimate and type checks),
a sort of all of them at commit, then per posting an order check, a read of the
document's field length back from the column just written, and a type-checked
add to the block buffer. For a rebuild none of that generality is needed: the
documents arrive in docnum order, one segment at a time.

FastSegmentWriter keeps the text fields' tokens as term numbers
(indexer.engine.segmenttext), grouped into postings with numpy at commit, and the
other fields' postings in per-term lists (appending keeps them sorted). The
scored fields' postings become the segment's term arrays (indexer.engine.termarrays),
the only copy of them: the segment's codec (indexer.engine.arraycodec) reads them from
there, and Whoosh's term table gets each term's statistics. The other fields'
postings are written through Whoosh's own W3 block code, whole blocks at a
time. Whoosh's reader reads the segment as it reads its own writer's
(tests/test_fastwriter.py compares every posting, term statistic and stored
value). Only plain documents are taken: vectors, boosts, deletions and merges
are not part of a rebuild, and refuse loudly.
"""
from __future__ import annotations

from collections import defaultdict

from whoosh.analysis.tokenizers import IDTokenizer
from whoosh.fields import FieldType
from whoosh.formats import Existence, Positions

from indexer.engine import docvectors, termarrays
from indexer.analysis.analyzers import _TOKEN_RE, TextAnalyzer
from indexer.engine.arraycodec import ArrayCodec
from indexer.engine.segmenttext import (FieldPostings, Terms, TermNumbers, TextField,
                                        length_byte_array)
from indexer.engine.schema import SCORED_FIELDS
from indexer.engine.whooshio import (FREQUENCY_ONE, RebuildSegmentWriter, byte_to_length,
                                     length_to_byte)
from indexer.analysis.spelling import spelling_words


class FastSegmentWriter(RebuildSegmentWriter):
    """SegmentWriter whose postings go to per-term lists instead of the sorting pool."""

    def __init__(self, ix, collect_tokens_of: str | None = None, **kwargs):
        kwargs.setdefault("codec", ArrayCodec())
        super().__init__(ix, **kwargs)
        for name in SCORED_FIELDS & set(self.schema.names()):
            if type(self.schema[name].format) is not Positions:     # the arrays hold positions
                raise ValueError(f"scored field {name} must record positions")
        # The raw tokens of one field (the body), gathered as it is analyzed, so the
        # "did you mean" word list needs no second tokenization (indexer.analysis.spelling).
        self.collect_tokens_of = collect_tokens_of
        # Text fields (indexer.engine.segmenttext): the term numbers of each language, the raw
        # token -> term number maps (the collected field's own, so its keys are its
        # raw tokens), and each field's tokens.
        self._languages: dict[str, Terms] = {}
        self._numbers: dict[tuple[str, bool], TermNumbers] = {}
        self._text: dict[str, TextField] = {}
        # fieldname -> term bytes -> [docnums, weights, values]: the other indexed fields
        self._terms: dict[str, dict[bytes, list]] = defaultdict(dict)
        # fieldname -> term bytes -> [(docnum, weight, value)]: spelling postings, which
        # Whoosh files all under docnum 0, so they need the pool's sort
        self._spell: dict[str, dict[bytes, list]] = defaultdict(dict)
        # fieldname -> docnum -> the field's length, as the length column gives it back
        self._lengths: dict[str, dict[int, int]] = defaultdict(dict)
        # Each document's text for its vector (indexer.engine.docvectors), in docnum order
        self._meaning_texts: list[str] = []

    @property
    def tokens(self) -> set[str]:
        """The raw tokens of the collect_tokens_of field of every document added."""
        numbers = self._numbers.get(("", True))
        return set(numbers) if numbers is not None else set()

    def add_reader(self, reader):
        raise NotImplementedError("a rebuild writer takes documents, not segments")

    def delete_document(self, docnum, delete=True):
        raise NotImplementedError("a rebuild writer has nothing to delete")

    def add_document(self, **fields):
        """SegmentWriter.add_document, step for step, but posting into self._terms."""
        docboost, fieldnames = self.start_document(fields)
        self._meaning_texts.append(docvectors.text_of(fields))
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            if field.vector:
                raise NotImplementedError(f"term vectors ({fieldname})")
            length = 0
            text = field.indexed and _plain_text(field, value)
            if field.indexed:
                fieldboost = self.field_boost(fields, fieldname, docboost)
                terms = None if text else self._terms[fieldname]
                if text:                # its lengths are kept by its TextField
                    if fieldboost != 1.0 or field.format.field_boost != 1.0:
                        raise NotImplementedError(f"boosts ({fieldname})")
                    length = self._text_field(fieldname, field).add(docnum, value)
                elif _plain_id(field, value):
                    # Existence of the one token IDTokenizer makes of the whole value
                    vbytes = b""
                    _append(terms, value.encode("utf-8"), docnum,
                            field.format.field_boost * fieldboost, vbytes)
                    length = 1 if field.scorable else 0
                else:
                    if fieldname == self.collect_tokens_of:
                        raise ValueError("tokens are only collected from text fields")
                    scorable = field.scorable
                    for tbytes, freq, weight, vbytes in field.index(value):
                        weight *= fieldboost
                        if scorable:
                            length += freq
                        _append(terms, tbytes, docnum, weight, vbytes)
            if field.separate_spelling():
                # As Whoosh does: docnum 0 and weight 1. Whoosh's value is whatever its
                # posting loop left bound (nothing reads it); here it is the value the
                # spelling field's Frequency format gives a weight of 1.
                spell = self._spell[field.spelling_fieldname(fieldname)]
                for word in _spellable_words(field, value):
                    spell.setdefault(word.encode("utf-8"), []).append((0, 1, FREQUENCY_ONE))
            customval = fields.get(f"_stored_{fieldname}", value)
            perdocwriter.add_field(fieldname, field, customval if field.stored else None,
                                   length)
            if length and not text:     # as the length column gives it back (a byte's worth)
                self._lengths[fieldname][docnum] = byte_to_length(length_to_byte(length))
            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        self.finish_document()

    def _text_field(self, fieldname: str, field) -> TextField:
        text = self._text.get(fieldname)
        if text is None:
            language = field.analyzer.items[-1].language
            collected = fieldname == self.collect_tokens_of
            key = ("", True) if collected else (language, False)
            numbers = self._numbers.get(key)
            if numbers is None:
                terms = self._languages.setdefault(language, Terms())
                numbers = self._numbers[key] = TermNumbers(terms, language)
            elif numbers.language != language:
                raise ValueError("tokens are collected from one field only")
            text = self._text[fieldname] = TextField(numbers)
        return text

    def write_postings(self):
        """Write the term table and postings in (field, term) order, as Whoosh's sorted
        pool would, and the scored fields' postings as term arrays."""
        fieldwriter = self.fieldwriter
        scored = self._scored_postings()
        # Fields without a single term (say, series_text when no document has a series)
        # never reach Whoosh's field writer: the pool holds no posting of theirs.
        names = {name for name, terms in (*self._terms.items(), *self._spell.items()) if terms}
        for fieldname in sorted(names | set(scored)):
            fieldobj = self.schema[fieldname]
            fieldwriter.start_field(fieldname, fieldobj)
            writer = self.term_writer(fieldobj)
            lengths = self._lengths.get(fieldname, {})
            spell = self._spell.get(fieldname, {})
            if fieldname in scored:
                postings, length_bytes = scored[fieldname]
                writer.write_infos(postings.terms, postings.term_infos(length_bytes))
            elif spell:
                for tbytes in sorted(spell):
                    writer.write_sorted_postings(tbytes, sorted(spell[tbytes]), lengths)
            else:
                terms = self._terms[fieldname]
                for tbytes in sorted(terms):
                    writer.write_term(tbytes, *terms[tbytes], lengths)
            fieldwriter.finish_field()
        termarrays.write_postings(
            termarrays.location(self.storage.folder, self.newsegment.segid),
            [(name, scored[name][0]) for name in sorted(scored)])
        docvectors.write(self.storage.folder, self.newsegment.segid, self._meaning_texts)
        self._meaning_texts = []
        self._terms.clear()
        self._spell.clear()
        self._text.clear()

    def _scored_postings(self) -> dict:
        """Field -> (FieldPostings, each document's length byte) of the scored fields
        holding postings: text fields from their tokens, the others from their lists."""
        scored = {}
        for name in SCORED_FIELDS & (set(self._text) | set(self._terms)):
            if name in self._text:
                text = self._text[name]
                postings, length_bytes = text.postings(), text.length_bytes
            else:
                postings = FieldPostings.from_lists(self._terms.pop(name))
                length_bytes = {d: length_to_byte(n) for d, n in self._lengths[name].items()}
            if postings.terms:
                scored[name] = (postings, length_byte_array(length_bytes, self.docnum))
        return scored


def _append(terms: dict, tbytes: bytes, docnum: int, weight, vbytes: bytes) -> None:
    lists = terms.get(tbytes)
    if lists is None:
        lists = terms[tbytes] = [[], [], []]
    lists[0].append(docnum)
    lists[1].append(weight)
    if vbytes:              # W3PostingsWriter keeps only the non-empty values
        lists[2].append(vbytes)


def _plain_text(field, value) -> bool:
    """A text field of ours in Whoosh's default Positions format: indexed as a TextField."""
    return type(field.format) is Positions and isinstance(field.analyzer, TextAnalyzer) \
        and isinstance(value, str)


def _plain_id(field, value) -> bool:
    """A field that indexes a text value whole (ID): not NUMERIC, say, whose own
    index() encodes numbers."""
    return type(field).index is FieldType.index and type(field.format) is Existence \
        and type(field.analyzer) is IDTokenizer and isinstance(value, str)


def _spellable_words(field, value) -> list[str]:
    """field.spellable_words(value): for our text fields, the words of the analyzer's
    no_morph chain (folded, stopwords but not acronyms dropped) without the chain."""
    if isinstance(field.analyzer, TextAnalyzer) and isinstance(value, str):
        language = field.analyzer.items[-1].language
        return sorted(spelling_words(set(_TOKEN_RE.findall(value)), language))
    return list(field.spellable_words(value))
