"""Public minutes of coordination meetings elsewhere: RDC, Tchad, and anglophone clusters.

Transcribed by their shape, as in :mod:`tests.language.minutes_corpus.public_mali`: the
layout, headers, owners, deadlines and next meeting as the public copy shows them, the
discussions condensed, nothing added where the copy is cut.

Owners that are local bodies of another country (a provincial cluster, the RDC's hygiene
directorate) are expected as unknown names: the directory is Mali's.
"""

from __future__ import annotations

from datetime import date

from tests.language.minutes_corpus.model import NOT_PDF, Action, Case, L, U, b, h, p, t

WASH_RDC_2016_03 = Case(
    name="wash_rdc_2016_03_02",
    kind="public",
    source="https://123dok.net/document/y8gnm645-salle-r%C3%A9union-salle-r%C3%A9union-l-unicef-"
    "lubumbashi.html — Compte rendu de la réunion du Cluster WASH National, mercredi 02 mars "
    "2016 (salle de réunion de l'UNICEF, Lubumbashi)",
    meeting_date=date(2016, 3, 2),
    members=[("Florien Bisimwa", "UNICEF")],
    blocks=[
        h("Compte Rendu de la réunion du Cluster WASH National Kinshasa, Mercredi 02 Mars 2016"),
        p("Date de la prochaine Réunion : 24 Mars 2016, Kinshasa"),
        t(
            ["Date", "Mercredi 02 mars 2016"],
            ["Horaire", "Durée de la réunion : 10h00 à 12h30 – (2h30)"],
            ["Province-lieu", "Salle de Réunion : Salle de réunion de l'UNICEF, Lubumbashi"],
            ["Réunion convoquée par", "Florien Bisimwa, IM Cluster Wash"],
            header_rows=0,
        ),
        h("Introduction"),
        p(
            "Cette réunion du Cluster national a eu lieu à Lubumbashi dans le cadre de la "
            "stratégie de rapprochement du niveau national au niveau opérationnel instaurée "
            "depuis 2014 ; la périodicité trimestrielle n'a pas été respectée du fait de "
            "problèmes logistiques. La dernière réunion s'était tenue le 26 mai 2015."
        ),
        h("Suivi recommandations (voir compte rendu du 03 décembre 2015)"),
        t(
            [
                "Point de l'ordre du jour",
                "Action à prendre",
                "Responsable",
                "Echéance",
                "Niveau d'exécution",
            ],
            [
                "Cholera",
                "Faire un suivi rapproché de la situation du choléra à Kindu, Kisangani, Ituri et "
                "Uvira (avec les inondations et problème de financement) et Kalemie",
                "Cluster National",
                "Immédiat",
                "FAIT",
            ],
            [
                U,
                "Contacter le comité organisateur de l'atelier d'évaluation de l'année 2 pour son "
                "report au début de l'année 2016",
                "Directeur de la DNH",
                "Immédiat",
                "FAIT",
            ],
            [
                "Inondation",
                "Partager les updates sur l'évolution de l'inondation le long du Fleuve",
                "Caritas",
                "Immédiat",
                "FAIT",
            ],
            [
                U,
                "Discuter lors des réunions de coordination des activités VEA la possibilité "
                "d'assurer les réponses d'urgence en cas de survenu de catastrophe dans les zones "
                "VEA",
                "Directeur de la DNH",
                "Immédiat",
                "PERMANANT",
            ],
            [
                "Divers",
                "Partager la carte des zones inondables (voir analyse de l'Epicentre)",
                "Unité de recherche UNIKIN",
                "ASAP",
                "NON FAIT",
            ],
        ),
    ],
    # "Immédiat" was said at the meeting of 3 December: not checked against this one's day.
    actions=[
        Action("suivi rapproche de la situation du cholera", ("@coordination",)),
        Action("contacter le comite organisateur", ("?Directeur de la DNH",)),
        Action("updates sur l'evolution de l'inondation", ("Caritas",)),
        Action("reponses d'urgence en cas de survenu", ("?Directeur de la DNH",)),
        Action("carte des zones inondables", ("?Unité de recherche UNIKIN",), "undated"),
    ],
    next_meeting=date(2016, 3, 24),
    tables=1,
)

