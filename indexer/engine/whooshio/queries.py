"""What Whoosh's expanding queries (Prefix, Wildcard, TermRange) do in private.

A multi-term query gives Whoosh its terms through the private _btexts(reader);
indexer.engine.querylimits caps them. ExpansionHook turns that into
expanded_terms(reader), with Whoosh's own list as whoosh_terms(reader).
"""
from __future__ import annotations


class ExpansionHook:
    """Mixin, before a whoosh.query.MultiTerm class: the terms Whoosh searches are
    expanded_terms(reader)."""

    def _btexts(self, ixreader):
        return self.expanded_terms(ixreader)

    def whoosh_terms(self, ixreader):
        """The terms Whoosh itself would expand the query into (all of them)."""
        return super()._btexts(ixreader)

    def expanded_terms(self, ixreader):
        return self.whoosh_terms(ixreader)


def wildcard_regex(q) -> str:
    """The regular expression a whoosh.query.Wildcard matches terms with."""
    return q._get_pattern()


def wildcard_prefix(q) -> str:
    """The literal text before a Wildcard's first * or ?."""
    return q._find_prefix(q.text)
