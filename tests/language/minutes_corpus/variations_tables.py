"""Variations of ours on the real documents: table shapes.

Each case's docstring-like comment says what it varies. The wording is that of the seeds and
the public minutes (Mali's clusters and working groups), recombined so that every header
family, column order and merge the readers must handle is met at least once.
"""

from __future__ import annotations

from datetime import date

from tests.language.minutes_corpus.model import Action, Case, L, U, h, p, page_break, t
from tests.language.minutes_corpus.seeds import CRP_MEMBERS

# A Wednesday: "vendredi prochain" is the 17th, "lundi prochain" the 20th.
WEDNESDAY = date(2023, 3, 15)
# The CRP's meeting day in the seeds, a Tuesday: "vendredi prochain" is the 7th.
TUESDAY = date(2017, 4, 4)

# The owner column first, a numbering column, "Entité responsable", "Activités prévues",
# "Période de réalisation", "Observations"; owners with a qualifier in parentheses, a pair
# with a slash, a regional directorate whose hyphen is part of its name.
OWNER_FIRST_NUMBERED = Case(
    name="var_owner_first_numbered",
    meeting_date=WEDNESDAY,
    blocks=[
        h("Cluster Santé – Sous-cluster régional de Ségou"),
        p("Compte rendu de la réunion mensuelle du 15 mars 2023"),
        p("Lieu : salle de réunion de la DRS-Ségou, 10h"),
        p("Ordre du jour : 1. Situation épidémiologique 2. Riposte rougeole 3. Divers"),
        p(
            "La DRS a présenté la situation épidémiologique de la semaine 10 : 37 cas suspects "
            "de rougeole notifiés dans les districts de Macina et Niono."
        ),
        t(
            [
                "N°",
                "Entité responsable",
                "Activités prévues",
                "Période de réalisation",
                "Observations",
            ],
            [
                "1",
                "DRS-Ségou",
                "Organiser la campagne de vaccination contre la rougeole dans les districts de "
                "Macina et Niono",
                "Du 20 au 24 mars 2023",
                "Avec l'appui de l'OMS",
            ],
            [
                "2",
                "UNICEF (WASH, Nutrition, Protection de l'enfance)",
                "Pré-positionner les kits d'hygiène et les intrants nutritionnels à Macina",
                "fin mars",
                "Stock de Bamako",
            ],
            [
                "3",
                "OCHA/UNICEF",
                "Actualiser la matrice des partenaires santé présents dans le cercle de Macina",
                "vendredi prochain",
                "",
            ],
            [
                "4",
                "OMS",
                "Partager le rapport de l'évaluation rapide des centres de santé de Niono",
                "d'ici le 10 avril",
                "Rapport provisoire disponible",
            ],
            [
                "5",
                "MSF",
                "Appuyer la prise en charge des cas de paludisme grave au CSRéf de Macina",
                "sans délai",
                "",
            ],
            [
                "6",
                "Tous les membres",
                "Transmettre les données 4W du mois de mars à l'équipe de coordination",
                "avant la prochaine réunion",
                "",
            ],
        ),
        p("La prochaine réunion se tiendra le mercredi 12 avril 2023 à 10h à la DRS-Ségou."),
    ],
    actions=[
        Action("campagne de vaccination contre la rougeole", ("?DRS-Ségou",), "2023-03-24"),
        Action("pre-positionner les kits d'hygiene", ("UNICEF",), "2023-03-31"),
        Action("actualiser la matrice des partenaires sante", ("OCHA", "UNICEF"), "2023-03-17"),
        Action("rapport de l'evaluation rapide des centres", ("OMS",), "2023-04-10"),
        Action("paludisme grave au csref", ("MSF",), "2023-03-15"),
        Action("transmettre les donnees 4w", ("@membres",), "meeting"),
    ],
    next_meeting=date(2023, 4, 12),
    tables=1,
)

