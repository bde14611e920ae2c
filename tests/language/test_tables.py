"""Pasted minutes -> actions (:func:`language.minutes.read_text`). The seeds' tables are
pasted as they are in the seeds; the other texts are what a coordinator pastes from Word,
Excel or an e-mail."""

import pytest

from language.action_text import split_owners
from language.minutes import Minutes, MinutesItem, read_text

# --- The seeds' tables, tab-separated as in /work/shared/seeds -----------------------------

SEED_001_ACTIONS_PRIORITAIRES = "\n".join(
    [
        "Description\tResponsable\tEchéance",
        "Participer à la formation OPS de vendredi 21 octobre 2016.\tPartenaires du CRP\t21 octobre",
        "Réviser les chiffres sur les personnes ciblées et partager les données.\tCoordinateur CRP\t25 octobre",
        "Elaborer des projets pour l'HRP 2017 selon les objectifs, les activités et indicateurs du plan de réponse sectoriel ORS et les indications fournies par OCHA.\tPartenaires du CRP avec l'appui du Coordinateur CRP\t31 octobre",
        "Identifier des nouvelles partenaires au niveau du gouvernement et de secteur privé pour grandir la discussion sur le RP et créer des synergies au-delà du secteur humanitaire.\tCoordinateur CRP\t15 novembre",
    ]
)

SEED_000_POINT_D_ACTIONS = "\n".join(
    [
        "Thèmes\tRecommandations / Commentaires\tPoint d'actions\tResponsable",
        "<ul style=\"list-style-type: none\"> Suivi des points de recommandations de la réunion précédente. \t<p>Les points de recommandations ont été suivis avec succès. L'atelier a été réalisé à Bamako le 15 Mars 2015 à Grand Hôtel Azalai Les outils de gestion de l'information partagés, Une session de formation sur ORS Une session d'information sur les activités de la DDR/SSR a été présentée ;</p>\t<p>D'autres ateliers seront organisés dans les mois à venir et selon les besoins</p>\t/Oumou",
        "<ul style=\"list-style-type: none\"> Discussion sur le choix des indicateurs à suivre (7 indicateurs maxi). \t<p>Ce point a suscité des discussions intéressantes allant de suggestions sur le nombre d'indicateurs, chercher avec les autres clusters FS, Wash, Santé, Education et Protection et ce, pour éviter la duplication et tenant compte de la transversalité du Relèvement à la corrections en passant par des propositions concrètes</p>\t<p>La liste d'indicateurs présentée est le résultat des travaux de groupes lors de l'atelier d'appui au cluster par ACTED ; La présentation d'indicateurs a suscité de suggestions pertinentes sur le risque de duplication avec les clusters cités ; Pour résoudre cette question de risque de duplication, il a été recommandé à la Coordinatrice de cluster de</p>\tOumou",
        "",
        "\t\t<p>vérifier avec les autres cluster en partageant la liste d'indicateurs par mail ou en allant les rencontrer</p> <p>Actions à prendre</p> <ul style=\"list-style-type: none\"> - La liste d'indicateurs a été partagée à tous les clusters concernés et à OCHA ; - Après vérification, corriger, puis consolider et partager pour validation ; \t",
        "<ul style=\"list-style-type: none\"> • Partage d'informations sur la situation de Niono et Macina \t<p>Ce point a été abordé, Des initiatives de mobilisation de ressources sont en cours</p>\t<p>Le cluster lead (PNUD) a sollicité des fonds pour répondre à la situation des populations déplacées de Macina à Niono, il s'agit une requête de 30 000 USD, pour accompagner les acteurs dans l'évaluation des besoins des populations et élaborer un plan de relèvement.</p> <p>Une rencontre est également prévue avec le cluster Protection dans ce cadre</p> <p>La DNDS a également prévu des actions de distributions aux personnes déplacées</p> <p>Le suivi continu avec OCHA qui doit partager un plan d'action complet pour faciliter la mobilisation et la mise en œuvre</p>\t<ul style=\"list-style-type: none\"> ▪ Oumou/Jean-Luc Cluster",
        "<ul style=\"list-style-type: none\"> • Tour de table sur les activités/suggestions/planifications des partenaires. \t<p>L'ONG Mercy Corps a partagé sur présentation en Powerpoint un outil d'évaluation de marché de l'emploi par et pour les jeunes ; l'approche est non seulement innovante mais aussi peu coûteuse ;</p> <p>LIMRAP a également partagé les résultats de l'Etude sur les dynamiques conflictuelles dans la région de Ségou ; une gendarmerie communautaire pour la prévention des conflits doit être mise en place</p>\t<p>Le Cluster lead (PNUD) est intéressé par la proposition faite sur l'étude de marché ; Les discussions se devraient se poursuivre directement avec Mercy Corps, sachant que l'étude devrait être réaliser en Avril ;</p> <p>La porte reste encore ouverte pour ceux qui sont intéressés à joindre à l'ONG Mercy Corps pour la réalisation de cette étude de grande utilité pour la réintégration et le relèvement socioéconomique des jeunes sans emploi.</p> <p>Pour l'IMRAP, il est également</p>\t<ul style=\"list-style-type: none\"> ▪ ONG Mercy Corps et IMRAP ▪ Oumou/JL",
        "",
        "\t<p>Ce partage a permis une meilleure compréhension des actions de relèvements focalisés sur la prévention des conflits et cohésion sociale.</p>\t<p>Un plan de mission de terrain pour le suivi et d'accompagnement des acteurs intervenant en Relèvement sera partagé aux membres du Cluster et autres clusters pour assurer une meilleure coordination des actions de Relèvement au Nord et Centre Mali ; Cela devrait également permettre une meilleure visibilité par la cartographie, infographie, 3 W ; une meilleure planification au moment de la révision de mi-parcours de la HRP prévue entre Mai et Juin 2017 ;</p>\t",
        "<ul style=\"list-style-type: none\"> • Partage d'informations sur le Nexus Humanitaire vers le développement , \t<p>Des informations importantes sur le nexus en perspective pour le Mali ont été partagées. Un rappel du contexte de la crise malienne a permis de comprendre les raisons qui amènent les acteurs humanitaires et du développement de réfléchir sur la manière de travailler ensemble par une programmation conjointe et pluriannuelle</p> <p>Une demande de déploiement d'une mission d'experts sur la question a été préparée avec l'appui du PNUD et de l'équipe ER et envoyée au Global Cluster Early Recovery ;</p> <p>Les discussions se poursuivent au plus niveau et les informations seront partagées en temps réel aux membres du cluster ;</p>\t\t<ul style=\"list-style-type: none\"> ▪ Moustapha Diallo, Gerson/ Oumou",
        "<ul style=\"list-style-type: none\"> ▪ Formulation de messages clés de plaidoyer et indicateurs sur le Nexus à la suite de la retraite de \t<p>Les explications sur le type de message de plaidoyer et indicateurs données ; il a été convenu que l'équipe de la coordination de ER fasse une proposition de trois messages de plaidoyer et deux indicateurs de nexus</p>\t<p>Il s'agit de formuler trois messages clés de plaidoyer à adresser la Coordinatrice Humanitaire afin qu'elle puisse renforcer son plaidoyer de mobilisation de ressources, d'accès sécuritaire, etc.</p> <p>Pour les indicateurs, il s'agit de définir au sein du cluster deux indicateurs de nexus et partager avec OCHA</p>\t<ul style=\"list-style-type: none\"> ▪ Oumou",
        "",
        "<p>l'EHP le 03 Avril à laquelle les coordinateurs de clusters avaient été invités</p>\t\t\t",
        '<ul style="list-style-type: none"> ▪ Ainsi se termine la réunion avec de vifs remerciements aux participants ▪ La prochaine réunion aura lieu le 02 Mai, le lieu et l\'heure sera communiquer une semaine avant la date \t\t\t',
    ]
)

