"""The librarian API: Basic auth, every status code, nothing changed on failure, concurrency."""
from __future__ import annotations

import threading

from tests.librarian_support import (BORDER_TEXT, PASSWORD, app, basic, client,  # noqa: F401
                               make_pdf, search_ids, snapshot)

CLEAN = {"missing_from_index": [], "not_in_corpus": [], "out_of_date": [], "damaged_segments": []}


def post(client, body: bytes, name: str = "doc.pdf", headers=None, **fields):
    data = dict(fields, file=(__import__("io").BytesIO(body), name))
    return client.post("/api/documents", data=data, content_type="multipart/form-data",
                       headers=basic() if headers is None else headers)


def assert_error(response, status: int):
    assert response.status_code == status
    body = response.get_json()
    assert body["error"]["status"] == status and body["error"]["message"]
    return body


def test_post_pdf_with_metadata_is_201_and_searchable(app, client):
    pdf = make_pdf("Border Security Cooperation", BORDER_TEXT)
    response = post(client, pdf, title="Cooperating at the border", authors="Ana López, Eric Olson",
                    date="2019-05", type="report", topics="security, rule of law")
    assert response.status_code == 201
    record = response.get_json()
    assert record["id"] == "cooperating-at-the-border"
    assert record["title"] == "Cooperating at the border"
    assert record["authors"] == ["Ana López", "Eric Olson"]
    assert record["date"] == "2019-05" and record["type"] == "report"
    assert [t["topic"] for t in record["topics"]] == ["security", "rule-of-law"]
    assert record["history"][0]["by"] == "ana"
    assert response.headers["Location"] == "/api/documents/cooperating-at-the-border"
    stored = app.extensions["archive"].corpus.get_record(record["id"])
    assert stored["checksum"] == record["checksum"]
    assert search_ids(client, "Cooperating at the border")[0] == record["id"]
    assert app.extensions["archive"].check() == CLEAN


def test_without_valid_credentials_is_401(app, client):
    before = snapshot(app)
    body = make_pdf("Unauthorised", BORDER_TEXT)
    for headers in ({}, basic("ana", "wrong password"), basic("nobody", PASSWORD),
                    {"Authorization": "Bearer abc"}):
        response = post(client, body, headers=headers)
        assert_error(response, 401)
        assert response.headers["WWW-Authenticate"].startswith("Basic")
    assert_error(client.patch("/api/documents/energy-reform-in-mexico",
                              json={"title": "x"}), 401)
    assert_error(client.delete("/api/documents/energy-reform-in-mexico"), 401)
    assert_error(client.post("/api/documents/energy-reform-in-mexico/restore"), 401)
    assert snapshot(app) == before


def test_a_browser_session_is_not_api_credentials(app, client):
    from tests.librarian_support import login
    login(client, "ana", PASSWORD)
    assert_error(client.delete("/api/documents/energy-reform-in-mexico"), 401)


def test_cross_site_browser_requests_are_refused(app, client):
    headers = dict(basic(), **{"Sec-Fetch-Site": "cross-site"})
    assert_error(client.delete("/api/documents/energy-reform-in-mexico", headers=headers), 403)
    assert app.extensions["archive"].corpus.exists("energy-reform-in-mexico")


def test_repeated_bad_credentials_are_slowed_down(app, client):
    for _ in range(4):
        assert_error(client.delete("/api/documents/x", headers=basic("ana", "bad password")),
                     401)
    response = client.delete("/api/documents/x", headers=basic())
    assert_error(response, 429)
    assert int(response.headers["Retry-After"]) >= 1


def test_patch_lists_as_lists_200(app, client):
    response = client.patch("/api/documents/energy-reform-in-mexico", headers=basic(),
                            json={"topics": ["security"], "authors": ["Duncan Wood"],
                                  "series": "Energy notes"})
    assert response.status_code == 200
    record = response.get_json()
    assert [t["topic"] for t in record["topics"]] == ["security"]
    assert record["authors"] == ["Duncan Wood"] and record["series"] == "Energy notes"
    assert record["history"][-1]["changes"]["topics"] == [["energy"], ["security"]]
    hits = client.get("/api/search", query_string={"q": "Pemex", "topic": "security"})
    assert [h["id"] for h in hits.get_json()["results"]] == ["energy-reform-in-mexico"]
    assert app.extensions["archive"].corpus.activity(1)[0]["by"] == "ana"


def test_patch_errors(app, client):
    before = snapshot(app)
    assert_error(client.patch("/api/documents/nope", headers=basic(), json={"title": "x"}), 404)
    url = "/api/documents/energy-reform-in-mexico"
    assert_error(client.patch(url, headers=basic(), json={"topics": "security"}), 422)
    assert_error(client.patch(url, headers=basic(), json={"checksum": "x"}), 422)
    assert_error(client.patch(url, headers=basic(), json={"topics": ["astrology"]}), 400)
    assert_error(client.patch(url, headers=basic(), json={"date": "soon"}), 400)
    assert_error(client.patch(url, headers=basic(), data="not json",
                              content_type="application/json"), 400)
    assert_error(client.patch(url, headers=basic(), json=["title"]), 400)
    assert snapshot(app) == before


