"""The pages of the WordPress site (hartwell) and the research-centre site (gulf)."""
GED = ("Global Economy and Development", "/program/global-economy-and-development/")
GOV = ("Governance Studies", "/program/governance-studies/")
FP = ("Foreign Policy", "/program/foreign-policy/")
CES = ("Center for Energy Studies", "/centers/center-for-energy-studies")
CUSM = ("Center for the United States and Mexico", "/centers/center-for-the-united-states-and-mexico")
CUSM_ES = ("Centro para Estados Unidos y México", "/es/centros/centro-estados-unidos-mexico")
POPULAR = [("How Many Jobs Depend on Trade with Mexico?", "August 3, 2017", "Blog"),
           ("The Hidden Costs of Border Delays", "June 12, 2017", "Report"),
           ("What Canada Wants from a New NAFTA", "September 1, 2017", "Blog")]
GULF_RELATED = [("Mexico's Fuel Market After Liberalization", "Aug. 2, 2018", "Issue Brief"),
                ("The Permian Basin and Cross-Border Gas Flows", "May 17, 2018", "Report")]

HARTWELL = [
    dict(file="hartwell-blog-tomato-tariffs.html", path="blog/up-front/2017/09/22/tomato-tariffs",
         post_id=48210, kind_label="Blog", program=GED, meta={"jsonld", "og", "article"},
         title="Why Tariffs on Mexican Tomatoes Would Hurt American Consumers",
         authors=[("Karen Liu", "/experts/karen-liu/")], date_text="September 22, 2017",
         iso="2017-09-22T09:00:00-04:00", tags=["Trade", "Agriculture"], related=POPULAR, body=[
             "Florida growers have asked the Commerce Department to end the 1996 suspension "
             "agreement that sets a minimum price for tomatoes imported from Mexico.",
             "If the agreement ends, Mexican tomatoes would face antidumping duties of about 17 "
             "percent. Because Mexico supplies more than half the fresh tomatoes Americans eat, the "
             "tariff would raise prices in every grocery store.",
             "Trade disputes like this one are a preview of the NAFTA renegotiation: a small, "
             "organized industry can win protection whose costs are spread over millions of buyers.",
         ]),
    dict(file="hartwell-article-asylum-myths.html", path="research/five-myths-about-asylum",
         post_id=31877, kind_label="Article", program=GOV, meta={"og", "article"},
         title="Five Myths About Asylum at the Southern Border",
         authors=[("Michael Grant", "/experts/michael-grant/"), ("Sofía Navarro", "/experts/sofia-navarro/")],
         date_text="July 30, 2014", iso="2014-07-30T08:00:00-04:00", tags=["Immigration", "Border"],
         related=POPULAR, body=[
             "More than 57,000 unaccompanied children have been apprehended at the border since "
             "October. The debate about them is full of claims that do not survive the data.",
             "Myth one: most are coming for economic reasons. Surveys of the children find that "
             "violence in their communities is the main reason most of them left.",
             "Myth two: asylum seekers disappear. Most who are released appear at their immigration "
             "hearings, especially when they have a lawyer.",
             "The remaining myths concern deportation, the cost of detention and the role of the "
             "Border Patrol, and we take them in turn below.",
         ]),
    dict(file="hartwell-podcast-nearshoring.html", path="podcast-episode/can-nearshoring-save-mexican-manufacturing",
         post_id=77102, kind_label="Podcast", program=GED, meta={"jsonld"}, schema_type="PodcastEpisode",
         series="The Current", title="Can Nearshoring Save Mexican Manufacturing?",
         authors=[("Adam Feld", "/experts/adam-feld/")], date_text="May 3, 2022",
         iso="2022-05-03T06:00:00-04:00", tags=["Trade", "Manufacturing"], related=POPULAR, body=[
             "Companies are moving production closer to the United States after two years of "
             "broken supply chains. Mexico is the obvious beneficiary, but is it ready?",
             "On this episode of The Current, host Adam Feld talks with economist Paula Ríos about "
             "nearshoring, factory investment in the Bajío, and the electricity and water that new "
             "plants will need.",
             "Subscribe to The Current on Apple Podcasts, Spotify or Stitcher.",
         ]),
    dict(file="hartwell-report-cicig.html", path="research/rebuilding-trust-anti-corruption-cicig",
         post_id=60345, kind_label="Report", program=FP, meta=set(),
         title="Rebuilding Trust: Anti-Corruption Lessons from Guatemala's CICIG",
         authors=[("Elena Duarte", "/experts/elena-duarte/")], date_text="December 11, 2019",
         iso="2019-12-11T10:00:00-05:00", tags=["Corruption", "Central America"], related=POPULAR, body=[
             "For twelve years the International Commission against Impunity in Guatemala helped "
             "prosecutors bring cases against presidents, ministers and judges.",
             "This report draws lessons from the commission's work and from its closing in 2019: "
             "what an international body can do for the rule of law, and what it cannot.",
             "It recommends that donors support independent prosecutors and judicial selection "
             "reforms rather than new commissions.",
         ]),
    dict(file="hartwell-es-vacunas.html", path="es/articulo/politica-regional-vacunacion", post_id=70551,
         kind_label="Artículo", program=FP, meta={"og", "article"}, lang="es",
         title="Por qué América Latina necesita una política regional de vacunación",
         authors=[("Andrea Villaseñor", "/experts/andrea-villasenor/")], date_text="2 de junio de 2021",
         iso="2021-06-02T07:00:00-04:00", tags=["Salud", "Diplomacia"], related=POPULAR, body=[
             "La pandemia ha mostrado lo poco coordinada que está la región: cada gobierno negoció "
             "sus vacunas por separado y la mayoría llegó tarde.",
             "Una compra conjunta de vacunas, como la que hace la Unión Europea, habría reducido "
             "precios y tiempos. La diplomacia sanitaria debe ser una prioridad de la OEA.",
             "México y Argentina ya producen la vacuna de AstraZeneca para la región; ese modelo "
             "puede ampliarse.",
         ]),
    dict(file="hartwell-es-elecciones-tlcan.html", path="es/articulo/elecciones-2018-futuro-tlcan", post_id=52220,
         kind_label="Artículo", program=GOV, meta={"jsonld"}, lang="es",
         title="Las elecciones de 2018 y el futuro del TLCAN",
         authors=[("Ricardo Fuentes", "/experts/ricardo-fuentes/")], date_text="5 de julio de 2018",
         iso="2018-07-05", tags=["Comercio", "Elecciones"], related=POPULAR, body=[
             "El triunfo de Andrés Manuel López Obrador en las elecciones del 1 de julio cambia la "
             "negociación del TLCAN: el presidente electo ha dicho que quiere un acuerdo pronto.",
             "Su equipo participará en las rondas que faltan. El mayor obstáculo siguen siendo las "
             "reglas de origen del sector automotriz y la cláusula de terminación que pide Washington.",
             "Un acuerdo antes del 1 de diciembre evitaría que el comercio quede en la incertidumbre.",
         ]),
]

