"""The test archive: ~30 small documents whose metadata is set by hand, not guessed.

Documents are stored through Archive.save_batch (the real write path), but with
their metadata given here, so tests can state exact counts and orders. Tests
derive expected numbers from DOCS where they can, so adding a document does not
silently break a count.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from fpdf import FPDF

from indexer.store.archive import Archive
from indexer.core.config import Settings
from indexer.store.corpus import slugify
from indexer.core.models import Document, TopicTag

# An event one year ahead is "upcoming" whenever the tests run.
UPCOMING_DATE = f"{date.today().year + 1}-06-15"

HOSTILE_TITLE = '<script>alert(1)</script> Hostile title about tariffs'
HOSTILE_TEXT = 'Tariffs text with a payload "><img src=x onerror=alert(1)> inside it.'
HOSTILE_AUTHOR = '"><img src=x onerror=alert(1)>'


def _doc(title, type_, date_, authors, topics, text, *, series=None, program=None,
         summary=""):
    return {"title": title, "type": type_, "date": date_, "authors": authors, "topics": topics,
            "text": text, "series": series, "program": program, "summary": summary}


DOCS = [
    # -- briefs (each with a PDF original) -----------------------------------
    _doc("Merida Initiative: Ten Years of Security Cooperation", "brief", "2018-05-10",
         ["Eric Olson"], ["security", "diplomacy"],
         "The Merida Initiative changed security cooperation between the United States and "
         "Mexico. Military and police training grew while cartels adapted."),
    _doc("Energy Reform and Pemex After 2013", "brief", "2014-02-03",
         ["Duncan Wood"], ["energy", "economy"],
         "The energy reform opened oil and natural gas to private investment. Pemex faces "
         "competition for the first time in decades."),
    _doc("Remittances and Household Income in Michoacan", "brief", "2016-08-20",
         ["Andrew Selee"], ["migration", "economy"],
         "Remittances sent by migrants in the United States sustain household income in "
         "Michoacan and across rural Mexico."),
    # -- reports ---------------------------------------------------------------
    _doc("The State of Security in Mexico 2019", "report", "2019-04-01",
         ["Eric Olson", "Cecilia Farfan"], ["security", "rule-of-law"],
         "Homicides reached record levels. Organized crime and impunity undermine the rule "
         "of law; the Merida Initiative is under review."),
    _doc("Border Infrastructure and Trade Flows", "report", "2012-06-15",
         ["Christopher Wilson"], ["border", "trade"],
         "Ports of entry on the border carry most of the trade between the two countries. "
         "Waiting times at customs cost billions."),
    _doc("Nearshoring and North American Supply Chains", "report", "2022-11-02",
         ["Christopher Wilson"], ["trade", "economy"],
         "Nearshoring moves manufacturing closer to the United States. Supply chain "
         "resilience became a priority after the pandemic."),
    # -- podcasts (guests are the authors) -------------------------------------
    _doc("Mexico Matters Episode 12: Migration Policy", "podcast", "2020-03-05",
         ["Andrew Selee", "Ana Rivera"], ["migration", "politics"],
         "Our guests discuss migration policy, asylum and remittances under the new "
         "administration.", series="Mexico Matters"),
    _doc("Mexico Matters Episode 20: Fentanyl and Public Health", "podcast", "2023-01-10",
         ["Cecilia Farfan"], ["security", "health"],
         "Fentanyl trafficking is a public health emergency and a security problem for "
         "both countries.", series="Mexico Matters"),
    # -- events: one upcoming, two past ---------------------------------------
    _doc("Conference on North American Energy Integration", "event", UPCOMING_DATE,
         ["Duncan Wood", "Earl Anthony Wayne"], ["energy", "diplomacy"],
         "Speakers discuss electricity markets, pipelines and renewable energy across North "
         "America."),
    _doc("Forum on Water and Climate in the Border Region", "event", "2015-09-22",
         ["Duncan Wood"], ["environment", "border"],
         "Water scarcity and drought in the border region call for binational management."),
    _doc("Book Launch: Justice Reform in Mexico", "event", "2011-03-14",
         ["Eric Olson"], ["rule-of-law"],
         "A discussion of the criminal justice reform and the new oral trials."),
]

# Articles, one or two a year, so facets, sorting and paging have material.
_ARTICLE_SPECS = [
    ("NAFTA at Twenty: Trade and Jobs", "2014-01-02", ["Christopher Wilson"], ["trade", "economy"],
     "NAFTA tripled trade and created supply chains; the debate about jobs continues."),
    ("Cartels and Violence in Tamaulipas", "2010-07-19", ["Eric Olson"], ["security"],
     "Cartels fight for control of smuggling routes; violence displaced families."),
    ("Migrants from Central America Cross Mexico", "2010-11-30", ["Andrew Selee"],
     ["migration"], "Central Americans cross Mexico toward the United States seeking asylum."),
    ("Water Treaty Disputes on the Rio Grande", "2011-09-09", ["Duncan Wood"],
     ["environment", "diplomacy"], "The water treaty of 1944 divides the river; drought "
     "strains the deal."),
    ("Elections in Mexico: What to Watch", "2012-05-01", ["Ana Rivera"], ["politics"],
     "The presidential election campaign focuses on security and the economy."),
    ("Border Wall Costs and Consequences", "2013-03-03", ["Christopher Wilson"], ["border"],
     "A border wall would be costly; ports of entry need investment instead."),
    ("Judicial Reform and Human Rights", "2013-10-10", ["Cecilia Farfan"], ["rule-of-law"],
     "Human rights groups push for judicial reform and an end to impunity."),
    ("Oil Prices and the Mexican Budget", "2015-01-20", ["Duncan Wood"], ["energy", "economy"],
     "Falling oil prices cut the federal budget and Pemex revenue."),
    ("Deportation and Return Migration", "2016-02-14", ["Andrew Selee"], ["migration"],
     "Deportation flows changed as fewer Mexicans migrated north."),
    ("Ambassadors and the Bilateral Relationship", "2017-06-06", ["Earl Anthony Wayne"],
     ["diplomacy"], "Ambassadors manage a bilateral relationship that touches every ministry."),
    ("Tariffs on Steel Strain Trade Ties", "2018-06-01", ["Christopher Wilson"], ["trade"],
     "Steel and aluminum tariffs hurt exporters on both sides."),
    ("Renegotiating NAFTA into the USMCA", "2019-10-01", ["Earl Anthony Wayne"], ["trade"],
     "The USMCA keeps free trade and adds rules of origin for autos."),
    ("COVID-19 and the Border Economy", "2020-09-15", ["Ana Rivera"], ["health", "border"],
     "The pandemic closed the border to non-essential travel and hurt border towns."),
    ("Security Cooperation under a New Administration", "2021-02-02", ["Eric Olson"],
     ["security", "politics"], "The new administration revisits security cooperation and "
     "the Bicentennial Framework."),
    ("Universities and Student Exchange", "2021-08-08", ["Ana Rivera"], ["education"],
     "Student exchange between universities builds workforce skills."),
    ("Electricity Policy and Renewable Investment", "2022-03-03", ["Duncan Wood"],
     ["energy"], "Electricity policy discourages renewable investment by private firms."),
    ("Fentanyl Trafficking and Cartels", "2023-07-07", ["Cecilia Farfan"], ["security"],
     "Cartels shifted to fentanyl production with precursor chemicals."),
    ("Trade & Tariffs: 50% of {Exports}_2024 #1", "2024-04-04", ["Earl Anthony Wayne"],
     ["trade"], "Half of exports face new tariffs; a special-character title for citations."),
    (HOSTILE_TITLE, "2024-09-09", [HOSTILE_AUTHOR], ["trade"], HOSTILE_TEXT),
]
DOCS += [_doc(t, "article", d, a, tp, x) for t, d, a, tp, x in _ARTICLE_SPECS]


def doc_id(title: str) -> str:
    return slugify(title)


def brief_pdf(title: str, text: str) -> bytes:
    """A one-page PDF of a brief, as the institute would publish it."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _document(spec: dict) -> tuple[Document, bytes]:
    doc = Document(
        id="", title=spec["title"], text=spec["text"], authors=list(spec["authors"]),
        date=spec["date"], type=spec["type"], series=spec["series"], program=spec["program"],
        summary=spec["summary"] or spec["text"].split(". ")[0].rstrip(".") + ".",
        topics=[TopicTag(t, 3.0, [t]) for t in spec["topics"]],
    )
    if spec["type"] == "brief":
        doc.original_kind = "pdf"
        return doc, brief_pdf(spec["title"], spec["text"])
    doc.original_kind = "text"
    return doc, f"{spec['title']}\n\n{spec['text']}\n".encode()


def build_archive(root: Path, docs: list[dict] = DOCS) -> Settings:
    """Store and index the documents under root/corpus and root/index."""
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index")
    archive = Archive(settings)
    archive.save_batch([([doc], original) for doc, original in map(_document, docs)],
                       actor="fixture")
    return settings


def expected_count(**where) -> int:
    """How many fixture documents have every given value (topic/author/type/year)."""
    def holds(spec, key, value):
        if key == "topic":
            return value in spec["topics"]
        if key == "author":
            return value in spec["authors"]
        if key == "year":
            return spec["date"][:4] == str(value)
        return spec[key] == value
    return sum(all(holds(s, k, v) for k, v in where.items()) for s in DOCS)
