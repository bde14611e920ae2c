"""The five seeds of /work/shared/seeds, transcribed as the Word documents they render.

The seeds are text renderings of real Bamako minutes: their ``<p>`` are paragraphs of a
cell, their blank lines between table rows are page breaks (the tables were converted from
PDF, so each page's part is a table of its own, the later ones without header).
"""

from __future__ import annotations

from datetime import date

from tests.language.minutes_corpus.model import (
    NOT_PDF,
    Action,
    Case,
    L,
    b,
    h,
    p,
    page_break,
    t,
)

_SEEDS = "/work/shared/seeds/"

CRP_MEMBERS: list[tuple[str, str | None]] = [
    ("Oumou Sow", "PNUD"),
    ("Jean-Luc Kramo", "PNUD"),
    ("Moustapha Diallo", "PNUD"),
    ("Gerson Brandao", "OCHA"),
    ("Baber Dicko", "PNUD"),
    ("Sigfrido Romeo", "PNUD"),
    ("Siradjou Keita", "AVSF"),
    ("Amaia Bessouet", "Mercy Corps"),
    ("Mamadou Keita", "ACF"),
    ("Philippine Cartier", "ACTED"),
]

_PARTICIPANTS_HEADER = ["No.", "Nom & Prénom", "Organisation"]