SEED_002_RECOMMANDATIONS = "\n".join(
    [
        "Points à l'ordre du jour\tDiscussions / informations\tRecommandations / décisions",
        "<i>l'ordre du jour proposé a été approuvé par les membres du CP après un tour de table</i>\t\t",
        "1. Suivi du plan d'action du cluster protection en réponse aux recommandations des missions d'évaluation de besoins sur la situation dans les cercles de Macina, Niono, Tenenkou\tAvant d'entamer le suivi du plan d'action, M. Tunga d'OCHA a exposé les conclusions de la mission du 24 février au 1 ^{er} mars 2017 de monitoring et d'évaluation dans les cercles de Niono et de Macina. Il a expliqué que c'est un problème interpersonnel qui est devenu intercommunautaire entraînant 10116 déplacés internes. Il a fait l'état de réponses humanitaires apportées à la suite des missions d'évaluation et de celles en cours. Cependant, tous les besoins ne sont pas couverts et la réponse est lente. Il a plaidé pour qu'une réponse plus rapide soit\tRédaction d'une note sur la situation de protection dans les cercles de Macina, Tenenkou et Niono pour l'EHP Responsable : CCP Coordonner les actions au niveau de la région de Ségou entre le bureau de Bamako ou celui de Mopti) Responsable : OCHA- CCP",
        "",
        "fournie aux personnes déplacées auprès des membres du cluster protection.",
        "",
        "",
        "",
        "Plan d'action CP sur les recommandation",
        "",
        "Les points de suivi du plan d'action sont ci-joint",
        "",
        "Au cours du suivi du plan d'action, certaines informations ont été données notamment sur :",
        "",
        "- L'élaboration du plan de sécurisation de Mopti et Ségo par le Gouvernement,",
        "- L'élaboration du plan de contingence pour prévoir la période de pluie par OCHA,",
        "- Le déploiement de 600 militaires additionnels de la MINUSMA dans la région de Mopti",
        "- L'assistance faite dans le cercle de Tenenkou de manière multisectorielle et coordonnée selon NRC. Opérateurs qui interviennent à ce stade : Développement Social, Unicef, UNFPA, MSF F, IRC et NRC",
        "- Dans le cercle de Niono, le CICR a procédé à des distributions de NFI dans la zone de Niono. Autres acteurs qui sont intervenus ou qui vont intervenir dans cette zone: PAM, Protection civile (nfi Unicef), CRS, MSF France",
        "- L'élaboration du plan d'action de la MINUSMA pour les cercles de Niono, Tenenkou et Macina, présenté par la POC",
        "",
        "Rédaction d'une note d'analyse du conflit dans les trois cercles afin d'éviter les terminologies qui viseraient à réduire la crise à un conflit inter communautaire entre Bambara et peulhs",
        "",
        "Responsables/ OCHA-CCP",
        "",
        "Revoir les zones prioritaires d'intervention afin de s'adapter à l'évolution des zones en crise/",
        "Responsables : **Acteurs Humanitaires**",
        "",
        "Plaidoyer pour la couverture de cette région de Ségo par les membres du cluster.",
        "",
        "Responsables ;**CCP**",
        "",
        "Plaidoyer pour le redéploiement des autorités administratives et militaires dans les zones affectées par les violences auprès d'EHP, du groupe de travail conjoint d'appui à la mise en place des autorités intérimaires, la POC et la coordinatrice humanitaire/**CCP-OCHA**",
        "",
        "Faire la cartographie des acteurs et des PDI dans les cercles de Tenenkou, Niono et Macina",
        "",
        "Responsables : **OCHA**",
        "",
        "<p>2. Sélection de 3 indicateurs protection pour OCHA</p>\t<p>9 indicateurs dans le domaine de la protection ont été présentés aux participants. OCHA a demandé d'en sélectionner 3 qui seront utilisés dans le tableau de bord humanitaire pour le Mali.</p> <p>Il a été décidé d'envoyer les indicateurs aux membres du cluster pour choisir et de retenir les 3 premiers choix.</p>\t<p>Partager les indicateurs aux membres du cluster afin d'en sélectionner 3 pour le tableau de bord ORS</p> <p>Responsable : CCP</p>",
        "<p>3. Présentation d'ORS par OCHA</p>\t<p>L'assistante en gestion de l'information d'OCHA a fait une présentation sur l'outil ORS. Elle a insisté sur l'importance pour les acteurs humanitaires d'alimenter cet outil, qui contient des données sur les interventions dans 9 pays d'Afrique. Cela facilitera l'échange d'expériences et de bonnes pratiques.</p> <p>A la fin de sa présentation, elle a proposé d'assister les membres du cluster à compléter l'ORS à la fin de chaque réunion et de dispenser des formations aux organisations qui le souhaitent.</p>\t",
        '<p>4. Divers</p>\t<p>Plusieurs points ont été soulignés dans les divers, notamment :</p> <ul style="list-style-type: none"> -La formation du sous cluster VBG sur la gestion clinique de viol du 3 au 6 avril 2017 -La formation du sous cluster protection de l\'enfant sur le PSEA du 10 au 12 avril 2017 -La situation des réfugiés nigériens au Mali/ Ménaka \t<p>Demander au HCR et au CICR de fournir des informations sur la situation des réfugiés nigériens au Mali/ Ménaka/ CCP</p> <p>Partager les informations sur la situation de Ménaka (note de plaidoyer)/ CCP</p>',
    ]
)


