"""Public minutes of coordination meetings in Mali, transcribed by their shape.

Each case keeps its document's layout (header block, columns and their headers, where the
owners and deadlines are written, the next meeting) and the actions, owners and deadlines it
shows; the discussions are condensed. Where the public copy is cut, the case stops there too
rather than inventing rows.
"""

from __future__ import annotations

from datetime import date

from tests.language.minutes_corpus.model import Action, Case, L, b, h, p, t

PROTECTION_TOMBOUCTOU_2018_01 = Case(
    name="protection_tombouctou_2018_01_31",
    kind="public",
    source="https://docslib.org/doc/9910947/commune-dalafia-ouinerden-gossi-rharous — Compte "
    "rendu de la réunion du cluster régional protection / Tombouctou du 31 janvier 2018",
    meeting_date=date(2018, 1, 31),
    blocks=[
        h("COMPTE RENDU DE LA RÉUNION DU CLUSTER REGIONAL PROTECTION/ TOMBOUCTOU"),
        p("Nombre de participants: 27 Lieu et date: UNHCR – Tombouctou, 31 janvier 2018"),
        p(
            "Organisations membres présentes : AEDT, CRM, CICR, UNFPA, CRS, UNHCR, DRPC, MC, "
            "AMSS, NRC, DRDSES, MINUSMA (DH, AC, JC), CVJR, OCHA, Plan Int, ARDIL, OIM. "
            "Modération et secrétariat : HCR"
        ),
        p("Points à l'ordre du jour"),
        p(
            "1. Analyse de la situation de Protection 2. Suivi des mouvements de Populations "
            "(Commune d'Alafia, Ouinerden, Gossi, Rharous) 3. Présentation des réalisations par "
            "thématique (PE, VBG, LHAM, Cohésion sociale, Accès à la Justice etc) 4. Cartographie "
            "des acteurs (5W) 5. Divers"
        ),
        t(
            ["Points d'ordre du jour", "Discussions / Informations", "Recommandations/ Décisions"],
            [
                "1. Analyse de la situation de Protection",
                "La situation sécuritaire de la région est préoccupante : braquages sur les axes "
                "routiers, vols à mains armés, menace terroriste et attaques contre les forces de "
                "défense et de sécurité.\nLe début du mois a été marqué par un déplacement massif "
                "de populations bozo sur les terres de la commune d'Alafia, objet de conflit entre "
                "les communautés Kel-Inicheregha et Sonrhaï. Le 01 janvier 2018, des hommes armés "
                "se sont rendus dans les campements Bozo pour instruire aux habitants de vider les "
                "lieux le même jour.\nOn note également l'arrivée dans la commune de Gossi de "
                "communautés venant du Burkina Faso fuyant l'insécurité.",
                "Faire le suivi du conflit de la commune d'Alafia avec le Groupe Cohésion sociale "
                "(DRDSES, MC, AMSS)",
            ],
        ),
        p(
            "CLUSTER REGIONAL DE PROTECTION-TOMBOUCTOU/ COMPTE RENDU DE LA RÉUNION DU 31 JANVIER 2018"
        ),
    ],
    # "MC" is how this cluster writes Mercy Corps (the directory lists the variant, citing
    # these minutes); the directory files the regional DRDSES under DNDS, as migration 0002
    # did.
    actions=[
        Action("suivi du conflit de la commune d'alafia", ("DNDS", "Mercy Corps", "AMSS")),
    ],
    tables=1,
)

