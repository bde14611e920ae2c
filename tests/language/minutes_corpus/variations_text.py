"""Variations of ours on the real documents: how owners, deadlines, decisions and the next
meeting are written, in and out of tables, in French and in English."""

from __future__ import annotations

from datetime import date

from tests.language.minutes_corpus.model import Action, Case, b, h, p, t
from tests.language.minutes_corpus.seeds import CRP_MEMBERS
from tests.language.minutes_corpus.variations_tables import TUESDAY, WEDNESDAY

# Deadlines relative to the meeting's day (a Wednesday), not to the day of the import.
RELATIVE_DEADLINES = Case(
    name="var_relative_deadlines",
    meeting_date=WEDNESDAY,
    members=CRP_MEMBERS,
    blocks=[
        h("Réunion inter-cluster de Ségou – 15 mars 2023"),
        p("La réunion s'est tenue au bureau d'OCHA Ségou de 9h à 11h."),
        t(
            ["Tâches", "Point focal", "Délai"],
            [
                "Envoyer la fiche d'évaluation rapide aux partenaires de Ségou",
                "Oumou",
                "vendredi prochain",
            ],
            ["Organiser la réunion technique sur les abris d'urgence", "HCR", "dans deux semaines"],
            ["Consolider les données de déplacement de la CMP", "OIM", "d'ici la fin du mois"],
            ["Partager le calendrier des distributions", "PAM", "lundi prochain"],
            [
                "Préparer la présentation du bilan trimestriel",
                "La coordination",
                "une semaine avant la prochaine réunion",
            ],
            ["Soumettre les projets au fonds humanitaire", "Tous les membres", "demain"],
            ["Finaliser le rapport de mission de Macina", "Jean-Luc", "sous 48h"],
        ),
        p("La prochaine rencontre est fixée au mercredi 12 avril 2023."),
    ],
    actions=[
        Action("fiche d'evaluation rapide", ("Oumou Sow",), "2023-03-17"),
        Action("reunion technique sur les abris", ("HCR",), "2023-03-29"),
        Action("donnees de deplacement de la cmp", ("OIM",), "2023-03-31"),
        Action("calendrier des distributions", ("PAM",), "2023-03-20"),
        Action("bilan trimestriel", ("@coordination",), "meeting"),
        Action("projets au fonds humanitaire", ("@membres",), "2023-03-16"),
        Action("rapport de mission de macina", ("Jean-Luc Kramo",), "2023-03-17"),
    ],
    next_meeting=date(2023, 4, 12),
    tables=1,
)

# "Now" wording is due on the meeting's day; "always" wording names no date.
NOW_AND_ALWAYS = Case(
    name="var_now_and_always",
    meeting_date=WEDNESDAY,
    blocks=[
        h("Cluster Protection – Mopti : réunion extraordinaire du 15 mars 2023"),
        p(
            "Suite aux incidents signalés sur l'axe Mopti-Djenné, les membres du cluster se sont "
            "réunis en urgence."
        ),
        t(
            ["Recommandations (à mettre en œuvre)", "Responsable(s)", "Échéance(s)"],
            [
                "Suspendre les distributions sur l'axe Mopti-Djenné jusqu'à nouvel ordre",
                "PAM",
                "sans délai",
            ],
            ["Informer les autorités locales de la suspension", "OCHA", "tout de suite"],
            [
                "Activer le mécanisme d'alerte précoce dans les sites de Sévaré",
                "Tous les membres",
                "dès aujourd'hui",
            ],
            [
                "Assurer le monitoring de protection sur les sites de déplacés",
                "AMSS",
                "en permanence",
            ],
            ["Mettre à jour la cartographie des acteurs", "La coordination", "de façon continue"],
            ["Présenter l'analyse des incidents de protection", "HCR", "à chaque réunion"],
            [
                "Partager les rapports flash d'incidents",
                "L'ensemble des partenaires",
                "dès que possible",
            ],
        ),
    ],
    actions=[
        Action("suspendre les distributions", ("PAM",), "2023-03-15"),
        Action("informer les autorites locales", ("OCHA",), "2023-03-15"),
        Action("mecanisme d'alerte precoce", ("@membres",), "2023-03-15"),
        Action("monitoring de protection sur les sites", ("AMSS",), "undated"),
        Action("cartographie des acteurs", ("@coordination",), "undated"),
        Action("analyse des incidents de protection", ("HCR",), "undated"),
        Action("rapports flash d'incidents", ("@membres",), "undated"),
    ],
    tables=1,
)

