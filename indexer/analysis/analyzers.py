"""Text analysis: NLTK tokenization, accent folding, stopwords, Snowball stemming.

Whoosh pickles the schema (and so every analyzer in it) into the index, so the
tokenizer and filters here are module-level classes whose instances carry only
plain attributes; the NLTK objects they use are built lazily and never pickled.
"""
from __future__ import annotations

import functools
import os
import sys
import unicodedata

import regex
from whoosh.analysis import Filter, Tokenizer
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.analysis.acore import Token

from indexer.core.limits import MAX_TERM_CHARS


def _import_nltk():
    """import nltk, but not scipy: nltk's __init__ imports every part of nltk, and its
    metrics, translation and parsing modules import scipy when it is installed (the
    `eval` extra brings it), which took 2 of the 3 s `indexer --help` spent starting.
    Those modules try scipy in try/except and do without it; none of them is used here.
    scipy is hidden only while nltk loads, so whatever imports it later gets it."""
    hidden = "scipy" not in sys.modules
    if hidden:
        sys.modules["scipy"] = None     # an import of it raises ImportError meanwhile
    try:
        import nltk
        import nltk.corpus
        import nltk.stem.snowball
        import nltk.tokenize
    finally:
        if hidden and sys.modules.get("scipy", 0) is None:
            del sys.modules["scipy"]
    return nltk


nltk = _import_nltk()
nltk_stopwords = nltk.corpus.stopwords
SnowballStemmer = nltk.stem.snowball.SnowballStemmer
RegexpTokenizer = nltk.tokenize.RegexpTokenizer

# The stopword lists ship with the project in NLTK's own data layout, so NLTK
# reads them with its normal corpus reader and nothing is ever downloaded.
NLTK_DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "nltk_data")
if NLTK_DATA_DIR not in nltk.data.path:
    nltk.data.path.insert(0, NLTK_DATA_DIR)

LANGUAGES = {"en": "english", "es": "spanish"}

# Dotted acronyms (U.S., U.N.) or words with an inner apostrophe (Mexico's).
TOKEN_PATTERN = r"(?:[A-Za-z]\.){2,}|\w+(?:['’]\w+)*"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@functools.lru_cache(maxsize=None)
def _nltk_tokenizer() -> RegexpTokenizer:
    return RegexpTokenizer(TOKEN_PATTERN)


# NLTK's RegexpTokenizer compiles its pattern with the `regex` engine and these flags,
# then wraps every match in a wall-clock ReDoS guard that costs more than the match
# itself. Our pattern is fixed and linear, so we match with the same engine and flags
# directly: the same spans, several times faster (the indexer's hottest loop).
_TOKEN_RE = regex.compile(TOKEN_PATTERN, regex.UNICODE | regex.MULTILINE | regex.DOTALL)


def token_spans(text: str):
    """(start, end) of each token, exactly as RegexpTokenizer(TOKEN_PATTERN).span_tokenize."""
    return (m.span() for m in _TOKEN_RE.finditer(text))


@functools.lru_cache(maxsize=None)
def stopword_set(language: str) -> frozenset[str]:
    """The shipped NLTK stopword list for 'en' or 'es', accent-folded."""
    words = nltk_stopwords.words(LANGUAGES[language])
    return frozenset(fold(w) for w in words)


@functools.lru_cache(maxsize=None)
def _stemmer(language: str) -> SnowballStemmer:
    return SnowballStemmer(LANGUAGES[language])


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str = "en") -> str:
    return _stemmer(language).stem(word)


def fold(text: str) -> str:
    """Lowercase and strip accents, so México = Mexico and migración = migracion."""
    if text.isascii():          # nothing to decompose or strip (the common case)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_token(text: str) -> tuple[str, bool]:
    """(folded text without dots, is it an acronym) of one token, cut to MAX_TERM_CHARS.

    Every path to a term (the filters, the fused loop, the rebuild's tokenizer, the
    spelling words) comes through here with the whole raw token, so all cut alike."""
    return _fold_token(text[:MAX_TERM_CHARS])


@functools.lru_cache(maxsize=500_000)
def _fold_token(text: str) -> tuple[str, bool]:
    # Cut again after folding: NFKD can make one character several (a ligature).
    return fold(text).replace(".", "")[:MAX_TERM_CHARS], is_acronym(text)


def is_acronym(word: str) -> bool:
    """USMCA, NAFTA, U.S.: upper-case words are names, never stopwords or stems."""
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