def read(text: str) -> Minutes:
    return read_text(text)


def triples(minutes: Minutes) -> list[tuple[str, str | None, str | None]]:
    return [(item.description, item.owners_text, item.deadline_text) for item in minutes.items]


def item(text: str, number: int) -> MinutesItem:
    return read(text).items[number]


SEED_001_ROWS = [
    (
        "Participer à la formation OPS de vendredi 21 octobre 2016.",
        "Partenaires du CRP",
        "21 octobre",
    ),
    (
        "Réviser les chiffres sur les personnes ciblées et partager les données.",
        "Coordinateur CRP",
        "25 octobre",
    ),
    (
        "Elaborer des projets pour l'HRP 2017 selon les objectifs, les activités et indicateurs du plan de réponse sectoriel ORS et les indications fournies par OCHA.",
        "Partenaires du CRP avec l'appui du Coordinateur CRP",
        "31 octobre",
    ),
    (
        "Identifier des nouvelles partenaires au niveau du gouvernement et de secteur privé pour grandir la discussion sur le RP et créer des synergies au-delà du secteur humanitaire.",
        "Coordinateur CRP",
        "15 novembre",
    ),
]


# --- Seeds ------------------------------------------------------------------------------


def test_seed_actions_prioritaires_table_reads_description_owner_deadline():
    minutes = read(SEED_001_ACTIONS_PRIORITAIRES)
    assert minutes.tables == 1
    assert triples(minutes) == SEED_001_ROWS
    assert [item.line for item in minutes.items] == [1, 2, 3, 4]
    assert not any(item.is_decision for item in minutes.items)


