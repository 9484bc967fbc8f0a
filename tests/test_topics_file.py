"""A custom topics file (ARCHIVO_TOPICS_FILE) drives tagging and cross-language
expansion alike: the vocabulary is passed in from the entry points, not read from the
environment at query time."""
import json

import pytest
from click.testing import CliRunner

from indexer.cli import main
from webapp import create_app

TOPICS = """
equivalents = [["lighthouse", "faro"]]

[maritime]
label = "Maritime"
label_es = "Marítimo"
terms = ["lighthouse", "harbour", "keeper"]
terms_es = ["faro", "puerto", "farero"]
"""
ENGLISH = b"""The Lighthouse Keepers of the Gulf

The lighthouse keepers of the gulf coast kept the harbour lights burning through every
storm of the season, and the lighthouse logs tell of ships that reached the harbour.
"""
SPANISH = """El faro del puerto de Veracruz

El farero del puerto de Veracruz mantuvo encendido el faro durante las tormentas del
invierno; los registros del faro cuentan los barcos que llegaron al puerto.
""".encode("utf-8")


@pytest.fixture
def paths(tmp_path, monkeypatch):
    monkeypatch.delenv("ARCHIVO_TOPICS_FILE", raising=False)   # the app's config only
    topics = tmp_path / "topics.toml"
    topics.write_text(TOPICS, encoding="utf-8")
    return tmp_path, topics


def test_the_apps_topics_file_tags_documents_and_expands_queries(paths):
    root, topics = paths
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                      "ARCHIVO_CORPUS_DIR": str(root / "corpus"),
                      "ARCHIVO_INDEX_DIR": str(root / "index"),
                      "ARCHIVO_INSTANCE_DIR": str(root / "instance"),
                      "ARCHIVO_TOPICS_FILE": str(topics)})
    archive = app.extensions["archive"]
    english = archive.add_file(ENGLISH, "keepers.txt")[0]
    spanish = archive.add_file(SPANISH, "faro.txt")[0]
    assert spanish.language == "es"
    assert english.topic_names == spanish.topic_names == ["maritime"]     # tagging
    client = app.test_client()
    found = {q: [hit["id"] for hit in client.get(f"/api/search?q={q}").get_json()["results"]]
             for q in ("lighthouse", "faro")}
    # each query finds its own language's document first, the other one by the equivalence
    assert found["lighthouse"] == [english.id, spanish.id]
    assert found["faro"] == [spanish.id, english.id]


def test_the_cli_reads_the_topics_file_from_the_environment_once(paths, monkeypatch):
    root, topics = paths
    for name, value in (("ARCHIVO_CORPUS_DIR", root / "corpus"),
                        ("ARCHIVO_INDEX_DIR", root / "index"), ("ARCHIVO_TOPICS_FILE", topics)):
        monkeypatch.setenv(name, str(value))
    runner = CliRunner()
    for data, name in ((ENGLISH, "keepers.txt"), (SPANISH, "faro.txt")):
        (root / name).write_bytes(data)
        assert runner.invoke(main, ["add", str(root / name)]).exit_code == 0
    out = runner.invoke(main, ["search", "lighthouse", "--json"], catch_exceptions=False)
    hits = json.loads(out.output)["results"]
    assert [(h["title"], h["topics"]) for h in hits] == [
        ("The Lighthouse Keepers of the Gulf", ["maritime"]),
        ("El faro del puerto de Veracruz", ["maritime"])]