# A table without a header row, numbered; beside it a header-less agenda whose first column
# holds hours, which is not an action table.
NO_HEADER = Case(
    name="var_no_header",
    meeting_date=TUESDAY,
    members=CRP_MEMBERS,
    blocks=[
        h("Réunion du Cluster Relèvement Précoce – 4 avril 2017"),
        p("Déroulement :"),
        t(
            ["14h30", "Mot de bienvenue et présentation des participants"],
            ["14h45", "Suivi des recommandations de la réunion précédente"],
            ["15h30", "Divers"],
            header_rows=0,
        ),
        p("Actions retenues :"),
        t(
            [
                "1.",
                "Partager le plan de mission de terrain avec les membres du cluster",
                "Oumou",
                "14 avril",
            ],
            [
                "2.",
                "Consolider la liste des indicateurs après vérification avec les autres clusters",
                "Oumou/Jean-Luc",
                "fin avril",
            ],
            [
                "3.",
                "Organiser l'évaluation des besoins des populations déplacées de Macina",
                "PNUD",
                "en mai",
            ],
            [
                "4.",
                "Transmettre la requête de financement au bureau pays",
                "Moustapha Diallo",
                "lundi prochain",
            ],
            header_rows=0,
        ),
        p("Prochaine réunion : mardi 2 mai 2017 à 14h30 au PNUD."),
    ],
    actions=[
        Action("partager le plan de mission de terrain", ("Oumou Sow",), "2017-04-14"),
        Action(
            "consolider la liste des indicateurs", ("Oumou Sow", "Jean-Luc Kramo"), "2017-04-30"
        ),
        Action("evaluation des besoins des populations deplacees", ("PNUD",), "2017-05-31"),
        Action("requete de financement au bureau pays", ("Moustapha Diallo",), "2017-04-10"),
    ],
    next_meeting=date(2017, 5, 2),
    tables=1,
)

# One table over two pages, its header repeated, a row continued on the next page; a
# "Remarques" column kept as context.
SPLIT_HEADER_REPEATED = Case(
    name="var_split_header_repeated",
    meeting_date=date(2017, 4, 5),
    members=[("Oulematou Sall", "HCR")],
    blocks=[
        h("Compte rendu de la réunion du Cluster Protection du 5 avril 2017"),
        p("Lieu : UNHCR – Bamako, 10h"),
        t(
            ["Actions", "Responsables", "Échéances", "Remarques"],
            [
                "Rédiger une note sur la situation de protection dans les cercles de Macina et "
                "Niono",
                "CCP",
                "12 avril",
                "Pour l'EHP",
            ],
            [
                "Mettre à jour la cartographie des acteurs de protection à Ségou",
                "OCHA",
                "15 avril",
                "",
            ],
            [
                "Organiser une formation sur le monitoring de protection pour les partenaires de "
                "Mopti",
                "NRC",
                "fin avril",
                "",
            ],
            [
                "Compiler les incidents de protection de mars et analyser les tendances",
                "Coordinatrice du cluster",
                "20 avril",
                "",
            ],
        ),
        page_break(),
        t(
            ["Actions", "Responsables", "Échéances", "Remarques"],
            ["par cercle, puis partager l'analyse avec l'EHP", "", "", ""],
            ["Partager les indicateurs de protection retenus avec OCHA", "CCP", "7 avril", ""],
            [
                "Plaidoyer pour le redéploiement des services sociaux de base à Tenenkou",
                "HCR, UNICEF",
                "mi-mai",
                "",
            ],
            [
                "Présenter le plan de contingence pour la saison des pluies",
                "OCHA",
                "à la prochaine réunion",
                "",
            ],
        ),
        p(
            "La prochaine réunion du Cluster Protection aura lieu le mercredi 3 mai 2017 à 10h au HCR."
        ),
    ],
    actions=[
        Action(
            "note sur la situation de protection dans les cercles", ("@coordination",), "2017-04-12"
        ),
        Action("cartographie des acteurs de protection a segou", ("OCHA",), "2017-04-15"),
        Action("formation sur le monitoring de protection", ("NRC",), "2017-04-30"),
        Action("compiler les incidents de protection", ("@coordination",), "2017-04-20"),
        Action("indicateurs de protection retenus", ("@coordination",), "2017-04-07"),
        Action("redeploiement des services sociaux de base", ("HCR", "UNICEF"), "2017-05-15"),
        Action("plan de contingence pour la saison des pluies", ("OCHA",), "meeting"),
    ],
    next_meeting=date(2017, 5, 3),
    tables=1,
)

