"""What one query may cost: capped expansions, no bare leading wildcard, a time budget.

Whoosh expands a prefix, wildcard or range into every matching term of the field
and ORs them: `a*` or `title:[a TO z]` over a large archive became tens of
thousands of matchers, and `*e*` held a worker 60 s until gunicorn killed it.
Here the parsed query's expanding parts are swapped for capped twins (at most
MAX_EXPANSIONS terms per field and segment, MAX_SCANNED_TERMS read to find them);
a wildcard before any letter needs MIN_WILDCARD_LITERALS letters; and each search
runs under a Budget: past QUERY_SECONDS it stops with SearchTooSlow, and a capped
expansion marks the results partial, so the page can say so.
"""
from __future__ import annotations

import contextlib
import contextvars
import copy
import re
import time
from typing import Iterable, Iterator

from whoosh import query as wq

from indexer.core.limits import (MAX_EXPANSIONS, MAX_SCANNED_TERMS, MIN_WILDCARD_LITERALS,
                                 QUERY_SECONDS, QueryTooBroad, SearchTooSlow)
from indexer.engine.whooshio import ExpansionHook, wildcard_prefix, wildcard_regex

CHECK_EVERY = 512       # terms scanned or documents matched between two looks at the clock
_current: contextvars.ContextVar["Budget | None"] = contextvars.ContextVar("budget",
                                                                           default=None)


class Budget:
    """One search's deadline, and the expanding parts that hit their cap."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.capped: list[str] = []

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise SearchTooSlow("this search ran over {seconds:g} s and was stopped; narrow "
                                "it (more letters before a *, a shorter range)",
                                seconds=self.seconds)

    def note_capped(self, part: str) -> None:
        if part not in self.capped:
            self.capped.append(part)


@contextlib.contextmanager
def budget(seconds: float = QUERY_SECONDS) -> Iterator[Budget]:
    held = Budget(seconds)
    token = _current.set(held)
    try:
        yield held
    finally:
        _current.reset(token)


def check_time() -> None:
    held = _current.get()
    if held is not None:
        held.check()


def checked(items: Iterable) -> Iterator:
    """items, looking at the search's clock every CHECK_EVERY of them."""
    for n, item in enumerate(items):
        if n % CHECK_EVERY == 0:
            check_time()
        yield item


class _Capped(ExpansionHook):
    """An expanding query whose terms stop at MAX_EXPANSIONS (found within
    MAX_SCANNED_TERMS), worked out once per segment reader."""

    def _scan(self, ixreader) -> Iterator[tuple[bytes, bool]]:
        """(term, does it match) of each term read to find the matches."""
        return ((btext, True) for btext in self.whoosh_terms(ixreader))

    def expanded_terms(self, ixreader) -> list[bytes]:
        held = self.__dict__.setdefault("_expanded", {})
        if id(ixreader) not in held:
            held[id(ixreader)] = self._expand(ixreader)
        return held[id(ixreader)]

    def _expand(self, ixreader) -> list[bytes]:
        terms = []
        for scanned, (btext, matches) in enumerate(checked(self._scan(ixreader)), 1):
            terms += [btext] if matches else []
            if len(terms) > MAX_EXPANSIONS or scanned >= MAX_SCANNED_TERMS:
                held = _current.get()
                if held is not None:
                    held.note_capped(_typed(self))
                return terms[:MAX_EXPANSIONS]
        return terms

    def normalize(self):
        return limit_expansions(super().normalize())


class CappedPrefix(_Capped, wq.Prefix):
    pass


class CappedWildcard(_Capped, wq.Wildcard):
    def _scan(self, ixreader):
        pattern = re.compile(wildcard_regex(self))
        prefix = wildcard_prefix(self)
        candidates = ixreader.expand_prefix(self.fieldname, prefix) if prefix \
            else ixreader.lexicon(self.fieldname)
        from_bytes = ixreader.schema[self.fieldname].from_bytes
        return ((btext, pattern.match(from_bytes(btext)) is not None) for btext in candidates)


class CappedTermRange(_Capped, wq.TermRange):
    pass


_CAPPED = {wq.Prefix: CappedPrefix, wq.Wildcard: CappedWildcard, wq.TermRange: CappedTermRange}


def limit_expansions(q: wq.Query) -> wq.Query:
    """The query with its prefixes, wildcards and ranges capped; a wildcard too broad
    to search (before fewer than MIN_WILDCARD_LITERALS letters, or alone) refused."""
    if isinstance(q, wq.Every) or (type(q) is wq.Wildcard and _too_broad(q.text)):
        text = getattr(q, "text", None) or "*"
        raise QueryTooBroad("{pattern} would read every word of the archive: a wildcard at "
                            "the start needs at least {letters} letters (e.g. *tion, not *e*)",
                            pattern=text, letters=MIN_WILDCARD_LITERALS)
    if type(q) in _CAPPED:
        capped = copy.copy(q)
        capped.__class__ = _CAPPED[type(q)]
        return capped
    if q.is_leaf() or not _expands(q):     # (and our own compound queries stay as built)
        return q
    return q.apply(limit_expansions)


def _expands(q: wq.Query) -> bool:
    return isinstance(q, (wq.MultiTerm, wq.Every)) or any(map(_expands, q.children()))


def _too_broad(pattern: str) -> bool:
    starts_wild = pattern[:1] in ("*", "?")
    literals = len(re.sub(r"[*?]", "", pattern))
    return starts_wild and literals < MIN_WILDCARD_LITERALS


def _typed(q) -> str:
    """How a capped part reads to the researcher (without the field spread over)."""
    if isinstance(q, wq.TermRange):
        return f"[{q.start} TO {q.end}]"
    return f"{q.text}*" if isinstance(q, wq.Prefix) else q.text


def partial_notice(held: Budget) -> str | None:
    if not held.capped:
        return None
    return (f"{', '.join(held.capped)} matches over {MAX_EXPANSIONS:,} words; only the first "
            f"{MAX_EXPANSIONS:,} were searched, so these results are partial. Add letters "
            "to narrow it.")