def test_seed_actions_prioritaires_without_its_header_reads_the_same_rows():
    body = SEED_001_ACTIONS_PRIORITAIRES.split("\n", 1)[1]
    minutes = read(body)
    assert minutes.tables == 1
    assert triples(minutes) == SEED_001_ROWS


def test_seed_actions_prioritaires_owner_cells_split_into_names():
    owners = [
        split_owners(item.owners_text or "") for item in read(SEED_001_ACTIONS_PRIORITAIRES).items
    ]
    assert owners[2] == ("Partenaires du CRP", "Coordinateur CRP")


def test_seed_point_d_actions_table_reads_the_action_column_and_ignores_themes():
    minutes = read(SEED_000_POINT_D_ACTIONS)
    assert minutes.tables == 1
    # (words of the action, owners as written): one item per row, the themes left out.
    expected = [
        ("D'autres ateliers seront organisés dans les mois à venir", "Oumou"),
        ("vérifier avec les autres cluster en partageant la liste d'indicateurs", "Oumou"),
        ("Le cluster lead (PNUD) a sollicité des fonds", "Oumou/Jean-Luc Cluster"),
        (
            "Le Cluster lead (PNUD) est intéressé par la proposition",
            "ONG Mercy Corps et IMRAP\nOumou/JL",
        ),
        # Starts with a capital: a new row (its owner cell is empty), not a continuation.
        ("Un plan de mission de terrain pour le suivi", None),
        # Empty "Point d'actions": the recommendation beside the owner is the action.
        ("Des informations importantes sur le nexus", "Moustapha Diallo, Gerson/ Oumou"),
        ("Il s'agit de formuler trois messages clés de plaidoyer", "Oumou"),
    ]
    assert len(minutes.items) == len(expected)
    for found, (words, owners) in zip(minutes.items, expected, strict=True):
        assert words.casefold() in found.description.casefold()
        assert found.owners_text == owners
        assert found.deadline_text is None
    assert not any("Suivi des points de recommandations" in i.description for i in minutes.items)


def test_seed_point_d_actions_row_cut_by_a_page_break_is_glued_back():
    row = item(SEED_000_POINT_D_ACTIONS, 1)
    # The cell's opening is kept beside the action, as its context.
    assert "il a été recommandé à" in (row.context or "") + row.description
    assert (
        "Coordinatrice de cluster de vérifier avec les autres cluster en partageant la liste d'indicateurs"
        in row.description
    )
    assert row.description.split("\n")[1:] == [
        "Actions à prendre",
        "- La liste d'indicateurs a été partagée à tous les clusters concernés et à OCHA ; - Après vérification, corriger, puis consolider et partager pour validation ;",
    ]


def test_seed_point_d_actions_multi_paragraph_cell_keeps_its_paragraphs_as_lines():
    row = item(SEED_000_POINT_D_ACTIONS, 2)
    assert row.description.split("\n") == [
        "Le cluster lead (PNUD) a sollicité des fonds pour répondre à la situation des populations déplacées de Macina à Niono, il s'agit une requête de 30 000 USD, pour accompagner les acteurs dans l'évaluation des besoins des populations et élaborer un plan de relèvement.",
        "Une rencontre est également prévue avec le cluster Protection dans ce cadre",
        "La DNDS a également prévu des actions de distributions aux personnes déplacées",
        "Le suivi continu avec OCHA qui doit partager un plan d'action complet pour faciliter la mobilisation et la mise en œuvre",
    ]


def test_seed_point_d_actions_next_meeting_in_the_last_row():
    assert read(SEED_000_POINT_D_ACTIONS).next_meeting == (
        "La prochaine réunion aura lieu le 02 Mai, le lieu et l'heure sera communiquer une semaine avant la date"
    )


