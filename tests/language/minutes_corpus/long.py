"""The largest document: an annual review of a health cluster, about 30 pages once built.

300 action rows in three tables (one per region), with the narrative between them, to time
the read. Owners and deadlines cycle through the forms of the other cases, each row carrying
a reference ("Réf. A001") that its expected fragment names.
"""

from __future__ import annotations

from datetime import date

from tests.language.minutes_corpus.model import Action, Block, Case, Cell, h, p, page_break, t
from tests.language.minutes_corpus.seeds import CRP_MEMBERS
from tests.language.minutes_corpus.variations_tables import WEDNESDAY

_OWNERS: list[tuple[str, tuple[str, ...]]] = [
    ("OMS", ("OMS",)),
    ("UNICEF", ("UNICEF",)),
    ("OCHA/UNICEF", ("OCHA", "UNICEF")),
    ("Tous les membres", ("@membres",)),
    ("La coordination", ("@coordination",)),
    ("MSF", ("MSF",)),
    ("PAM", ("PAM",)),
    ("IRC", ("IRC",)),
    ("Oumou", ("Oumou Sow",)),
    ("HCR, OIM", ("HCR", "OIM")),
    ("ACF", ("ACF",)),
]
_DEADLINES: list[tuple[str, str | None]] = [
    ("fin mars", "2023-03-31"),
    ("15 avril", "2023-04-15"),
    ("vendredi prochain", "2023-03-17"),
    ("en permanence", "undated"),
    ("avant la prochaine réunion", "meeting"),
    ("30/04/2023", "2023-04-30"),
    ("mi-mai", "2023-05-15"),
    ("", None),
    ("fin juin", "2023-06-30"),
]
_TASKS = [
    "Renforcer la surveillance épidémiologique à base communautaire",
    "Approvisionner les centres de santé en médicaments essentiels",
    "Former les agents de santé communautaires à la prise en charge du paludisme",
    "Organiser des cliniques mobiles pour les personnes déplacées",
    "Réhabiliter le circuit de référence des urgences obstétricales",
    "Mettre à jour la cartographie des formations sanitaires fonctionnelles",
    "Assurer la prise en charge psychosociale des survivantes de VBG",
    "Prépositionner les kits choléra dans les districts à risque",
    "Évaluer la couverture vaccinale des enfants de moins de cinq ans",
    "Partager les données de la semaine épidémiologique avec le cluster",
]
_REGIONS = {
    "Mopti": ["Bandiagara", "Douentza", "Djenné", "Tenenkou", "Youwarou", "Koro", "Bankass"],
    "Ségou": ["Macina", "Niono", "San", "Tominian", "Bla", "Barouéli", "Markala"],
    "Tombouctou": ["Goundam", "Diré", "Niafunké", "Gourma-Rharous", "Léré", "Ber", "Ténenkou"],
}
_ROWS_PER_REGION = 100
_PARTICIPANTS = 48
_ORGANISATIONS = [
    "OMS",
    "UNICEF",
    "OCHA",
    "MSF",
    "PAM",
    "IRC",
    "ACF",
    "HCR",
    "OIM",
    "PNUD",
    "ALIMA",
]


def _row(number: int, district: str) -> tuple[list[Cell], Action]:
    owner_text, owners = _OWNERS[number % len(_OWNERS)]
    deadline_text, deadline = _DEADLINES[number % len(_DEADLINES)]
    reference = f"Réf. A{number:03d}"
    task = _TASKS[number % len(_TASKS)]
    description = (
        f"{reference} : {task} dans le district sanitaire de {district}.\n"
        f"Contexte : les partenaires ont signalé des ruptures et des besoins non couverts dans "
        f"les aires de santé de {district} au cours du dernier trimestre."
    )
    observation = (
        f"Suivi à assurer lors de la revue mensuelle ; priorité {1 + number % 3} pour {district}."
    )
    cells: list[Cell] = [str(number), description, owner_text, deadline_text, observation]
    fragment = f"ref. a{number:03d}"
    return cells, Action(fragment, owners, deadline)


def _build() -> tuple[list[Block], list[Action]]:
    blocks: list[Block] = [
        h("Cluster Santé – Revue annuelle de la réponse et plan d'action 2023"),
        p("Date : mercredi 15 mars 2023, de 9h à 16h, salle de conférence de l'OMS, Bamako"),
        p(
            "La revue annuelle a réuni les partenaires du cluster santé au niveau national et "
            "les coordinateurs des sous-clusters régionaux de Mopti, Ségou et Tombouctou."
        ),
    ]
    actions: list[Action] = []
    number = 1
    for region, districts in _REGIONS.items():
        blocks.append(page_break())
        blocks.append(h(f"Région de {region}"))
        blocks.append(
            p(
                f"Le sous-cluster de {region} a présenté le bilan de l'année : la couverture des "
                "besoins reste partielle en raison de l'insécurité sur les axes, des ruptures "
                "d'intrants et du départ de plusieurs partenaires."
            )
        )
        for district in districts:
            blocks.append(
                p(
                    f"District sanitaire de {district} : les partenaires présents ont rendu "
                    "compte des consultations curatives, des références et des activités de "
                    "vaccination. Les ruptures de médicaments essentiels et l'accès aux aires de "
                    "santé éloignées restent les principales contraintes ; les discussions ont "
                    "porté sur la continuité des services essentiels et sur la coordination avec "
                    "l'équipe cadre du district et les autorités sanitaires régionales."
                )
            )
            blocks.append(
                p(
                    f"À {district}, les données de surveillance sont partagées chaque semaine "
                    "par l'équipe cadre du district et les besoins non couverts figurent dans la "
                    "matrice 4W tenue par le sous-cluster."
                )
            )
        rows: list[list[Cell]] = [["N°", "Actions", "Responsable", "Échéance", "Observations"]]
        for index in range(_ROWS_PER_REGION):
            cells, action = _row(number, districts[index % len(districts)])
            rows.append(cells)
            actions.append(action)
            number += 1
        blocks.append(t(*rows))
    blocks.append(p("La prochaine réunion du cluster santé aura lieu le mercredi 12 avril 2023."))
    blocks.append(page_break())
    blocks.append(h("Liste des participants"))
    participants: list[list[Cell]] = [["N°", "Nom et prénom", "Organisation", "Fonction", "E-mail"]]
    for index in range(_PARTICIPANTS):
        organisation = _ORGANISATIONS[index % len(_ORGANISATIONS)]
        participants.append(
            [
                str(index + 1),
                f"Participant {index + 1:02d}",
                organisation,
                "Point focal santé",
                f"participant{index + 1:02d}@{organisation.lower().replace(' ', '')}.org",
            ]
        )
    blocks.append(t(*participants))
    return blocks, actions


_BLOCKS, _ACTIONS = _build()

LONG_HEALTH_REVIEW = Case(
    name="long_health_review_2023",
    meeting_date=WEDNESDAY,
    members=CRP_MEMBERS,
    blocks=_BLOCKS,
    actions=_ACTIONS,
    next_meeting=date(2023, 4, 12),
    participants=_PARTICIPANTS,
    tables=3,
)