# People by first name, initials and nickname; the cluster's lead; a person with their
# organisation in parentheses.
FIRST_NAMES = Case(
    name="var_first_names",
    meeting_date=TUESDAY,
    members=CRP_MEMBERS,
    blocks=[
        h("CRP – points d'action de la réunion du 4 avril 2017"),
        t(
            ["Point discuté", "Lead", "Quand"],
            ["Partager la liste d'indicateurs avec les autres clusters", "Oumou", "7 avril"],
            ["Préparer la requête de financement pour Niono", "JL", "12 avril"],
            ["Suivre avec OCHA le plan d'action complet", "Jean-Luc Cluster", "fin avril"],
            ["Rédiger les messages clés sur le Nexus", "Moustapha, Gerson", "14 avril"],
            ["Mettre à jour la liste des participants", "Baber", ""],
            [
                "Contacter le cluster Protection pour la rencontre sur Macina",
                "Oumou/JL",
                "vendredi prochain",
            ],
            ["Proposer deux indicateurs de nexus", "Le lead du cluster", "fin avril"],
            [
                "Présenter l'outil d'évaluation de marché",
                "Amaia (Mercy Corps)",
                "à la prochaine réunion",
            ],
        ),
    ],
    actions=[
        Action("liste d'indicateurs avec les autres clusters", ("Oumou Sow",), "2017-04-07"),
        Action("requete de financement pour niono", ("Jean-Luc Kramo",), "2017-04-12"),
        Action("plan d'action complet", ("Jean-Luc Kramo",), "2017-04-30"),
        Action("messages cles sur le nexus", ("Moustapha Diallo", "Gerson Brandao"), "2017-04-14"),
        Action("liste des participants", ("Baber Dicko",)),
        Action("rencontre sur macina", ("Oumou Sow", "Jean-Luc Kramo"), "2017-04-07"),
        Action("deux indicateurs de nexus", ("@coordination",), "2017-04-30"),
        Action("outil d'evaluation de marche", ("Amaia Bessouet",), "meeting"),
    ],
    tables=1,
)

# No table: "Responsable : X" closing a paragraph, the deadline on the line after or before,
# "Nom => tâche", "- tâche : Nom", a recommendation naming no one, the next meeting.
INLINE_PARAGRAPHS = Case(
    name="var_inline_paragraphs",
    meeting_date=WEDNESDAY,
    members=CRP_MEMBERS,
    blocks=[
        h("Compte rendu – Cluster Abris/AME, Mopti, 15 mars 2023"),
        h("1. Suivi des sites de Sévaré"),
        p(
            "Les partenaires ont noté une dégradation des abris d'urgence sur le site de Socoura "
            "après les vents de la semaine dernière. Il est demandé de procéder au remplacement "
            "des bâches endommagées. Responsable : NRC"
        ),
        p("Échéance : 31 mars"),
        h("2. Distribution des AME"),
        p("D'ici le 24 mars :"),
        p("Finaliser les listes de bénéficiaires des kits AME pour Bandiagara (OIM)"),
        h("3. Répartition des tâches"),
        p("Oumou => envoyer la liste des sites prioritaires aux partenaires"),
        p("Gerson => consolider la matrice 3W abris"),
        b("Partager le rapport de l'évaluation des abris : OCHA"),
        b("Préparer la note de plaidoyer sur les sites spontanés : La coordination"),
        h("4. Recommandations"),
        p("Les membres recommandent d'harmoniser le contenu des kits AME entre partenaires."),
        p("La prochaine réunion aura lieu le mercredi 12 avril 2023 à 10h au bureau du HCR."),
    ],
    actions=[
        Action("remplacement des baches endommagees", ("NRC",), "2023-03-31"),
        Action("listes de beneficiaires des kits ame", ("OIM",), "2023-03-24"),
        Action("liste des sites prioritaires", ("Oumou Sow",)),
        Action("consolider la matrice 3w abris", ("Gerson Brandao",)),
        Action("rapport de l'evaluation des abris", ("OCHA",)),
        Action("note de plaidoyer sur les sites spontanes", ("@coordination",)),
    ],
    decisions=["harmoniser le contenu des kits ame"],
    next_meeting=date(2023, 4, 12),
)

