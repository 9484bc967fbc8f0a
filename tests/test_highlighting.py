"""The fast highlighter gives exactly Whoosh's own snippets (it only skips work)."""
from __future__ import annotations

import random

import pytest
from whoosh import highlight
from whoosh import query as wq
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from indexer.analysis.analyzers import ENGLISH, EXACT
from indexer.search.highlighting import ArchivoHighlighter
from indexer.search.hits import SNIPPET_CHARS, EscapingFormatter

WORDS = ("border", "borders", "trade", "trading", "U.S.", "Mexico's", "the", "of", "and",
         "security", "secure", "migration", "2016", "NAFTA", "energy", "México", "x" * 90,
         "policy", "a", "cooperation")
PUNCT = (" ", " ", " ", ", ", ". ", "\n\n", " — ", "; ", "...", " (", ") ")


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(PUNCT) for _ in range(n))


def _fragmenter(charlimit=None, surround=80, maxchars=SNIPPET_CHARS):
    kwargs = {} if charlimit is None else {"charlimit": charlimit}
    return highlight.ContextFragmenter(maxchars=maxchars, surround=surround, **kwargs)


@pytest.mark.parametrize("analyzer", [ENGLISH, EXACT], ids=["english", "exact"])
@pytest.mark.parametrize("fragmenter", [
    dict(), dict(charlimit=700), dict(surround=5, maxchars=40), dict(surround=30)])
def test_same_snippets_as_whoosh(analyzer, fragmenter):
    rng = random.Random(7)
    docs = [_text(rng, rng.choice((3, 40, 400, 1500))) for _ in range(30)]
    ix = RamStorage().create_index(Schema(id=ID(stored=True),
                                          body=TEXT(analyzer=analyzer, stored=True)))
    with ix.writer() as writer:
        for n, body in enumerate(docs):
            writer.add_document(id=str(n), body=body)
    compared = 0
    with ix.searcher() as searcher:
        for words in (["border"], ["trade", "security"], ["us", "mexico"], ["the"],
                      ["2016", "nafta", "energy"], ["x" * 90, "policy"], ["a", "of"]):
            terms = [t.text for w in words for t in analyzer(w, removestops=False)]
            q = wq.Or([wq.Term("body", t) for t in terms])
            results = searcher.search(q, limit=None, terms=True)
            ours = ArchivoHighlighter(fragmenter=_fragmenter(**fragmenter),
                                      formatter=EscapingFormatter())
            theirs = highlight.Highlighter(fragmenter=_fragmenter(**fragmenter),
                                           formatter=EscapingFormatter())
            for hit in results:
                results.highlighter = theirs
                expected = hit.highlights("body", top=2)
                results.highlighter = ours
                assert hit.highlights("body", top=2) == expected
                compared += 1
    assert compared > 25