SEED_CRP_2017_04_04 = Case(
    name="seed_crp_2017_04_04",
    kind="seed",
    source=_SEEDS + "000_245caa48067262eb.txt",
    meeting_date=date(2017, 4, 4),
    members=CRP_MEMBERS,
    blocks=[
        h("Compte rendu de la réunion"),
        p("Rédigé par Oumou Sow : Coordinatrice du Cluster Relèvement Rapide"),
        p("Revu par Moustapha Diallo, Conseiller en Relèvement au PNUD"),
        p(
            "L'an deux mille dix-sept, le quatre Avril, s'est tenue dans le bureau du PNUD de "
            "14 h 30 à 16 H, la réunion du Cluster Relèvement Rapide et a été présidée Moustapha "
            "Diallo, Conseiller en Relèvement au PNUD."
        ),
        p("Points à l'ordre du jour :"),
        p("1. Suivi des points de recommandations de la réunion précédente."),
        p("2. Discussion sur le choix des indicateurs à suivre (7 indicateurs maxi)."),
        p("3. Partage d'informations sur la situation de Niono et Macina"),
        p(
            "4. Partage d'informations sur la retraite de l'EHP et les recommandations sur le "
            "Nexus."
        ),
        p("5. Divers (Plan de mission, Mission en perspective de l'ICC, etc.)"),
        p(
            "Après la présentation des participants (voir liste de participants), les points de "
            "l'ordre du jour ont été amendés et adoptés."
        ),
        p("Liste des participants :"),
        t(
            _PARTICIPANTS_HEADER,
            ["1", "Siradjou Keita", "AVSF"],
            ["2", "KONE Sanaba SIDIBE", "Direction Nationale du Développement Social"],
            ["3", "SANOGO Adama", "Solidarité Internationale pour l'Afrique (SIA)"],
            ["4", "Jean-Luc Kramo", "UNDP"],
            ["5", "Moustapha Diallo", "UNDP"],
            ["6", "Oumou Sow", "UNDP"],
            ["7", "Wanalher Ag Alwaly", "ONU Femmes"],
        ),
        t(
            _PARTICIPANTS_HEADER,
            ["14", "Nana Bah", 'Association d\'assistance aux filles mères Djigui Tugu Ton "AFM"'],
            ["15", "Mamadou Keita", "ACTION CONTRE LA FAIM ACF-Espagne"],
            ["18", "Ousmane yonte", "OIM"],
            ["19", "Philippine Cartier", "ACTED"],
            ["20", "Anicet Kalemaza", "WVI"],
            ["21", "Amadou Maguiraga", "IMRAP"],
            ["22", "Samake Alfousseini", "M&E Urgence"],
            ["22", "Issouf yana Toure", "Catholic Relief Services (CRS)"],
        ),
        t(
            ["8", "Frederic AKA", "RCO"],
            ["9", "Amaia BESSOUET", "Mercy Corps"],
            ["10", "Fatoumata SANTARA", "FHI 360"],
            ["11", "Mohamadou DIAKITE", "FHI 360"],
            ["12", "Gerson BRANDAO", "OCHA"],
            ["13", "Baber Dicko", "PNUD"],
            header_rows=0,
        ),
        t(
            ["Thèmes", "Recommandations / Commentaires", "Point d'actions", "Responsable"],
            [
                "Suivi des points de recommandations de la réunion précédente.",
                "Les points de recommandations ont été suivis avec succès. L'atelier a été "
                "réalisé à Bamako le 15 Mars 2015 à Grand Hôtel Azalai Les outils de gestion de "
                "l'information partagés, Une session de formation sur ORS Une session "
                "d'information sur les activités de la DDR/SSR a été présentée ;",
                "D'autres ateliers seront organisés dans les mois à venir et selon les besoins",
                "/Oumou",
            ],
            [
                "Discussion sur le choix des indicateurs à suivre (7 indicateurs maxi).",
                "Ce point a suscité des discussions intéressantes allant de suggestions sur le "
                "nombre d'indicateurs, chercher avec les autres clusters FS, Wash, Santé, "
                "Education et Protection et ce, pour éviter la duplication et tenant compte de "
                "la transversalité du Relèvement à la corrections en passant par des "
                "propositions concrètes",
                "La liste d'indicateurs présentée est le résultat des travaux de groupes lors de "
                "l'atelier d'appui au cluster par ACTED ; La présentation d'indicateurs a suscité "
                "de suggestions pertinentes sur le risque de duplication avec les clusters cités "
                "; Pour résoudre cette question de risque de duplication, il a été recommandé à "
                "la Coordinatrice de cluster de",
                "Oumou",
            ],
        ),
        page_break(),
        t(
            [
                "",
                "",
                "vérifier avec les autres cluster en partageant la liste d'indicateurs par mail "
                "ou en allant les rencontrer\nActions à prendre\n- La liste d'indicateurs a été "
                "partagée à tous les clusters concernés et à OCHA ;\n- Après vérification, "
                "corriger, puis consolider et partager pour validation ;",
                "",
            ],
            [
                "• Partage d'informations sur la situation de Niono et Macina",
                "Ce point a été abordé, Des initiatives de mobilisation de ressources sont en "
                "cours",
                "Le cluster lead (PNUD) a sollicité des fonds pour répondre à la situation des "
                "populations déplacées de Macina à Niono, il s'agit une requête de 30 000 USD, "
                "pour accompagner les acteurs dans l'évaluation des besoins des populations et "
                "élaborer un plan de relèvement.\nUne rencontre est également prévue avec le "
                "cluster Protection dans ce cadre\nLa DNDS a également prévu des actions de "
                "distributions aux personnes déplacées\nLe suivi continu avec OCHA qui doit "
                "partager un plan d'action complet pour faciliter la mobilisation et la mise en "
                "œuvre",
                "▪ Oumou/Jean-Luc Cluster",
            ],
            [
                "• Tour de table sur les activités/suggestions/planifications des partenaires.",
                "L'ONG Mercy Corps a partagé sur présentation en Powerpoint un outil "
                "d'évaluation de marché de l'emploi par et pour les jeunes ; l'approche est non "
                "seulement innovante mais aussi peu coûteuse ;\nLIMRAP a également partagé les "
                "résultats de l'Etude sur les dynamiques conflictuelles dans la région de Ségou "
                "; une gendarmerie communautaire pour la prévention des conflits doit être mise "
                "en place",
                "Le Cluster lead (PNUD) est intéressé par la proposition faite sur l'étude de "
                "marché ; Les discussions se devraient se poursuivre directement avec Mercy "
                "Corps, sachant que l'étude devrait être réaliser en Avril ;\nLa porte reste "
                "encore ouverte pour ceux qui sont intéressés à joindre à l'ONG Mercy Corps pour "
                "la réalisation de cette étude de grande utilité pour la réintégration et le "
                "relèvement socioéconomique des jeunes sans emploi.\nPour l'IMRAP, il est "
                "également",
                "▪ ONG Mercy Corps et IMRAP\n▪ Oumou/JL",
            ],
            header_rows=0,
        ),
        page_break(),
        t(
            [
                "",
                "Ce partage a permis une meilleure compréhension des actions de relèvements "
                "focalisés sur la prévention des conflits et cohésion sociale.",
                "Un plan de mission de terrain pour le suivi et d'accompagnement des acteurs "
                "intervenant en Relèvement sera partagé aux membres du Cluster et autres "
                "clusters pour assurer une meilleure coordination des actions de Relèvement au "
                "Nord et Centre Mali ; Cela devrait également permettre une meilleure "
                "visibilité par la cartographie, infographie, 3 W ; une meilleure planification "
                "au moment de la révision de mi-parcours de la HRP prévue entre Mai et Juin "
                "2017 ;",
                "",
            ],
            [
                "• Partage d'informations sur le Nexus Humanitaire vers le développement ,",
                "Des informations importantes sur le nexus en perspective pour le Mali ont été "
                "partagées. Un rappel du contexte de la crise malienne a permis de comprendre "
                "les raisons qui amènent les acteurs humanitaires et du développement de "
                "réfléchir sur la manière de travailler ensemble par une programmation conjointe "
                "et pluriannuelle\nUne demande de déploiement d'une mission d'experts sur la "
                "question a été préparée avec l'appui du PNUD et de l'équipe ER et envoyée au "
                "Global Cluster Early Recovery ;\nLes discussions se poursuivent au plus niveau "
                "et les informations seront partagées en temps réel aux membres du cluster ;",
                "",
                "▪ Moustapha Diallo, Gerson/ Oumou",
            ],
            [
                "▪ Formulation de messages clés de plaidoyer et indicateurs sur le Nexus à la "
                "suite de la retraite de",
                "Les explications sur le type de message de plaidoyer et indicateurs données ; "
                "il a été convenu que l'équipe de la coordination de ER fasse une proposition de "
                "trois messages de plaidoyer et deux indicateurs de nexus",
                "Il s'agit de formuler trois messages clés de plaidoyer à adresser la "
                "Coordinatrice Humanitaire afin qu'elle puisse renforcer son plaidoyer de "
                "mobilisation de ressources, d'accès sécuritaire, etc.\nPour les indicateurs, il "
                "s'agit de définir au sein du cluster deux indicateurs de nexus et partager avec "
                "OCHA",
                "▪ Oumou",
            ],
            header_rows=0,
        ),
        page_break(),
        t(
            [
                "l'EHP le 03 Avril à laquelle les coordinateurs de clusters avaient été invités",
                "",
                "",
                "",
            ],
            [
                "▪ Ainsi se termine la réunion avec de vifs remerciements aux participants\n▪ La "
                "prochaine réunion aura lieu le 02 Mai, le lieu et l'heure sera communiquer une "
                "semaine avant la date",
                L,
                L,
                L,
            ],
            header_rows=0,
        ),
    ],
    actions=[
        Action("d'autres ateliers seront organises", ("Oumou Sow",), "undated"),
        Action("verifier avec les autres cluster", ("Oumou Sow",)),
        Action("a sollicite des fonds", ("Oumou Sow", "Jean-Luc Kramo")),
        # The owners' bullets pair with the cell's two actions: the market study (in April)
        # for Mercy Corps and IMRAP, the field mission plan for Oumou and Jean-Luc.
        Action("poursuivre directement avec mercy corps", ("Mercy Corps", "IMRAP"), "2017-04-30"),
        Action("un plan de mission de terrain", ("Oumou Sow", "Jean-Luc Kramo")),
        Action(
            "informations seront partagees en temps reel",
            ("Moustapha Diallo", "Gerson Brandao", "Oumou Sow"),
        ),
        Action("formuler trois messages cles de plaidoyer", ("Oumou Sow",)),
    ],
    next_meeting=date(2017, 5, 2),
    participants=21,
    tables=1,
)


