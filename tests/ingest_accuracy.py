"""Field accuracy of ingest on the institute's kinds of file (tests/data/ingest, issue 21).

Every fixture goes through the product's one ingest path (indexer.ingest.pipeline.ingest_bytes)
and each field a librarian recorded in expected.toml is compared with what came out:
title (whitespace normalised), date, type, program, source_url and the document count
exactly; authors and topics as sets (topics also give micro precision and recall). A
file that raises scores every one of its fields wrong. Overall accuracy is right fields
over scored fields.

    python -m tests.ingest_accuracy        # the table and the misses
"""
from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.pipeline import ingest_bytes
from indexer.core.models import Document
from indexer.ingest.vocabulary import load_vocabulary

FIXTURES = Path(__file__).resolve().parent / "data" / "ingest"
EXPECTED_FILE = "expected.toml"
FIELDS = ("count", "title", "date", "authors", "type", "program", "source_url", "topics")
MAX_BYTES = 25 * 1024 * 1024     # the archive's default upload limit


@dataclass
class Miss:
    file: str
    doc: str          # the expected document's title (or "" for the file's count)
    field: str
    expected: object
    got: object

    def __str__(self) -> str:
        where = f"{self.file} [{self.doc[:50]}]" if self.doc else self.file
        return f"{where} {self.field}: expected {self.expected!r}, got {self.got!r}"


@dataclass
class Report:
    right: Counter = field(default_factory=Counter)
    scored: Counter = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)   # file -> what it raised
    topic_counts: Counter = field(default_factory=Counter)  # tp, fp, fn over all documents

    def score(self, file: str, doc: str, name: str, expected, got) -> None:
        self.scored[name] += 1
        if expected == got:
            self.right[name] += 1
        else:
            self.misses.append(Miss(file, doc, name, expected, got))

    @property
    def overall(self) -> float:
        return sum(self.right.values()) / max(1, sum(self.scored.values()))

    def accuracy(self, name: str) -> float:
        return self.right[name] / max(1, self.scored[name])

    @property
    def topic_precision(self) -> float:
        tp, fp = self.topic_counts["tp"], self.topic_counts["fp"]
        return tp / (tp + fp) if tp + fp else 1.0

    @property
    def topic_recall(self) -> float:
        tp, fn = self.topic_counts["tp"], self.topic_counts["fn"]
        return tp / (tp + fn) if tp + fn else 1.0

    def table(self) -> str:
        lines = [f"{'field':<12}{'right':>7}{'scored':>8}{'accuracy':>10}"]
        for name in FIELDS:
            if self.scored[name]:
                lines.append(f"{name:<12}{self.right[name]:>7}{self.scored[name]:>8}"
                             f"{self.accuracy(name):>10.1%}")
        lines.append(f"{'overall':<12}{sum(self.right.values()):>7}{sum(self.scored.values()):>8}"
                     f"{self.overall:>10.1%}")
        lines.append(f"topics: precision {self.topic_precision:.1%}, recall {self.topic_recall:.1%}")
        lines.append(f"files that raised: {len(self.errors)}")
        return "\n".join(lines)


def normalize_title(value: str | None) -> str | None:
    return re.sub(r"\s+", " ", value).strip() if value is not None else None


def load_expected(folder: Path) -> list[dict]:
    return tomllib.loads((folder / EXPECTED_FILE).read_text(encoding="utf-8"))["file"]


def actual(doc: Document | None, name: str):
    """A document's value of a field, in the form expected.toml writes it."""
    if doc is None:
        return None
    if name == "title":
        return normalize_title(doc.title)
    if name == "authors":
        return sorted(set(doc.authors))
    if name == "topics":
        return sorted({tag.topic for tag in doc.topics})
    return getattr(doc, name)


def wanted(entry: dict, name: str):
    value = entry[name]
    if name == "title":
        return normalize_title(value)
    return sorted(set(value)) if name in ("authors", "topics") else value


def _match(expected: dict, docs: list[Document], count: int) -> Document | None:
    """The output document an expected one is compared with: same title, else a lone one."""
    title = normalize_title(expected.get("title"))
    for doc in docs:
        if title is not None and normalize_title(doc.title) == title:
            return doc
    return docs[0] if count == 1 and docs else None


def score_file(report: Report, entry: dict, docs: list[Document] | None) -> None:
    """Score one file's fields; docs is None when ingest raised."""
    name = entry["name"]
    report.score(name, "", "count", entry["count"], None if docs is None else len(docs))
    for expected in entry.get("docs", []):
        doc = _match(expected, docs or [], entry["count"])
        label = expected.get("title", "?")
        for field_name in FIELDS[1:]:
            if field_name in expected:
                report.score(name, label, field_name, wanted(expected, field_name),
                             actual(doc, field_name))
        if "topics" in expected:
            want, got = set(expected["topics"]), set(actual(doc, "topics") or [])
            report.topic_counts.update(tp=len(want & got), fp=len(got - want), fn=len(want - got))


def measure(folder: Path = FIXTURES) -> Report:
    """Run every file expected.toml describes through ingest and score its fields."""
    vocabulary = load_vocabulary(DEFAULT_TOPICS_FILE)
    report = Report()
    for entry in load_expected(folder):
        data = (folder / entry["name"]).read_bytes()
        try:
            docs = ingest_bytes(data, entry["name"], vocabulary, MAX_BYTES)
        except Exception as exc:    # a crash is scored like a refusal: every field wrong
            report.errors[entry["name"]] = f"{type(exc).__name__}: {exc}"
            docs = None
        score_file(report, entry, docs)
    return report


def summary(report: Report) -> str:
    by_field = Counter(miss.field for miss in report.misses)
    lines = [report.table(), "", "misses by field: " + ", ".join(
        f"{name} {count}" for name, count in by_field.most_common())]
    lines += [f"raised: {name}: {error}" for name, error in report.errors.items()]
    lines += ["", *map(str, report.misses)]
    return "\n".join(lines)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES
    print(summary(measure(folder)))