WASH_RDC_2017_07 = Case(
    name="wash_rdc_2017_07_27",
    kind="public",
    source="https://123dok.net/document/yj75vo46-florien-bisimwa-gestionnaire-informations-wash-"
    "cluster-rdc.html — Compte rendu de la réunion du Cluster Wash National tenue à Kinshasa, "
    "jeudi 27 juillet 2017",
    meeting_date=date(2017, 7, 27),
    members=[("Florien Bisimwa", "UNICEF")],
    blocks=[
        h("Compte Rendu de la réunion du Cluster Wash National"),
        p("Tenu à Kinshasa, jeudi 27 juillet 2017"),
        h("Introduction"),
        p(
            "La réunion s'est tenue dans la salle de conférence de l'UNICEF. Au total 20 "
            "personnes y ont participé dont 6 femmes."
        ),
        h("1. Suivi recommandations (voir compte rendu du 29 juin 2017)"),
        t(
            ["Point", "Action à prendre", "Responsable", "Echéance", "Niveau d'exécution"],
            [
                "Crises en cours",
                "Aux ONG qui prévoient ou qui ont déjà réalisées des évaluations dans la région du "
                "Kasaï de prendre contact avec le Cluster National pour un briefing",
                "ONG qui opèrent dans le secteur WASH",
                "Continue",
                "En cours",
            ],
            [
                U,
                "Mettre en place, sous le lead du Gouvernement un plan de réponse pour lutter "
                "contre le choléra à Goma avec rôles et engagement des membres du cluster "
                "provincial",
                "Cluster NORD-KIVU",
                "ASAP",
                "Fait",
            ],
            [
                U,
                "Plaidoyer au niveau des structures gouvernementales pour l'implication dans la "
                "lutte contre le choléra",
                "Cluster provinciaux et CPAEHA",
                "Continue",
                "En cours",
            ],
            [
                U,
                "Les provinces devront partager les zones de santé (ZS) prioritaires du PNVEA pour "
                "documenter ou faire des études d'impact entre le PNVEA et l'épidémie de choléra",
                "Cluster provinciaux",
                "Avant la prochaine réunion",
                "Non fait",
            ],
            [
                "Coordination",
                "Répondre à l'enquête en ligne sur le niveau de suivi des 18 engagements du "
                "cluster",
                "Membre du cluster",
                "Août 2017",
                "En cours",
            ],
            [
                "R.E.G.C.",
                "Vulgariser le service 1.5.5 à travers les réunions des clusters provinciaux",
                "Cluster provinciaux",
                "Réunion Juillet",
                "Fait",
            ],
            [
                U,
                "Briefer les membres sur le fonctionnement d'un système d'alerte humanitaire / "
                "sécuritaire (veille humanitaire) afin d'intensifier la notification des alertes "
                "(ehtool.org)",
                "OCHA / Cluster provinciaux",
                "Date à définir selon la disponibilité de OCHA",
                "Non fait",
            ],
        ),
    ],
    actions=[
        Action("prendre contact avec le cluster national", ("@membres",), "undated"),
        Action("plan de reponse pour lutter contre le cholera", ("?Cluster NORD-KIVU",), "undated"),
        Action(
            "plaidoyer au niveau des structures gouvernementales",
            ("?Cluster provinciaux", "?CPAEHA"),
            "undated",
        ),
        Action("zones de sante (zs) prioritaires", ("?Cluster provinciaux",), "meeting"),
        Action("repondre a l'enquete en ligne", ("@membres",), "2017-08-31"),
        Action("vulgariser le service 1.5.5", ("?Cluster provinciaux",)),
        Action("systeme d'alerte humanitaire", ("OCHA", "?Cluster provinciaux"), "undated"),
    ],
    tables=1,
)

