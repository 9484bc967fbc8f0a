"""SIGKILL gunicorn while a librarian uploads through POST /api/documents.

One client thread posts distinct files as a librarian (HTTP Basic). At seeded random
moments the test kills both workers, one worker, or (every fourth kill) the master
with its workers, then waits for the server to answer again (the master respawns
killed workers; after a master kill a new gunicorn starts on a new port). Each kill
waits first for an upload acknowledged since the last one, so the run makes progress
however slow the machine: TARGET_KILLS kills and at least as many acknowledged uploads,
within RUN_BUDGET_S seconds (past it the test fails and says how far it got). Afterwards,
as for the CLI kills
(test_faults): every 201 is in the corpus, nothing is stored twice, every record is
whole, `indexer check` passes or one `indexer build` repairs it, and a fresh app
finds every acknowledged document (and every one stored by a request cut off).
"""
import os
import random
import time
from pathlib import Path

from tests.faultkit import audit_corpus, debris, fork_cli
from tests.loadkit import request
from tests.webkillkit import UPLOAD_TIMEOUT_S, Server, Uploader
from webapp.auth import Accounts

SEED = int(os.environ.get("ARCHIVO_FAULT_SEED", "1917"))
TARGET_KILLS = 12
RUN_BUDGET_S = 360.0        # a quiet machine needs about 25 s
ACK_WAIT_S = 120.0          # for one acknowledged upload between two kills (one may take 90 s)
FILES = 400
TOPICS = ["trade", "border", "migration", "energy", "security", "water"]
USER, PASSWORD = "faultlib", "fault-test-password"


def upload_pool() -> dict[str, bytes]:
    """Distinct small files; the id of each follows from its title (web-note-<n>-<topic>)."""
    return {f"web-{n}.txt": (f"Web note {n} {TOPICS[n % 6]}\n\nUploaded note {n}: "
                             f"{TOPICS[n % 6]} between Mexico and the United States, "
                             f"{TOPICS[n % 6]} figures of quarter {n}.\n").encode()
            for n in range(FILES)}


def test_sigkilled_gunicorn_loses_no_acknowledged_upload(tmp_path):
    env = {"ARCHIVO_CORPUS_DIR": str(tmp_path / "corpus"),
           "ARCHIVO_INDEX_DIR": str(tmp_path / "index"),
           "ARCHIVO_INSTANCE_DIR": str(tmp_path / "instance"), "ARCHIVO_LOCK_TIMEOUT": "20"}
    corpus, index = Path(env["ARCHIVO_CORPUS_DIR"]), Path(env["ARCHIVO_INDEX_DIR"])
    assert fork_cli(["build"], env).finish().exit_code == 0
    Accounts(tmp_path / "instance" / "librarians.json").add(USER, PASSWORD)
    rng, server = random.Random(SEED), Server(env, workers=2)
    server.start()
    uploader = Uploader(lambda: server.base, USER, PASSWORD, upload_pool())
    kills = {"both workers": 0, "one worker": 0, "master": 0}
    recoveries: list[float] = []
    began = time.monotonic()
    uploader.start()
    try:
        while sum(kills.values()) < TARGET_KILLS and uploader.is_alive():
            acked_before = len(uploader.acked)
            waited = time.monotonic()
            while len(uploader.acked) == acked_before and uploader.is_alive() \
                    and time.monotonic() - waited < ACK_WAIT_S:
                time.sleep(0.05)
            assert len(uploader.acked) > acked_before or not uploader.is_alive(), (
                f"no upload acknowledged in {ACK_WAIT_S:g} s after kill {sum(kills.values())} "
                f"(errors: {uploader.errors[:3]}, cut {uploader.cut}, refused "
                f"{uploader.refused}, busy {uploader.busy}; server log: "
                f"{server.log.read_text()[-1500:] if server.log.exists() else ''})")
            assert time.monotonic() - began < RUN_BUDGET_S, (
                f"{sum(kills.values())} of {TARGET_KILLS} kills in {RUN_BUDGET_S:g} s "
                f"({len(uploader.acked)} acknowledged): the machine is too slow for this run")
            time.sleep(rng.uniform(0.1, 1.5))           # somewhere inside an upload
            what = "master" if sum(kills.values()) % 4 == 3 else \
                rng.choice(["both workers", "both workers", "one worker"])
            if what == "master":
                server.kill_master()
                server.start()
            else:
                workers = server.worker_pids()
                chosen = workers if what == "both workers" else [rng.choice(workers)]
                if not server.kill_workers(chosen):
                    continue
                recoveries.append(server.wait_ready())
            kills[what] += 1
        uploader.stop.set()
        uploader.join(UPLOAD_TIMEOUT_S + 10)    # the one in flight finishes or times out
        assert not uploader.is_alive()
    finally:
        server.stop()
    looped = time.monotonic() - began

    left = debris(corpus, index)
    check = fork_cli(["check"], env).finish()
    passed_before_build = check.exit_code == 0
    if not passed_before_build:
        print("\ncheck before build: " + check.output.strip().replace("\n", " | ")[:300])
        assert fork_cli(["build"], env).finish().exit_code == 0
        check = fork_cli(["check"], env).finish()
    assert check.exit_code == 0, check.output
    assert fork_cli(["build"], env).finish().exit_code == 0      # sweeps orphan originals
    assert debris(corpus, index) == []

    acked = set(uploader.acked.values())
    audit = audit_corpus(corpus, acked)
    print(f"\nweb faults: {looped:.1f} s, kills={sum(kills.values())} {kills}, "
          f"requests cut={uploader.cut} (refused {uploader.refused}), acknowledged={len(acked)}, "
          f"stored but unacknowledged={len(uploader.stored_unacked)}, "
          f"records={audit.records}, lost={len(audit.lost)}, "
          f"duplicated={len(audit.duplicated)}, debris swept={len(left)}, "
          f"check passed before build={passed_before_build}, worker respawn "
          f"{max(recoveries, default=0):.1f} s at most")
    assert uploader.errors == []
    assert (audit.lost, audit.duplicated, audit.invalid, audit.missing_originals,
            audit.orphan_originals) == ([], [], [], [], [])
    # Besides the acknowledged: files whose request a kill cut off after it had stored
    # them (found by the retry's 409), and at most the one in flight when the loop ended.
    stored = {p.stem for p in (corpus / "records").glob("*.json")}
    accounted = acked | set(uploader.stored_unacked.values())
    assert accounted <= stored and len(stored - accounted) <= 1
    # A respawned worker finishes a killed write as it starts (indexer.store.journal), so
    # no build is needed: the build above was only for the orphan originals.
    assert passed_before_build
    assert sum(kills.values()) == TARGET_KILLS and kills["master"] >= 1
    assert len(acked) >= TARGET_KILLS       # one acknowledged upload before each kill

    server.start()                                       # the app starts and answers
    try:
        status, body = request(f"{server.base}/api/search?per_page=1")
        assert status == 200 and f'"total":{audit.records}' in body.decode().replace(" ", "")
        for doc_id in sorted(stored):           # the 409-on-retry ones too
            assert request(f"{server.base}/api/documents/{doc_id}")[0] == 200
            q = doc_id.replace("-", "+")
            assert doc_id in request(f"{server.base}/api/search?q={q}")[1].decode()
    finally:
        server.stop()