# Recommendations as bullets with their owners in parentheses, groups of the cluster as
# owners, recommendations and decisions naming no one, the next meeting in a header-like line.
RECOMMENDATIONS_PARENTHESES = Case(
    name="var_recommendations_parentheses",
    meeting_date=date(2018, 1, 31),
    blocks=[
        h("CLUSTER REGIONAL DE PROTECTION – TOMBOUCTOU : réunion du 31 janvier 2018"),
        p(
            "La réunion a porté sur la situation de protection dans les communes de Gossi et "
            "Rharous et sur la cartographie des acteurs."
        ),
        h("Recommandations"),
        b("Faire le suivi du retour des populations déplacées de Gossi (DRDSES, NRC, AMSS)"),
        b("Organiser une mission conjointe d'évaluation à Rharous (OCHA/HCR)"),
        b("Renforcer la sensibilisation sur les risques liés aux engins explosifs (UNMAS)"),
        b("Documenter les cas de VBG dans les sites de Tombouctou (Tous les membres)"),
        b("Partager le rapport mensuel de monitoring avec le niveau national (La coordination)"),
        b("Intégrer la protection transversale dans tous les projets du cluster"),
        b("Tenir les réunions du cluster le dernier mercredi de chaque mois"),
        p(
            "Le lead du cluster prendra contact avec les autorités de Gossi pour faciliter "
            "l'accès aux sites. Responsable : Le lead du cluster"
        ),
        h("Décisions"),
        b("Le cluster adopte la cartographie 5W comme outil unique de suivi des acteurs."),
        p("Date de la prochaine rencontre : 28/02/2018, 10h, salle de réunion du HCR"),
    ],
    actions=[
        # The directory files the regional DRDSES under DNDS.
        Action("retour des populations deplacees de gossi", ("DNDS", "NRC", "AMSS")),
        Action("mission conjointe d'evaluation a rharous", ("OCHA", "HCR")),
        Action("risques lies aux engins explosifs", ("UNMAS",)),
        Action("documenter les cas de vbg", ("@membres",)),
        Action("rapport mensuel de monitoring", ("@coordination",)),
        Action("prendra contact avec les autorites de gossi", ("@coordination",)),
    ],
    decisions=[
        "integrer la protection transversale",
        "tenir les reunions du cluster le dernier mercredi",
        "adopte la cartographie 5w",
    ],
    next_meeting=date(2018, 2, 28),
)

# The meeting's date in an opening sentence in words, the next meeting in a table whose
# label and date sit in two cells.
NEXT_MEETING_TABLE = Case(
    name="var_next_meeting_table",
    meeting_date=TUESDAY,
    members=CRP_MEMBERS,
    blocks=[
        p(
            "L'an deux mille dix-sept, le quatre avril, s'est tenue au bureau du PNUD la réunion "
            "mensuelle du Cluster Relèvement Précoce, sous la présidence du Conseiller en "
            "Relèvement du PNUD."
        ),
        t(
            ["Description", "Responsable", "Échéance"],
            ["Partager le compte rendu de la réunion avec les membres", "Oumou", "7 avril"],
            ["Préparer la mission d'évaluation de Macina", "PNUD, OCHA", "21 avril"],
            ["Mettre à jour la liste des partenaires du cluster", "Baber", "fin avril"],
        ),
        t(
            ["Prochaine réunion", "Mardi 2 mai 2017, 14h30, bureau du PNUD"],
            ["Rapporteur", "Oumou Sow"],
            header_rows=0,
        ),
    ],
    actions=[
        Action("compte rendu de la reunion avec les membres", ("Oumou Sow",), "2017-04-07"),
        Action("mission d'evaluation de macina", ("PNUD", "OCHA"), "2017-04-21"),
        Action("liste des partenaires du cluster", ("Baber Dicko",), "2017-04-30"),
    ],
    next_meeting=date(2017, 5, 2),
    tables=1,
)