PROTECTION_TOMBOUCTOU_2019_12 = Case(
    name="protection_tombouctou_2019_12_17",
    kind="public",
    source="https://docslib.org/doc/8836697/tombouctou-et-taoudenit-nombre — Compte rendu de "
    "la réunion mensuelle du cluster régional protection / Tombouctou et Taoudenit, 17 "
    "décembre 2019",
    meeting_date=date(2019, 12, 17),
    blocks=[
        h(
            "COMPTE RENDU DE LA RÉUNION MENSUELLE DU CLUSTER REGIONAL PROTECTION/ TOMBOUCTOU ET "
            "TAOUDENIT"
        ),
        p("Nombre de participants : 25 Lieu et date : HCR – Tombouctou, 17 Décembre 2019"),
        p(
            "Organisations membres présentes : AMSS, CIAUD, DRPFEF Tdenit, DRDSES Tdenit, Plan "
            "International, ASPODLCE, TDH, CASE, UNICEF, ARDIL, UNMAS, ADES, AEDT, NRC, AVS, DRS "
            "Tbtou, UNHCR."
        ),
        p("Observateurs : CICR"),
        p("Modération et secrétariat : HCR"),
        p("Points à l'ordre du jour 1. Bilan des réalisations 2019 et Perspectives 2020 2. Divers"),
        t(
            ["Points d'ordre du jour", "Discussions / Informations", "Recommandations/ Décisions"],
            [
                "1. Présentation du bilan 2019 et Perspectives 2020",
                "La réunion a débuté par la présentation des vœux du Chef de bureau HCR à "
                "l'ensemble des membres du cluster.\nLe Coordinateur régional du cluster a fait "
                "la présentation du bilan des réalisations 2019. On peut noter comme points "
                "saillants :\n• La tenue des 12 réunions ordinaires et de 2 réunions techniques.\n"
                "• 7994 personnes sensibilisées sur l'éducation aux risques des mines et engins "
                "explosifs improvisés.\n• 677 Cas de VBG identifiés et référés pour prise en "
                "charge.",
                "- Renforcer les missions conjointes en 2020\n- Prendre en compte les indicateurs "
                "et objectifs stratégiques du cluster national dans la planification des projets "
                "de protection",
            ],
        ),
        p(
            "CLUSTER REGIONAL DE PROTECTION-TOMBOUCTOU/ COMPTE RENDU DE LA RÉUNION DU 17 DECEMBRE 2019"
        ),
    ],
    decisions=[
        "renforcer les missions conjointes en 2020",
        "prendre en compte les indicateurs et objectifs strategiques",
    ],
    tables=1,
)

PROTECTION_TOMBOUCTOU_2020_03 = Case(
    name="protection_tombouctou_2020_03_03",
    kind="public",
    source="https://docslib.org/doc/13541988/compte-rendu-de-la-reunion-mensuelle-du-cluster-"
    "protection-de-tbtou-et-tdenit — Compte rendu de la réunion mensuelle du cluster protection "
    "de Tbtou et Tdenit, 03 mars 2020",
    meeting_date=date(2020, 3, 3),
    blocks=[
        h("COMPTE RENDU DE LA REUNION MENSUELLE DU CLUSTER PROTECTION DE TBTOU ET TDENIT"),
        p("Lieu et date : bureau UNICEF/ PAM- Tombouctou, 03/Mars/2020"),
        p("Nombre de participants : 42"),
        p(
            "Organisations membres/observateurs présents : AEDT, DRAPES, Enda Mali, CIAUD Canada, "
            "DRPFEF, ARDIL, Plan Inter, MINUSMA (affaires civiles, DH, POC), AMSS, ADENORD, NRC, "
            "DRDSES Tdenit, UNFPA, IMC, AVS, OCHA, CASE, OIM, UNICEF, HCR."
        ),
        p("Présidence : UNHCR"),
        t(
            [
                "Points à l'ordre du jour",
                "Résumé des discussions",
                "Actions à prendre",
                "Responsables de mise en œuvre et/ou de suivi",
                "Délai de mise en œuvre",
            ],
            [
                "I. Introduction",
                "La réunion a débuté par les mots de bienvenue du chef de bureau par intérim de "
                "l'UNICEF. Le Coordinateur du cluster régional a expliqué le changement de lieu, "
                "pour enchaîner avec l'atelier sur la stratégie du sous cluster protection de "
                "l'enfant prévu à l'UNICEF.",
                "",
                "",
                "",
            ],
            [
                "II. Analyse de la situation de protection",
                "L'analyse de la situation de protection a fait ressortir une augmentation des "
                "incidents documentés passant de 11 en Janvier 2020 à 37 en Février. Cette "
                "augmentation serait due à la présence des points focaux appuyant les moniteurs "
                "dans la collecte. Les atteintes au droit à la propriété (extorsion, vol, pillage) "
                "constituent la catégorie la plus dominante (22 cas documentés).",
                "Renforcer le dispositif des points focaux et veiller à leur formation",
                "AMSS, CIAUD",
                "",
            ],
        ),
    ],
    actions=[Action("renforcer le dispositif des points focaux", ("AMSS", "CIAUD"))],
    tables=1,
)