NUTRITION_RDC_2019_11 = Case(
    name="nutrition_rdc_2019_11_22",
    kind="public",
    source="https://123dok.net/document/yr3g0lpv-cluster-nutrition-cluster-national-nutrition-"
    "novembre-derni%C3%A8re-r%C3%A9union.html — Cluster national de nutrition (RDC), réunion du "
    "22 novembre 2019",
    meeting_date=date(2019, 11, 22),
    blocks=[
        h("CLUSTER NATIONAL DE NUTRITION 22 novembre 2019"),
        t(
            ["REUNION CONVOQUEE PAR", "Coordinateur cluster Nutrition"],
            [
                "ETAIENT PRESENTS",
                "UNICEF, WFP, ACF, ALIMA, PRONANUT, CARITAS, MDA, FONLIV, IMC, ACM, MEDEC-ASBL, "
                "CAUSE RURALE, MSF-B, AHDO, SCI, FDD, WV, FLCM, GRAINES, POP-SECURITY RDC,",
            ],
            header_rows=0,
        ),
        h("ORDRE DU JOUR"),
        b("Introduction, Kalil (5 min)"),
        b("Revus des points d'action de la dernière réunion du cluster nutrition, Lieven, 10 min"),
        b("GTT-PCIMA, Nono, (25 min)"),
        b("GTT-SIN, Marie, (10 min)"),
        b("Etude sur le protocole simplifié dans la Zone de Santé de Kamwesha, Lièvin (20 min)"),
        b("Echo terrain & CRIO Goma, Pierrot (15 min)"),
        b("Tour de table, Partenaire (30 min)"),
        b("Divers, Tous (10min)"),
        b("Feedback journées scientifiques et SUN secteur prive : Patrice"),
        b("Cartographie des intervenants et des interventions : Aimerance"),
        b("Prochaine réunion (site et horaire)"),
        h("POINTS A L'ORDRE DU JOUR"),
        t(
            [
                "INTRODUCTION",
                "Tour de table pour présenter tous les participants à la réunion du cluster "
                "nutrition.\nLa réunion avait débuté par la présentation des points inscrits à "
                "l'ordre du jour. Aucune modification n'a été apportée sur l'agenda.",
            ],
            header_rows=0,
        ),
    ],
)

WASH_SUDKIVU_2010_09 = Case(
    name="wash_sudkivu_2010_09_13",
    kind="public",
    source="https://www.yumpu.com/fr/document/view/16603477/wash-sud-kivu-rdc-humanitaire — "
    "Compte rendu de la réunion du cluster WASH Sud Kivu du 13 septembre 2010",
    meeting_date=date(2010, 9, 13),
    blocks=[
        h("COMPTE RENDU DE LA REUNION DU CLUSTER WASH SUD KIVU DU 13 SEPTEMBRE 2010"),
        p("Date probable de la prochaine réunion : Le 6 Octobre 2010"),
        t(
            ["Minutes", "Réunion démarrée à 14 H30 - clôturée à 16 H 00'"],
            ["Province – lieu", "SUD KIVU- BUKAVU"],
            ["Reunion convoquée par", "UNICEF"],
            ["Secretariat", "UNICEF"],
            [
                "Participants",
                "Unicef, Oxfam GB, Oxfam Quebec, Acted, Hope In Action, BDD/OSD, DIVISION DE "
                "L'ENERGIE, CPAEA, AVSI, INECOM-RDC, CAB, MDA, ADEPAE, ASF/PSI, CRS.",
            ],
            [
                "Agenda",
                "Ordre du jour :\n1. Information générale sur la présentation du cluster Wash à "
                "l'Atelier sur la préparation du PAH 2011\n2. Situation du cholera dans la "
                "province\n3. Information sur la seconde allocation Pooled Fund\n4. Préparation de "
                "la journée mondiale de lavage des mains.\n5. Divers",
            ],
            header_rows=0,
        ),
        h("DISCUSSION"),
        p(
            "La réunion a commencé par une brève présentation des participants, suivie de "
            "l'adoption des points inscrits à l'ordre du jour, adoptés sans amendement."
        ),
        p(
            "1. Information générale sur la présentation du cluster Wash à l'Atelier sur la préparation du PAH 2011"
        ),
        p(
            "Nous avons informé l'assistance sur les résultats de l'Atelier de préparation du "
            "PAH 2011 qui s'est déroulé du 7 au 8 septembre au Bureau de OCHA."
        ),
    ],
    next_meeting=date(2010, 10, 6),
)

_VANUATU_MEMBERS: list[tuple[str, str | None]] = [
    ("Obed Tabi", "DGMWR"),
    ("Brecht Mommen", "UNICEF"),
    ("Hilson Toaliu", "UNICEF"),
    ("William Fellows", "UNICEF"),
    ("Richard Sennoga", "UNICEF"),
]

