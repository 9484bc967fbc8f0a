"""A long PDF's text reads as its paragraphs: no page numbers or running heads, lines
and pages joined where the sentence runs on, and words the text layer cut mended only
when the joined word is known and the parts are not both words (English and Spanish)."""
from __future__ import annotations

from indexer.analysis.lexicon import is_word
from indexer.core.config import DEFAULT_TOPICS_FILE
from indexer.ingest.clean import join_line_end_hyphen, mend_split_words, strip_page_furniture
from indexer.ingest.pipeline import ingest_bytes
from indexer.ingest.vocabulary import load_vocabulary
from tests.docmakers import make_paged_pdf
from tests.librarian_support import app, client, logged_in, review_form  # noqa: F401
from tests.test_librarian_pages import open_review, upload

RUNS_ON = ("Intelligence sharing between the two governments has been uneven since the "
           "agreement, and joint operations along the border improved only after")
GOES_ON = ("both sides agreed on a common system of information exchange in 2016.")
PROSE = ("Organized crime groups diversified into extortion, fuel theft and human smuggling "
         "while drug routes moved toward the Pacific ports.")


def ingest_pdf(data: bytes):
    [doc] = ingest_bytes(data, "report.pdf", load_vocabulary(DEFAULT_TOPICS_FILE), 25_000_000)
    return doc


def mend(text: str, own: set[str] = frozenset()) -> str:
    return mend_split_words(text, is_word, set(own))


def test_page_numbers_and_running_heads_leave_the_text():
    pages = [[f"In {2000 + n}, {PROSE.lower()}"] if n == 1 else
             [f"Special Report No. {n} | After Merida", f"In {2000 + n}, {PROSE.lower()}"]
             for n in range(1, 7)]
    for footer in ("{n}", "Page {n} of {total}", "- {n} -", "Página {n} de {total}"):
        doc = ingest_pdf(make_paged_pdf("After Merida: Rebuilding Cooperation", pages,
                                        footer=footer))
        paragraphs = doc.text.split("\n\n")
        assert not [p for p in paragraphs if p.strip().strip("-– ").split()[-1:] and
                    p.replace("Page", "").replace("Página", "").replace("of", "")
                    .replace("de", "").replace("-", "").strip().isdigit()], footer
        assert "After Merida" not in doc.text.replace("After Merida: Rebuilding", "")
        assert doc.text.count("organized crime groups") == 6


def test_a_number_inside_the_page_is_text_not_a_page_number():
    pages = [["In 2016 the figures were these:", "2019", PROSE, PROSE], [PROSE, PROSE]]
    doc = ingest_pdf(make_paged_pdf("Border Security Figures", pages))
    assert "\n\n2019\n\n" in doc.text


def test_a_sentence_that_runs_on_past_the_page_end_is_one_paragraph():
    doc = ingest_pdf(make_paged_pdf("Security Cooperation After Merida",
                                    [[PROSE, RUNS_ON], [GOES_ON, PROSE]]))
    assert f"{RUNS_ON} {GOES_ON}" in doc.text.split("\n\n")


def test_cut_words_are_mended_in_english_and_spanish():
    assert mend("the ser ies of reports") == "the series of reports"   # "ser" is Spanish
    assert mend("a ser ies of briefs") == "a series of briefs"
    assert mend("Migra tion policy") == "Migration policy"
    assert mend("El gobier no de México") == "El gobierno de México"
    assert mend("la migra ción centroamericana") == "la migración centroamericana"


def test_two_words_stay_two_words():
    assert mend("a bout of rain") == "a bout of rain"         # "about", but both are words
    assert mend("in form and substance") == "in form and substance"
    assert mend("por que no") == "por que no"
    assert mend("Mexico City and the US Mexico border") == "Mexico City and the US Mexico border"


def test_a_word_the_document_spells_whole_elsewhere_is_known():
    assert mend("la infraes tructura fronteriza") == "la infraes tructura fronteriza"
    assert mend("la infraes tructura fronteriza", {"infraestructura"}) == \
        "la infraestructura fronteriza"


def test_line_end_hyphens():
    assert join_line_end_hyphen("the migra-", "tion of workers", is_word) == \
        "the migration of workers"
    assert join_line_end_hyphen("la migra-", "ción", is_word) == "la migración"
    assert join_line_end_hyphen("trade and cross-", "border inspections", is_word) == \
        "trade and cross-border inspections"
    assert join_line_end_hyphen("the US-", "Mexico border", is_word) == "the US-Mexico border"


def test_through_a_pdf_the_cuts_are_mended_and_the_compounds_kept():
    cut = ("The ser ies of reports on the migra-\ntion of workers and on cross-\nborder trade "
           "in the US-\nMexico region, with figures on infraes tructura.")
    doc = ingest_pdf(make_paged_pdf("Migration and Trade", [[cut, PROSE + " Infraestructura."]]))
    assert ("The series of reports on the migration of workers and on cross-border trade in "
            "the US-Mexico region, with figures on infraestructura.") in doc.text


def test_the_document_page_shows_a_long_pdf_as_its_paragraphs(app, logged_in):
    pages = [[PROSE, RUNS_ON], [GOES_ON, "The ser ies goes on.", PROSE]] + [[PROSE]] * 3
    pdf = make_paged_pdf("Security Cooperation in Five Pages", pages, footer="Page {n} of {total}")
    location, page = open_review(logged_in, upload(logged_in, ("report.pdf", pdf)))
    saved = logged_in.post(location, data=dict(review_form(page), action="save"))
    page = logged_in.get(saved.headers["Location"]).get_data(as_text=True)
    assert f"<p>{RUNS_ON} {GOES_ON}</p>" in page
    assert "<p>The series goes on.</p>" in page
    assert "Page 2 of 5" not in page and "<p>2</p>" not in page


def test_furniture_is_read_from_the_pages_edges_only():
    pages = ["Cover\nTitle", "Head 2\nbody\n4\nmore body\n2", "Head 3\ntext\n3",
             "Head 4\nwords\n4"]
    assert strip_page_furniture(pages) == ["Cover\nTitle", "body\n4\nmore body", "text",
                                           "words"]
    # A sentence's last line that recurs at the pages' feet is prose, not a running foot.
    prose = [f"Head {n}\nIn {n} the groups diversified into extortion while drug routes\n"
             f"moved toward the ports.\n{n}" for n in range(1, 6)]
    assert all(page.endswith("moved toward the ports.") for page in strip_page_furniture(prose))
