"""A Whoosh segment writer for full rebuilds: far less Python per posting, half the bytes.

Whoosh's SegmentWriter sends every posting through a generic pipeline: a tuple
per posting into an external-sort pool (with a size estimate and type checks),
a sort of all of them at commit, then per posting an order check, a read of the
document's field length back from the column just written, and a type-checked
add to the block buffer. For a rebuild none of that generality is needed: the
documents arrive in docnum order, and each field of a document yields each term
once, so appending to per-term lists keeps every posting list sorted already.

FastSegmentWriter keeps those lists in memory. At commit the scored fields'
postings become the segment's term arrays (indexer.termarrays), the only copy
of them: the segment's codec (indexer.arraycodec) reads them from there, and
Whoosh's term table gets each term's statistics. The other fields' postings
are written through Whoosh's own W3 block code, whole blocks at a time. Whoosh's
reader reads the segment as it reads its own (tests/test_fastwriter.py compares
every posting, term statistic and stored value with SegmentWriter's). Only plain
documents are taken: vectors, deletions and merges are not part of a rebuild,
and refuse loudly.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import chain

import numpy as np

from whoosh.analysis.tokenizers import IDTokenizer
from whoosh.fields import FieldType
from whoosh.formats import Existence, Positions
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from indexer import termarrays
from indexer.analysis import _TOKEN_RE, TextAnalyzer
from indexer.arraycodec import ArrayCodec
from indexer.blockwriter import TermWriter
from indexer.postings import decode_positions, encode_positions
from indexer.schema import SCORED_FIELDS
from indexer.spelling import spelling_words

class FastSegmentWriter(SegmentWriter):
    """SegmentWriter whose postings go to per-term lists instead of the sorting pool."""

    def __init__(self, ix, collect_tokens_of: str | None = None, **kwargs):
        kwargs.setdefault("codec", ArrayCodec())
        super().__init__(ix, **kwargs)
        for name in SCORED_FIELDS & set(self.schema.names()):
            if type(self.schema[name].format) is not Positions:     # the arrays hold positions
                raise ValueError(f"scored field {name} must record positions")
        # The raw tokens of one field (the body), gathered as it is analyzed, so the
        # "did you mean" word list needs no second tokenization (indexer.spelling).
        self.collect_tokens_of = collect_tokens_of
        self._token_cache: dict[str, tuple] = {}     # its raw tokens (analysis.term_positions)
        # fieldname -> term bytes -> [docnums, weights, values]; a scored text field's
        # values are its positions (lists), the others' Whoosh's encoded bytes
        self._terms: dict[str, dict[bytes, list]] = defaultdict(dict)
        # fieldname -> term bytes -> [(docnum, weight, value)]: spelling postings, which
        # Whoosh files all under docnum 0, so they need the pool's sort
        self._spell: dict[str, dict[bytes, list]] = defaultdict(dict)
        # fieldname -> docnum -> the field's length, as the length column gives it back
        self._lengths: dict[str, dict[int, int]] = defaultdict(dict)

    @property
    def tokens(self) -> set[str]:
        """The raw tokens of the collect_tokens_of field of every document added."""
        return set(self._token_cache)

    def add_reader(self, reader):
        raise NotImplementedError("a rebuild writer takes documents, not segments")

    def delete_document(self, docnum, delete=True):
        raise NotImplementedError("a rebuild writer has nothing to delete")

    def add_document(self, **fields):
        """SegmentWriter.add_document, step for step, but posting into self._terms."""
        self._check_state()
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        vbytes = None
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            if field.vector:
                raise NotImplementedError(f"term vectors ({fieldname})")
            length = 0
            if field.indexed:
                fieldboost = self._field_boost(fields, fieldname, docboost)
                terms = self._terms[fieldname]
                tokens = self._token_cache if fieldname == self.collect_tokens_of else None
                if _plain_text(field, value):
                    length, last = _add_text(terms, field, value, docnum, fieldboost, tokens)
                    if last is not None:
                        vbytes = last       # positions: encoded only if spelling needs them
                elif _plain_id(field, value):
                    # Existence of the one token IDTokenizer makes of the whole value
                    vbytes = b""
                    _append(terms, value.encode("utf-8"), docnum,
                            field.format.field_boost * fieldboost, vbytes)
                    length = 1 if field.scorable else 0
                else:
                    if tokens is not None:
                        raise ValueError("tokens are only collected from text fields")
                    scorable = field.scorable
                    for tbytes, freq, weight, vbytes in field.index(value):
                        weight *= fieldboost
                        if scorable:
                            length += freq
                        _append(terms, tbytes, docnum, weight, vbytes)
            if field.separate_spelling():
                # As Whoosh does: docnum 0, weight 1, and the value of the last posting
                # of this document so far (Whoosh's loop variable, left bound).
                spell = self._spell[field.spelling_fieldname(fieldname)]
                if isinstance(vbytes, list):
                    vbytes = encode_positions(vbytes)
                for word in _spellable_words(field, value):
                    spell.setdefault(word.encode("utf-8"), []).append((0, 1, vbytes))
            customval = fields.get(f"_stored_{fieldname}", value)
            perdocwriter.add_field(fieldname, field, customval if field.stored else None,
                                   length)
            if length:          # the length as the column gives it back (a byte's worth)
                self._lengths[fieldname][docnum] = byte_to_length(length_to_byte(length))
            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        """Write the postings in (field, term) order, as Whoosh's sorted pool would."""
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        # Fields without a single term (say, series_text when no document has a series)
        # never reach Whoosh's field writer: the pool holds no posting of theirs.
        names = {name for name, terms in (*self._terms.items(), *self._spell.items()) if terms}
        for fieldname in sorted(names):
            fieldobj = self.schema[fieldname]
            fieldwriter.start_field(fieldname, fieldobj)
            writer = TermWriter(fieldwriter, self.codec, fieldobj)
            lengths = self._lengths.get(fieldname, {})
            terms = self._terms.get(fieldname, {})
            spell = self._spell.get(fieldname, {})
            if terms and spell:
                raise ValueError(f"{fieldname} holds both postings and spelling words")
            in_arrays = fieldname in SCORED_FIELDS
            for tbytes in sorted(terms or spell):
                if spell:
                    writer.write_sorted_postings(tbytes, sorted(spell[tbytes]), lengths)
                elif in_arrays:
                    writer.write_info(tbytes, *terms[tbytes][:2], lengths)
                else:
                    writer.write_term(tbytes, *terms[tbytes], lengths)
            fieldwriter.finish_field()
        self._write_arrays()
        self._terms.clear()
        self._spell.clear()
        fieldwriter.close()


    def _write_arrays(self):
        """The scored fields' postings as the segment's term arrays (indexer.termarrays)."""
        keys, counts, ids, weights, pos_counts, positions = [], [], [], [], [], []
        for fieldname in sorted(SCORED_FIELDS & set(self._terms)):
            terms, values = self._terms[fieldname], []
            for tbytes in sorted(terms):
                docnums, term_weights, term_values = terms[tbytes]
                keys.append(termarrays.key_of(fieldname, tbytes))
                counts.append(len(docnums))
                ids += docnums
                weights += term_weights
                values += term_values
            if values and isinstance(values[0], bytes):     # encoded by Whoosh's field.index()
                field_counts, field_positions = decode_positions(values)
            else:
                field_counts = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
                field_positions = np.fromiter(chain.from_iterable(values), dtype=np.int32,
                                              count=int(field_counts.sum()))
            pos_counts.append(field_counts)
            positions.append(field_positions)
        termarrays.write_arrays(termarrays.location(self.storage.folder, self.newsegment.segid),
                                keys, counts, ids, weights, _joined(pos_counts), _joined(positions))


