"""Pre-load the organisations seen in the minutes, with their French and English names.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here on purpose: a migration must not change when the code around it does.
ORGANISATIONS: list[tuple[str, str | None, list[str]]] = [
    (
        "PNUD",
        "Programme des Nations Unies pour le développement",
        ["UNDP", "United Nations Development Programme"],
    ),
    (
        "HCR",
        "Haut-Commissariat des Nations Unies pour les réfugiés",
        ["UNHCR", "United Nations High Commissioner for Refugees"],
    ),
    ("PAM", "Programme alimentaire mondial", ["WFP", "World Food Programme"]),
    (
        "OIM",
        "Organisation internationale pour les migrations",
        ["IOM", "International Organization for Migration"],
    ),
    ("ONU Femmes", "Entité des Nations Unies pour l'égalité des sexes", ["UN Women", "ONU-Femmes"]),
    ("UNICEF", "Fonds des Nations Unies pour l'enfance", []),
    ("UNFPA", "Fonds des Nations Unies pour la population", ["FNUAP"]),
    (
        "OCHA",
        "Bureau de la coordination des affaires humanitaires",
        ["BCAH", "Office for the Coordination of Humanitarian Affairs"],
    ),
    (
        "MINUSMA",
        "Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali",
        ["MINUSMA CAD", "MINUSMA POC"],
    ),
    (
        "CICR",
        "Comité international de la Croix-Rouge",
        ["ICRC", "International Committee of the Red Cross"],
    ),
    ("NRC", "Conseil norvégien pour les réfugiés", ["Norwegian Refugee Council"]),
    ("ACF", "Action contre la faim", ["ACF-Espagne", "Action Against Hunger"]),
    ("ACTED", "Agence d'aide à la coopération technique et au développement", []),
    ("REACH", "REACH Initiative", []),
    ("CRS", "Catholic Relief Services", []),
    ("WVI", "World Vision International", ["World Vision"]),
    ("IRC", "International Rescue Committee", ["Comité international de secours"]),
    ("MSF", "Médecins sans frontières", ["MSF France", "MSF F", "Doctors Without Borders"]),
    ("DCA", "DanChurchAid", []),
    (
        "UNMAS",
        "Service de la lutte antimines des Nations Unies",
        ["United Nations Mine Action Service"],
    ),
    ("ABA-ROLI", "American Bar Association Rule of Law Initiative", ["ABA ROLI"]),
    ("IEDA Relief", "International Emergency and Development Aid", ["IEDA"]),
    ("AVSF", "Agronomes et vétérinaires sans frontières", []),
    ("SIA", "Solidarité internationale pour l'Afrique", []),
    ("IMRAP", "Institut malien de recherche action pour la paix", []),
    ("FHI 360", "Family Health International", ["FHI360", "FHI"]),
    ("Mercy Corps", "Mercy Corps", ["ONG Mercy Corps"]),
    (
        "DNDS",
        "Direction nationale du développement social",
        ["DRDS", "Développement social", "Direction régionale du développement social"],
    ),
    ("CMP", "Commission mouvement de populations", ["Commission Mouvement de Populations"]),
    ("RCO", "Bureau du coordonnateur résident", ["Resident Coordinator's Office"]),
    ("3AG", "ONG 3AG", []),
    ("AFM", "Association d'assistance aux filles mères Djigui Tugu Ton", []),
]


def upgrade() -> None:
    organisation = sa.table(
        "organisation",
        sa.column("acronym", sa.String),
        sa.column("full_name", sa.String),
        sa.column("aliases", sa.JSON),
    )
    existing = {
        row[0] for row in op.get_bind().execute(sa.text("SELECT acronym FROM organisation"))
    }
    op.bulk_insert(
        organisation,
        [
            {"acronym": acronym, "full_name": full_name, "aliases": aliases}
            for acronym, full_name, aliases in ORGANISATIONS
            if acronym not in existing
        ],
    )


def downgrade() -> None:
    # Organisations may be referenced by actions by now: leave them in place.
    pass