PROTECTION_MOPTI_2019_12 = Case(
    name="protection_mopti_2019_12_12",
    kind="public",
    source="https://docslib.org/doc/5092472/compte-rendu-de-la-reunion-mensuelle-du-cluster-"
    "protection — Compte rendu de la réunion mensuelle du cluster protection, Mopti, 12 "
    "décembre 2019",
    meeting_date=date(2019, 12, 12),
    members=[("Noubissie Ulrich Gael", "HCR")],
    blocks=[
        h("COMPTE RENDU DE LA REUNION MENSUELLE DU CLUSTER PROTECTION"),
        p("Lieu et date : UNHCR–Mopti, 12 Décembre 2019"),
        p(
            "Nombre de participants : 23 Organisations membres/observateurs présentes : IEDA "
            "RELIEF, MINUSMA (UNPOL, AFFAIRES CIVILS, SSR-DDR), CIAUD CANADA, OIM, WORLD VISION, "
            "NRC, AMSS, UNFPA, THINK PEACE, UNHCR, CICR, DRPC, COOPI, OCHA, CLINIQUE JURIDIQUE "
            "AJM, DRDSES."
        ),
        p("Présidence : NOUBISSIE ULRICH GAEL, Coordinateur du Cluster Protection à Mopti/UNHCR"),
        t(
            [
                "Points à l'ordre du Jour",
                "Résumé des discussions",
                "Actions à prendre",
                "Responsables de mise en œuvre et/ ou de suivi",
                "Délai de mise en œuvre",
            ],
            [
                "Revue des recommandations de la réunion du mois de novembre",
                "Après la validation de l'ordre du jour de la réunion, les différentes "
                "recommandations ont été revisitées.",
                "",
                "",
                "",
            ],
            [
                "Analyse de la situation de protection",
                "Monitoring de Protection :\nUne présentation de l'analyse de la situation de "
                "protection a été effectuée conjointement par AMSS et CIAUD CANADA. 27 rapports "
                "flashs ont été produits relativement à 44 incidents de protection survenus dans "
                "la région de Mopti et dans une partie de la région de Ségou.",
                "La situation des migrants, notamment celles des ressortissants burkinabé qui "
                "regagnent le territoire malien et affirment avoir quitté leur pays d'origine en "
                "raison de l'insécurité, ne devrait plus être présentée dans l'analyse de la "
                "situation de protection. CIAUD CANADA est invité à documenter cette situation "
                "des ressortissants burkinabé et la porter à l'attention de l'UNHCR.",
                "CIAUD CANADA",
                "Le plus tôt possible",
            ],
        ),
    ],
    actions=[
        Action("documenter cette situation des ressortissants burkinabe", ("CIAUD",), "undated")
    ],
    tables=1,
)