WASH_VANUATU_2015_04 = Case(
    name="wash_vanuatu_2015_04_22",
    kind="public",
    source="https://studylib.net/doc/6969205/150422_minutes_wash_vanuatu — WASH Cluster Meeting "
    "– Post-Cyclone Pam Response, meeting notes of 22 April 2015",
    meeting_date=date(2015, 4, 22),
    members=_VANUATU_MEMBERS,
    blocks=[
        h("WASH Cluster Meeting Points/Actions"),
        p("MEETING NOTES"),
        t(
            ["Name of Meeting", "WASH Cluster Meeting – Post-Cyclone Pam Response"],
            ["Meeting Location", "National Disaster Management Office"],
            ["WASH Lead Agency", "Directorate of Geology, Minerals and Water Resources"],
            ["WASH Focal Point Agency", "UNICEF"],
            ["Meeting Date", "April 22, 2015"],
            ["Meeting Time and Duration", "9.00am – 10.30am"],
            ["Minutes Prepared by", "Richard Sennoga"],
            ["Minutes Submitted on", "April 22 2015"],
            ["Next Meeting Date", "Monday April 27 2015"],
            [
                "Meeting Attended by",
                "1. DGMWR - Obed Tabi, Nagali Puech, Neil Kalotukor\n2. UNICEF - William "
                "Fellows, Brecht Mommen, Hilson Toaliu, Andy Dow\n3. ProMedical - Jasper Lawson, "
                "Jen Bowtell\n4. Red Cross - Arturo Garcia (FRC), Ana Zarkovic (IFRC)\n5. Oxfam - "
                "Enam Hoque\n6. ADRA - Michelle Winrow, Mark le Roux (ADRA Vanuatu)\n7. The "
                "Salvation Army - Brad Watson\n8. WASH Cluster IMO - Richard Sennoga.",
            ],
            [
                "Agenda",
                "1. Welcome and Introductions (Obed Tabi/Brecht Mommen)\n2. Update on WASH Input "
                "to HARP\n3. Health Update (Hilson Taoliu)\n4. 3W Update (Richard Sennoga)\n5. "
                "Education Update (HIlson Taoliu)\n6. Early Recovery (Ana Zarkovic).",
            ],
            header_rows=0,
        ),
        h("UPDATE ON PREVIOUS ACTIONS"),
        t(
            ["#", "Update", "Responsible Person/Agency", "Status / Deadline"],
            [
                "1",
                "Welcome, Introductions\n- Mr. Obed Tabi chaired the meeting.\n- Brecht "
                "introduced the new WASH Cluster Coordinator, William Fellows.",
                "Obed / DGMWR",
                "",
            ],
            [
                "2",
                "Humanitarian Action Plan (HAP) Process\n- Informed the meeting of OCHA's April 23 "
                "deadline for uploading the HAP project sheets.\n- Agencies were urged to "
                "finalize and submit their figures to allow sufficient time for consolidating "
                "them into one document.",
                "Brecht / UNICEF",
                "April 23",
            ],
            [
                "3",
                "Health Action\n- Health Cluster to hold an infrastructure restoration working "
                "group meeting to develop a plan for the restoration of key health facilities.\n"
                "- Cases of diarrhoea reported on the islands of Tanna and in Votlo, southern "
                "Epi. Need to establish if the cases are a result of post Pam damage to WASH "
                "facilities\n- Brecht to follow up",
                "Brecht Mommen / UNICEF\nHilson / UNICEF",
                "",
            ],
        ),
    ],
    # "Brecht / UNICEF": the person and the agency they work for, one owner.
    actions=[
        Action("agencies were urged to finalize", ("Brecht Mommen",), "2015-04-23"),
        Action("health cluster to hold an infrastructure", ("Brecht Mommen", "Hilson Toaliu")),
    ],
    optional=["welcome, introductions"],
    next_meeting=date(2015, 4, 27),
    tables=1,
)

