"""The site pages of the fixture set: one article, brief, event, podcast or report each.

`meta` is the structured metadata a page carries: og (OpenGraph), article (article:*
tags too), jsonld (schema.org, of `schema_type`), citation (citation_*), dc (Dublin
Core); an empty set is a page with none. People, programs and numbers are invented.
"""
MI = ("Mexico Institute", "/program/mexico-institute")
LAP = ("Latin American Program", "/program/latin-american-program")
ECSP = ("Environmental Change and Security Program",
        "/program/environmental-change-and-security-program")
WILSON_RELATED = [("Mexico's Next Energy Auction: What to Expect", "Mar 28, 2016", "Article"),
                  ("Border Wait Times and the Cost to Trade", "Jan 12, 2016", "Report"),
                  ("Wilson Center NOW: Elections in Mexico", "Jul 30, 2018", "Podcast")]
WILSON_RELATED_ES = [("Las subastas eléctricas en México", "28 de marzo de 2016", "Artículo"),
                     ("Los tiempos de espera en la frontera", "12 de enero de 2016", "Informe")]

WILSON = [
    dict(file="wilson-article-energy-reform.html", path="article/mexicos-energy-reform-two-years",
         node_type="article", kind_label="Article", program=MI, meta={"og", "article"},
         title="Mexico's Energy Reform Two Years In: Auctions, Prices and Pemex",
         authors=[("Ana Pérez", "/person/ana-perez")], roles=["Global Fellow, Mexico Institute"],
         date_text="Jun 2, 2016", iso="2016-06-02T09:00:00-04:00", tags=["Energy", "Mexico"],
         related=WILSON_RELATED, body=[
             "Two years after Mexico opened its oil and electricity sectors to private investment, "
             "the results of the energy reform are mixed. The first deepwater auction drew bids from "
             "eight international companies, while onshore blocks went largely unclaimed.",
             "Pemex, the state oil company, is still losing money on refining and has cut its "
             "exploration budget twice. Falling oil prices have made the government's production "
             "targets look optimistic, and gasoline prices remain a political flashpoint.",
             "In electricity, the wholesale market that began operating in January has already "
             "lowered costs for large consumers. The first long-term power auction awarded contracts "
             "for solar and wind plants at some of the lowest prices in the world.",
             "The reform's success will depend on regulators that are independent and well funded, "
             "and on pipelines that bring cheap natural gas from Texas to the power plants of central "
             "and southern Mexico.",
         ]),
    dict(file="wilson-brief-fentanyl-ports.html", path="publication/fentanyl-interdiction-ports-entry",
         node_type="publication", kind_label="Policy Brief", program=MI,
         meta={"jsonld"}, schema_type="Report",
         title="Stopping Fentanyl at the Ports of Entry: A Shared Responsibility",
         authors=[("Rafael Montes", "/person/rafael-montes"), ("Claire Whitman", "/person/claire-whitman")],
         roles=["Senior Advisor, Mexico Institute", "Research Associate"],
         date_text="Sep 22, 2017", iso="2017-09-22", tags=["Security", "Border"],
         related=WILSON_RELATED, body=[
             "Most of the fentanyl that reaches American streets crosses the border through official "
             "ports of entry, hidden in passenger vehicles and commercial trucks, not between them.",
             "This policy brief examines how U.S. Customs and Border Protection and Mexico's customs "
             "agency inspect traffic, and why scanning technology covers less than a fifth of the "
             "vehicles that cross from Tijuana, Nogales and Laredo.",
             "We recommend joint inspection facilities, shared intelligence on the cartels' supply "
             "chains for precursor chemicals, and investment in non-intrusive scanners on both sides "
             "of the border.",
             "Cooperation against drug trafficking works best when both governments accept a shared "
             "responsibility: demand in the United States, and production and corruption in Mexico.",
         ]),
    dict(file="wilson-event-rule-of-law.html", path="event/evolution-rule-law-reform-mexico",
         node_type="event", kind_label="Event", program=MI, meta={"jsonld"}, schema_type="Event",
         title="Ten Years of Criminal Justice Reform in Mexico: What Has Changed?",
         authors=[], date_text="Oct 16, 2018", iso="2018-10-16T09:30:00-04:00",
         when="Tuesday, Oct. 16, 2018<br>9:30am – 11:00am ET", where="6th Floor Flom Auditorium, Wilson Center",
         tags=["Rule of Law", "Mexico"], related=WILSON_RELATED, body=[
             "In 2008 Mexico amended its constitution to move from written, inquisitorial trials to "
             "oral, adversarial ones. The reform was completed nationwide in 2016.",
             "This event will bring together judges, prosecutors and scholars to assess whether the "
             "new criminal justice system has reduced impunity, protected due process and built "
             "public trust in the judiciary.",
             "Speakers: Judge Patricia Olvera, Mexico City Superior Court; Dr. Samuel Levin, "
             "Georgetown University; Marta Ibarra, México Evalúa. Moderator: Rafael Montes.",
             "This event will be webcast live. Please RSVP to attend in person.",
         ]),
    dict(file="wilson-podcast-remittances.html", path="podcast/wilson-center-now-remittances-record",
         node_type="podcast", kind_label="Podcast", program=LAP, meta={"jsonld", "og"},
         schema_type="PodcastEpisode", series="Wilson Center NOW",
         title="Remittances to Central America Reach a Record",
         authors=[("Lucía Herrera", "/person/lucia-herrera")], roles=["Fellow, Latin American Program"],
         date_text="Jul 30, 2014", iso="2014-07-30", tags=["Migration", "Central America"],
         related=WILSON_RELATED, body=[
             "Migrants from El Salvador, Guatemala and Honduras sent home more money in the first "
             "half of 2014 than in any half-year before.",
             "In this edition of Wilson Center NOW, Lucía Herrera discusses why remittances keep "
             "growing while migration to the United States becomes more dangerous, and what the money "
             "means for families and local economies in the region.",
             "Listen to the episode on Apple Podcasts, Spotify or wherever you get your podcasts.",
         ]),
    dict(file="wilson-article-rio-grande-water.html", path="article/binational-approach-water-scarcity-rio-grande",
         node_type="article", kind_label="Article", program=ECSP, meta=set(),
         title="A Binational Approach to Water Scarcity on the Rio Grande",
         authors=[("Daniel Ocampo", "/person/daniel-ocampo")], roles=["Water Policy Fellow"],
         date_text="Aug 14, 2019", iso="2019-08-14", tags=["Environment", "Water"],
         related=WILSON_RELATED, body=[
             "Under a 1944 treaty, Mexico owes the United States an average of 350,000 acre-feet of "
             "water a year from the Rio Grande's tributaries. After years of drought, it is behind.",
             "Farmers in Chihuahua and Tamaulipas depend on the same reservoirs, and climate change is "
             "shrinking the snowpack that feeds them. Both countries need a new water-sharing plan "
             "before the current cycle ends in 2020.",
             "The International Boundary and Water Commission has solved hard problems before. It "
             "should lead a binational study of groundwater, conservation and reuse along the river.",
         ]),
    dict(file="wilson-report-state-of-security.html", path="publication/state-security-mexico-2019",
         node_type="publication", kind_label="Report", program=MI, meta={"og"},
         title="Organized Crime and Violence in Mexico: 2019 Edition",
         authors=[("Laura Calderón", "/person/laura-calderon"), ("Octavio Rodríguez", "/person/octavio-rodriguez"),
                  ("David Sheridan", "/person/david-sheridan-0")],
         roles=["Justice in Mexico", "Justice in Mexico", "Global Fellow"],
         date_text="Apr 9, 2019", iso="2019-04-09", tags=["Security"], related=WILSON_RELATED, body=[
             "Mexico recorded more than 33,000 homicides in 2018, the most since the government "
             "began keeping records. This report analyzes where the violence happened and why.",
             "The fragmentation of the large cartels into dozens of smaller criminal groups, the "
             "theft of fuel from pipelines and the weakness of local police explain much of the rise.",
             "The report also examines impunity: fewer than one in ten homicides led to a conviction. "
             "It recommends professional state police forces and independent prosecutors.",
             "Download the full report (PDF).",
         ]),
    dict(file="wilson-es-articulo-remesas.html", path="article/las-remesas-y-la-economia-de-los-hogares",
         node_type="article", kind_label="Artículo", program=MI, meta={"og"}, lang="es",
         title="Las remesas y la economía de los hogares en Michoacán",
         authors=[("Gabriela Sánchez", "/person/gabriela-sanchez")], roles=["Investigadora, Instituto de México"],
         date_text="2 de junio de 2016", iso="2016-06-02", tags=["Migración", "Economía"],
         related=WILSON_RELATED_ES, body=[
             "Michoacán recibe más remesas que casi cualquier otro estado de México: en 2015 los "
             "migrantes michoacanos en Estados Unidos enviaron más de 2,500 millones de dólares.",
             "Para muchos hogares rurales las remesas son el principal ingreso. Se destinan a "
             "comida, salud y vivienda, y con menos frecuencia a inversiones productivas.",
             "La migración de retorno y las deportaciones han reducido el número de remitentes en "
             "algunos municipios, con efectos visibles en la economía local.",
         ]),
    dict(file="wilson-es-nota-reglas-de-origen.html", path="publication/el-t-mec-y-las-reglas-de-origen",
         node_type="publication", kind_label="Nota de política", program=MI, meta=set(), lang="es",
         title="El T-MEC y las reglas de origen automotrices",
         authors=[("Jorge Villalobos", "/person/jorge-villalobos")], roles=["Asesor, Instituto de México"],
         date_text="junio de 2019", iso="2019-06", tags=["Comercio"], related=WILSON_RELATED_ES, body=[
             "El nuevo tratado comercial entre México, Estados Unidos y Canadá eleva del 62.5 al 75 "
             "por ciento el contenido regional que un automóvil necesita para cruzar sin aranceles.",
             "Esta nota de política analiza cómo las nuevas reglas de origen y el requisito de "
             "salarios de 16 dólares por hora afectarán a las armadoras y a sus proveedores.",
             "Recomendamos un periodo de transición amplio y un mecanismo claro de verificación "
             "para que el comercio automotriz de América del Norte siga siendo competitivo.",
         ]),
    dict(file="wilson-es-evento-frontera-sur.html", path="event/seguridad-y-derechos-humanos-frontera-sur",
         node_type="event", kind_label="Evento", program=LAP, meta={"jsonld"}, schema_type="Event",
         lang="es", title="Seguridad y derechos humanos en la frontera sur de México",
         authors=[], date_text="12 de marzo de 2018", iso="2018-03-12T10:00:00-05:00",
         when="Lunes 12 de marzo de 2018<br>10:00 – 12:00", where="Ciudad de México",
         tags=["Seguridad", "Derechos humanos"], related=WILSON_RELATED_ES, body=[
             "La frontera entre México y Guatemala es el paso de miles de migrantes centroamericanos "
             "y también una ruta del narcotráfico y del tráfico de armas.",
             "Este evento reunirá a funcionarios, defensores de derechos humanos y académicos para "
             "discutir cómo fortalecer la seguridad sin violar los derechos de las personas.",
             "Ponentes: Mtra. Isabel Cordero, Comisión Nacional de los Derechos Humanos; Dr. Tomás "
             "Aguilar, El Colegio de la Frontera Sur.",
         ]),
]