SEED_002_ACTIONS = [
    (
        "Rédaction d'une note sur la situation de protection dans les cercles de Macina, Tenenkou et Niono pour l'EHP",
        "CCP",
    ),
    (
        "Coordonner les actions au niveau de la région de Ségou entre le bureau de Bamako ou celui de Mopti)",
        "OCHA- CCP",
    ),
    (
        "Rédaction d'une note d'analyse du conflit dans les trois cercles afin d'éviter les terminologies qui viseraient à réduire la crise à un conflit inter communautaire entre Bambara et peulhs",
        "OCHA-CCP",
    ),
    (
        "Revoir les zones prioritaires d'intervention afin de s'adapter à l'évolution des zones en crise",
        "Acteurs Humanitaires",
    ),
    ("Plaidoyer pour la couverture de cette région de Ségo par les membres du cluster.", "CCP"),
    (
        "Plaidoyer pour le redéploiement des autorités administratives et militaires dans les zones affectées par les violences auprès d'EHP, du groupe de travail conjoint d'appui à la mise en place des autorités intérimaires, la POC et la coordinatrice humanitaire",
        "CCP-OCHA",
    ),
    (
        "Faire la cartographie des acteurs et des PDI dans les cercles de Tenenkou, Niono et Macina",
        "OCHA",
    ),
    (
        "Partager les indicateurs aux membres du cluster afin d'en sélectionner 3 pour le tableau de bord ORS",
        "CCP",
    ),
    (
        "Demander au HCR et au CICR de fournir des informations sur la situation des réfugiés nigériens au Mali/ Ménaka",
        "CCP",
    ),
    ("Partager les informations sur la situation de Ménaka (note de plaidoyer)", "CCP"),
]


def test_seed_recommandations_column_splits_actions_at_their_inline_owners():
    minutes = read(SEED_002_RECOMMANDATIONS)
    assert minutes.tables == 1
    assert [(item.description, item.owners_text) for item in minutes.items] == SEED_002_ACTIONS
    assert [item.line for item in minutes.items] == list(range(1, 11))
    assert all(item.deadline_text is None for item in minutes.items)


def test_seed_recommandations_inline_owners_split_into_names():
    owners = [split_owners(item.owners_text or "") for item in read(SEED_002_RECOMMANDATIONS).items]
    assert owners[:4] == [("CCP",), ("OCHA", "CCP"), ("OCHA", "CCP"), ("Acteurs Humanitaires",)]


def test_seed_recommandations_has_no_next_meeting():
    assert read(SEED_002_RECOMMANDATIONS).next_meeting is None


SEED_002_RECOMMENDATION_PARAGRAPHS = """\
Rédaction d'une note d'analyse du conflit dans les trois cercles afin d'éviter les terminologies qui viseraient à réduire la crise à un conflit inter communautaire entre Bambara et peulhs

Responsables/ OCHA-CCP

Revoir les zones prioritaires d'intervention afin de s'adapter à l'évolution des zones en crise/
Responsables : **Acteurs Humanitaires**

Plaidoyer pour la couverture de cette région de Ségo par les membres du cluster.

Responsables ;**CCP**

Plaidoyer pour le redéploiement des autorités administratives et militaires dans les zones affectées par les violences auprès d'EHP, du groupe de travail conjoint d'appui à la mise en place des autorités intérimaires, la POC et la coordinatrice humanitaire/**CCP-OCHA**

Faire la cartographie des acteurs et des PDI dans les cercles de Tenenkou, Niono et Macina

Responsables : **OCHA**
"""


def test_seed_recommendation_paragraphs_pasted_alone_read_their_inline_owners():
    minutes = read(SEED_002_RECOMMENDATION_PARAGRAPHS)
    assert minutes.tables == 0
    assert [(item.description, item.owners_text) for item in minutes.items] == SEED_002_ACTIONS[2:7]


# --- Inline owners ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rédiger la note pour l'EHP Responsable : CCP",
            [("Rédiger la note pour l'EHP", "CCP", None)],
        ),
        ("Rédiger la note Responsables : OCHA-CCP", [("Rédiger la note", "OCHA-CCP", None)]),
        ("Rédiger la note Responsables/ OCHA-CCP", [("Rédiger la note", "OCHA-CCP", None)]),
        ("Rédiger la note Responsables ;CCP", [("Rédiger la note", "CCP", None)]),
        ("Rédiger la note Responsable(s) : CCP", [("Rédiger la note", "CCP", None)]),
        ("Rédiger la note resp: CCP", [("Rédiger la note", "CCP", None)]),
        ("Rédiger la note (Responsable : CCP)", [("Rédiger la note", "CCP", None)]),
        ("Rédiger la note/CCP-OCHA", [("Rédiger la note", "CCP-OCHA", None)]),
        (
            "Rédiger la note / **Acteurs Humanitaires**",
            [("Rédiger la note", "Acteurs Humanitaires", None)],
        ),
        ("Informer sur Mali/ Ménaka/ CCP", [("Informer sur Mali/ Ménaka", "CCP", None)]),
        (
            "Rédiger la note Responsable : CCP Échéance : 25 octobre",
            [("Rédiger la note", "CCP", "25 octobre")],
        ),
        (
            "Rédiger la note Responsable : CCP Partager les chiffres Responsable : OCHA- CCP",
            [("Rédiger la note", "CCP", None), ("Partager les chiffres", "OCHA- CCP", None)],
        ),
        (
            "Rédiger la note Responsable : **CCP** Partager les chiffres Responsable : OCHA",
            [("Rédiger la note", "CCP", None), ("Partager les chiffres", "OCHA", None)],
        ),
        ("Rédiger la note\nResponsables\nOCHA", [("Rédiger la note", "OCHA", None)]),
        (
            "- Rédiger la note\nResponsable : CCP\nÉchéance : 25 octobre",
            [("Rédiger la note", "CCP", "25 octobre")],
        ),
    ],
)
def test_inline_owner_is_cut_out_of_the_description(text, expected):
    minutes = read("Recommandations\tDiscussions\n" + '"' + text.replace('"', '""') + '"\tx')
    assert triples(minutes) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Désigner un responsable ; partager la liste des points focaux",
        "Respecter la date limite de soumission des projets",
        "Nommer un responsable/point focal par région",
    ],
)
def test_label_words_in_prose_are_not_inline_owners(text):
    minutes = read(f"Recommandations\tDiscussions\n{text}\tx")
    # A recommendation that names no owner is kept, as a decision.
    assert triples(minutes) == [(text, None, None)]
    assert minutes.items[0].is_decision