WASH_BANGLADESH_2016_03 = Case(
    name="wash_bangladesh_2016_03_24",
    kind="public",
    source="https://docsbay.net/wash-cluster-meeting — WASH Cluster Meeting, 24th March 2016, "
    "UNICEF Gulshan Office, Dhaka",
    meeting_date=date(2016, 3, 24),
    members=[("David Alford", "UNICEF"), ("Syed Adnan Ibna Hakim", "UNICEF")],
    blocks=[
        h("WASH Cluster Meeting"),
        p("24th March 2016, UNICEF Gulshan Office, Dhaka"),
        p(
            "Participants : OXFAM GB, ACF, Islamic Relief, Solidarities International, TdH, "
            "Caritas Bangladesh, Caritas Switzerland, World Vision, IOM, Dhaka Ahsania Mission, "
            "Food Security Cluster Coordinator, NGO Forum, BRAC, UNICEF,"
        ),
        p("Organized by : WASH Cluster"),
        p("Venue : UNICEF Gulshan Office"),
        p("The meeting covered the following agenda:"),
        p("1. WASH Cluster Information Management System"),
        p("2. WASH Cluster Annual Work plan"),
        p("3. Updates on UN Joint Programme response for NW flood."),
        p("4. Updates on CERF Project"),
        p("5. Discussions/Update on EPR"),
        p("6. AOB"),
        t(
            ["Agenda items & Discussion Points", L, "Action points"],
            [
                "1",
                "David Alford (from Global WASH Cluster, UNICEF Geneva) is supporting the WASH "
                "Cluster to strengthen the Information Management System and this involves "
                "consultation with all relevant stakeholders at national and sub-national "
                "levels. He gave a detailed presentation about his mission in Bangladesh:\n· "
                "Introduction – What is Information Management?\n· Mission ToRs\n· Major "
                "Deliverables",
                "· David to present his findings and recommendations to WASH cluster members "
                "during the last week of his mission in Bangladesh\n· WASH Cluster coordinator "
                "to facilitate the necessary logistics for David's mission and meeting with all "
                "relevant stakeholders.",
            ],
            [
                "2",
                "Syed Adnan Ibna Hakim presented WASH Cluster's 2016 key activities with all "
                "cluster members for their comments and cooperation. WASH Cluster's key "
                "activities for 2016 are:\n· Review WASH in Emergency Operational Guideline "
                "(April– Sept. 2016)\n· Translate Operational Guideline into Bangla (Oct-Dec "
                "2016)\n· Finalize Contingency Plan – WASH in Cyclone (April-June 2016)",
                "· UNICEF WASH Section will engage one national consultant",
            ],
        ),
    ],
    actions=[
        Action("david to present his findings", ("David Alford",)),
        Action("facilitate the necessary logistics", ("@coordination",)),
        Action("will engage one national consultant", ("UNICEF",)),
    ],
    tables=1,
)

WASH_LIBERIA_2013_08 = Case(
    name="wash_liberia_2013_08",
    kind="public",
    source="https://wash-liberia.org/news/next-national-wash-coordination-meeting-19-september/ "
    "— Next National WASH Coordination Meeting — 19 September (the action points of the August "
    "meeting, whose day is not given: taken as a Thursday like the next one)",
    meeting_date=date(2013, 8, 22),
    blocks=[
        h("Next National WASH Coordination Meeting — 19 September"),
        p(
            "This is a gentle reminder that the next national WASH Coordination Meeting will take "
            "place this Thursday, 19 SEPT, 2PM at the Ministry of Public Works. Please find the "
            "proposed agenda, with action points from last month, below."
        ),
        p("1. Welcome"),
        p("2. Status Updates on Action Points"),
        p(
            "3. Presentation & Discussion: WASH Reporting Structure, New Quarterly WASH Reporting "
            "Template Format & SSP Thematic Groups (Reporting Task Force)"
        ),
        p("4. Presentation & Discussion: Overview of GLAAS Survey (NWSHPC)"),
        p("5. AOB"),
        p("6. Formulation of Action Points"),
        p("7. Closing"),
        h("Action Points from August"),
        b(
            "Urgently write a letter to MoHSW and MLME requesting the secondment of staff that "
            "have been offered to support NWSHPC (MPW)"
        ),
        b("Post SSP Thematic Working Groups ToR on the WASH website (NWSHPC)"),
        b(
            "Organize meeting for August 27th for SSP Thematic Group chairs and Reporting Task "
            "Force to hand over work (NWSHPC)"
        ),
        b("Organize Survey Validation workshop on 28th August (UNICEF)"),
        b("Send surveys to PSI (WASH Consortium)"),
        b(
            "Post Hygiene Promotion briefer on WASH website (Hygiene Promotion Technical Subcommittee)"
        ),
        b(
            "Send out a simple template out for WASH partners and where they are working "
            "(location down to county, district and community level) by next week (NWSHPC)"
        ),
    ],
    # The agenda's "(NWSHPC)" presents a talk: not an action.
    actions=[
        Action("write a letter to mohsw and mlme", ("?MPW",)),
        Action("post ssp thematic working groups tor", ("?NWSHPC",)),
        Action("organize meeting for august 27th", ("?NWSHPC",), "2013-08-27"),
        Action("organize survey validation workshop", ("UNICEF",), "2013-08-28"),
        Action("send surveys to psi", ("?WASH Consortium",)),
        Action("post hygiene promotion briefer", ("?Hygiene Promotion Technical Subcommittee",)),
        Action("send out a simple template", ("?NWSHPC",)),
    ],
    next_meeting=date(2013, 9, 19),
    formats=NOT_PDF,
)