# Merged cells: a header of two rows (the owner's organisation and focal point under one
# "Responsable"), section titles merged across, an owner and a deadline merged down over
# two actions, an owner merged over both owner columns.
MERGED_CELLS = Case(
    name="var_merged_cells",
    meeting_date=WEDNESDAY,
    members=[("Awa Traoré", "UNICEF"), ("Fanta Coulibaly", "UNFPA")],
    blocks=[
        h("Cluster Protection – Mopti : points d'action du 15 mars 2023"),
        t(
            ["Point", "Actions", "Responsable", L, "Échéance"],
            [U, U, "Organisation", "Point focal", U],
            ["1. Protection de l'enfance", L, L, L, L],
            [
                "",
                "Identifier les enfants non accompagnés sur les sites de Sévaré",
                "UNICEF",
                "Awa",
                "31 mars",
            ],
            [U, "Référer les cas identifiés vers les services de prise en charge", U, U, U],
            ["2. VBG", L, L, L, L],
            [
                "",
                "Renforcer les espaces sûrs pour femmes et filles à Mopti",
                "UNFPA",
                "Fanta",
                "fin avril",
            ],
            ["", "Former les agents de santé sur la gestion clinique du viol", U, U, "15 avril"],
            ["3. Divers", L, L, L, L],
            [
                "",
                "Partager la liste des points focaux VBG par cercle",
                "La coordination",
                L,
                "vendredi prochain",
            ],
            header_rows=2,
        ),
    ],
    # The focal point is the owner; the organisation is the one they work for.
    actions=[
        Action("enfants non accompagnes", ("Awa Traoré",), "2023-03-31"),
        Action("referer les cas identifies", ("Awa Traoré",), "2023-03-31"),
        Action("espaces surs pour femmes et filles", ("Fanta Coulibaly",), "2023-04-30"),
        Action("gestion clinique du viol", ("Fanta Coulibaly",), "2023-04-15"),
        Action("liste des points focaux vbg", ("@coordination",), "2023-03-17"),
    ],
    tables=1,
)

# A 3W matrix (Qui, Quoi, Où, Quand, Statut: every word of an action table) and a table of
# figures beside the real action table ("Actions convenues", "Qui fait quoi", "Date limite").
THREE_W_MATRIX = Case(
    name="var_3w_matrix",
    meeting_date=WEDNESDAY,
    blocks=[
        h("Cluster WASH – Région de Mopti"),
        p("Réunion de coordination du 15 mars 2023, bureau UNICEF Mopti"),
        h("1. Présence opérationnelle (3W)"),
        t(
            ["Qui", "Quoi", "Où", "Quand", "Statut"],
            [
                "UNICEF",
                "Réhabilitation de 12 forages",
                "Bandiagara",
                "Janvier - mars 2023",
                "En cours",
            ],
            [
                "ACF",
                "Distribution de kits d'hygiène (1 200 ménages)",
                "Douentza",
                "Février 2023",
                "Réalisé",
            ],
            [
                "Solidarités International",
                "Construction de latrines d'urgence",
                "Sévaré (site de Socoura)",
                "Mars - avril 2023",
                "En cours",
            ],
            ["NRC", "Water trucking", "Mopti ville", "Depuis janvier 2023", "En cours"],
        ),
        h("2. Indicateurs du cluster"),
        t(
            ["Indicateur", "Cible", "Atteint", "%"],
            ["Personnes ayant accès à l'eau potable", "45 000", "31 200", "69 %"],
            ["Latrines d'urgence construites", "400", "212", "53 %"],
            ["Ménages ayant reçu un kit d'hygiène", "6 000", "4 850", "81 %"],
        ),
        h("3. Actions"),
        t(
            ["Actions convenues", "Qui fait quoi", "Date limite"],
            [
                "Mettre à jour la matrice 3W avec les activités d'avril",
                "Tous les partenaires",
                "5 avril",
            ],
            [
                "Partager les résultats du test de qualité de l'eau des forages réhabilités",
                "UNICEF",
                "fin mars",
            ],
            [
                "Identifier un partenaire pour la gestion des latrines de Socoura",
                "La coordination",
                "jeudi 23 mars",
            ],
        ),
    ],
    actions=[
        Action("matrice 3w avec les activites d'avril", ("@membres",), "2023-04-05"),
        Action("test de qualite de l'eau", ("UNICEF",), "2023-03-31"),
        Action("gestion des latrines de socoura", ("@coordination",), "2023-03-23"),
    ],
    tables=1,
)

