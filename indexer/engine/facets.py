"""Facet counts from compact per-reader arrays (numpy), disjunctive across facets.

For each facet field the reader's postings are read once into two parallel arrays,
(document number, value number), one pair per value a document holds. Counting a
facet over a set of matched documents (a boolean mask) is then one bincount.
Counts are disjunctive: a facet's counts apply every other facet's selection but
not its own, so a researcher sees what choosing another value would give.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer.engine.schema import FACETS, Facet

FACET_LIMIT = 50     # values listed per facet (selected ones always are)


@dataclass
class FacetColumn:
    values: list[str]            # value number -> value as shown
    value_ids: dict[str, int]
    pair_docs: np.ndarray        # int32, document number of each (doc, value) pair
    pair_vals: np.ndarray        # int32, value number of each pair

    def mask_for(self, wanted: list[str], size: int) -> np.ndarray:
        """Documents holding any of the wanted values."""
        ids = [self.value_ids[v] for v in wanted if v in self.value_ids]
        mask = np.zeros(size, dtype=bool)
        if ids:
            mask[self.pair_docs[np.isin(self.pair_vals, ids)]] = True
        return mask

    def count(self, matched: np.ndarray) -> np.ndarray:
        return np.bincount(self.pair_vals[matched[self.pair_docs]], minlength=len(self.values))


class FacetArrays:
    """The facet columns and the live-document mask of one index reader.

    Columns are read per segment and kept in `cache` (segment id and deletion
    count -> arrays), so after a librarian's save only the new small segment is
    read: the large segments' postings are never read again.
    """

    def __init__(self, reader, cache: dict | None = None):
        self.size = reader.doc_count_all()
        self.live = np.zeros(self.size, dtype=bool)
        self.live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        cache = {} if cache is None else cache
        parts = [(_segment_columns(leaf, cache), offset) for leaf, offset in reader.leaf_readers()]
        self.columns = {facet.name: _merge([(p[facet.name], offset) for p, offset in parts])
                        for facet in FACETS}

    def selection_masks(self, filters, excludes, year_from, year_to):
        """Per facet: the mask of its own selection (None when nothing is selected)."""
        masks = {name: self.columns[name].mask_for(values, self.size)
                 for name, values in filters.items() if name in self.columns}
        if year_from is not None or year_to is not None:
            years = self.columns["year"]
            wanted = [v for v in years.values
                      if (year_from or 0) <= int(v) <= (year_to or 9999)]
            in_range = years.mask_for(wanted, self.size)
            masks["year"] = masks["year"] & in_range if "year" in masks else in_range
        return masks

    def exclusion_mask(self, excludes) -> np.ndarray:
        keep = self.live.copy()
        for name, values in excludes.items():
            if name in self.columns:
                keep &= ~self.columns[name].mask_for(values, self.size)
        return keep

    def lists(self, counts: dict, filters: dict, excludes: dict,
              full: str | None = None) -> dict:
        """Per facet, the values to show: those counted, and every selected or excluded
        one even at zero; years newest first, others by count; at most FACET_LIMIT
        unless selected, except in the `full` facet (its own page lists every value)."""
        lists = {}
        for facet in FACETS:
            selected = set(filters.get(facet.name, []))
            excluded = set(excludes.get(facet.name, []))
            entries = [{"value": v, "count": int(c), "selected": v in selected,
                        "excluded": v in excluded}
                       for v, c in zip(self.columns[facet.name].values, counts[facet.name])
                       if c or v in selected or v in excluded]
            if facet.name == "year":
                entries.sort(key=lambda e: e["value"], reverse=True)
            else:
                entries.sort(key=lambda e: (-e["count"], e["value"].lower()))
            if facet.name == full:
                lists[facet.name] = entries
                continue
            lists[facet.name] = entries[:FACET_LIMIT] + [
                e for e in entries[FACET_LIMIT:] if e["selected"] or e["excluded"]]
        return lists

    def disjunctive_counts(self, base: np.ndarray, masks: dict[str, np.ndarray]):
        """facet name -> counts array, each with every other facet's selection applied."""
        counts = {}
        for name, column in self.columns.items():
            matched = base.copy()
            for other, mask in masks.items():
                if other != name:
                    matched &= mask
            counts[name] = column.count(matched)
        return counts


def segment_of(leaf):
    """The Whoosh segment a leaf reader reads, or None (an empty or in-memory reader)."""
    return leaf.segment() if hasattr(leaf, "segment") else None


def segment_key(leaf):
    segment = segment_of(leaf)
    return None if segment is None else (segment.segid, segment.deleted_count())


def prune_cache(cache: dict, reader) -> None:
    """Forget the arrays of segments the reader no longer has (merged, or more deletions)."""
    current = {segment_key(leaf) for leaf, _ in reader.leaf_readers()}
    for key in set(cache) - current:
        del cache[key]


def _segment_columns(leaf, cache: dict) -> dict:
    key = segment_key(leaf)
    if key is not None and key in cache:
        return cache[key]
    columns = {facet.name: _raw_column(leaf, facet) for facet in FACETS}
    if key is not None:
        cache[key] = columns
    return columns


def _raw_column(reader, facet: Facet):
    """(terms, values, pair_docs, pair_vals) of one segment, local document numbers."""
    terms, values, docs, vals = [], [], [], []
    if facet.field in reader.schema:
        for term in reader.lexicon(facet.field):
            value = _decode(reader, facet, term)
            if value is None:
                continue
            ids = np.fromiter(reader.postings(facet.field, term).all_ids(), dtype=np.int32)
            docs.append(ids)
            vals.append(np.full(len(ids), len(values), dtype=np.int32))
            terms.append(term)
            values.append(value)
    empty = np.zeros(0, dtype=np.int32)
    return (terms, values, np.concatenate(docs) if docs else empty,
            np.concatenate(vals) if vals else empty)


def _merge(parts) -> FacetColumn:
    """One column over all segments: values in term order, as the whole reader lists them."""
    by_term = {}
    for (terms, values, _, _), _ in parts:
        by_term.update(zip(terms, values))
    ordered = sorted(by_term)
    number = {term: i for i, term in enumerate(ordered)}
    docs, vals = [], []
    for (terms, _, pair_docs, pair_vals), offset in parts:
        if len(pair_docs):
            remap = np.array([number[t] for t in terms], dtype=np.int32)
            docs.append(pair_docs + np.int32(offset))
            vals.append(remap[pair_vals])
    values = [by_term[t] for t in ordered]
    return FacetColumn(
        values=values, value_ids={v: i for i, v in enumerate(values)},
        pair_docs=np.concatenate(docs) if docs else np.zeros(0, dtype=np.int32),
        pair_vals=np.concatenate(vals) if vals else np.zeros(0, dtype=np.int32),
    )


def _decode(reader, facet: Facet, term: bytes) -> str | None:
    field = reader.schema[facet.field]
    if facet.name == "year":
        # Numeric fields index extra lower-precision terms for ranges; keep exact ones.
        if not term or term[0] != 0:
            return None
        return str(field.from_bytes(term))
    return term.decode("utf-8")