SHELTER_NATIONAL_2012_01 = Case(
    name="shelter_nfi_cluster_2012_01_15",
    kind="public",
    source="https://docsbay.net/agenda-points-and-discussion — National Emergency Shelter and "
    "NFI Cluster, UNHCR Conference Room, 15 January 2012",
    meeting_date=date(2012, 1, 15),
    blocks=[
        h("National Emergency Shelter and NFI Cluster"),
        p("Venue: UNHCR Conference Room"),
        p("Date: 15January 2012"),
        t(
            ["Agenda Points and Discussion", "Conclusions", "Follow-up"],
            [
                "1. Standardization of shelter assistance\n• Importance of having one shelter "
                "design for IDPs was highlighted and it was proposed to start discussions with "
                "the cluster members to come up with one shelter design to be used by all "
                "members of the ES & NFIs cluster.",
                "• Participants agreed to review the existing shelter designs (both emergency "
                "and permanent shelters) used by different agencies up to now.\n• UNHCR and other "
                "members to share their current shelter design for further discussion in the "
                "upcoming meeting.",
                "• Cluster members to share their shelter designs with UNHCR & IOM before the "
                "meeting in February.",
            ],
            [
                "2. Finalization of minimum NFI package:\n• The first proposed minimum NIFs "
                "package was shared, however, given the low participation in the meeting it was "
                "suggested to agree on a unified package in the upcoming meeting. Please see "
                "annex I with changes proposed by the members.",
                "• The final proposed NFIs package will be presented during Feb meeting and will "
                "be endorsed by the cluster.",
                "",
            ],
            [
                "3. Shelter projects in 2012:\n• To better coordinate and have a clear picture of "
                "the 2012 shelter projects and NFI distributions, the chair requested the cluster "
                "members to share their progress reports each month. In order to have one "
                "reporting system, the cluster will prepare a template and will share with the "
                "cluster member to be used for monthly reports.",
                "• A template will be shared with the cluster members, which will be updated "
                "every month.",
                "",
            ],
        ),
    ],
    actions=[
        Action("share their current shelter design", ("HCR", "@membres"), "meeting"),
        Action("share their shelter designs with unhcr & iom", ("@membres",), "meeting"),
    ],
    decisions=[
        "agreed to review the existing shelter designs",
        "final proposed nfis package will be presented",
        "a template will be shared with the cluster members",
    ],
    tables=1,
)

SHELTER_GSC_SAG_2015_09 = Case(
    name="shelter_gsc_sag_2015_09_15",
    kind="public",
    source="https://docsbay.net/doc/772043/excused-australian-red-cross-habitat-for-humanity — "
    "Global Shelter Cluster, SAG meeting notes, Tuesday 15 September 2015",
    meeting_date=date(2015, 9, 15),
    blocks=[
        p("Global Shelter Cluster"),
        p("Coordinating Humanitarian Shelter"),
        h("SAG Meeting Notes"),
        p(
            "Date and time: Tuesday, 15 September 2015. 13h00-14h00 Geneva time Participants: "
            "ACTED, UN-Habitat, World Vision, IFRC, IOM, UNHCR, CARE, NRC and Interaction."
        ),
        p("Excused: Australian Red Cross, Habitat for Humanity"),
        h("1) Revision and approval of minutes from previous meeting"),
        b(
            "After the changes suggested over email by IOM, there were no additional comments on "
            "the minutes of the last meetings. However, the Support Team will circulate the "
            "minutes of the last meeting again for a final review."
        ),
        p("Decisions and Actions:"),
        b(
            "SAG members will review the minutes and submit any final comments to the Support "
            "Team by COB Wednesday, 16 September 2015."
        ),
        h("2) Decision on the use of ECHO funds remaining from RFPs"),
        b("IOM confirmed that they withdraw the expression of interest to host an RFP"),
        b(
            "The Support Team explained the suggestions received from SAG members that could be "
            "considered as several options to use the remaining ECHO funds."
        ),
        b("There is a need for greater clarity on a reduced number of concrete options."),
        p("Decisions and Actions:"),
        b(
            "It was decided that the Support Team will prepare a shorter list with details on "
            "the budget available (informed by those already shared), and the decision will be "
            "made at a later stage. This list of options should provide evidence on why a "
            "particular amount is being suggested."
        ),
    ],
    # The Support Team is the Global Shelter Cluster's coordination team.
    actions=[
        Action("review the minutes and submit any final comments", ("@membres",), "2015-09-16"),
        Action("support team will prepare a shorter list", ("@coordination",)),
    ],
    optional=[
        "support team will circulate the minutes",
        "iom confirmed",
        "need for greater clarity",
    ],
)