# The participants table in another order (e-mail first, N° last), an agenda whose "Thème"
# and "Intervenant" look like an action table, and decisions in a "Décisions | Acteurs" table.
PARTICIPANTS_ANY_ORDER = Case(
    name="var_participants_any_order",
    meeting_date=TUESDAY,
    members=CRP_MEMBERS,
    blocks=[
        h("Compte rendu – Cluster Relèvement Précoce, 4 avril 2017"),
        h("Liste de présence"),
        t(
            ["E-mail", "Téléphone", "Nom et prénom", "Organisation", "Fonction", "N°"],
            [
                "oumou.sow@undp.org",
                "76 00 00 01",
                "Oumou Sow",
                "PNUD",
                "Coordinatrice du cluster",
                "1",
            ],
            [
                "jean-luc.kramo@undp.org",
                "76 00 00 02",
                "Jean-Luc Kramo",
                "PNUD",
                "Chargé de l'information",
                "2",
            ],
            [
                "gerson.brandao@un.org",
                "66 00 00 03",
                "Gerson Brandao",
                "OCHA",
                "Humanitarian Affairs Officer",
                "3",
            ],
            ["s.keita@avsf.org", "79 00 00 04", "Siradjou Keita", "AVSF", "Chef de projet", "4"],
            [
                "abessouet@mercycorps.org",
                "65 00 00 05",
                "Amaia Bessouet",
                "Mercy Corps",
                "Program Manager",
                "5",
            ],
            [
                "p.cartier@acted.org",
                "70 00 00 06",
                "Philippine Cartier",
                "ACTED",
                "Coordinatrice terrain",
                "6",
            ],
        ),
        h("Ordre du jour"),
        t(
            ["Heure", "Thème", "Intervenant"],
            ["14h30", "Suivi des recommandations", "Coordinatrice du cluster"],
            ["15h00", "Choix des indicateurs", "ACTED"],
            ["15h30", "Nexus humanitaire-développement", "PNUD"],
        ),
        h("Décisions et actions"),
        t(
            ["Thème", "Décisions", "Acteurs", "Échéancier"],
            [
                "Indicateurs",
                "Retenir les 7 indicateurs proposés et les partager avec OCHA",
                "Oumou",
                "7 avril",
            ],
            [
                "Nexus",
                "Formuler trois messages clés pour la Coordinatrice Humanitaire",
                "Moustapha Diallo, Gerson",
                "14 avril",
            ],
            [
                "Divers",
                "Le cluster adopte le calendrier des réunions du premier mardi du mois",
                "",
                "",
            ],
        ),
        p("La prochaine réunion aura lieu le mardi 2 mai 2017."),
    ],
    actions=[
        Action("retenir les 7 indicateurs proposes", ("Oumou Sow",), "2017-04-07"),
        Action(
            "formuler trois messages cles", ("Moustapha Diallo", "Gerson Brandao"), "2017-04-14"
        ),
    ],
    decisions=["adopte le calendrier des reunions"],
    next_meeting=date(2017, 5, 2),
    participants=6,
    tables=1,
)

# The follow-up of the previous meeting's actions (status, due dates before this meeting:
# due then, not next year), then the new actions.
FOLLOW_UP_STATUS = Case(
    name="var_follow_up_status",
    meeting_date=TUESDAY,
    members=CRP_MEMBERS,
    blocks=[
        h("Compte rendu de la réunion du Cluster Relèvement Précoce du mardi 4 avril 2017"),
        h("1. Suivi des recommandations de la réunion du 7 mars 2017"),
        t(
            [
                "N°",
                "Recommandations",
                "Structure chargée de la mise en œuvre",
                "Échéancier",
                "Niveau d'exécution",
                "Commentaires",
            ],
            [
                "1",
                "Partager la liste des participants à l'atelier ORS",
                "OCHA",
                "15 mars",
                "Réalisé",
                "Liste envoyée le 14 mars",
            ],
            [
                "2",
                "Finaliser le plan de réponse du cluster pour Niono et Macina",
                "PNUD",
                "31/03/2017",
                "En cours",
                "Draft partagé",
            ],
            [
                "3",
                "Organiser la session d'information sur la DDR/SSR",
                "MINUSMA",
                "fin mars",
                "Réalisé",
                "",
            ],
            [
                "4",
                "Mettre en place le groupe de travail sur les indicateurs",
                "Coordination du cluster",
                "20 mars",
                "Non réalisé",
                "Reporté",
            ],
            [
                "5",
                "Transmettre les rapports 5W de février",
                "Tous les membres",
                "10 mars",
                "Partiellement réalisé",
                "8 partenaires sur 15",
            ],
        ),
        h("2. Nouvelles actions"),
        t(
            ["Actions convenues", "Responsable(s)", "Date limite"],
            [
                "Relancer les partenaires n'ayant pas transmis leurs rapports 5W",
                "Coordinatrice du cluster",
                "vendredi 7 avril",
            ],
            ["Valider le plan de réponse de Niono et Macina", "PNUD, OCHA", "14 avril"],
            [
                "Élaborer les termes de référence du groupe de travail indicateurs",
                "Oumou",
                "fin avril",
            ],
        ),
        p("Prochaine réunion : le 2 mai 2017 à 14h30 au PNUD."),
    ],
    actions=[
        Action("liste des participants a l'atelier ors", ("OCHA",), "2017-03-15"),
        Action("finaliser le plan de reponse du cluster", ("PNUD",), "2017-03-31"),
        Action("session d'information sur la ddr/ssr", ("MINUSMA",), "2017-03-31"),
        Action("groupe de travail sur les indicateurs", ("@coordination",), "2017-03-20"),
        Action("transmettre les rapports 5w de fevrier", ("@membres",), "2017-03-10"),
        Action("relancer les partenaires", ("@coordination",), "2017-04-07"),
        Action("valider le plan de reponse", ("PNUD", "OCHA"), "2017-04-14"),
        Action("termes de reference du groupe de travail", ("Oumou Sow",), "2017-04-30"),
    ],
    next_meeting=date(2017, 5, 2),
    tables=2,
)

