"""More PDFs: a testimony, a dated issue brief, a long report, a working paper, a brief."""
from __future__ import annotations

from datetime import datetime

from tests.ingest_makers.papers import OPIOIDS, SKILLS
from tests.ingest_makers.pdfs import cover, heading, long_paper, new_paper, paragraphs, save


def testimony_children(folder):
    pdf = new_paper("Untitled", "HFAC", datetime(2014, 7, 23, 22, 14))
    cover(pdf, [("Testimony before the Subcommittee on the Western Hemisphere", "", 11, 1),
                ("Committee on Foreign Affairs, U.S. House of Representatives", "", 11, 10),
                ("Unaccompanied Children from Central America: Causes and Responses", "B", 18, 6),
                ("Statement of Elena Marsh", "", 12, 1),
                ("Director, Latin American Program", "", 11, 1), ("July 24, 2014", "", 11, 8)])
    paragraphs(pdf, [
        "Mr. Chairman, Ranking Member, members of the subcommittee: thank you for inviting me.",
        "Since October, more than 57,000 unaccompanied children have been apprehended crossing the "
        "southwest border, most of them from Honduras, Guatemala and El Salvador.",
        "The children are fleeing gang violence, extortion and the absence of the state in their "
        "neighborhoods. Family reunification in the United States is a second motive.",
        "I recommend three responses: support for asylum adjudication with enough immigration judges "
        "and lawyers for children; cooperation with Mexico on the protection of migrants in transit; "
        "and long-term investment in violence prevention in Central America.",
    ])
    return save(pdf, folder / "lap-testimony-unaccompanied-children.pdf")


def issue_brief_ports(folder):
    pdf = new_paper("IB_USMCA_Ports_v3", "kbrown", datetime(2018, 10, 16, 8, 30))
    cover(pdf, [("ISSUE BRIEF 10.17.18", "B", 10, 1),
                ("Center for the United States and Mexico", "", 10, 10),
                ("What the USMCA Means for Texas Ports", "B", 24, 4),
                ("Thomas Reyes, Ph.D., Fellow in Trade Policy", "", 11, 10)])
    paragraphs(pdf, [
        "Laredo is the busiest land port in the Americas: more than $230 billion in trade crossed "
        "its bridges in 2017, most of it in trucks and trains carrying auto parts.",
        "The United States-Mexico-Canada Agreement keeps tariffs at zero but tightens the rules of "
        "origin for vehicles. Part of the supply chain will shift, and with it the traffic at each port.",
        "Texas ports also need the customs modernization promised in the agreement: electronic "
        "manifests, joint inspections and longer hours at the border crossings.",
        "The state should fund bridge capacity at Laredo and Pharr before the new rules take effect.",
    ])
    return save(pdf, folder / "gulf-issue-brief-usmca-texas-ports.pdf")


def report_workforce(folder):
    pdf = new_paper("Layout 1", "Admin", datetime(2016, 11, 28, 14, 2),
                    "Building a North American Workforce", creator="Adobe InDesign CS6")
    cover(pdf, [("MEXICO INSTITUTE", "B", 11, 2), ("REPORT", "", 10, 20),
                ("Building a North American Workforce", "B", 28, 6),
                ("Education, Skills and the Mexican Economy", "", 16, 8),
                ("Elena Torres and Mark Whitfield", "", 12, 4), ("November 2016", "", 12, 0)])
    long_paper(pdf, 16, [("Summary", SKILLS), ("Universities and Industry", SKILLS),
                         ("Technical Education", SKILLS), ("Cross-Border Cooperation", SKILLS),
                         ("Recommendations", SKILLS)], passing=[
        "Migration of skilled workers to the United States has slowed since 2008.",
        "Trade in auto parts created most of the new jobs for technicians.",
        "Security concerns in Tamaulipas have kept some investors away.",
    ], paragraphs_per_section=13)
    return save(pdf, folder / "mi-report-north-american-workforce.pdf")


def working_paper_opioids(folder):
    pdf = new_paper("DOC-2019-0042", "Administrator", datetime(2019, 10, 1, 10, 0),
                    "Working Paper No. 3 | Opioids Across Borders")
    cover(pdf, [("MEXICO INSTITUTE", "B", 11, 2), ("Working Paper No. 3", "", 11, 18),
                ("Opioids Across Borders: Heroin, Fentanyl and Public Health", "B", 26, 6),
                ("Supply, Demand and the Limits of Interdiction", "", 15, 14),
                ("By Ricardo Salas", "", 12, 4), ("September 2019", "", 12, 0)])
    long_paper(pdf, 33, [("Introduction", OPIOIDS), ("Supply", OPIOIDS), ("Demand", OPIOIDS),
                         ("The Border", OPIOIDS), ("A Public Health Approach", OPIOIDS)], passing=[
        "Trade through the ports of entry makes inspection of every truck impossible.",
        "Migration is sometimes blamed for drug flows, but the data do not support it.",
        "Universities in Baja California run the only survey of drug use in the region.",
        "Corruption among customs officers is a recurring problem.",
        "The economic cost of the epidemic is estimated at billions of dollars a year.",
    ], paragraphs_per_section=16)
    return save(pdf, folder / "mi-working-paper-3-opioids.pdf")


def brief_nearshoring(folder):
    pdf = new_paper("Microsoft PowerPoint - brief_nearshoring.pptx", "Joshua Lee",
                    datetime(2021, 12, 9, 16, 45), creator="Microsoft PowerPoint")
    cover(pdf, [("Global Economy and Development", "B", 10, 1), ("POLICY BRIEF  |  December 2021", "", 10, 12),
                ("Nearshoring and the Future of North American Supply Chains", "B", 22, 4),
                ("Joshua Lee, Senior Fellow", "", 11, 10)])
    paragraphs(pdf, [
        "Shipping delays and tariffs on Chinese goods have led companies to move production closer to "
        "their customers. Mexico received record manufacturing investment announcements in 2021.",
        "Nearshoring can add as much as one percentage point to Mexico's growth, but only if the "
        "country has enough electricity, water, industrial parks and trained workers.",
    ])
    heading(pdf, "What policymakers should do")
    paragraphs(pdf, [
        "Washington should treat North American supply chains as a strategic asset and coordinate "
        "export controls and investment screening with Mexico and Canada.",
        "Mexico should restore private investment in electricity generation and speed up customs "
        "procedures at the border.",
    ])
    return save(pdf, folder / "hartwell-brief-nearshoring-supply-chains.pdf")