SEED_CRP_2016_10_20 = Case(
    name="seed_crp_2016_10_20",
    kind="seed",
    source=_SEEDS + "001_45925bee7c539726.txt",
    meeting_date=date(2016, 10, 20),
    members=CRP_MEMBERS,
    blocks=[
        h("Compte rendu de la réunion des partenaires du Cluster Relèvement Précoce"),
        p("(20 octobre 2016, 14h30, PNUD)"),
        h("1. Objectifs"),
        p(
            "Différents partenaires humanitaires parmi les ONG et le Système des Nations Unies "
            "(SNU) sont engagés dans la reconstruction des régions du nord du Mali. Ces "
            "organisations rassemblées dans le CRP travaillent ensemble pour améliorer à la fois "
            "la qualité des interventions humanitaires et de développement mais aussi pour "
            "établir une plate-forme de coordination et de dialogue."
        ),
        p(
            "Les objectifs de la rencontre étaient de présenter le nouveau Coordinateur du "
            "Cluster Relèvement Précoce (CRP), rappeler les résultats de l'atelier HNO et l'HRP, "
            "de planifier les prochaines étapes sur le processus d'élaboration de l'HRP 2017, la "
            "formation sur la soumission des projets sur le OPS (Online Project System), "
            "l'élaboration d'un calendrier interne de travail pour le CRP sur l'HRP 2017 et des "
            "divers."
        ),
        h("2. État des lieux des activités"),
        t(
            ["Sujet", "Description/Contexte", "Statut"],
            [
                "Présentation du Coordinateur du CRP",
                "Présentation de nouveau Coordinateur du CRP aux membres du CRP.",
                "",
            ],
            [
                "Présentation des lignes du narratif du HNO qui ont été élaboré pour le CRP",
                "Lors de l'atelier de septembre sur l'HNO et l'HRP, les partenaires du CRP se "
                "sont retrouvés pour analyser les besoins humanitaires en 2017 dans les régions "
                "du nord, mais aussi pour identifier les défis majeurs et tirer des leçons "
                "apprises.",
                "Le narratif de l'HNO a été soumis à OCHA selon le calendrier établi.",
            ],
            [
                "Discussion sur la stratégie de réponse (partie sectorielle et what if)",
                "En 2017, les interventions du CRP vont porter sur la restauration de l'autorité "
                "de l'état, à travers le redéploiement de l'administration, afin de permettre "
                "l'amélioration de l'accès à la justice, l'accès aux services sociaux de base, le "
                "relèvement économique pour ce qui a trait aux emplois des jeunes et des "
                "femmes.\nL'impact de ces activités sur la résilience des populations constituera "
                "ainsi un élément fondamental de la stratégie du CRP.",
                "Le narratif de l'HRP a été soumis à OCHA selon le calendrier établi.",
            ],
        ),
        page_break(),
        t(
            [
                "Révision des activités proposées sur l'ORS",
                "Le Plan de Réponse Sectoriel ORS a été préparé sur la base des résultats de "
                "l'atelier HNO et HRP de septembre.\nEn ce qui concerne les chiffres sur les "
                "personnes ciblées, ils sont en phase de révision par OCHA et seront partagés les "
                "prochaines jours.",
                "L'ORS a été soumis à OCHA selon le calendrier établi.",
            ],
            [
                "Formation pour la soumission des projets sur le OPS (Online Project System)",
                "La séance de formation aura lieu le vendredi 21 octobre à 10h, au bureau de "
                "NRC. L'OPS est l'outil qui permet de mettre des projets en ligne dans le cadre "
                "du HRP.",
                "OCHA vais fournir les outils pour la formation.",
            ],
            [
                "Élaboration d'un calendrier interne pour l'HRP 2017",
                "Afin de compléter l'HRP 2017, le Coordinateur de CRP a élaboré un calendrier "
                "interne de travail plan avec les prochaines activités pour le processus HRP "
                "2017.",
                "Brouillon de calendrier déjà préparé.",
            ],
            ["Divers", "", ""],
            [
                "ICCT et GCCS",
                "Le International Centre for Counter-Terrorism (ICCT) et le Global Center on "
                "Cooperative Security (GCCS) ont développé un programme sur la réhabilitation et "
                "réinsertion des délinquants extrémistes violents (DEV) dans la région du "
                "Sahel-Maghreb.",
                "Envoyer les questions aux partenaires.",
            ],
            header_rows=0,
        ),
        p("QUESTIONS"),
        b(
            "Existe-t-il des programmes sur la réhabilitation et réinsertion pour des DEV et CET "
            "dans votre pays ?"
        ),
        p("1. Quel est le rôle des organisations de la société civile dans ce domaine ?"),
        p("2. Quelle est le rôle du gouvernement dans ce domaine ?"),
        p("Nouvelles partenaires pour le CRP"),
        p(
            "Les partenaires sont intéressés à rendre le CRP plus dynamique sur des questions "
            "concernant les secteurs humanitaires et développement. Il sera donc nécessaire "
            "prendre contacts avec les autorités nationales au niveau du gouvernement et du "
            "secteur privé pour mieux comprendre leur intérêt et disponibilité à se rejoindre le "
            "CRP."
        ),
        p("Prendre contacts avec des acteurs hors de SNU et des ONG."),
        h("3. Leçons apprises"),
        b(
            "La principale leçon apprise tirée par les partenaires est la nécessité de se "
            "focaliser sur la mise en œuvre de l'approche intégrée pour améliorer la "
            "coordination et l'efficacité des interventions."
        ),
        h("4. Consensus"),
        b(
            "Les participants à cette concertation s'accordent sur le fait qu'il faut maintenant "
            "mutualiser les efforts sur la préparation des projets pour l'OPS. L'outil est "
            "complet, déjà développé et mandaté par OCHA."
        ),
        b(
            "Les projets visant à mettre en place l'approche intégrée et au même temps de créer "
            "les bases pour un développement durable à plus long terme."
        ),
        page_break(),
        h("5. Actions prioritaires"),
        t(
            ["Description", "Responsable", "Echéance"],
            [
                "Participer à la formation OPS de vendredi 21 octobre 2016.",
                "Partenaires du CRP",
                "21 octobre",
            ],
            [
                "Réviser les chiffres sur les personnes ciblées et partager les données.",
                "Coordinateur CRP",
                "25 octobre",
            ],
            [
                "Elaborer des projets pour l'HRP 2017 selon les objectifs, les activités et "
                "indicateurs du plan de réponse sectoriel ORS et les indications fournies par "
                "OCHA.",
                "Partenaires du CRP avec l'appui du Coordinateur CRP",
                "31 octobre",
            ],
            [
                "Identifier des nouvelles partenaires au niveau du gouvernement et de secteur "
                "privé pour grandir la discussion sur le RP et créer des synergies au-delà du "
                "secteur humanitaire.",
                "Coordinateur CRP",
                "15 novembre",
            ],
        ),
        h("6. Perspectives"),
        b(
            "Elaborer un plan trimestriel pour le CRP selon les besoins et les indications "
            "fourni par les partenaires."
        ),
        b(
            "Poursuivre ce travail commun avec les acteurs du CRP pour mutualiser les ressources "
            "et harmoniser les approches."
        ),
        b(
            "Engager des acteurs nationaux, des agences du gouvernement, du secteur privé afin "
            "de prendre en compte les préoccupations des différentes parties prenantes."
        ),
        h("7. Participants"),
        t(
            ["Organization", "Nom", "Fonction", "Email"],
            [
                "ONG 3AG",
                "Boukary Guindo",
                "Chargé de Suivi-Évaluation Point Focal du Réseau de Plaidoyer pour la "
                "Sécurisation Foncière Agricole au Mali (Commissions Foncières/GRN)",
                "boukaryguindo@gmail.com",
            ],
            ["PNUD", "Moustapha Diallo", "Early Recovery Advisor", "moustapha.diallo@undp.org"],
            ["PNUD", "Sigfrido Romeo", "Coordonnateur CRP", "sigfrido.romeo@undp.org"],
            ["PNUD", "Baber Abdou Dicko", "Expert National", "babar.abdou.dicko@undp.org"],
            ["ACF", "Mamadou Keita", "Coordonnateur adjoint SAME", "makeita@ml.acfpain.ml"],
            ["OIM", "Natsuno Shinagawa", "Project Manager", "nshinagawa@iom.int"],
            ["PAM", "Moustapha Amadou", "Project Officer Resilience", "moustapha.amadou@wfp.org"],
            ["Mercy Corps", "Alliou Traoré", "Program Manager", "atraore@mercicorps.org"],
        ),
    ],
    actions=[
        Action("participer a la formation ops", ("@membres",), "2016-10-21"),
        Action("reviser les chiffres sur les personnes ciblees", ("@coordination",), "2016-10-25"),
        Action("elaborer des projets pour l'hrp 2017", ("@membres", "@coordination"), "2016-10-31"),
        Action("identifier des nouvelles partenaires", ("@coordination",), "2016-11-15"),
    ],
    decisions=["mutualiser les efforts sur la preparation des projets"],
    optional=[
        "projets visant a mettre en place l'approche integree",
        "elaborer un plan trimestriel",
        "poursuivre ce travail commun",
        "engager des acteurs nationaux",
        "prendre contacts avec",
        "envoyer les questions aux partenaires",
        "ocha vais fournir les outils",
    ],
    next_meeting=None,
    participants=8,
    tables=1,
)