def test_delete_204_and_restore_200(app, client):
    archive = app.extensions["archive"]
    response = client.delete("/api/documents/energy-reform-in-mexico", headers=basic())
    assert response.status_code == 204 and response.data == b""
    assert archive.corpus.ids(trashed=True) == ["energy-reform-in-mexico"]
    assert archive.check() == CLEAN
    assert_error(client.delete("/api/documents/energy-reform-in-mexico", headers=basic()), 404)
    response = client.post("/api/documents/energy-reform-in-mexico/restore", headers=basic())
    assert response.status_code == 200
    assert response.get_json()["history"][-1]["action"] == "restore"
    assert archive.corpus.exists("energy-reform-in-mexico") and archive.check() == CLEAN
    assert_error(client.post("/api/documents/energy-reform-in-mexico/restore",
                             headers=basic()), 404)
    assert_error(client.delete("/api/documents/nope", headers=basic()), 404)
    assert_error(client.delete("/api/documents/..%2F..%2Fsecret", headers=basic()), 404)


def test_duplicate_is_409_with_the_existing_id(app, client):
    pdf = make_pdf("Twice", BORDER_TEXT)
    assert post(client, pdf).status_code == 201
    before = snapshot(app)
    body = assert_error(post(client, pdf, name="other-name.pdf"), 409)
    assert body["error"]["existing_id"] == "twice"
    assert snapshot(app) == before


def test_over_the_size_limit_is_413(tmp_path):
    from webapp import create_app
    small = create_app({"SECRET_KEY": "t", "ARCHIVO_MAX_BYTES": 2000,
                        "ARCHIVO_CORPUS_DIR": str(tmp_path / "c"),
                        "ARCHIVO_INDEX_DIR": str(tmp_path / "i"),
                        "ARCHIVO_INSTANCE_DIR": str(tmp_path / "inst")})
    small.extensions["accounts"].add("ana", PASSWORD)
    client = small.test_client()
    assert_error(post(client, b"Big\n\n" + b"word " * 1000, name="big.txt"), 413)
    # Far over the limit: refused while reading the request, same shape.
    assert_error(post(client, b"x" * (2 * 1024 * 1024), name="huge.txt"), 413)
    assert not (tmp_path / "c" / "records").exists()


def test_default_size_limit_is_25_mb(app):
    assert app.config["ARCHIVO_MAX_BYTES"] == 25 * 1024 * 1024


def test_unsupported_and_unreadable_are_415_and_422(app, client):
    before = snapshot(app)
    assert_error(post(client, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, name="a.png"), 415)
    assert_error(post(client, b"PK\x03\x04zipzip", name="a.zip"), 415)
    assert_error(post(client, b"", name="empty.txt"), 422)
    assert_error(post(client, b"\x00\x01\x02\xff" * 200, name="junk.bin"), 422)
    from fpdf import FPDF
    blank = FPDF()
    blank.add_page()
    blank.rect(20, 20, 50, 50)          # a drawing, no text layer: what a scan looks like
    assert_error(post(client, bytes(blank.output()), name="scan.pdf"), 422)
    assert snapshot(app) == before


def test_bad_metadata_or_missing_file_is_400_and_stores_nothing(app, client):
    before = snapshot(app)
    pdf = make_pdf("Bad metadata", BORDER_TEXT)
    assert_error(post(client, pdf, type="novel"), 400)
    assert_error(post(client, pdf, date="someday"), 400)
    assert_error(post(client, pdf, topics="astrology"), 400)
    assert_error(client.post("/api/documents", headers=basic(), data={"title": "x"}), 400)
    assert snapshot(app) == before


def test_concurrent_uploads_all_succeed_while_search_answers(app, client):
    results, errors, searches = [], [], []

    def upload(n: int):
        body = make_pdf(f"Concurrent paper {n}", f"Paper {n} on tariffs. " + BORDER_TEXT)
        try:
            response = app.test_client().post(
                "/api/documents", headers=basic(), content_type="multipart/form-data",
                data={"file": (__import__("io").BytesIO(body), f"p{n}.pdf")})
            results.append(response.status_code)
        except Exception as exc:        # pragma: no cover - shown by the assert below
            errors.append(exc)

    def search():
        for _ in range(10):
            searches.append(app.test_client().get("/api/search?q=tariffs").status_code)

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(6)]
    threads.append(threading.Thread(target=search))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and results == [201] * 6
    assert set(searches) == {200}
    ids = app.extensions["archive"].corpus.ids()
    assert {f"concurrent-paper-{n}" for n in range(6)} <= set(ids)
    assert app.extensions["archive"].check() == CLEAN
    assert len(search_ids(client, "tariffs")) == 6