PROTECTION_MOPTI_2018_11 = Case(
    name="protection_mopti_2018_11_28",
    kind="public",
    source="https://123dok.net/document/zgw2nd97-mopti-compte-rendu-de-r%C3%A9union.html — "
    "MOPTI - Compte rendu de réunion, réunion mensuelle du cluster protection du 28 novembre "
    "2018",
    meeting_date=date(2018, 11, 28),
    members=[("Houzibe Foba", "HCR")],
    blocks=[
        h("MOPTI - Compte Rendu de Réunion"),
        # The header block is a two-column table: a label, then its value.
        t(
            ["Date de la Réunion", "Mercredi, 28 Novembre 2018"],
            ["Lieu de la réunion", "Salle de réunion de l'UNHCR- Mopti"],
            ["Modérateurs", "Houzibe FOBA Associate Field Officer (Protection) UNHCR"],
            ["Secrétariat :", "Houzibe FOBA"],
            [
                "Organisations et partenaires (membres) présentes :",
                "UNHCR, AMSS, UNMAS, ENDA- MALI, OIM, DCA, DRC, DRDSES, IEDA- RELIEF, PAM, WVI, "
                "IAMANEH, THINKPEACE, PCP/USAID",
            ],
            ["Observateurs & partenaires présents :", "MINUSMA (CICR, UNPOL, CAD)"],
            [
                "Organisations (membres) Absentes :",
                "Search for Common Ground, FNUAP, DRPFEF, CARITAS, HI, CRM, CVJR, SIF, NEF, IMADEL",
            ],
            ["Organisations (membres) Excusées :", "OCHA, DDH HI, DDR, PAD, JOC, UNICEF"],
            header_rows=0,
        ),
        p(
            "Points d'ordre du jour : Points sur le suivi de recommandation de la réunion du mois "
            "d'Octobre ; Points sur les activités à présenter aux autorités ; Analyse de la "
            "situation protection ; Principales réalisations du CP, contraintes et perspectives ; "
            "Divers"
        ),
        h("Observations / Recommandations"),
        p("Les points de suivi de la dernière réunion"),
        b(
            "Rencontrer les Autorités Régionales afin de leur partager la cartographie des "
            "acteurs de protection."
        ),
        p(
            "En l'absence du chef exécutif, un comité restreint a pu rencontrer le chargé des "
            "affaires administratives et judiciaires. Les échanges ont tourné autour des "
            "activités du cluster : les objectifs, son rôle, sa responsabilité et le but de la "
            "cartographie au niveau de la région."
        ),
        b(
            "Rencontrer Humanitarian Dialogue et demander sa participation à la réunion du "
            "cluster Protection"
        ),
        p("La DAC de la MINUSMA a pu rencontrer le coordinateur de l'ONG."),
        p("Compte rendu de la réunion mensuelle du cluster protection du 28 Novembre 2018"),
    ],
    decisions=["rencontrer les autorites regionales", "rencontrer humanitarian dialogue"],
)

PROTECTION_BAMAKO_2016_06 = Case(
    name="protection_bamako_2016_06_30",
    kind="public",
    source="https://docslib.org/doc/10750704/mali-compte-rendu-de-la-r%C3%A9union-du-cluster-"
    "protection — Mali, compte rendu de la réunion du cluster protection, jeudi 30 juin 2016",
    meeting_date=date(2016, 6, 30),
    members=[("Matho Nianga Dore", "HCR"), ("Jacob Dena", "HCR")],
    blocks=[
        h("Compte rendu de la Réunion du Cluster Protection"),
        t(
            ["Date de la Réunion", "Jeudi, 30 juin 2016"],
            ["Lieu de la réunion", "Salle principale de réunion de l'UNHCR – Bamako"],
            ["Modérateurs", "Matho Nianga DORE, Coordinateur du CP (UNHCR)"],
            ["Secrétariat :", "Jacob DENA, Protection Associate"],
            [
                "Organisations (membres) présentes :",
                "WV, AJDM, PAM, CRS, MINUSMA (CP, ONU FEMME), MAG, DNDS/MSAHRN, IRC, ONG 3AG, AEN, "
                "OCHA, UNHCR, DCA, UNMAS, Tdh Lausane, AMSS, UNICEF, OXFAM, IEDA Relief, OIM",
            ],
            ["Observateurs & partenaires présents :", "ECHO"],
            ["Organisations (membres) Absentes :", "UNFPA, DRC, ACTED, Save the Children"],
            ["Organisations (membres) Excusées :", "NRC, MINUSMA (POC, CA)"],
            header_rows=0,
        ),
        t(
            [
                "Points d'ordre du jour",
                "Principaux points d'information et de discussions",
                "Observations / Recommandations",
            ],
            [
                "1. Suivi des points d'action de la réunion précédente",
                "L'ordre du jour proposé pour cette réunion a été approuvé par les membres et le "
                "premier point concernant le suivi des points d'action a été abordé. La réunion "
                "précédente ayant porté principalement sur la mise en ligne des projets sur ORS, "
                "le délai arrivant à terme en ce jour 30 juin, le constat a été fait que beaucoup "
                "de structures n'avaient pas encore terminé avec la procédure.\nPour les nouveaux "
                "projets à renseigner sur ORS, une fiche a été partagée avec tous les membres, "
                "mais au jour d'aujourd'hui, une seule agence a renseigné la fiche.",
                "Il est recommandé aux organisations membres du CP de renseigner avant lundi le "
                "04 juillet 2016 :\n- Les fiches de collecte des nouveaux projets,\n- Les "
                "réponses de protection dans le système ORS pour les projets répertoriés dans le "
                "HRP 2016",
            ],
            [
                "2. Analyse de la situation de protection dans les régions du nord",
                "La situation reste marquée par des incidents sur les axes routiers et des "
                "mouvements de retour.",
                "",
            ],
        ),
    ],
    actions=[
        Action(
            "renseigner avant lundi le 04 juillet 2016",
            ("@membres",),
            "2016-07-04",
        )
    ],
    tables=1,
)

