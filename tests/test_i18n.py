"""The interface in Spanish: choosing the language, labels, dates, errors, the switch."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import doc_id

BRIEF = doc_id("Merida Initiative: Ten Years of Security Cooperation")


def get(client, path, status=200, **kwargs):
    response = client.get(path, **kwargs)
    assert response.status_code == status, response.data[:500]
    return BeautifulSoup(response.get_data(as_text=True), "lxml")


def text(tree, selector: str) -> str:
    return " ".join(tree.select(selector)[0].get_text().split())


@pytest.fixture
def fresh(archive_app):
    """A client without cookies, so one test's language never leaks into another."""
    return archive_app.test_client()


def test_english_is_the_default(fresh):
    tree = get(fresh, "/?q=security")
    assert tree.html["lang"] == "en"
    assert text(tree, ".search-form label") == "Search the archive"


def test_lang_es_gives_a_spanish_search_page(fresh):
    tree = get(fresh, "/?q=security&lang=es")
    assert tree.html["lang"] == "es"
    assert text(tree, ".search-form label") == "Buscar en el Archivo"
    assert text(tree, "#results-heading") == "5 documentos para security"
    assert text(tree, ".sort strong") == "Relevancia"
    assert [text(h, "h3") for h in tree.select(".facet")][:2] == ["Tema", "Tipo de contenido"]


def test_the_choice_sticks_in_a_cookie(fresh):
    response = fresh.get("/?lang=es")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("archivo_lang=es") and "SameSite=Lax" in cookie
    assert get(fresh, "/").html["lang"] == "es"              # no ?lang= any more
    assert get(fresh, "/?lang=en").html["lang"] == "en"
    assert get(fresh, "/").html["lang"] == "en"