# A header block of "label : value" lines, the next meeting among them; a status column
# ("État d'avancement").
HEADER_BLOCK = Case(
    name="var_header_block",
    meeting_date=date(2017, 4, 12),
    blocks=[
        h("Groupe de travail Préparation et Réponse aux Urgences"),
        p("Date de la réunion : 12/04/2017"),
        p("Lieu : salle de réunion OCHA, Bamako"),
        p("Date de la prochaine rencontre : 12/05/2017, 10h, salle OCHA"),
        p("Président de séance : Chef de bureau adjoint, OCHA"),
        t(
            ["Activités prévues", "Structure chargée", "Délai", "État d'avancement"],
            ["Mettre à jour le plan de contingence inter-agences", "OCHA", "30 avril", "En cours"],
            [
                "Organiser la simulation de réponse aux inondations à Mopti",
                "OIM, CICR",
                "mi-mai",
                "Non démarré",
            ],
            ["Prépositionner les stocks de contingence à Gao", "PAM", "fin avril", "En cours"],
            [
                "Former les comités locaux de gestion des catastrophes",
                "DGPC",
                "juin",
                "Non démarré",
            ],
        ),
    ],
    actions=[
        Action("plan de contingence inter-agences", ("OCHA",), "2017-04-30"),
        Action("simulation de reponse aux inondations", ("OIM", "CICR"), "2017-05-15"),
        Action("stocks de contingence a gao", ("PAM",), "2017-04-30"),
        Action("comites locaux de gestion des catastrophes", ("DGPC",), "2017-06-30"),
    ],
    next_meeting=date(2017, 5, 12),
    tables=1,
)

# Long cells mixing the discussion and the action, dates written inside the text, rows
# without deadline.
LONG_CELLS = Case(
    name="var_long_cells",
    meeting_date=TUESDAY,
    members=CRP_MEMBERS,
    blocks=[
        h("Cluster Relèvement Précoce – 4 avril 2017"),
        t(
            ["Point discuté", "Discussions et actions", "Responsables"],
            [
                "Étude de marché",
                "Mercy Corps a présenté un outil d'évaluation du marché de l'emploi des jeunes, "
                "peu coûteux et innovant. Les membres intéressés se joindront à l'étude. Action : "
                "mener l'étude de marché à Ségou avec les partenaires intéressés ; l'étude devrait "
                "être réalisée en avril.",
                "Mercy Corps",
            ],
            [
                "Dynamiques conflictuelles",
                "L'IMRAP a partagé les résultats de l'étude sur les dynamiques conflictuelles dans "
                "la région de Ségou. Une gendarmerie communautaire doit être mise en place. Il est "
                "convenu de partager le rapport final avec les membres du cluster avant le 20 "
                "avril.",
                "IMRAP",
            ],
            [
                "Mission conjointe",
                "Une mission de suivi des acteurs du relèvement au Nord et au Centre est prévue. "
                "Le plan de mission sera partagé aux membres du cluster et aux autres clusters.",
                "Oumou, Jean-Luc",
            ],
            [
                "Révision du HRP",
                "La révision de mi-parcours du HRP est prévue entre mai et juin 2017. Les "
                "partenaires sont invités à mettre à jour leurs projets sur l'OPS.",
                "Partenaires du CRP",
            ],
        ),
    ],
    actions=[
        Action("mener l'etude de marche a segou", ("Mercy Corps",), "2017-04-30"),
        Action("partager le rapport final avec les membres", ("IMRAP",), "2017-04-20"),
        Action("le plan de mission sera partage", ("Oumou Sow", "Jean-Luc Kramo")),
        Action("mettre a jour leurs projets sur l'ops", ("@membres",)),
    ],
    tables=1,
)

