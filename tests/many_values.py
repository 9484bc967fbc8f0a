"""An archive whose facets have many values (65 authors, 65 years), for the long-facet
tests: the facet tests' own, since the shared fixture archive has only 8 authors."""
from __future__ import annotations

from pathlib import Path

from tests.fixtures import _doc, build_archive
from webapp import create_app

# "Ana María Pérez" is found by "maria perez"; the hostile name must stay text.
SPECIAL_AUTHORS = ["Ana María Pérez", "Zoë Ortiz", '"><img src=x onerror=alert(1)>',
                   "Juan Núñez", "Luis Ángel Ruiz"]
AUTHORS = [f"Writer {n:02d}" for n in range(1, 61)] + SPECIAL_AUTHORS


def many_value_docs() -> list[dict]:
    """One report per author, Writer 01 also on every fifth; one year each."""
    docs = []
    for n, author in enumerate(AUTHORS):
        authors = [author] + (["Writer 01"] if n % 5 == 4 and author != "Writer 01" else [])
        docs.append(_doc(f"Border report number {n}", "report", f"{1950 + n}-03-01", authors,
                         ["security"], f"Border security report {n} on trade and ports."))
    return docs


def many_values_app(root: Path):
    settings = build_archive(root / "archive", many_value_docs())
    return create_app({"TESTING": True, "SECRET_KEY": "many-values",
                       "ARCHIVO_CORPUS_DIR": str(settings.corpus_dir),
                       "ARCHIVO_INDEX_DIR": str(settings.index_dir),
                       "ARCHIVO_INSTANCE_DIR": str(root / "instance")})