CP_MEMBERS: list[tuple[str, str | None]] = [
    ("Laurent de Valensart", "HCR"),
    ("Hanan Talbi", "NRC"),
    ("Oulematou Sall", "HCR"),
]

SEED_CP_2017_04_05 = Case(
    name="seed_cp_2017_04_05",
    kind="seed",
    source=_SEEDS + "002_15197847ec3356fa.txt",
    meeting_date=date(2017, 4, 5),
    members=CP_MEMBERS,
    blocks=[
        h("COMPTE RENDU"),
        p("Nombre de participants :18"),
        p("Lieu et date: UNHCR – Bamako, 5 Avril 2017"),
        p(
            "Organisations membres/partenairesprésents :UNHCR, OIM, MINUSMA (CAD, POC), "
            "PAM,OCHA, DCA, UNMAS, NRC, UNICEF, ABA-ROLI, UNFPA ; IEDA RELIEF,"
        ),
        p("Lead:Laurent de Valensart, intérim du Coordinateur du CP (UNHCR)."),
        p("Facilitateur : Hanan TALBI, NRC"),
        t(
            [
                "Points à l'ordre du jour",
                "Discussions / informations",
                "Recommandations / décisions",
            ],
            [
                "l'ordre du jour proposé a été approuvé par les membres du CP après un tour de "
                "table",
                L,
                L,
            ],
            [
                "1. Suivi du plan d'action du cluster protection en réponse aux recommandations "
                "des missions d'évaluation de besoins sur la situation dans les cercles de "
                "Macina, Niono, Tenenkou",
                "Avant d'entamer le suivi du plan d'action, M. Tunga d'OCHA a exposé les "
                "conclusions de la mission du 24 février au 1er mars 2017 de monitoring et "
                "d'évaluation dans les cercles de Niono et de Macina. Il a expliqué que c'est un "
                "problème interpersonnel qui est devenu intercommunautaire entraînant 10116 "
                "déplacés internes. Il a plaidé pour qu'une réponse plus rapide soit",
                "Rédaction d'une note sur la situation de protection dans les cercles de Macina, "
                "Tenenkou et Niono pour l'EHP Responsable : CCP\nCoordonner les actions au niveau "
                "de la région de Ségou entre le bureau de Bamako ou celui de Mopti) Responsable : "
                "OCHA- CCP",
            ],
        ),
        page_break(),
        t(
            [
                "",
                "fournie aux personnes déplacées auprès des membres du cluster protection.\n"
                "Plan d'action CP sur les recommandation\nLes points de suivi du plan d'action "
                "sont ci-joint\nAu cours du suivi du plan d'action, certaines informations ont "
                "été données notamment sur :\n- L'élaboration du plan de sécurisation de Mopti "
                "et Ségo par le Gouvernement,\n- L'élaboration du plan de contingence pour "
                "prévoir la période de pluie par OCHA,\n- Le déploiement de 600 militaires "
                "additionnels de la MINUSMA dans la région de Mopti\n- Dans le cercle de Niono, "
                "le CICR a procédé à des distributions de NFI dans la zone de Niono.",
                "Rédaction d'une note d'analyse du conflit dans les trois cercles afin d'éviter "
                "les terminologies qui viseraient à réduire la crise à un conflit inter "
                "communautaire entre Bambara et peulhs\n\nResponsables/ OCHA-CCP\n\nRevoir les "
                "zones prioritaires d'intervention afin de s'adapter à l'évolution des zones en "
                "crise/\nResponsables : Acteurs Humanitaires\n\nPlaidoyer pour la couverture de "
                "cette région de Ségo par les membres du cluster.\n\nResponsables ;CCP\n\n"
                "Plaidoyer pour le redéploiement des autorités administratives et militaires "
                "dans les zones affectées par les violences auprès d'EHP, du groupe de travail "
                "conjoint d'appui à la mise en place des autorités intérimaires, la POC et la "
                "coordinatrice humanitaire/CCP-OCHA\n\nFaire la cartographie des acteurs et des "
                "PDI dans les cercles de Tenenkou, Niono et Macina\n\nResponsables : OCHA",
            ],
            [
                "2. Sélection de 3 indicateurs protection pour OCHA",
                "9 indicateurs dans le domaine de la protection ont été présentés aux "
                "participants. OCHA a demandé d'en sélectionner 3 qui seront utilisés dans le "
                "tableau de bord humanitaire pour le Mali.\nIl a été décidé d'envoyer les "
                "indicateurs aux membres du cluster pour choisir et de retenir les 3 premiers "
                "choix.",
                "Partager les indicateurs aux membres du cluster afin d'en sélectionner 3 pour le "
                "tableau de bord ORS\nResponsable : CCP",
            ],
            [
                "3. Présentation d'ORS par OCHA",
                "L'assistante en gestion de l'information d'OCHA a fait une présentation sur "
                "l'outil ORS.\nA la fin de sa présentation, elle a proposé d'assister les membres "
                "du cluster à compléter l'ORS à la fin de chaque réunion et de dispenser des "
                "formations aux organisations qui le souhaitent.",
                "",
            ],
            [
                "4. Divers",
                "Plusieurs points ont été soulignés dans les divers, notamment :\n-La formation "
                "du sous cluster VBG sur la gestion clinique de viol du 3 au 6 avril 2017\n-La "
                "formation du sous cluster protection de l'enfant sur le PSEA du 10 au 12 avril "
                "2017\n-La situation des réfugiés nigériens au Mali/ Ménaka",
                "Demander au HCR et au CICR de fournir des informations sur la situation des "
                "réfugiés nigériens au Mali/ Ménaka/ CCP\nPartager les informations sur la "
                "situation de Ménaka (note de plaidoyer)/ CCP",
            ],
            header_rows=0,
        ),
        p(
            "Rapporté par : Oulematou dite Saran Sall, Associée à la coordination du Cluster "
            "Protection"
        ),
    ],
    actions=[
        Action("redaction d'une note sur la situation de protection", ("@coordination",)),
        Action("coordonner les actions au niveau de la region", ("OCHA", "@coordination")),
        Action("note d'analyse du conflit", ("OCHA", "@coordination")),
        Action("revoir les zones prioritaires", ("@membres",)),
        Action("plaidoyer pour la couverture de cette region", ("@coordination",)),
        Action("plaidoyer pour le redeploiement des autorites", ("@coordination", "OCHA")),
        Action("faire la cartographie des acteurs", ("OCHA",)),
        Action("partager les indicateurs aux membres du cluster", ("@coordination",)),
        Action("demander au hcr et au cicr", ("@coordination",)),
        Action("partager les informations sur la situation de menaka", ("@coordination",)),
    ],
    optional=["il a ete decide d'envoyer les indicateurs", "propose d'assister les membres"],
    tables=1,
)