GULF = [
    dict(file="gulf-brief-gas-pipelines.html", path="natural-gas-pipelines-mexico", kind_label="Issue Brief",
         program=CES, meta={"citation"}, pdf=True, doi="10.25613/gi-3f2k-9a71",
         title="Natural Gas Pipelines to Mexico: A Texas Success Story at Risk",
         authors=[("Thomas Reyes", "/experts/thomas-reyes")], date_text="Sept. 5, 2018",
         iso="2018-09-05", related=GULF_RELATED, body=[
             "Texas exports more natural gas to Mexico by pipeline than to any other market. Flows "
             "have tripled since 2010 and now fuel most of Mexico's new power plants.",
             "This brief shows how delays in Mexico's own pipeline construction, disputes between "
             "the CFE and builders, and a possible change of energy policy after the election put that "
             "trade at risk.",
             "Texas producers and Mexican utilities share an interest in long-term contracts that "
             "survive political change on both sides.",
         ]),
    dict(file="gulf-report-water-industry.html", path="water-scarcity-industrial-growth-northern-mexico",
         kind_label="Report", program=CUSM, meta={"dc"}, pdf=True,
         title="Water Scarcity and Industrial Growth in Northern Mexico",
         subtitle="Monterrey, Saltillo and the Limits of the Aquifers",
         authors=[("Patricia Lomelí", "/experts/patricia-lomeli"), ("James Whitaker", "/experts/james-whitaker")],
         date_text="Nov. 30, 2017", iso="2017-11-30", related=GULF_RELATED, body=[
             "The industrial corridor of Nuevo León and Coahuila has grown faster than any other "
             "region of Mexico since NAFTA. Its water supply has not kept up.",
             "This report measures how much water manufacturing plants use, how fast the aquifers "
             "are falling and what happens to growth during a drought like that of 2011-2013.",
             "We propose water pricing, industrial reuse of treated wastewater and a regional "
             "authority that plans supply for cities and factories together.",
         ]),
    dict(file="gulf-testimony-border-security.html", path="testimony-security-cooperation-border",
         kind_label="Testimony", program=CUSM, meta=set(), pdf=True,
         title="Security Cooperation on the U.S.-Mexico Border",
         subtitle="Testimony before the Senate Committee on Homeland Security and Governmental Affairs",
         authors=[("Robert Hale", "/experts/robert-hale")], date_text="Feb. 6, 2019", iso="2019-02-06",
         related=GULF_RELATED, body=[
             "Mr. Chairman, Ranking Member, members of the committee: thank you for the "
             "opportunity to testify on security along our southern border.",
             "The border is safer than it was a decade ago. Violent crime in El Paso and San Diego is "
             "below the national average, while violence in Mexican border cities has risen.",
             "Cooperation with Mexico's security forces, the sharing of intelligence on cartels and "
             "better screening at ports of entry have done more for security than walls.",
         ]),
    dict(file="gulf-event-energy-sector.html", path="events/mexicos-new-administration-energy-sector",
         kind_label="Event", program=CES, meta={"jsonld"}, schema_type="Event",
         where="Doherty Hall, Gulf Institute", title="Mexico's New Administration and the Energy Sector",
         authors=[], date_text="Dec. 4, 2018", iso="2018-12-04T16:00:00-06:00",
         related=GULF_RELATED, body=[
             "Tuesday, Dec. 4, 2018, 4:00 p.m. - 6:00 p.m. Doherty Hall.",
             "President Andrés Manuel López Obrador took office on Dec. 1 promising to rescue Pemex "
             "and the CFE. What will his administration mean for the energy reform, the oil auctions "
             "and private electricity generation?",
             "Join us for a panel with Lourdes Montiel, a former deputy secretary of energy, and "
             "analysts from the Center for Energy Studies. Registration is required.",
         ]),
    dict(file="gulf-es-reforma-judicial.html", path="es/la-reforma-judicial-independencia-jueces",
         kind_label="Artículo", program=CUSM_ES, meta={"dc"}, lang="es",
         title="La reforma judicial de 2021 y la independencia de los jueces",
         authors=[("Mariana Téllez", "/experts/mariana-tellez")], date_text="junio de 2021",
         iso="2021-06", related=GULF_RELATED, body=[
             "La reforma judicial aprobada en 2021 cambió la carrera judicial y amplió el mandato "
             "del presidente de la Suprema Corte, lo que abrió un debate sobre la independencia del "
             "poder judicial.",
             "Este artículo revisa los cambios y sus riesgos para el estado de derecho: sin jueces "
             "independientes la lucha contra la corrupción y la impunidad pierde su último contrapeso.",
             "También compara la reforma con las de otros países de la región.",
         ]),
]