def test_accept_language_picks_spanish(fresh):
    tree = get(fresh, "/", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    assert tree.html["lang"] == "es"
    tree = get(fresh, "/", headers={"Accept-Language": "fr-FR, de;q=0.8"})
    assert tree.html["lang"] == "en"
    # An explicit choice wins over the browser's preference.
    tree = get(fresh, "/?lang=en", headers={"Accept-Language": "es-MX"})
    assert tree.html["lang"] == "en"


def test_unknown_lang_is_ignored(fresh):
    response = fresh.get("/?lang=xx")
    # No language cookie (the session cookie carries the selection forms' CSRF token).
    assert "archivo_lang" not in response.headers.get("Set-Cookie", "")
    assert BeautifulSoup(response.data, "lxml").html["lang"] == "en"


def test_pages_say_they_vary_by_language(fresh):
    vary = fresh.get("/").headers["Vary"]
    assert "Accept-Language" in vary and "Cookie" in vary


def test_language_switch_keeps_the_query_string(fresh):
    tree = get(fresh, "/?q=border&type=report&not_topic=trade&page=1")
    switch = tree.select("a.language-switch")[0]
    assert switch.get_text() == "Español"
    assert switch["lang"] == switch["hreflang"] == "es"
    url = urlsplit(switch["href"])
    assert url.path == "/"
    assert sorted(parse_qsl(url.query)) == sorted(
        [("q", "border"), ("type", "report"), ("not_topic", "trade"), ("page", "1"),
         ("lang", "es")])
    back = get(fresh, switch["href"]).select("a.language-switch")[0]
    assert back.get_text() == "English" and back["hreflang"] == "en"
    assert ("lang", "en") in parse_qsl(urlsplit(back["href"]).query)
    assert parse_qsl(urlsplit(back["href"]).query).count(("lang", "en")) == 1


def test_type_topic_and_facet_labels_in_spanish(fresh):
    tree = get(fresh, "/?type=brief&not_topic=diplomacy&year_from=2010&lang=es")
    chips = [" ".join(a.get_text().replace("×", "").split()) for a in tree.select(".chip")]
    assert chips == ["Tipo de contenido: Nota de política", "Excepto tema: Diplomacia",
                     "Años: 2010–…", "Quitar todos"]
    types = [s.get_text() for s in tree.select(".hit .badge")]
    assert types and set(types) == {"Nota de política"}
    topics = {li.get_text() for li in tree.select(".hit .topics li")}
    assert topics == {"Energía", "Economía", "Migración"}
    hidden = tree.select(".facet-exclude .visually-hidden")[0].get_text()
    assert hidden.startswith("Excluir tema ")


def test_event_cards_and_dates_in_spanish(fresh):
    tree = get(fresh, "/?type=event&per_page=50&lang=es")
    statuses = {s.get_text() for s in tree.select(".event-status")}
    assert statuses == {"Evento próximo", "Evento pasado"}
    dates = {t["datetime"]: t.get_text() for t in tree.select(".hit time")}
    assert dates["2011-03-14"] == "14 de marzo de 2011"
    assert "Ponentes: Duncan Wood, Earl Anthony Wayne" in tree.get_text()


@pytest.mark.parametrize("iso,es,en", [
    ("2016-06-02", "2 de junio de 2016", "2 June 2016"),
    ("2016-06", "junio de 2016", "June 2016"),
    ("2016", "2016", "2016"),
])
def test_dates_keep_their_precision_in_either_language(archive_app, iso, es, en):
    from webapp.i18n import human_date

    with archive_app.test_request_context("/?lang=es"):
        assert human_date(iso) == es
    with archive_app.test_request_context("/"):
        assert human_date(iso) == en


def test_document_page_in_spanish(fresh):
    tree = get(fresh, f"/documents/{BRIEF}?lang=es")
    meta = {dt.get_text(): " ".join(dt.find_next_sibling().get_text().split())
            for dt in tree.select(".document-meta dt")}
    assert meta["Fecha"] == "10 de mayo de 2018"
    assert meta["Tipo"] == "Nota de política"
    assert meta["Autor(a)"] == "Eric Olson"
    assert "Enlace permanente" in meta and "Citar" in meta
    assert text(tree, "#topics-heading") == "Temas"
    assert text(tree, ".topic-evidence li a") == "Seguridad"
    link = tree.select("[data-permalink]")[0]
    assert link["data-copy-label"] == "Copiar enlace"


def test_json_stays_language_neutral(fresh):
    english = fresh.get("/api/search?q=security&type=brief").get_json()
    spanish = fresh.get("/api/search?q=security&type=brief",
                        headers={"Accept-Language": "es-MX"}).get_json()
    assert spanish == english
    assert {hit["type"] for hit in spanish["results"]} == {"brief"}
    record = fresh.get(f"/documents/{BRIEF}?format=json&lang=es").get_json()
    assert record["type"] == "brief" and record["date"] == "2018-05-10"


def test_404_page_in_spanish(fresh):
    tree = get(fresh, "/documents/no-such-document?lang=es", status=404)
    assert text(tree, "h1") == "No encontrado"
    assert text(tree, ".error-message") == \
        "No hay ningún documento con el id 'no-such-document' en el Archivo."
    tree = get(fresh, "/no/such/page", status=404)         # the cookie keeps Spanish
    assert text(tree, ".error-message") == "No hay ninguna página en esta dirección."


def test_indexer_errors_in_spanish_in_json_and_pages(fresh):
    body = fresh.get("/api/search?year_from=20x", headers={"Accept-Language": "es"}).get_json()
    assert body["error"] == {"status": 400,
                             "message": "year_from debe ser un número entero, no '20x'"}
    body = fresh.get("/api/search?year_from=20x").get_json()
    assert body["error"]["message"] == "year_from must be a whole number, not '20x'"
    tree = get(fresh, "/?sort=sideways&lang=es", status=400)
    assert text(tree, "h1") == "No se pudo leer esa solicitud"
    assert text(tree, ".error-message") == "El orden debe ser uno de: relevance, newest, oldest, added."


def test_login_page_in_spanish(fresh):
    tree = get(fresh, "/login?lang=es")
    assert text(tree, "h1") == "Acceso del personal de biblioteca"
    assert [label.get_text() for label in tree.select("form label")] == ["Usuario", "Contraseña"]
    assert text(tree, "form button") == "Iniciar sesión"
    assert tree.select(".nav-links a")[1].get_text() == "Bibliotecario(a)"