# English: "Action points | Responsible | Deadline", agencies by their English names (WFP,
# UNHCR, IOM, WHO: PAM, HCR, OIM, OMS), a decision, the next meeting.
ENGLISH_ACTION_POINTS = Case(
    name="var_english_action_points",
    meeting_date=date(2017, 4, 20),
    blocks=[
        h("Food Security Cluster – Coordination meeting, Bamako, 20 April 2017"),
        p("Attendance: WFP, FAO, UNHCR, IOM, ACF, CRS, Oxfam, OCHA, WHO, UNICEF."),
        h("Decisions"),
        b("The cluster agreed to adopt the harmonised food basket for the lean season response."),
        t(
            ["Action points", "Responsible", "Deadline"],
            ["Share the lean season response plan with all partners", "WFP", "by 28 April"],
            ["Update the 5W matrix with March distributions", "All partners", "Friday 28 April"],
            [
                "Circulate the draft terms of reference of the cash working group",
                "Cluster coordinator",
                "ASAP",
            ],
            [
                "Organise a joint field mission to Mopti with the Protection Cluster",
                "UNHCR / IOM",
                "end of May",
            ],
            ["Present the results of the market assessment", "FAO", "next meeting"],
            ["Follow up on the nutrition screening data from Gao", "WHO/UNICEF", "ongoing"],
        ),
        p("Next meeting: Thursday 18 May 2017 at 10am, OCHA office."),
    ],
    actions=[
        Action("lean season response plan", ("PAM",), "2017-04-28"),
        Action("5w matrix with march distributions", ("@membres",), "2017-04-28"),
        Action("terms of reference of the cash working group", ("@coordination",), "undated"),
        Action("joint field mission to mopti", ("HCR", "OIM"), "2017-05-31"),
        Action("results of the market assessment", ("FAO",), "meeting"),
        Action("nutrition screening data from gao", ("OMS", "UNICEF"), "undated"),
    ],
    decisions=["adopt the harmonised food basket"],
    next_meeting=date(2017, 5, 18),
    tables=1,
)

# Whole English minutes: an attendance table, decisions, action points with a "Timeline"
# and a status column, the next meeting.
ENGLISH_MINUTES = Case(
    name="var_english_minutes",
    meeting_date=date(2019, 5, 14),
    blocks=[
        h("Protection Cluster Mali – Monthly coordination meeting"),
        p("Date: Tuesday 14 May 2019, 10:00–12:00, UNHCR office, Bamako"),
        p("Chair: Protection Cluster Coordinator (UNHCR)"),
        h("Attendees"),
        t(
            ["Organisation", "Name", "Title", "Email"],
            ["UNHCR", "Anna Lindqvist", "Protection Cluster Coordinator", "lindqvis@unhcr.org"],
            ["NRC", "Ibrahim Maïga", "Protection Manager", "ibrahim.maiga@nrc.no"],
            ["IOM", "Sarah Okafor", "DTM Officer", "sokafor@iom.int"],
            ["DRC", "Moussa Coulibaly", "Protection Coordinator", "moussa.coulibaly@drc.ngo"],
            ["OCHA", "Gerson Brandao", "Humanitarian Affairs Officer", "brandao@un.org"],
        ),
        h("Agenda"),
        p("1. Protection monitoring: April analysis"),
        p("2. Revised incident form"),
        p("3. Returns in Ménaka"),
        p("4. AOB"),
        h("Decisions"),
        b("The cluster endorsed the protection monitoring tool revised by the working group."),
        b("Partners agreed to use the harmonised incident form from June onwards."),
        h("Action points"),
        t(
            ["Action points", "Responsible", "Timeline", "Status"],
            [
                "Share the revised protection monitoring tool with all partners",
                "Cluster coordinator",
                "17 May 2019",
                "Open",
            ],
            ["Map protection actors present in Ménaka", "UNHCR/IOM", "31 May 2019", "Open"],
            [
                "Organise a training on the incident form for partners in Gao",
                "NRC",
                "June 2019",
                "Open",
            ],
            ["Provide updated figures on returnees", "IOM", "next meeting", "Open"],
        ),
        p("Next meeting: Tuesday 11 June 2019 at 10:00, UNHCR office."),
    ],
    actions=[
        Action("revised protection monitoring tool", ("@coordination",), "2019-05-17"),
        Action("map protection actors present in menaka", ("HCR", "OIM"), "2019-05-31"),
        Action("training on the incident form", ("NRC",), "2019-06-30"),
        Action("updated figures on returnees", ("OIM",), "meeting"),
    ],
    decisions=["endorsed the protection monitoring tool", "harmonised incident form"],
    next_meeting=date(2019, 6, 11),
    participants=5,
    tables=1,
)