WASH_PAKISTAN_2010_01 = Case(
    name="wash_pakistan_2010_01_28",
    kind="public",
    source="http://washclusternwfp.blogspot.com/2010/02/minutes-and-action-points-of-wash.html "
    "— Minutes and action points of the WASH cluster meeting held at UNICEF Islamabad on "
    "28.01.2010",
    meeting_date=date(2010, 1, 28),
    blocks=[
        h(
            "Minutes and action points of the WASH cluster meeting held at UNICEF Islamabad on 28.01.2010"
        ),
        p("Following are the action points of the meeting."),
        p("1. Review of the decision of the previous meeting."),
        b(
            "Action points of the previous WASH cluster meeting of January 14, 2010 were "
            "reviewed, discussed and endorsed."
        ),
        b("Vulnerability Assessment criteria with input from partners was approved."),
        b(
            "MACRAM questionnaire was agreed to be circulated amongst the WASH partners for "
            "further input."
        ),
        p("2. Updates on IDP's"),
        b(
            "UNICEF, OXFAM, IRC, WHO and IRD are responding to IDP's in DIK and Tank but their "
            "efforts are not very well coordinated. It was decided that the frequency of "
            "coordination meetings there should be increased and WASH partners working there "
            "must ensure attending the district level coordination meeting."
        ),
        b("No specific issue was reported from Jalozai camp."),
        b(
            "Concerns were raised by various Cluster members on the unilateral decision of the "
            "Government to shift Munda Camp to a new location. W.H.O. was requested to ensure "
            "sharing of weekly DEWS reports."
        ),
        p("Action Points: WHO to share DEWS report regularly."),
        p(
            "WASH Cluster Coordinator to take up the issue of Munda Camp in ICCM and with "
            "concerned authorities."
        ),
    ],
    actions=[
        Action("who to share dews report regularly", ("OMS",), "undated"),
        Action("take up the issue of munda camp", ("@coordination",)),
    ],
    decisions=[
        "vulnerability assessment criteria",
        "macram questionnaire was agreed",
        "frequency of coordination meetings there should be increased",
    ],
    optional=["action points of the previous wash cluster meeting", "was requested to ensure"],
)

WASH_MYANMAR_MUSE_2016_11 = Case(
    name="wash_myanmar_muse_2016_11_17",
    kind="public",
    source="https://docsbay.net/date-17-november-16-thursday-venue-sci-office-muse — WASH "
    "coordination meeting, 17 November 2016, SCI office, Muse",
    meeting_date=date(2016, 11, 17),
    blocks=[
        p("Date : 17 November 16 (Thursday) Venue : SCI office, Muse"),
        p("Time : 2:00 pm – 5:45 pm Duration : 3:45 hours"),
        p("No. of participants : 8 Number of Agencies : 5"),
        p("Participants;"),
        t(
            ["No", "Name", "Position/Organization", "Email", "phone"],
            ["1", "Khin Mg Naing", "Engineer/METTA", "", "09 36031199"],
            ["2", "Syn Hwam", "HPM/SCI", "", "09 420274799"],
            ["3", "Ye' Lwin Htay", "PC-WASH/SCI", "", "09 444042931"],
            ["4", "Zaw Tu Aung", "Field Coordinator/KBC-HDD-NSS", "", "09 962456628"],
            ["5", "Shangang Bawk Grin", "WASH Team Leader/KBC-HDD-NSS", "", "09 263052576"],
            ["6", "Nang Zar Chi Tun", "Wathab Engineer/ICRC", "", "09 403700734"],
            ["7", "Noah", "WASH Officer/UNICEF", "", "09 41008109"],
            ["8", "Mee Mee Thaw", "WASH Cluster IMO/UNICEF", "", "09 451207533"],
        ),
        p("Agenda:"),
        # An agenda with a "Who" column: who presents, not who owes an action.
        t(
            ["Topic", "Who"],
            ["New displacements and WASH response/Gaps", "All"],
            ["Update WASH activity mapping/ contingency stock", "All"],
            ["Sharing/follow up on WASH needs identified in joint monitoring", "WASH Cluster"],
            ["Government counterparts involvement into Cluster", "All"],
            [
                "Others (Standard-TWG progress/ desludging plan/ suggestion for Cluster "
                "improvement/ etc.)",
                "All",
            ],
            ["Sharing of analysis on WASH intervention tracking/ 4W data", "WASH Cluster IMO"],
        ),
        p("Minutes:"),
        p("Topic 1: New displacements and WASH response/gaps"),
        t(
            [
                "Summary of discussion",
                "- There was a new displacement in Tong Lou (Mong Kaing township) in early "
                "October. RI conducted need assessment and distributed (179) hygiene kits and 27 "
                "return kits to IDPs. However, all IDPs returned to their villages after 10 days "
                "around.\n- It was informed that IDPs arrived to Mong Paw and KMSS is conducting "
                "need assessment.",
            ],
            header_rows=0,
        ),
    ],
    participants=8,
)