# Header words with qualifiers, a header naming its role by its leading words, unknown
# columns kept as context, then a second table whose headers carry typos and no accents.
HEADER_FORMS = Case(
    name="var_header_forms",
    meeting_date=WEDNESDAY,
    blocks=[
        h("Cluster WASH – Mopti : réunion du 15 mars 2023"),
        h("Plan d'action"),
        t(
            [
                "N°",
                "Action(s) à réaliser",
                "Responsable du suivi et de la mise en œuvre",
                "Échéancier (date limite)",
                "Budget (FCFA)",
                "Commentaires",
            ],
            [
                "1",
                "Réhabiliter le point d'eau du site de Socoura",
                "UNICEF",
                "30/04/2023",
                "2 500 000",
                "Financement acquis",
            ],
            [
                "2",
                "Former 20 relais communautaires en promotion de l'hygiène",
                "ACF",
                "15/04/2023",
                "1 200 000",
                "",
            ],
            [
                "3",
                "Évaluer les besoins en latrines du site de Sévaré",
                "IRC",
                "avant la fin du mois",
                "",
                "Avec la DRACPN",
            ],
        ),
        h("Suivi"),
        t(
            ["Taches", "Resposables", "Echeances", "Statut"],
            [
                "Partager le rapport de suivi de la qualité de l'eau",
                "DRH-Mopti",
                "fin mars",
                "En cours",
            ],
            [
                "Organiser la réunion avec les autorités du cercle",
                "OCHA",
                "lundi 20 mars",
                "Non démarré",
            ],
            ["Mettre à jour la matrice 4W", "Tous les membres", "", ""],
        ),
    ],
    actions=[
        Action("rehabiliter le point d'eau", ("UNICEF",), "2023-04-30"),
        Action("former 20 relais communautaires", ("ACF",), "2023-04-15"),
        Action("besoins en latrines du site de sevare", ("IRC",), "2023-03-31"),
        Action("rapport de suivi de la qualite de l'eau", ("?DRH-Mopti",), "2023-03-31"),
        Action("reunion avec les autorites du cercle", ("OCHA",), "2023-03-20"),
        Action("mettre a jour la matrice 4w", ("@membres",)),
    ],
    tables=2,
)

# A table converted from PDF: each page's part a table of its own, without header; an owner
# cell and a description cut by the page breaks.
PDF_LIKE_SPLIT = Case(
    name="var_pdf_like_split",
    meeting_date=date(2017, 4, 5),
    blocks=[
        h("Cluster Protection – points d'action du 5 avril 2017"),
        t(
            ["Points d'actions", "Responsables", "Échéances"],
            [
                "Organiser une réunion avec les autorités de Niono sur la situation des déplacés",
                "OCHA",
                "10 avril",
            ],
            ["Compiler les besoins en abris des familles d'accueil", "HCR,", "14 avril"],
        ),
        page_break(),
        t(
            ["", "NRC", ""],
            ["Partager la note de plaidoyer sur l'accès humanitaire avec", "CCP", "12 avril"],
            header_rows=0,
        ),
        page_break(),
        t(
            ["l'EHP et la coordinatrice humanitaire", "", ""],
            ["Mettre à jour la liste des points focaux de protection", "CCP", "fin avril"],
            header_rows=0,
        ),
    ],
    actions=[
        Action("reunion avec les autorites de niono", ("OCHA",), "2017-04-10"),
        Action("besoins en abris des familles d'accueil", ("HCR", "NRC"), "2017-04-14"),
        Action("note de plaidoyer sur l'acces humanitaire", ("@coordination",), "2017-04-12"),
        Action("liste des points focaux de protection", ("@coordination",), "2017-04-30"),
    ],
    tables=1,
)

CASES = [
    OWNER_FIRST_NUMBERED,
    NO_HEADER,
    SPLIT_HEADER_REPEATED,
    MERGED_CELLS,
    THREE_W_MATRIX,
    PARTICIPANTS_ANY_ORDER,
    FOLLOW_UP_STATUS,
    HEADER_FORMS,
    PDF_LIKE_SPLIT,
]