# A steering committee: decisions in a table of their own, tasks to bodies of the project,
# the meeting's date in words in the opening sentence.
STEERING_COMMITTEE = Case(
    name="var_steering_committee",
    meeting_date=WEDNESDAY,
    blocks=[
        h(
            "Procès-verbal de la réunion du comité de pilotage du projet de résilience "
            "communautaire – Ségou"
        ),
        p(
            "L'an deux mille vingt-trois, le quinze mars, s'est tenue dans la salle de "
            "conférence du Gouvernorat de Ségou la réunion du comité de pilotage du projet, sous "
            "la présidence du Conseiller aux affaires économiques et financières du Gouverneur."
        ),
        t(
            ["N°", "Décisions", "Observations"],
            [
                "1",
                "Le comité valide le plan de travail annuel 2023 du projet.",
                "Adopté à l'unanimité",
            ],
            [
                "2",
                "Le comité approuve l'extension du projet aux communes de Markala et Sansanding.",
                "Sous réserve de financement",
            ],
            ["3", "Le rapport financier 2022 est adopté avec amendements.", ""],
        ),
        p("Tâches assignées :"),
        t(
            ["Tâches", "Acteurs", "Échéance"],
            [
                "Intégrer les amendements au rapport financier 2022",
                "Unité de gestion du projet",
                "31 mars",
            ],
            [
                "Transmettre le PV signé à tous les membres du comité",
                "Coordination du projet",
                "sans délai",
            ],
            [
                "Préparer la mission de suivi dans les communes de Markala",
                "PNUD, DRDSES-Ségou",
                "fin avril",
            ],
        ),
        p("La prochaine session du comité est fixée au jeudi 15 juin 2023."),
    ],
    actions=[
        Action("amendements au rapport financier", ("?Unité de gestion du projet",), "2023-03-31"),
        Action("transmettre le pv signe", ("@coordination",), "2023-03-15"),
        Action("mission de suivi dans les communes", ("PNUD", "?DRDSES-Ségou"), "2023-04-30"),
    ],
    decisions=[
        "valide le plan de travail annuel",
        "approuve l'extension du projet",
        "rapport financier 2022 est adopte",
    ],
    next_meeting=date(2023, 6, 15),
    tables=2,
)

# One action per line, "description — responsable — échéance", under a title.
DASH_LINES = Case(
    name="var_dash_lines",
    meeting_date=TUESDAY,
    members=CRP_MEMBERS,
    blocks=[
        h("Réunion ICC du 4 avril 2017"),
        p("Les coordinateurs de clusters ont fait le point sur la situation à Ménaka."),
        p("Points d'action :"),
        p("Rédiger la note de synthèse sur Ménaka — OCHA — 25 avril"),
        p("Partager la liste des sites de déplacés — OIM — 21 avril"),
        p("Organiser la formation ORS des partenaires — Coordinateur CRP — fin avril"),
        p("Relancer les partenaires pour les rapports 5W - Oumou - vendredi prochain"),
    ],
    actions=[
        Action("note de synthese sur menaka", ("OCHA",), "2017-04-25"),
        Action("liste des sites de deplaces", ("OIM",), "2017-04-21"),
        Action("formation ors des partenaires", ("@coordination",), "2017-04-30"),
        Action("rapports 5w", ("Oumou Sow",), "2017-04-07"),
    ],
)

CASES = [
    RELATIVE_DEADLINES,
    NOW_AND_ALWAYS,
    FIRST_NAMES,
    INLINE_PARAGRAPHS,
    RECOMMENDATIONS_PARENTHESES,
    NEXT_MEETING_TABLE,
    HEADER_BLOCK,
    LONG_CELLS,
    ENGLISH_ACTION_POINTS,
    ENGLISH_MINUTES,
    STEERING_COMMITTEE,
    DASH_LINES,
]