def test_word_manual_line_breaks_are_line_breaks():
    minutes = read("Action\tResponsable\nRédiger la note\x0bsur Niono\tOCHA\u2028CCP")
    assert triples(minutes) == [("Rédiger la note\nsur Niono", "OCHA\nCCP", None)]


def test_two_acronyms_joined_by_a_slash_are_not_an_inline_owner():
    minutes = read("Recommandations\tDiscussions\nPartager le rapport avec OCHA/UNHCR\tx")
    assert triples(minutes) == [("Partager le rapport avec OCHA/UNHCR", None, None)]


def test_in_a_cell_with_inline_owners_a_paragraph_without_owner_is_context():
    cell = "Au cours du suivi, il a été noté :\n- le plan de sécurisation\nFaire la cartographie Responsable : OCHA"
    minutes = read(f'Recommandations / décisions\tDiscussions\n"{cell}"\tx')
    assert triples(minutes) == [("Faire la cartographie", "OCHA", None)]


def test_inline_owner_in_the_description_when_the_owner_cell_is_empty():
    minutes = read("Action\tResponsable\tÉchéance\nRédiger la note Responsable : CCP\t\t25 octobre")
    assert triples(minutes) == [("Rédiger la note", "CCP", "25 octobre")]


# --- Tab-separated (Word, Excel) ----------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Description\tResponsable\tÉchéance",
        "DESCRIPTION\tRESPONSABLE\tECHEANCE",
        "Action\tResp\tDélai",
        "Actions\tResponsables\tDate",
        "Point d'action(s)\tResponsable(s)\tDeadline",
        "Point d’actions\tResp.\tDelai",
        "Recommandations\tResponsable\tEchéance",
        "Actions prioritaires\tResponsable\tÉchéance :",
        "**Description**\t**Responsable**\t**Échéance**",
        "Action à mener\tResponsable (organisation)\tÉchéance (date)",
    ],
)
def test_header_names_with_or_without_accents_and_case(header):
    minutes = read(f"{header}\nRédiger la note\tOCHA\t25 octobre")
    assert minutes.tables == 1
    assert triples(minutes) == [("Rédiger la note", "OCHA", "25 octobre")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Responsable\tÉchéance\tAction\nOCHA\t25 octobre\tRédiger la note",
            ("Rédiger la note", "OCHA", "25 octobre"),
        ),
        (
            "No.\tThèmes\tAction\tResponsable\tÉchéance\n1\tProtection\tRédiger la note\tOCHA\t25 octobre",
            ("Rédiger la note", "OCHA", "25 octobre"),
        ),
        (
            "Action\tStatut\tResponsable\nRédiger la note\ten cours\tOCHA",
            ("Rédiger la note", "OCHA", None),
        ),
        (
            "Tâche\tQui\tQuand\nRédiger la note\tOCHA\t25 octobre",
            ("Rédiger la note", "OCHA", "25 octobre"),
        ),
        (
            "Activité à réaliser\tResponsable\tDélai\nRédiger la note\tOCHA\t25 octobre",
            ("Rédiger la note", "OCHA", "25 octobre"),
        ),
    ],
)
def test_column_order_comes_from_the_header(text, expected):
    assert triples(read(text)) == [expected]


def test_a_status_column_is_kept_beside_the_action():
    [found] = read("Action\tStatut\tResponsable\nRédiger la note\ten cours\tOCHA").items
    assert found.status_text == "en cours"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rédiger la note\tOCHA\t25 octobre", ("Rédiger la note", "OCHA", "25 octobre")),
        ("Rédiger la note\tOCHA", ("Rédiger la note", "OCHA", None)),
        ("Rédiger la note\t25 octobre", ("Rédiger la note", None, "25 octobre")),
        ("1\tRédiger la note\tOCHA\t25 octobre", ("Rédiger la note", "OCHA", "25 octobre")),
        (
            "1.\tRédiger la note\tOCHA\t25 octobre\tcommentaire",
            ("Rédiger la note", "OCHA", "25 octobre"),
        ),
    ],
)
def test_without_header_columns_are_description_owners_deadline(text, expected):
    assert triples(read(text)) == [expected]