NUTRITION_MALI_2013_07 = Case(
    name="nutrition_mali_2013_07_24",
    kind="public",
    source="https://docslib.org/doc/7769896/coordination-du-cluster-nutrition — Coordination "
    "du cluster Nutrition, compte-rendu de la réunion du 24 juillet 2013 (Mali)",
    meeting_date=date(2013, 7, 24),
    members=[("Albert Tshiula", "UNICEF")],
    blocks=[
        h("Coordination du ‘‘CLUSTER'' Nutrition - Compte-Rendu de la Réunion du 24 Juillet 2013"),
        p(
            "Le mercredi 24 Juillet 2013 entre 09h et 11h, s'est tenue dans la salle Déniba de "
            "l'UNICEF, la 14ème réunion de l'année 2013 de Coordination du CLUSTER Nutrition – "
            "Mali."
        ),
        p(
            "Elle a été présidée par M. Albert Tshiula, Coordinateur du Cluster Nutrition, "
            "accompagné par Dr Marietta Mounkoro, Nutrition Officer (Unicef Sikasso) et M. Bakary "
            "Koné, Chargé de la Gestion des Données de Nutrition (DNS/DN)."
        ),
        p(
            "Les organisations partenaires suivantes étaient représentées : DNS/DN, CRF, UNICEF, "
            "AFASO Mali, MPDL- Mali, ACF-E, MdM-B, ASDAP, ONG Volonté des Jeunes, AMCP/ALIMA, "
            "AAG-GAO, ADCFM, FENASCOM, PAM, Merlin, OCHA, COOPI, ECHO."
        ),
        p("Les points inscrits à l'ordre du jour étaient les suivant :"),
        p("1. Point de situation – Tour de table"),
        p("2. Présentation des Résultats de Surveillance Nutritionnelle"),
        p(
            "3. Restitution « Résultats de l'installation d'un FARN dans l'aire de Santé de Nafaradji »"
        ),
        p("4. Discussions avec Mme Anna Horner, Conseillère Régionale en Nutrition, PAM Dakar"),
        p("5. Divers"),
        h("A. Points d'action identifiés"),
        # The owner comes first; the last column ticks the status (done / in progress).
        t(
            ["", "Responsable", "Point d'action", "Réalisé", "En cours"],
            ["POINT d'ACTIONS du 24 JUILLET 2013", L, L, L, L],
            [
                "",
                "FENASCOM",
                "Partager la liste actualisée des ASACO du Nord fonctionnels et non fonctionnels",
                "",
                "X",
            ],
            ["POINT d'ACTIONS du 10 JUILLET 2013", L, L, L, L],
            [
                "",
                "ACF-E",
                "Partager les résultats des activités de BLANKET FEEDING menées à Gao",
                "X",
                "",
            ],
            [
                "",
                "ACF-E, CRS et MPDL",
                "Préparer une présentation conjointe des activités FARN",
                "",
                "X",
            ],
            [
                "",
                "DNS/DN",
                "Partager le rapport de supervision formative menée à Mopti (Bandiagara et Djenne)",
                "X",
                "",
            ],
            ["POINT d'ACTIONS NON REMPLIS", L, L, L, L],
            [
                "",
                "MDM-B",
                "Transmettre une Note présentant la situation en termes d'accessibilité et de "
                "sécurité",
                "",
                "",
            ],
        ),
    ],
    actions=[
        Action("liste actualisee des asaco du nord", ("FENASCOM",)),
        Action("resultats des activites de blanket feeding", ("ACF",)),
        Action("presentation conjointe des activites farn", ("ACF", "CRS", "MPDL")),
        # DNS/DN: the nutrition division of the Direction nationale de la santé, one owner.
        Action("rapport de supervision formative", ("DNS",)),
        Action("note presentant la situation en termes d'accessibilite", ("MDM",)),
    ],
    tables=1,
)

