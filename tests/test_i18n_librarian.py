"""The librarians' side in Spanish: indexer errors from uploads, flashes, history dates."""
from __future__ import annotations

import io
import re

from tests.librarian_support import (BORDER_TEXT, app, basic, client, logged_in,  # noqa: F401
                                     make_pdf)

SPANISH = {"Accept-Language": "es-MX,es;q=0.9"}


def api_upload(client, body: bytes, name: str, headers: dict):
    return client.post("/api/documents", data={"file": (io.BytesIO(body), name)},
                       content_type="multipart/form-data", headers=headers)


def test_empty_upload_via_the_api_is_explained_in_spanish(client):
    response = api_upload(client, b"", "empty.txt", {**basic(), **SPANISH})
    assert response.status_code == 422
    assert response.get_json()["error"]["message"] == "el archivo está vacío"
    english = api_upload(client, b"", "empty.txt", basic())
    assert english.get_json()["error"]["message"] == "the file is empty"


def test_the_language_cookie_also_reaches_the_api(client):
    client.set_cookie("archivo_lang", "es")
    response = api_upload(client, b"\x89PNG\r\n\x1a\n....", "photo.png", basic())
    assert response.status_code == 415
    assert response.get_json()["error"]["message"] == \
        "esto es una imagen PNG, no HTML, PDF ni texto"
    response = client.get("/api/documents/nope")
    assert response.get_json()["error"]["message"] == \
        "no hay ningún documento con el id 'nope' en el Archivo"


def test_duplicate_upload_in_spanish_on_the_page(app, logged_in):
    pdf = make_pdf("Border Security Cooperation", BORDER_TEXT)
    app.extensions["archive"].add_file(pdf, "brief.pdf", actor="setup")
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      logged_in.get("/librarian/add").get_data(as_text=True)).group(1)
    response = logged_in.post("/librarian/add?lang=es", data={
        "csrf_token": token, "files": [(io.BytesIO(pdf), "brief.pdf")]},
        content_type="multipart/form-data")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "este archivo ya está en el Archivo como &#39;border-security-cooperation&#39;" in page
    assert "Abrir el documento existente" in page


def test_flash_and_history_in_spanish(app, logged_in):
    logged_in.get("/?lang=es")
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      logged_in.get("/librarian/trash").get_data(as_text=True)).group(1)
    logged_in.post("/librarian/documents/energy-reform-in-mexico/remove",
                   data={"csrf_token": token})
    trash = logged_in.get("/librarian/trash").get_data(as_text=True)
    assert "«Energy reform in Mexico» se movió a la papelera" in trash
    activity = logged_in.get("/librarian/activity").get_data(as_text=True)
    assert "Retirado" in activity and "Agregado" in activity
    # Timestamps read as dates in Spanish: "23 de noviembre de 2026, 05:41 UTC".
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}, \d\d:\d\d UTC", activity)