def _joined(parts: list) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _append(terms: dict, tbytes: bytes, docnum: int, weight, vbytes: bytes) -> None:
    lists = terms.get(tbytes)
    if lists is None:
        lists = terms[tbytes] = [[], [], []]
    lists[0].append(docnum)
    lists[1].append(weight)
    if vbytes:              # W3PostingsWriter keeps only the non-empty values
        lists[2].append(vbytes)


def _plain_text(field, value) -> bool:
    """A text field of ours in Whoosh's default Positions format: _add_text indexes it."""
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


_WEIGHTS = [float(n) for n in range(256)]   # a term's weight: its count, boosts being 1.0


def _add_text(terms: dict, field, value: str, docnum: int, fieldboost: float,
              token_cache: dict | None) -> tuple[int, list[int] | None]:
    """Positions.word_values and add_document's posting loop in one, each posting's
    value kept as its list of positions: returns the field's length and the positions
    of its last posting (None without postings)."""
    boost = field.format.field_boost
    unboosted = boost == 1.0 and fieldboost == 1.0
    length, poslist = 0, None
    for tbytes, poslist in field.analyzer.term_positions(value, token_cache).items():
        count = len(poslist)
        length += count
        if unboosted and count < 256:
            weight = _WEIGHTS[count]
        else:   # as Whoosh: the tokens' boosts (1.0 each) summed, times each boost
            weight = (float(count) * boost) * fieldboost
        lists = terms.get(tbytes)
        if lists is None:
            terms[tbytes] = [[docnum], [weight], [poslist]]
        else:
            lists[0].append(docnum)
            lists[1].append(weight)
            lists[2].append(poslist)
    return length, poslist