EDUCATION_MALI_2020_02 = Case(
    name="education_mali_2020_02_05",
    kind="public",
    source="https://dokumen.tips/documents/web-view-ministre-de-laducation-nationale-compte-"
    "rendu-cluster-ducation.html — Ministère de l'Éducation Nationale, compte-rendu cluster "
    "Éducation – Mali, réunion du mercredi 05 février 2020",
    meeting_date=date(2020, 2, 5),
    blocks=[
        p("Ministère de l'Éducation Nationale"),
        h("Compte-Rendu Cluster Éducation – Mali"),
        p("Minutes"),
        t(
            ["Réunion convoquée", "Réunion du Cluster Education"],
            ["Date :", "Mercredi, le 05 février 2020"],
            ["Heure :", "10h30 min à 12h00"],
            ["Lieu :", "Salle de réunion de la DNEF/MEN"],
            ["Facilitation", "DNEF, Coordination cluster Education"],
            ["Secrétariat", "Save the Children"],
            [
                "Participants",
                "MEN (DNEF), UNICEF, Save the Children, PAM, EDC/PACETEM, ASREF, PLAN Mali, World "
                "Vision, IRC, AMAED, CIAUD-CANADA, Studio Tamani, MINUSMA, Aide et Action, GRAFE, "
                "World Education, IMADEL, EDUCO, UNHCR, USAID/PALEA, SFCG, IEDA-Relief",
            ],
            header_rows=0,
        ),
        p("Points à l'ordre du jour de la rencontre du Mercredi 05 février 2020 :"),
        p("1. Suivi de la situation des écoles non fonctionnelles"),
        p("2. Divers"),
        h("Points d'actions précédents"),
        # A colour legend: not actions.
        t(
            [
                "Point d'action réalisé",
                "Point d'action en cours",
                "Point d'action à réaliser avant la réunion prochaine",
            ],
        ),
        t(
            ["Points d'actions", "Responsable", "Réalisé / Suivi / Observations"],
            [
                "Mettre à la disposition des partenaires les documents sur la rencontre du G5 "
                "Sahel.",
                "DNEF",
                "Point d'action réalisé",
            ],
        ),
    ],
    actions=[
        Action("documents sur la rencontre du g5 sahel", ("DNEF",)),
    ],
    tables=1,
)