CASH_TCHAD_2014_10 = Case(
    name="cash_tchad_2014_10_21",
    kind="public",
    source="https://fr.doczz.net/doc/6171784/r%C3%A9union-du-21-octobre-2014---cash-learning-"
    "partnership — Compte rendu de la réunion du sous cluster cash and vouchers, mardi 21 "
    "octobre 2014, N'Djamena",
    meeting_date=date(2014, 10, 21),
    blocks=[
        h("Compte rendu de la réunion Sous cluster cash and vouchers Mardi 21 Octobre 2014"),
        p(
            "Les comptes rendus sont maintenant disponible sur le site du CALP : www.cashlearning.org"
        ),
        p(
            "Participants: - OXFAM - CRS - PAM - FAO - Airtel - Tigo - Ministère - DPAS/MAI - "
            "Banque Mondial"
        ),
        p("Lieu : Oxfam – N'Djamena"),
        p(
            "Ordre du jour: Mise à jour du tableau sur l'évolution des programmes de transfert "
            "monétaires au Tchad ; Rencontre avec Tigo et Airtel ; Site CALP - Atlas ; "
            "Formations ; Mission Banque Mondial ; Divers"
        ),
        h("Echange d'information sur l'évolution des programmes de transfert monétaires au Tchad"),
        # Who does what where: figures, not actions.
        t(
            [
                "Organisme",
                "Donneur",
                "Géographie",
                "Bénéficiaires (ménages)",
                "Montant",
                "Nbr distribution prévue",
                "Modalité",
                "Avancement",
                "Update",
            ],
            [
                "ACF",
                "ECHO",
                "PAM / Kanem",
                "3800",
                "30,000 FCFA",
                "4",
                "Cash (AIRTEL)",
                "Distribution juillet effectuée",
                "No update",
            ],
            [
                "ACF",
                "DFID",
                "Nord Kanem",
                "1325",
                "30,000 FCFA",
                "4",
                "Cash transfert (AIRTEL)",
                "Distribution prévue fin Aout",
                "No update",
            ],
            [
                "PAM",
                "",
                "Camp Gaoui (NDJ)",
                "1472",
                "45 USD",
                "3",
                "Cash (AIRTEL)",
                "Première distrib en Aout",
                "No update",
            ],
            [
                "ACTED",
                "Ambassade de France au Tchad",
                "Batha",
                "2850",
                "13,000 et 20,500 FCFA selon taille ménage",
                "3",
                "Voucher",
                "Distrib 1 effectuée",
                "No update",
            ],
            [
                "OXFAM",
                "ECHO",
                "BEG / Moundjoura",
                "1669",
                "40,000 FCFA",
                "4",
                "Cash transfert via AIRTEL",
                "Termine",
                "",
            ],
        ),
        p("Sous Cluster Cash and Voucher - Chad"),
    ],
)

CASES = [
    WASH_RDC_2016_03,
    WASH_RDC_2017_07,
    NUTRITION_RDC_2019_11,
    WASH_SUDKIVU_2010_09,
    WASH_VANUATU_2015_04,
    WASH_BANGLADESH_2016_03,
    WASH_LIBERIA_2013_08,
    SHELTER_NATIONAL_2012_01,
    SHELTER_GSC_SAG_2015_09,
    WASH_PAKISTAN_2010_01,
    WASH_MYANMAR_MUSE_2016_11,
    CASH_TCHAD_2014_10,
]
