"""The nine PDFs of the fixture set: what each cover says and what fills its pages."""
from __future__ import annotations

from datetime import datetime

from tests.ingest_makers.pdfs import cover, heading, long_paper, new_paper, paragraphs, save

ENERGY = [
    "Private companies won {n} of the blocks offered in the {year} round, most of them in shallow water.",
    "Pemex's crude production fell by {pct} percent between {year} and the end of the period studied.",
    "The wholesale electricity market lets large consumers buy power directly from generators.",
    "Natural gas imports from Texas now supply most of the fuel burned in Mexico's combined-cycle plants.",
    "The energy regulator approved {n} new generation permits, many of them for solar parks in Sonora.",
    "Gasoline prices were freed region by region, and the last controls ended in {year}.",
    "Investment commitments in exploration reached a level not seen since {year}.",
    "Transmission lines have not kept pace with new wind farms in Oaxaca and Tamaulipas.",
    "The CFE remains the dominant buyer and seller of electricity despite the new market rules.",
    "Oil auctions attracted firms from {n} countries, a sign of confidence in the reform's contracts.",
    "Energy subsidies cost the federal budget about {pct} billion pesos in the worst year.",
    "Economic growth in the states with new pipelines was faster than the national average.",
]
SECURITY = [
    "Homicides rose by {pct} percent in the states where cartels fragmented after {year}.",
    "The Merida Initiative delivered equipment, training and {n} aircraft to Mexican forces.",
    "Intelligence sharing between the two governments has been uneven since {year}.",
    "Organized crime groups diversified into extortion, fuel theft and human smuggling.",
    "State police forces remain underpaid and, in {n} states, largely untrained.",
    "The military has taken on public security tasks that civilian police were meant to assume.",
    "Arms trafficking from the United States supplies most of the weapons recovered at crime scenes.",
    "Prosecutors solved fewer than {pct} percent of the cases opened for homicide.",
    "Joint operations along the border improved after the {year} agreement on information exchange.",
    "Drug trafficking routes shifted toward the Pacific ports as the Gulf cartels weakened.",
    "Corruption in local police forces undermines every program of security assistance.",
    "A professional national police force would need at least {n} years to build.",
]
WATER = [
    "El acuífero de {n} municipios fronterizos se explota por encima de su recarga desde {year}.",
    "Las ciudades de la frontera norte crecieron {pct} por ciento en la última década.",
    "La sequía de {year} redujo el agua disponible para la agricultura de riego.",
    "El Tratado de Aguas de 1944 obliga a México a entregar agua del río Bravo a Estados Unidos.",
    "Las plantas industriales de la región usan agua tratada en apenas {pct} por ciento de sus procesos.",
    "La Comisión Internacional de Límites y Aguas coordina la gestión binacional de los ríos.",
    "El cambio climático hará más frecuentes los años de escasez en la cuenca.",
    "Los organismos operadores pierden hasta {pct} por ciento del agua por fugas en la red.",
    "La frontera comparte al menos {n} acuíferos transfronterizos sin un acuerdo de gestión.",
    "La conservación de los humedales del delta del río Colorado es un ejemplo de cooperación.",
]
OPIOIDS = [
    "Overdose deaths involving fentanyl rose by {pct} percent in {year}.",
    "Public health agencies in both countries lack data on drug use along the border.",
    "Heroin production in Guerrero and Durango grew as demand in the United States rose after {year}.",
    "Treatment programs reach fewer than one in {n} people with an opioid use disorder.",
    "Cartels press fentanyl into pills that look like prescription opioids.",
    "Hospital emergency rooms in Arizona reported {n} overdoses a week at the peak.",
    "Naloxone distribution is the cheapest way to reduce deaths from overdose.",
    "Precursor chemicals arrive at Mexico's Pacific ports from Asia.",
    "Security forces seized {n} kilograms of fentanyl at ports of entry in a single year.",
    "A public health response needs prevention, treatment and harm reduction, not seizures alone.",
]
SKILLS = [
    "Mexico graduates about {n} thousand engineers a year, more than many larger economies.",
    "Universities in the Bajío have partnered with automotive plants to design technical degrees.",
    "Only {pct} percent of Mexican adults have completed upper secondary education.",
    "Dual training programs combine classroom education with paid work in factories.",
    "Student exchanges between Mexico and the United States grew after {year}.",
    "Workforce development is the bottleneck for the aerospace clusters of Querétaro and Chihuahua.",
    "Scholarship programs for graduate study abroad were cut in {year}.",
    "Employers report that {pct} percent of vacancies for technicians are hard to fill.",
    "Community colleges in Texas could certify skills earned on both sides of the border.",
    "Education reform has focused on teacher evaluation more than on vocational schools.",
]