SDNM_COMITE_SUIVI_2021_12 = Case(
    name="sdnm_comite_suivi_2021_12_10",
    kind="public",
    source="https://dgct.gouv.ml/la-reunion-du-quatrieme-comite-de-suivi-du-projet-sdnm-iii/ — "
    "La réunion du quatrième comité de suivi du projet (SDNM III), DGCT, 10 décembre 2021",
    meeting_date=date(2021, 12, 10),
    blocks=[
        h("La réunion du quatrième comité de suivi du Projet (SDNM III)"),
        p(
            "La réunion du quatrième comité de suivi du Projet (SDNM III) s'est tenue le vendredi "
            "10 décembre 2021, dans la salle de réunion de la Direction générale des Collectivités "
            "territoriales (DGCT) à partir de 09 heures 30, sous la présidence du Directeur "
            "général des Collectivités territoriales, en présence de l'AFD, de l'ANICT, de NIRAS, "
            "des opérateurs AVSF et PROMAN et des Présidents de Conseils régionaux."
        ),
        p("Les points inscrits à l'ordre du jour étaient :"),
        p("1. échanges sur le projet de manuel de suivi ;"),
        p("2. examen des propositions de projet pour les études de faisabilité ;"),
        p("3. partage de l'état d'avancement des réalisations de la phase 2 ;"),
        p("4. échanges sur la tenue du Comité de pilotage de démarrage du SDNM III ;"),
        p("5. divers."),
        p("À l'issue de la réunion, les participants ont formulés les recommandations ci-après :"),
        b(
            "le respect des procédures de passation des marchés et le rôle des services "
            "déconcentrés de l'Etat en matière d'appui-conseil aux Collectivités territoriales ;"
        ),
        b(
            "le besoin d'accompagner les Représentants de l'Etat en vue de faciliter la "
            "dynamisation des cadres de concertations ;"
        ),
        b(
            "la transmission des rapports d'activités des opérateurs au maître d'ouvrage, le "
            "Ministère de l'Administration territoriale et de la Décentralisation ou son Délégué."
        ),
    ],
    decisions=[
        "respect des procedures de passation des marches",
        "accompagner les representants de l'etat",
        "transmission des rapports d'activites des operateurs",
    ],
)

PROGEBE_CNP_2010_08 = Case(
    name="progebe_comite_pilotage_2010_08_12",
    kind="public",
    source="https://www.yumpu.com/fr/document/view/25513905/proces-verbal-de-la-deuxieme-"
    "session-du-comite-progebe — Procès verbal de la deuxième session du comité national de "
    "pilotage du PROGEBE-Mali, août 2010",
    meeting_date=date(2010, 8, 12),
    blocks=[
        p(
            "MINISTERE DE L'ELEVAGE ET DE LA PECHE — REPUBLIQUE DU MALI — UN PEUPLE - UN BUT – UNE FOI"
        ),
        p("DIRECTION NATIONALE DES PRODUCTIONS ET DES INDUSTRIES ANIMALES"),
        p("PROJET DE GESTION DURABLE DU BETAIL RUMINANT ENDEMIQUE PROGEBE-MALI"),
        h(
            "PROCES VERBAL DE LA DEUXIEME SESSION DU COMITE NATIONAL DE PILOTAGE DU PROJET DE "
            "GESTION DURABLE DU BETAIL RUMINANT ENDEMIQUE AU MALI (PROGEBE-MALI)"
        ),
        p("Aout 2010"),
        p(
            "L'an deux mil dix et le douze août s'est tenue à Bougouni, dans la salle de "
            "conférence du Projet de Gestion Durable du Bétail Ruminant Endémique, la deuxième "
            "session du Comité National de Pilotage du PROGEBE-Mali."
        ),
    ],
)

CASES = [
    PROTECTION_TOMBOUCTOU_2018_01,
    PROTECTION_TOMBOUCTOU_2019_12,
    PROTECTION_TOMBOUCTOU_2020_03,
    PROTECTION_MOPTI_2019_12,
    PROTECTION_MOPTI_2018_11,
    PROTECTION_BAMAKO_2016_06,
    NUTRITION_MALI_2013_07,
    EDUCATION_MALI_2020_02,
    SDNM_COMITE_SUIVI_2021_12,
    PROGEBE_CNP_2010_08,
]
