"""Write the generated fixtures into tests/data/ingest (run from the repository root)."""
from pathlib import Path

from tests.ingest_makers import office, papers, papers_more
from tests.ingest_makers.listings import LISTINGS
from tests.ingest_makers.pages import WILSON
from tests.ingest_makers.pages_more import GULF, HARTWELL
from tests.ingest_makers.sites import LAYOUTS

FOLDER = Path(__file__).resolve().parents[1] / "data" / "ingest"
PDFS = [papers.working_paper_energy, papers.special_report_security, papers.policy_brief_remittances,
        papers.documento_agua, papers_more.testimony_children, papers_more.issue_brief_ports,
        papers_more.report_workforce, papers_more.working_paper_opioids, papers_more.brief_nearshoring]


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for site, pages in (("wilson", WILSON), ("hartwell", HARTWELL), ("gulf", GULF)):
        for page in pages:
            (FOLDER / page["file"]).write_text(LAYOUTS[site](page), encoding="utf-8")
    for name, make in LISTINGS.items():
        (FOLDER / name).write_text(make(), encoding="utf-8")
    for make in PDFS:
        print(make.__name__, make(FOLDER), "pages")
    office.write_docx(FOLDER)


if __name__ == "__main__":
    main()
