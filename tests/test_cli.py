"""The `indexer` command line, as an operator uses it."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main
from tests.docmakers import make_html, make_pdf, make_textless_pdf

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVO_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("ARCHIVO_INDEX_DIR", str(tmp_path / "index"))
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    return invoke


@pytest.fixture
def seeded(run):
    result = run("add", *SEEDS)
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_add_prints_the_new_ids_and_build_indexes_them(run, seeded):
    assert len(seeded) == 10
    assert "charting-a-new-course-part-3-u-s-mexico-security-relations" in seeded
    result = run("build")
    assert result.exit_code == 0
    assert "indexed 10 documents" in result.stderr


def test_search_json_has_the_api_shape_and_finds_seed_documents(run, seeded):
    result = run("search", "border security", "--json")
    data = json.loads(result.stdout)
    assert set(data) == {"query", "total", "page", "per_page", "results", "facets",
                         "suggestion"}
    assert data["query"] == "border security" and data["total"] == 8
    assert (data["page"], data["per_page"], data["suggestion"]) == (1, 10, None)
    first = data["results"][0]
    assert set(first) == {"id", "title", "type", "topics", "authors", "date", "url", "snippet",
                          "pages", "related_in_meaning"}
    assert first["url"] == f"/documents/{first['id']}"
    assert set(data["facets"]) == {"topic", "type", "author", "year", "language"}
    assert {"value": "security", "count": 5, "selected": False} in data["facets"]["topic"]
    podcast = next(r for r in data["results"] if r["type"] == "podcast")
    assert podcast["authors"] == ["Eric Olson"]


def test_search_filters_by_topic_and_type(run, seeded):
    data = json.loads(run("search", "", "--type", "podcast", "--json").stdout)
    assert [r["type"] for r in data["results"]] == ["podcast"]
    data = json.loads(run("search", "mexico", "--topic", "border", "--json").stdout)
    assert all("border" in r["topics"] for r in data["results"]) and data["total"] == 2


def test_add_html_text_and_pdf_each_make_a_correct_record(run, tmp_path):
    (tmp_path / "page.html").write_bytes(make_html(
        "Water Scarcity on the Border", "<p>Drought and water shortages along the Rio "
        "Grande strain cities on both sides of the border; the water treaty is under stress.</p>"))
    (tmp_path / "dump.txt").write_text("Remittances Reach a Record\n\nRemittances from "
                                       "migrants in the United States reached a record.")
    (tmp_path / "brief.pdf").write_bytes(make_pdf(
        "Fentanyl and Security Cooperation", ["This policy brief is about fentanyl trafficking, "
                                              "cartels and security cooperation."],
        author="Eric Olson"))
    ids = run("add", tmp_path / "page.html", tmp_path / "dump.txt", tmp_path / "brief.pdf",
              "--date", "2021-05").stdout.split()
    records = [json.loads(run("show", i).stdout) for i in ids]
    html, text, pdf = records
    assert (html["title"], html["authors"], html["original_kind"]) == \
        ("Water Scarcity on the Border", ["Duncan Wood"], "html")
    assert {"environment", "border"} <= {t["topic"] for t in html["topics"]}
    assert (text["title"], text["original_kind"]) == ("Remittances Reach a Record", "text")
    assert [t["topic"] for t in text["topics"]] == ["migration"]
    assert (pdf["type"], pdf["authors"], pdf["original_kind"]) == ("brief", ["Eric Olson"], "pdf")
    assert pdf["topics"][0]["topic"] == "security"
    assert all(r["date"] == "2021-05" and r["date_precision"] == "month" for r in records)
    assert all(len(r["checksum"]) == 64 for r in records)


def test_add_with_metadata_options_overrides_the_classifier(run, tmp_path):
    (tmp_path / "n.txt").write_text("Notes\n\nA short note on trade.")
    [doc_id] = run("add", tmp_path / "n.txt", "--type", "report", "--topic", "Rule of law",
                   "--title", "Judicial Reform", "--author", "Ana Díaz").stdout.split()
    record = json.loads(run("show", doc_id).stdout)
    assert (record["title"], record["type"], record["authors"]) == \
        ("Judicial Reform", "report", ["Ana Díaz"])
    assert record["topics"] == [{"topic": "rule-of-law", "score": 0.0, "evidence":
                                 ["set by a librarian"], "source": "librarian"}]


def test_a_batch_with_bad_files_adds_the_good_ones_and_reports_each_bad_one(run, tmp_path):
    (tmp_path / "good.txt").write_text("Trade Notes\n\nTrade between Mexico and Canada grew.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.pdf").write_bytes(make_textless_pdf())
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    result = run("add", tmp_path / "empty.txt", tmp_path / "good.txt", tmp_path / "scan.pdf",
                 tmp_path / "photo.png", tmp_path / "missing.txt")
    assert result.exit_code == 1
    assert result.stdout.split() == ["trade-notes"]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("error: ") and "empty.txt: the file is empty" in lines[0]
    assert "scan.pdf: the PDF has no text layer" in lines[1]
    assert "photo.png: this is a PNG image" in lines[2]
    assert "missing.txt: cannot read the file" in lines[3]
    assert run("check").exit_code == 0


def test_oversized_file_is_refused_by_the_configured_limit(run, tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVO_MAX_BYTES", "100")
    (tmp_path / "big.txt").write_text("Big\n\n" + "trade " * 100)
    result = run("add", tmp_path / "big.txt")
    assert result.exit_code == 1
    assert "over the limit of 100 bytes" in result.stderr


def test_import_jsonl_keeps_good_lines_and_reports_bad_ones_by_number(run, tmp_path):
    lines = [
        json.dumps({"title": "Old Brief on Tariffs", "text": "Tariffs on steel hurt trade.",
                    "authors": ["Ana Díaz"], "date": "2012-04-01", "type": "brief"}),
        "{not json",
        json.dumps({"title": "No text here"}),
        "",
        json.dumps({"title": "Election Watch", "text": "The 2018 election campaign.",
                    "topics": ["politics"]}),
        json.dumps({"title": "Bad type", "text": "x", "type": "poem"}),
    ]
    (tmp_path / "old.jsonl").write_text("\n".join(lines) + "\n")
    result = run("import", tmp_path / "old.jsonl")
    assert result.exit_code == 1
    assert "imported 2 documents, 3 bad lines" in result.stderr
    assert "old.jsonl:2: not valid JSON" in result.stderr
    assert "old.jsonl:3: the record has no text" in result.stderr
    assert "old.jsonl:6: unknown content type 'poem'" in result.stderr
    record = json.loads(run("show", "old-brief-on-tariffs").stdout)
    assert (record["type"], record["date"], record["authors"]) == ("brief", "2012-04-01",
                                                                   ["Ana Díaz"])
    assert [t["topic"] for t in json.loads(run("show", "election-watch").stdout)["topics"]] == \
        ["politics"]


def test_remove_then_show_and_search_no_longer_find_it(run, seeded):
    doc_id = "managing-the-us-mx-border"
    assert run("remove", doc_id).exit_code == 0
    result = run("show", doc_id)
    assert result.exit_code == 1 and "no document with id" in result.stderr
    assert doc_id not in run("search", "border").stdout
    assert run("restore", doc_id).exit_code == 0
    assert doc_id in run("search", "border").stdout


def test_topics_lists_the_vocabulary_with_counts(run, seeded):
    lines = run("topics").stdout.splitlines()
    assert lines[0].split() == ["trade", "2", "Trade"]
    assert any(line.split()[:2] == ["security", "5"] for line in lines)


def test_check_fails_with_the_differences_and_build_repairs(run, seeded, tmp_path):
    from indexer.store.archive import Archive
    from indexer.core.config import Settings
    Archive(Settings.from_env()).index.live().delete(["managing-the-us-mx-border"])
    result = run("check")
    assert result.exit_code == 1
    assert "missing_from_index: managing-the-us-mx-border" in result.stdout
    assert run("build").exit_code == 0
    assert run("check").exit_code == 0


def test_show_unknown_id_is_one_clear_line(run, seeded):
    result = run("show", "../../etc/passwd")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no document with id '../../etc/passwd'"