class NltkTokenizer(Tokenizer):
    """Splits text with NLTK's RegexpTokenizer, keeping character offsets."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield from _single_token(token, value, positions, chars, start_pos, start_char)
            return
        for pos, (start, end) in enumerate(token_spans(value)):
            token.text = value[start:end]
            token.original = token.text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def _single_token(token, value, positions, chars, start_pos, start_char):
    token.original = token.text = value
    token.boost = 1.0
    token.stopped = False
    if positions:
        token.pos = start_pos
    if chars:
        token.startchar, token.endchar = start_char, start_char + len(value)
    yield token


class FoldFilter(Filter):
    """Lowercases and folds accents; marks acronyms so later filters spare them."""

    def __call__(self, tokens):
        for token in tokens:
            token.text, token.acronym = fold_token(token.text)
            yield token


class StopwordFilter(Filter):
    """Drops the language's stopwords (but keeps acronyms: US is not 'us')."""

    def __init__(self, language: str = "en"):
        self.language = language

    def __eq__(self, other):
        return type(self) is type(other) and self.language == other.language

    def __call__(self, tokens):
        stops = stopword_set(self.language)
        for token in tokens:
            if token.text in stops and not getattr(token, "acronym", False):
                if not token.removestops:
                    token.stopped = True
                    yield token
                continue
            yield token


class SnowballFilter(Filter):
    """NLTK's Snowball stemmer for the language; acronyms and numbers pass as they are."""

    is_morph = True     # Whoosh then keeps unstemmed words for "did you mean"

    def __init__(self, language: str = "en"):
        self.language = language

    def __eq__(self, other):
        return type(self) is type(other) and self.language == other.language

    def __call__(self, tokens):
        for token in tokens:
            if not getattr(token, "acronym", False) and not token.text.isdigit():
                token.text = stem(token.text, self.language)
            yield token


@functools.lru_cache(maxsize=None)
def _term_cache(language: str) -> dict:
    return {}


def text_term(raw: str, language: str) -> tuple[str, bool, bool, bytes]:
    """_text_term through the per-language cache (cleared when it grows past 500,000
    raw tokens, so a long-lived process cannot grow without bound)."""
    cache = _term_cache(language)
    raw = raw[:MAX_TERM_CHARS]      # a 3 MB "word" must not be a 3 MB cache key
    entry = cache.get(raw)
    if entry is None:
        if len(cache) > 500_000:
            cache.clear()
        entry = cache[raw] = _text_term(raw, language)
    return entry


def _text_term(raw: str, language: str) -> tuple[str, bool, bool, bytes]:
    """(index term, is it a stopword, is it an acronym, the term in UTF-8) of one raw
    token: the result of FoldFilter, StopwordFilter (the stopped mark) and
    SnowballFilter in a row, and the bytes Whoosh files the term under."""
    text, acronym = fold_token(raw)
    stopped = text in stopword_set(language) and not acronym
    if not acronym and not text.isdigit():
        text = stem(text, language)
    return text, stopped, acronym, text.encode("utf-8")


class TextAnalyzer(CompositeAnalyzer):
    """tokenize | fold | stopwords | stem, run as one loop over a per-language cache of
    raw token -> term: the same tokens as the chain of generators, which cost more
    than the rest of the analysis (a word's term is computed once, not per use).
    Calls the fused loop does not cover (no_morph for spelling, single tokens, extra
    options) go through the chain itself."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", no_morph=False, **kwargs):
        if no_morph or not tokenize or set(kwargs) - {"boosts"}:
            return super().__call__(value, no_morph=no_morph, positions=positions,
                                    chars=chars, keeporiginal=keeporiginal,
                                    removestops=removestops, start_pos=start_pos,
                                    start_char=start_char, tokenize=tokenize, mode=mode,
                                    **kwargs)
        return self._fused(value, positions, chars, removestops, start_pos, start_char, mode,
                           kwargs)

    def _fused(self, value, positions, chars, removestops, start_pos, start_char, mode,
               kwargs):
        language = self.items[-1].language
        cache = _term_cache(language)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, match in enumerate(_TOKEN_RE.finditer(value)):
            raw = match.group()
            entry = cache.get(raw) or text_term(raw, language)
            text, stopped, acronym, _ = entry
            if stopped and removestops:
                continue
            token.text = text
            token.original = raw
            token.boost = 1.0
            token.stopped = stopped
            token.acronym = acronym
            if positions:
                token.pos = start_pos + pos
            if chars:
                start, end = match.span()
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def text_analyzer(language: str = "en"):
    """The analyzer of free text: tokenize, fold, drop stopwords, stem."""
    return TextAnalyzer(NltkTokenizer(), FoldFilter(), StopwordFilter(language),
                        SnowballFilter(language))


def exact_analyzer():
    """Tokenize and fold only: for names and titles matched word for word."""
    return NltkTokenizer() | FoldFilter()


ENGLISH = text_analyzer("en")
SPANISH = text_analyzer("es")
EXACT = exact_analyzer()


def analyze(text: str, analyzer=ENGLISH) -> list[str]:
    """The index terms of a text, in order (used by the classifier and tests)."""
    if type(analyzer) is TextAnalyzer:
        # The fused loop's terms without its Token objects: the classifier analyzes every
        # imported record, and making a token per word took half of tag_topics.
        language = analyzer.items[-1].language
        cache = _term_cache(language)
        entries = [cache.get(raw) or text_term(raw, language) for raw in _TOKEN_RE.findall(text)]
        return [entry[0] for entry in entries if not entry[1]]
    return [t.text for t in analyzer(text)]