def working_paper_energy(folder):
    pdf = new_paper("Microsoft Word - WP12_final.docx", "jsmith", datetime(2019, 4, 2, 15, 12),
                    "Energy Reform and Electricity Markets in Mexico | Mexico Institute")
    cover(pdf, [("MEXICO INSTITUTE", "B", 11, 2), ("Working Paper No. 12", "", 11, 18),
                ("Energy Reform and Electricity Markets in Mexico: Five Years On", "B", 26, 6),
                ("Auctions, Pemex and the Price of Power", "", 15, 14),
                ("By Ana Pérez", "", 12, 4), ("March 2019", "", 12, 0)])
    long_paper(pdf, 12, [("Introduction", ENERGY), ("The Oil Rounds", ENERGY),
                         ("The Wholesale Power Market", ENERGY), ("Pemex and the CFE", ENERGY),
                         ("Conclusions", ENERGY)], passing=[
        "Health clinics in rural Oaxaca still rely on diesel generators.",
        "The reform also created energy programs at two public universities.",
        "A few pipeline projects were delayed by security problems in the Bajío.",
        "Gas crossing the border at Agua Dulce is measured by both regulators.",
        "Labor migration to the oil fields of Campeche slowed as the rigs closed.",
        "The public health costs of fuel oil burned in old plants are rarely counted.",
    ], paragraphs_per_section=22)
    return save(pdf, folder / "mi-working-paper-12-energy-reform.pdf")


def special_report_security(folder):
    pdf = new_paper("Layout 1", "Administrator", datetime(2018, 11, 20, 9, 40),
                    "Special Report No. 3 | After Merida", creator="Adobe InDesign CC 13.1")
    pdf.plain_pages = 2
    cover(pdf, [("LATIN AMERICAN PROGRAM", "B", 11, 2), ("Special Report No. 3", "", 11, 20),
                ("After Merida: Rebuilding U.S.-Mexico Security Cooperation", "B", 28, 8),
                ("Lessons from a Decade of Shared Responsibility", "", 15, 40),
                ("October 2018", "", 12, 0)])
    pdf.add_page()
    heading(pdf, "Board of Trustees")
    paragraphs(pdf, ["Chair: Howard L. Brennan. Vice Chair: Margaret A. Coyle.",
                     "Private Citizen Members: Nathan Aldridge, Theresa Dunmore, Barry K. Jessup, "
                     "Dolores Jiménez, Timothy Brandt, Louise Sorensen.",
                     "Public Members: Secretary of State, Secretary of Education, Archivist of the "
                     "United States, Librarian of Congress, Secretary of the Smithsonian Institution.",
                     "Latin American Program staff: Catherine Arlington, Director; Benjamin Garza, "
                     "Deputy Director; Ana Lucía Vega, Program Associate."])
    pdf.add_page()
    paragraphs(pdf, ["This report was written by Carlos Ramírez Ortega, Global Fellow with the "
                     "Latin American Program, after two years of interviews with officials in "
                     "Washington and Mexico City."])
    long_paper(pdf, 3, [("Ten Years of the Merida Initiative", SECURITY),
                        ("What Worked", SECURITY), ("What Did Not", SECURITY),
                        ("Recommendations", SECURITY)], passing=[
        "Trade across the border continued to grow throughout the period.",
        "The initiative also funded a small education program for police cadets.",
        "Economic growth in the border states did not depend on the security trend.",
    ], paragraphs_per_section=42)
    return save(pdf, folder / "lap-special-report-3-after-merida.pdf")


def policy_brief_remittances(folder):
    pdf = new_paper("DOC-2020-0042", "Administrator", datetime(2020, 6, 30, 11, 5))
    cover_lines = [("POLICY BRIEF", "B", 10, 1), ("Mexico Institute", "", 10, 10),
                   ("Remittances in a Pandemic: Why the Money Kept Coming", "B", 22, 5),
                   ("By Luis Gómez and Sarah Kim", "", 11, 2), ("June 2020", "", 11, 8)]
    cover(pdf, cover_lines)
    paragraphs(pdf, [
        "Remittances to Mexico reached a record in March and again in May 2020, although millions of "
        "migrants in the United States lost their jobs in the pandemic.",
        "Three reasons explain it: migrants drew on their savings to support families facing lockdowns, "
        "the weak peso made each dollar worth more, and many senders moved from cash to digital transfers.",
        "Remittances are now Mexico's largest source of foreign currency after manufacturing exports. "
        "For families in Zacatecas, Michoacán and Guerrero they are the difference between getting by "
        "and poverty.",
        "Recommendations: include migrant workers in relief programs regardless of status; lower the "
        "cost of transfers; and give recipients access to bank accounts and credit.",
    ])
    return save(pdf, folder / "mi-policy-brief-remittances-pandemic.pdf")


def documento_agua(folder):
    pdf = new_paper("Plantilla informe 2017", "usuario", datetime(2017, 7, 3, 18, 0),
                    "El agua en la frontera norte | Instituto de México")
    cover(pdf, [("INSTITUTO DE MÉXICO", "B", 11, 2), ("Documento de trabajo No. 7", "", 11, 18),
                ("El agua en la frontera norte: acuíferos compartidos y ciudades en crecimiento",
                 "B", 24, 8), ("Por María Fernanda Ruiz", "", 12, 4), ("junio de 2017", "", 12, 0)])
    long_paper(pdf, 7, [("Introducción", WATER), ("Los acuíferos compartidos", WATER),
                        ("Ciudades e industria", WATER), ("Recomendaciones", WATER)], passing=[
        "El comercio binacional depende también de que las plantas tengan agua.",
        "La migración interna explica parte del crecimiento de Ciudad Juárez.",
    ], paragraphs_per_section=17)
    return save(pdf, folder / "im-documento-trabajo-7-agua-frontera.pdf")