ICC_MEMBERS: list[tuple[str, str | None]] = []

SEED_ICC_DHC = Case(
    name="seed_icc_dhc",
    kind="seed",
    source=_SEEDS + "003_4d94feedd9f621b4.txt (undated in the seed: the HRP 2019 year)",
    meeting_date=date(2019, 3, 14),
    blocks=[
        p("Agenda :"),
        p("1- Introduction du Coordinateur Humanitaire Adjoint"),
        p("2- Présentation sur les Mouvements de Populations (DNDS)"),
        p("3- Situation Humanitaire des IDPs de Ségou"),
        p("4- Divers"),
        h("1- Introduction du Coordonnateur Humanitaire Adjoint (D-HC)"),
        p(
            "Dans son introduction le D-HC a décliné sa feuille de route à l'ICC qui est basé "
            "sur 5 axes savoir :"
        ),
        b(
            "Renforcer OCHA dans son mandat de facilitateur pour les négociations de l'accès "
            "humanitaire et la coordination civile-militaire,"
        ),
        b(
            "Le plaidoyer au haut niveau avec l'appui de l'ICC pour une meilleure coordination de "
            "tous les acteurs (gouvernement, humanitaires et acteurs de développement)"
        ),
        b(
            "La mobilisation de fonds pour améliorer le taux de financement du HRP 2019, à "
            "travers une meilleure analyse des gaps de réponses."
        ),
        b(
            "Le Nexus, il s'agira de voir comment aborder la question avec les acteurs de "
            "développement et les bailleurs de fonds. Le rôle du PNUD est capital."
        ),
        p("Points sur la 1ère visite terrain du D-HC :"),
        p(
            "Le D-HC a fait un bref résumé de sa première tournée dans les régions de Gao, Mopti "
            "et Segou. Plusieurs insuffisances ont été constatées à savoir."
        ),
        b(
            "Des problèmes d'accès des populations aux services sociaux de base dans les régions "
            "visitées,"
        ),
        b(
            "Du côté de la préparation aux urgences, les plans de contingence ne sont pas à jour, "
            "aucune des régions visitées n'a de stocks de contingence."
        ),
        h("2- Présentation sur les Mouvements de Populations de la DNDS :"),
        p(
            "Le point focal de la Commission Mouvement de Population de la DNDS, a fait une "
            "brève présentation de la méthodologie de consolidation des chiffres des IDPs dans "
            "la base de données du CMP pour produire le rapport mensuel."
        ),
        p("À la suite de cette présentation, plusieurs questions ont été soulevées. Il s'agit :"),
        b(
            "De la non concordance des chiffres entre les Direction régionales du Développement "
            "social et les chiffres du rapport CMP. Il a été recommandé de mieux trianguler les "
            "informations avec tous les partenaires avant de publier les chiffres officiels dans "
            "le rapport CMP."
        ),
        b(
            "Une approche d'intervention basée sur la vulnérabilité des IDPs et non sur le "
            "statut. L'ICC recommande que les interventions soient basées sur la vulnérabilité "
            "et non sur le statut,"
        ),
        b(
            "La question de déplacements durable et des déplacements secondaires sont de "
            "nouvelles problématiques. L'ICC recommande une analyse approfondie des besoins des "
            "IDPs, qui doit être annexée aux rapports CMP par trimestre si possible."
        ),
        b(
            "La validation des chiffres au niveau régional avant de les soumettre au CMP a été "
            "abordée par l'ICC. Il a été recommandé que désormais, seule Commission Mouvement de "
            "Populations est habilitée à publier les chiffres officiels des IDPs au Mali."
        ),
        h("3- Situation humanitaire des IDPs à Ségou"),
        b(
            "L'inquiétude se situe aujourd'hui dans la région de Segou, cette région est devenue "
            "la nouvelle zone de concentration des IDPs venus des cercles de Bankass, Koro et "
            "Mopti."
        ),
        b(
            "Le D-HC recommande à l'ICC d'apporter une réponse multisectorielles urgente sur la "
            "base des données fournies par le Développement Social de Segou – planifier une "
            "évaluation multisectorielle dans un bref délai – tenir compte des familles "
            "d'accueil dans toutes les interventions."
        ),
        b(
            "Les acteurs du RRM vont voir comment intégrer les autres cercles de Segou dans leur "
            "planning en plus de Niono et Macina,"
        ),
        b(
            "OCHA va renforcer le comité veille de Segou avec une participation au moins une "
            "fois par mois dans les réunions, aussi les analyses sont en cours pour une présence "
            "beaucoup plus permanente d'OCHA à Segou."
        ),
        b(
            "Il n'y a pas d'acteurs du cluster protection dans la région de Segou, le cluster va "
            "voir la possibilité d'analyser les besoins de protection des IDPs à partir de Mopti."
        ),
        h("4- Divers"),
        p(
            "Le D-HC à faire savoir à l'ICC qu'il sera basé Mopti avec des sorties fréquentes "
            "dans les autres régions et à Bamako. Sa porte reste ouverte à tous les partenaires."
        ),
    ],
    actions=[
        Action("apporter une reponse multisectorielles urgente", ("@membres",)),
        Action("renforcer le comite veille de segou", ("OCHA",)),
    ],
    decisions=[
        "mieux trianguler les informations",
        "interventions soient basees sur la vulnerabilite",
        "analyse approfondie des besoins des idps",
        "seule commission mouvement de populations est habilitee",
    ],
    optional=[
        "integrer les autres cercles de segou",
        "analyser les besoins de protection des idps a partir de mopti",
        "renforcer ocha dans son mandat",
    ],
    formats=NOT_PDF,
)


