"""From what a researcher typed to a Whoosh query.

Two paths: a plain list of words becomes a weighted OR of the analyzed words over
the search fields, built here (Whoosh's parser drops repeated words and cannot
weigh them); a query using the search syntax ("phrases", OR, NOT/-, field:value,
prefix*, year:2010-2016) goes through Whoosh's parser. Syntax the parser cannot
read never fails the search: it falls back to the plain words.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from whoosh import qparser
from whoosh import query as wq

from indexer.analysis.analyzers import ENGLISH, EXACT, SPANISH, analyze
from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.core.limits import MAX_QUERY_CHARS
from indexer.engine import crosslang
from indexer.engine.bm25f import PAIR_WEIGHT, PAIR_WINDOW
from indexer.engine.clauses import FieldsWord, WordPair
from indexer.engine.querylimits import limit_expansions
from indexer.engine.schema import QUERY_FIELD_ALIASES, SCHEMA, SEARCH_FIELDS, SPANISH_FIELDS

# The search syntax, and only it: prose punctuation (a question's "?", an aside in
# parentheses, "non-linear", a dash between spaces, "ratio 1:2") stays plain words,
# which rank better (BM25F, repeated words); so does a signed number (+1, -2).
# Parentheses only group operators, so they need no trigger of their own; "?" is
# a wildcard only inside a word; field:value only for the fields there are.
_SYNTAX_RE = re.compile(r'"|\b(?:AND|OR|NOT)\b|(?:^|\s)[-+][^\W\d]|\w\*|\*\w|\w\?\w|(?i:\b(?:'
                        + "|".join(QUERY_FIELD_ALIASES) + r'):\S)')
_YEAR_RANGE_RE = re.compile(r"\byear:(\d{4})\s*(?:-|\.\.|–|to)\s*(\d{4})\b", re.IGNORECASE)
_FIELD_RE = re.compile(r"\b(\w+):", re.UNICODE)
# The name fields hold whole folded words (analysis.EXACT), the others stems.
_NAME_FIELDS = [f for f in SEARCH_FIELDS if f.endswith("_text")]
_STEMMED_FIELDS = [f for f in SEARCH_FIELDS if f not in _NAME_FIELDS]


def uses_syntax(q: str) -> bool:
    return bool(_SYNTAX_RE.search(q))


def plain_query(q: str, topics_file: Path = DEFAULT_TOPICS_FILE) -> wq.Query | None:
    """An OR of the analyzed words, each one BM25F clause over the search fields.

    Built here, not by Whoosh's parser: a word typed twice weighs twice. Stemmed
    words go to the English fields, folded whole words to the name fields; the
    cross-language equivalents are those of the topics file.
    """
    clauses = []
    for analyzer, fields in ((ENGLISH, _STEMMED_FIELDS), (EXACT, _NAME_FIELDS)):
        for word, count in Counter(analyze(q, analyzer)).items():
            clauses.append(_fields_word(word, fields, count))
    clauses += pair_clauses(analyze(q, ENGLISH))
    if clauses:     # the same words in Spanish, and their equivalents in the other language
        clauses += crosslang.spanish_clauses(q) + crosslang.expansion_clauses(q, topics_file)
    return wq.Or(clauses) if clauses else None


def _fields_word(word: str, fields: list[str], boost: float = 1.0) -> FieldsWord:
    return FieldsWord([wq.Term(f, word, boost=SEARCH_FIELDS[f]) for f in fields], boost=boost)


def pair_clauses(words: list[str]) -> list[wq.Query]:
    """A WordPair for each two neighbouring analyzed words (stopwords are already out,
    so "effect of heat" pairs effect with heat); a pair typed twice weighs twice."""
    pairs = Counter((a, b) for a, b in zip(words, words[1:]) if a != b)
    return [WordPair(_fields_word(a, _STEMMED_FIELDS), _fields_word(b, _STEMMED_FIELDS),
                     window=PAIR_WINDOW, boost=PAIR_WEIGHT * count)
            for (a, b), count in pairs.items()]


def _parser() -> qparser.QueryParser:
    fields = SEARCH_FIELDS | SPANISH_FIELDS
    parser = qparser.MultifieldParser(list(fields), SCHEMA, fieldboosts=fields,
                                      group=qparser.OrGroup)
    parser.add_plugin(qparser.PlusMinusPlugin())
    parser.add_plugin(qparser.FieldAliasPlugin(
        {real: [alias] for alias, real in QUERY_FIELD_ALIASES.items() if alias != real}))
    parser.remove_plugin_class(qparser.BoostPlugin)
    return parser


def syntax_query(q: str, topics_file: Path = DEFAULT_TOPICS_FILE) -> wq.Query | None:
    """Parse the search syntax; unknown fields and broken syntax fall back to words."""
    # Aliases become the real field names here: Whoosh's alias plugin misses author:"a b".
    q = _FIELD_RE.sub(lambda m: QUERY_FIELD_ALIASES[m.group(1).lower()] + ":"
                      if m.group(1).lower() in QUERY_FIELD_ALIASES else m.group(1) + " ", q).strip()
    q = _YEAR_RANGE_RE.sub(r"year:[\1 TO \2]", q)
    # Keyword values go in single quotes (one term): "rule-of-law" is not "rule NOT of law".
    q = re.sub(r"\b(type|topics|language):([^\s()\"']+)",
               lambda m: f"{m.group(1)}:'{m.group(2).lower()}'",
               q, flags=re.IGNORECASE)
    if q.count('"') % 2:
        q = q[::-1].replace('"', "", 1)[::-1]     # drop the unmatched last quote
    if q.count("(") != q.count(")"):
        q = q.replace("(", " ").replace(")", " ")
    try:
        parsed = _parser().parse(q)
    except Exception:  # Whoosh's parser raises assorted errors on odd input
        return plain_query(q, topics_file)
    if parsed is None or parsed == wq.NullQuery:
        return plain_query(q, topics_file)
    parsed = _with_gaps(_fields_words(_and_not(parsed)), _phrase_gaps(q))
    typed = {m.group(1).lower() for m in _FIELD_RE.finditer(q)} & set(SCHEMA.names())
    return parsed if re.search(r"\bOR\b", q) else _require_filters(parsed, typed)


class GappedPhrase(wq.Phrase):
    """A phrase whose words keep the distances they were typed at.

    Stopwords are not indexed but still counted in positions, so in "united states
    and mexico" the word mexico stands two positions after state; Whoosh's Phrase
    would ask for it right after, and find nothing. indexer.engine.vectorscore checks the
    exact gaps (the slop is the largest, for anything reading it as a plain Phrase).
    """

    def __init__(self, fieldname, words, gaps, boost=1.0):
        super().__init__(fieldname, words, slop=max(gaps), boost=boost)
        self.gaps = tuple(gaps)


def _phrase_gaps(q: str) -> dict[tuple, tuple]:
    """Analyzed words of each quoted phrase -> the position steps between them,
    for the phrases where a stopword left a gap."""
    gaps = {}
    for text in re.findall(r'"([^"]+)"', q):
        for analyzer in (ENGLISH, SPANISH):
            tokens = [(t.text, t.pos) for t in analyzer(text, positions=True)]
            steps = tuple(b[1] - a[1] for a, b in zip(tokens, tokens[1:]))
            if any(step > 1 for step in steps):
                gaps[tuple(word for word, _ in tokens)] = steps
    return gaps


def _with_gaps(q: wq.Query, gaps: dict) -> wq.Query:
    if not gaps:
        return q
    if type(q) is wq.Phrase and tuple(q.words) in gaps:
        return GappedPhrase(q.fieldname, q.words, gaps[tuple(q.words)], boost=q.boost)
    if q.is_leaf():
        return q
    return q.apply(lambda sub: _with_gaps(sub, gaps))


# Fields that only narrow a search (like the facets): with other words they must hold.
_FILTER_FIELDS = {"topics", "type", "year", "language"}


def _require_filters(q: wq.Query, typed: set[str] = frozenset()) -> wq.Query:
    """`type:podcast migration` means podcasts about migration, not podcasts or migration;
    so does a field the researcher typed: `author:olson security` is Olson on security.
    (Plain words spread over the fields inside FieldsWord clauses, or to the Spanish
    fields, which no field name reaches: a top-level clause of a typed field was typed.)"""
    if isinstance(q, wq.AndNot):
        return wq.AndNot(_require_filters(q.a, typed), q.b)
    if not isinstance(q, wq.Or):
        return q
    narrowing = _FILTER_FIELDS | set(typed)
    filters = [s for s in q.subqueries if s.field() in narrowing]
    rest = [s for s in q.subqueries if s.field() not in narrowing]
    if not filters or not rest:
        return q
    return wq.And(filters + [rest[0] if len(rest) == 1 else wq.Or(rest)])


def _fields_words(q: wq.Query) -> wq.Query:
    """The parser spreads each word over the search fields as loose Terms: gather
    them into FieldsWord clauses, so `border -trade` ranks `border` as plain words do."""
    if isinstance(q, wq.AndNot):
        return wq.AndNot(_fields_words(q.a), q.b)
    if isinstance(q, wq.And):
        return wq.And([_fields_words(s) for s in q.subqueries], boost=q.boost)
    if not isinstance(q, wq.Or) or isinstance(q, FieldsWord):
        return q
    groups: dict[tuple, list[wq.Term]] = {}
    subs: list = []
    for sub in q.subqueries:
        if type(sub) is wq.Term and sub.fieldname in SEARCH_FIELDS:
            key = (sub.fieldname in _NAME_FIELDS, sub.text)
            if key not in groups:
                groups[key] = []
                subs.append(key)
            groups[key].append(sub)
        else:
            subs.append(_fields_words(sub))
    subs = [(FieldsWord(groups[s]) if len(groups[s]) > 1 else groups[s][0])
            if isinstance(s, tuple) else s for s in subs]
    return wq.Or(subs, boost=q.boost)


def _and_not(q: wq.Query) -> wq.Query:
    """`a NOT b` means a and not b: the OR grouping would make it `a OR (NOT b)`."""
    if not isinstance(q, (wq.And, wq.Or)):
        return q
    subs = [_and_not(s) for s in q.subqueries]
    negated = [s.query for s in subs if isinstance(s, wq.Not)]
    kept = [s for s in subs if not isinstance(s, wq.Not)]
    if isinstance(q, wq.Or) and negated and kept:
        positive = kept[0] if len(kept) == 1 else wq.Or(kept, boost=q.boost)
        return wq.AndNot(positive, negated[0] if len(negated) == 1 else wq.Or(negated))
    return q.__class__(subs, boost=q.boost)


def text_query(q: str, topics_file: Path = DEFAULT_TOPICS_FILE) -> wq.Query | None:
    """The query for what was typed; topics_file gives the cross-language equivalents."""
    q = (q or "").strip()[:MAX_QUERY_CHARS]
    if not q:
        return None
    if not uses_syntax(q):
        return plain_query(q, topics_file)
    try:
        parsed = syntax_query(q, topics_file)
    except Exception:  # a malformed query must still answer, with the plain words
        return plain_query(q, topics_file)
    # Outside the fallback: a wildcard too broad to search is refused, not searched as words.
    return limit_expansions(parsed) if parsed is not None else None


def broken_syntax(q: str) -> bool:
    """The search syntax as typed cannot be read whole, so part of it is read as plain
    words: an unmatched quote or parenthesis, or an AND/OR/NOT with nothing beside it
    (`title:(border AND`). Prose punctuation is no syntax and never broken."""
    q = (q or "").strip()[:MAX_QUERY_CHARS]
    if not re.search(r"\w", q) or not uses_syntax(q):     # symbols alone list everything
        return False
    return bool(q.count('"') % 2 or q.count("(") != q.count(")")
                or _DANGLING_OPERATOR.search(q))


_DANGLING_OPERATOR = re.compile(r"(^|\()\s*(AND|OR)\b|\b(AND|OR|NOT)\s*($|\))")


def query_words(q: str) -> list[str]:
    """The words of a query as typed, for "did you mean" (no syntax, no fields)."""
    cleaned = re.sub(r"\b\w+:\S*|\b(AND|OR|NOT)\b|[\"()*?+]|(^|\s)-", " ", q or "")
    return re.findall(r"[^\W\d_]{3,}", cleaned)
