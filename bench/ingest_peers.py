"""Archivo's metadata rules against the field's libraries, on the ingest fixture set.

Issue 21 asked to measure trafilatura (with htmldate) against the rules for HTML title,
date and authors, and dateparser against the date reader. Neither is a dependency of
Archivo, so run this in a scratch environment that has both and Archivo:

    python -m venv /tmp/peers && /tmp/peers/bin/pip install -e . trafilatura dateparser lxml_html_clean
    /tmp/peers/bin/python -m bench.ingest_peers
"""
from __future__ import annotations

import re
import time
import tomllib
from pathlib import Path

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.pipeline import ingest_bytes
from indexer.ingest.metadata import parse_date
from indexer.ingest.vocabulary import load_vocabulary

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "data" / "ingest"
FIELDS = ("title", "date", "authors")
# The forms the issue names, as sites print them (the last two inside a line of text).
DATES = {"Jun 2, 2016": "2016-06-02", "Sep 22, 2017": "2017-09-22",
         "Sept. 5, 2018": "2018-09-05", "July 30, 2014": "2014-07-30",
         "2 June 2016": "2016-06-02", "2016-06-02T10:00:00-05:00": "2016-06-02",
         "junio de 2016": "2016-06", "2 de junio de 2016": "2016-06-02",
         "March 2019": "2019-03", "Dec. 1, 2020": "2020-12-01", "2 ago. 2016": "2016-08-02",
         "2018/09/05": "2018-09-05", "2019": "2019", "Mayo 2019": "2019-05",
         "1 de julio de 2020": "2020-07-01", "12 March 2019": "2019-03-12",
         "Posted on Sun, 2 Jun 2016": "2016-06-02",
         "Mexico Institute | April 8, 2022": "2022-04-08"}


def html_fields() -> tuple[dict, dict]:
    import trafilatura

    vocabulary = load_vocabulary(DEFAULT_TOPICS_FILE)
    expected = tomllib.loads((FIXTURES / "expected.toml").read_text())["file"]
    right = {"trafilatura": dict.fromkeys(FIELDS, 0), "archivo": dict.fromkeys(FIELDS, 0)}
    scored = dict.fromkeys(FIELDS, 0)
    for entry in expected:
        if not entry["name"].endswith(".html") or entry["count"] != 1:
            continue
        want, data = entry["docs"][0], (FIXTURES / entry["name"]).read_bytes()
        [doc] = ingest_bytes(data, entry["name"], vocabulary, 1 << 27)
        meta = trafilatura.extract_metadata(data.decode("utf-8"))
        theirs = {"title": meta and meta.title, "date": meta and meta.date,
                  "authors": [a.strip() for a in re.split(r";|,| and ", meta.author)]
                  if meta and meta.author else []}
        ours = {"title": doc.title, "date": doc.date, "authors": doc.authors}
        for name in FIELDS:
            if name in want:
                scored[name] += 1
                right["archivo"][name] += _same(name, ours[name], want[name])
                # htmldate gives a day always: a prefix of the right precision counts.
                right["trafilatura"][name] += _same(name, theirs[name], want[name],
                                                    lenient=True)
    return right, scored


def _same(name: str, got, want, lenient: bool = False) -> bool:
    if name == "authors":
        return set(got or []) == set(want)
    if name == "date" and lenient:
        return bool(got) and got[:len(want)] == want
    return got == want


def dates() -> dict:
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en", "es"])

    def theirs(value: str) -> str | None:
        found = parser.get_date_data(value)
        if not found or not found.date_obj:
            return None
        return found.date_obj.strftime({"month": "%Y-%m", "year": "%Y"}.get(found.period,
                                                                             "%Y-%m-%d"))
    figures = {}
    for name, read in (("dateparser", theirs), ("archivo", parse_date)):
        began = time.perf_counter()
        right = sum(read(value) == want for value, want in DATES.items())
        figures[name] = (right, (time.perf_counter() - began) * 1000 / len(DATES))
    return figures


def main() -> None:
    right, scored = html_fields()
    print("HTML pages of one document:", ", ".join(f"{n} {scored[n]}" for n in FIELDS))
    for who, counts in right.items():
        print(f"  {who:<12} " + ", ".join(f"{n} {counts[n]}/{scored[n]}" for n in FIELDS))
    print(f"Dates ({len(DATES)} forms):")
    for who, (correct, ms) in dates().items():
        print(f"  {who:<12} {correct}/{len(DATES)} right, {ms:.3f} ms each")


if __name__ == "__main__":
    main()