SEED_POST_RRM_DECK = Case(
    name="seed_post_rrm_deck",
    kind="seed",
    source=_SEEDS + "004_41ef29755e1ba9c4.txt (a slide deck, no actions)",
    meeting_date=date(2024, 2, 1),
    blocks=[
        h("Coordination post-RRM"),
        p("Présentation de l'Approche de la coordination post-RRM"),
        h("Contexte"),
        b(
            "Suite aux déplacements provoqués par le conflit faisant rage au Mali, le "
            "gouvernement malien, par l'intermédiaire de la Direction Nationale du Développement "
            "Social (DNDS), a mis en place un Mécanisme de Réponse Rapide (RRM) au Mali."
        ),
        b(
            "Au quatrième trimestre de 2023, la DNDS, OCHA et Acted concrétisent la réflexion "
            "générale exprimée lors de l'atelier national en créant une structure de "
            "coordination post-RRM."
        ),
        p("Pourcentage de ménages PDI, par nombre de mois écoulés depuis le premier déplacement"),
        t(
            ["", "NORD", "CENTRE", "SUD"],
            ["0-3 mois", "9%", "10%", "2%"],
            ["3-12 mois", "61%", "21%", "2%"],
            ["Plus d'un an", "29%", "68%", "95%"],
        ),
        p("Note: pas de données pour les régions de Kidal, Sikasso, Bougouni & Koutiala"),
        h("Domaine de Compétences"),
        p(
            "Le domaine de compétences, en tant que tel, est principalement défini par le moment "
            "de l'intervention, couvrant les 9 mois suivant le RRM et les 12 mois précédant la "
            "résilience et le développement précoces."
        ),
        t(
            ["Période et durée de la réponse RRM et post-RRM", *[L] * 12, "Résilience"],
            ["Alerte", "RRM", L, L, "Post-RRM", L, L, L, L, L, L, L, L, "13 et Suite"],
            ["", "M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11", "M12", ""],
            header_rows=2,
        ),
        h("La Mission"),
        p("01 Visualiser la situation globale des réponses post-RRM"),
        p("02 Minimiser les gaps des réponses post-RRM"),
        p("03 Maximiser la qualité des interventions post-RRM"),
        h("Circulation de l'information"),
        b("Suivi des alertes et des réponses"),
        b("Centralisation de toutes les listes à la DNDS"),
        b("Matrice 5W : mesurer et identifier les capacités d'intervention post-RRM"),
        p("Merci de votre attention"),
    ],
)

SEEDS = [
    SEED_CRP_2017_04_04,
    SEED_CRP_2016_10_20,
    SEED_CP_2017_04_05,
    SEED_ICC_DHC,
    SEED_POST_RRM_DECK,
]