def test_without_header_several_rows_are_read_by_their_cells():
    text = (
        "Rédiger la note sur Niono\tOCHA\t25 octobre\nPartager les chiffres du HRP\tCCP\t31 octobre"
    )
    assert triples(read(text)) == [
        ("Rédiger la note sur Niono", "OCHA", "25 octobre"),
        ("Partager les chiffres du HRP", "CCP", "31 octobre"),
    ]


def test_title_line_before_the_header_is_ignored():
    minutes = read("5. Actions prioritaires\n\n" + SEED_001_ACTIONS_PRIORITAIRES)
    assert triples(minutes) == SEED_001_ROWS


def test_excel_quoted_multi_line_cell_is_one_cell():
    text = 'Action\tResponsable\tÉchéance\n"Rédiger la note\nsur la situation ""Niono"""\tOCHA\t25 octobre\nPartager\tCCP\t31 octobre'
    assert triples(read(text)) == [
        ('Rédiger la note\nsur la situation "Niono"', "OCHA", "25 octobre"),
        ("Partager", "CCP", "31 octobre"),
    ]


def test_word_multi_paragraph_cells_spread_over_lines_are_glued_back():
    text = "Action\tResponsable\tÉchéance\nRédiger la note\nsur Niono\tOCHA\nCCP\t25 octobre\nPartager\tCCP\t31 octobre\n"
    minutes = read(text)
    assert triples(minutes) == [
        ("Rédiger la note\nsur Niono", "OCHA\nCCP", "25 octobre"),
        ("Partager", "CCP", "31 octobre"),
    ]
    assert [item.line for item in minutes.items] == [1, 2]


def test_bullets_numbers_blank_lines_and_empty_rows_are_dropped():
    text = "Action\tResponsable\tÉchéance\n\n1. Rédiger la note\tOCHA\t25 octobre\n\t\t\n• Partager\t▪ CCP\t31 octobre\n\n2) Former\tNRC\t\n▪ Suivre\tCCP\t\n- Évaluer\tCCP\t\n1- Introduction\tCCP\t\n"
    assert [(item.line, item.description, item.owners_text) for item in read(text).items] == [
        (1, "Rédiger la note", "OCHA"),
        (2, "Partager", "CCP"),
        (3, "Former", "NRC"),
        (4, "Suivre", "CCP"),
        (5, "Évaluer", "CCP"),
        (6, "Introduction", "CCP"),
    ]


def test_number_inside_a_description_is_kept():
    text = "Action\tResponsable\n1.5 million de kits à distribuer\tOCHA\n2017: réviser le HRP\tCCP"
    assert [item.description for item in read(text).items] == [
        "1.5 million de kits à distribuer",
        "2017: réviser le HRP",
    ]


def test_row_with_an_owner_but_no_description_is_dropped():
    assert triples(read("Action\tResponsable\n\tOCHA\nPartager\tCCP")) == [
        ("Partager", "CCP", None)
    ]


def test_lowercase_row_without_owner_continues_the_previous_row():
    text = "Action\tResponsable\nRédiger la note sur la situation de\tOCHA\nprotection à Niono\t\nPartager\t"
    assert triples(read(text)) == [
        ("Rédiger la note sur la situation de protection à Niono", "OCHA", None),
        ("Partager", None, None),
    ]


# --- Pipe-separated ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "| Description | Responsable | Échéance |\n|---|---|---|\n| Rédiger la note | OCHA | 25 octobre |\n| Partager | CCP | 31 octobre |",
        "| Description | Responsable | Échéance |\n|:-----------|:----:|------:|\n| Rédiger la note | OCHA | 25 octobre |\n| Partager | CCP | 31 octobre |",
        "Description | Responsable | Échéance\n--- | --- | ---\nRédiger la note | OCHA | 25 octobre\nPartager | CCP | 31 octobre",
        "Rédiger la note | OCHA | 25 octobre\nPartager | CCP | 31 octobre",
        "|Rédiger la note|OCHA|25 octobre|\n\n|Partager|CCP|31 octobre|\n",
        "+-----+\n| Rédiger la note | OCHA | 25 octobre |\n+-----+\n| Partager | CCP | 31 octobre |\n+-----+",
    ],
)
def test_pipe_tables_with_or_without_outer_pipes_and_separator_rows(text):
    assert triples(read(text)) == [
        ("Rédiger la note", "OCHA", "25 octobre"),
        ("Partager", "CCP", "31 octobre"),
    ]


