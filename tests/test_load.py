"""Load on loopback: 2 gunicorn workers, 4 search clients with facets, bounded by count.

The upload half: UPLOAD_CLIENTS librarians post distinct files to /api/documents
(HTTP Basic, an account the fixture creates in the server's instance folder) while
the search clients run; every 201 must be stored once and searchable at the end.
"""
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.store.importer import import_jsonl
from webapp.auth import Accounts
from tests.faultkit import audit_corpus
from tests.loadkit import (Tally, gunicorn, percentiles, request, search_client,
                           upload_client)

SEARCH_CLIENTS = 4
SEARCHES_EACH = 150
UPLOAD_CLIENTS = 2
UPLOADS_EACH = 10
SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
TOPICS = ["trade", "border", "migration", "energy", "security", "water"]
LIBRARIAN, PASSWORD = "loadtester", "load-test-password"


@pytest.fixture(scope="module")
def dirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("load")
    archive = Archive(Settings(corpus_dir=root / "corpus", index_dir=root / "index"))
    for seed in SEEDS:
        archive.add_file(seed.read_bytes(), seed.name)
    lines = [json.dumps({"title": f"Load record {n} on {TOPICS[n % 6]}", "date": f"{2010 + n % 12}",
                         "text": f"Record {n}: {TOPICS[n % 6]} between Mexico and the United "
                                 f"States, border security and trade figures."}).encode()
             for n in range(190)]
    assert len(import_jsonl(archive, lines).added) == 190
    # The account file every gunicorn worker reads (webapp.auth.Accounts), made up front.
    Accounts(root / "instance" / "librarians.json").add(LIBRARIAN, PASSWORD)
    return {"ARCHIVO_CORPUS_DIR": str(root / "corpus"), "ARCHIVO_INDEX_DIR": str(root / "index"),
            "ARCHIVO_INSTANCE_DIR": str(root / "instance")}


@pytest.fixture(scope="module")
def server(dirs):
    with gunicorn(dirs, workers=2) as base:
        yield base


def run_searches(base: str) -> tuple[Tally, float]:
    tally = Tally()
    began = time.monotonic()
    with ThreadPoolExecutor(SEARCH_CLIENTS) as pool:
        for part in pool.map(lambda n: search_client(base, SEARCHES_EACH, seed=n),
                             range(SEARCH_CLIENTS)):
            tally.add(part)
    return tally, time.monotonic() - began


def report(label: str, tally: Tally, seconds: float) -> str:
    rate = len(tally.latencies) / seconds
    return (f"{label}: {len(tally.latencies)} searches in {seconds:.1f} s = {rate:.1f}/s, "
            f"{percentiles(tally.latencies)} ms, errors={len(tally.errors)}")


def test_faceted_search_load_holds_with_no_errors(server):
    tally, seconds = run_searches(server)
    print("\nload " + report("search only", tally, seconds))
    assert tally.errors == []
    assert len(tally.latencies) == SEARCH_CLIENTS * SEARCHES_EACH


def test_a_huge_query_string_is_refused_by_the_server_quickly(server):
    status, _ = request(f"{server}/api/search?q={'x' * 1_000_000}")
    assert status in (400, 414)


# -- librarians upload while researchers search -------------------------
def upload_files(client: int) -> list[tuple[str, bytes]]:
    return [(f"load-{client}-{n}.txt",
             f"Upload {client} {n} on {TOPICS[n % 6]}\n\nUploaded during the load test: "
             f"{TOPICS[n % 6]} between Mexico and the United States.\n".encode())
            for n in range(UPLOADS_EACH)]


def test_uploads_during_search_load_lose_nothing(server, dirs):
    status, _ = request(f"{server}/api/documents", b"", method="POST")
    assert status == 401                     # the route is there and wants a librarian
    user, password = LIBRARIAN, PASSWORD
    with ThreadPoolExecutor(UPLOAD_CLIENTS) as pool:
        uploads = [pool.submit(upload_client, server, user, password, upload_files(n))
                   for n in range(UPLOAD_CLIENTS)]
        searches, seconds = run_searches(server)
        uploaded = Tally()
        for future in uploads:
            uploaded.add(future.result())
    print("\nload " + report("with uploads", searches, seconds) +
          f"; uploads={len(uploaded.latencies)} {percentiles(uploaded.latencies)} ms, "
          f"upload errors={len(uploaded.errors)}")
    assert searches.errors == [] and uploaded.errors == []
    assert len(uploaded.acknowledged) == UPLOAD_CLIENTS * UPLOADS_EACH
    audit = audit_corpus(Path(dirs["ARCHIVO_CORPUS_DIR"]), set(uploaded.acknowledged))
    assert (audit.lost, audit.duplicated, audit.invalid) == ([], [], [])
    for doc_id in uploaded.acknowledged:
        status, body = request(f"{server}/api/search?q={doc_id.replace('-', '+')}")
        assert doc_id in [hit["id"] for hit in json.loads(body)["results"]]