def test_pipe_table_with_line_breaks_and_empty_cells():
    text = "| Action | Responsable | Échéance |\n|---|---|---|\n| Rédiger<br>la note | OCHA | |\n| | | |\n| Partager | | 31 octobre |"
    minutes = read(text)
    assert triples(minutes) == [
        ("Rédiger\nla note", "OCHA", None),
        ("Partager", None, "31 octobre"),
    ]
    assert [item.line for item in minutes.items] == [1, 2]


def test_pipe_table_lines_without_pipes_are_not_part_of_it():
    text = "Actions de la réunion\n\n| Action | Responsable |\n|---|---|\n| Rédiger la note | OCHA |\n\nMerci à tous"
    assert triples(read(text)) == [("Rédiger la note", "OCHA", None)]


def test_pipe_row_with_a_trailing_pipe_only_has_an_empty_last_cell():
    text = "Action | Responsable\nRédiger la note sur la situation de | OCHA\nprotection à Niono |"
    assert triples(read(text)) == [
        ("Rédiger la note sur la situation de protection à Niono", "OCHA", None)
    ]


# --- One action per line -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Rédiger la note — OCHA — 25 octobre",
        "Rédiger la note – OCHA – 25 octobre",
        "Rédiger la note - OCHA - 25 octobre",
        "Rédiger la note ; OCHA ; 25 octobre",
        "Rédiger la note;OCHA;25 octobre",
        "- Rédiger la note — OCHA — 25 octobre",
        "1. Rédiger la note — OCHA — 25 octobre",
        "3) Rédiger la note — OCHA — 25 octobre",
        "• Rédiger la note — OCHA — 25 octobre",
        "Rédiger la note — Responsable : OCHA — Échéance : 25 octobre",
    ],
)
def test_one_action_per_line_with_any_separator(line):
    assert triples(read(line)) == [("Rédiger la note", "OCHA", "25 octobre")]


def test_one_action_per_line_several_lines_and_a_title():
    text = "Actions de la réunion :\n\nRédiger la note — OCHA — 25 octobre\nPartager les chiffres — CCP\nFormer les partenaires — 31 octobre\n"
    minutes = read(text)
    assert minutes.tables == 0
    assert triples(minutes) == [
        ("Rédiger la note", "OCHA", "25 octobre"),
        ("Partager les chiffres", "CCP", None),
        ("Former les partenaires", None, "31 octobre"),
    ]
    assert [item.line for item in minutes.items] == [1, 2, 3]


def test_one_action_per_line_extra_separators_stay_in_the_description():
    assert triples(read("Atelier – phase 2 – Mopti — OCHA — 25 octobre")) == [
        ("Atelier – phase 2 – Mopti", "OCHA", "25 octobre")
    ]


def test_one_action_per_line_with_a_header_line_reads_its_order():
    minutes = read("Responsable — Action — Échéance\nOCHA — Rédiger la note — 25 octobre")
    assert triples(minutes) == [("Rédiger la note", "OCHA", "25 octobre")]


def test_owner_pair_is_not_split_on_its_hyphen():
    assert triples(read("Rédiger la note — OCHA-CCP — fin octobre")) == [
        ("Rédiger la note", "OCHA-CCP", "fin octobre")
    ]


# --- Not minutes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Bonjour",
        "Bonjour, voici le compte rendu de la réunion de ce matin.",
        "Merci à tous\npour votre participation\nà bientôt",
        "Actions prioritaires",
        "Description\tResponsable\tÉchéance",
        "| Description | Responsable | Échéance |\n|---|---|---|",
        "/importer",
    ],
)
def test_text_without_actions_gives_no_items(text):
    minutes = read(text)
    assert minutes.items == ()
    assert minutes.next_meeting is None


# --- Size --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "template"),
    [
        (
            "Description\tResponsable\tÉchéance",
            "Rédiger la note n° {i} sur la situation de protection à Niono et Macina\tOCHA-CCP\t{day} octobre",
        ),
        (
            "| Description | Responsable | Échéance |\n|---|---|---|",
            "| Rédiger la note n° {i} sur la situation de protection | OCHA-CCP | {day} octobre |",
        ),
        (
            "Description — Responsable — Échéance",
            "Rédiger la note n° {i} sur la situation de protection — OCHA-CCP — {day} octobre",
        ),
        (
            "Recommandations / décisions\tDiscussions",
            "Rédiger la note n° {i} sur la situation Responsables : OCHA-CCP\tdiscussion",
        ),
    ],
)
def test_three_hundred_rows_read_in_tens_of_milliseconds(header, template):
    body = "\n".join(template.format(i=i, day=i % 28 + 1) for i in range(300))
    text = f"{header}\n{body}"
    minutes = read(text)
    assert len(minutes.items) == 300
    assert minutes.items[299].line == 300
    assert "n° 299 " in minutes.items[299].description
    assert minutes.items[299].owners_text == "OCHA-CCP"
