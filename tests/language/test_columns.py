"""Which table holds actions, and where their parts are (:func:`language.columns.read_layout`).

The predicates are the caller's: here, a few owners the cluster knows and dates in words."""

import re

import pytest

from language.columns import Kind, Layout, read_layout

KNOWN = {"OCHA", "CCP", "NRC", "PNUD", "UNICEF", "Oumou", "Gerson"}
_DATE_RE = re.compile(
    r"^(?:(?:le |fin |d'ici (?:le |fin )?)?\d{0,2}\s*(?:janvier|février|mars|avril|mai|juin|"
    r"juillet|août|septembre|octobre|novembre|décembre)|\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
    r"immédiat|continu)$",
    re.IGNORECASE,
)


def owner_like(text: str) -> bool:
    names = [name.strip() for name in re.split(r"[,/;\n]|\bet\b", text) if name.strip()]
    return bool(names) and all(name in KNOWN for name in names)


def deadline_like(text: str) -> bool:
    return bool(_DATE_RE.match(" ".join(text.split())))


def layout(rows: list[list[str]]) -> Layout:
    return read_layout(rows, owner_like=owner_like, deadline_like=deadline_like)


def parts(found: Layout) -> tuple[Kind, int | None, int | None, int | None]:
    return found.kind, found.description, found.owners, found.deadline


# --- A header row ------------------------------------------------------------------------------


def test_header_names_the_columns():
    found = layout([["Action", "Responsable", "Échéance"], ["Rédiger la note", "OCHA", "mai"]])
    assert parts(found) == (Kind.ACTIONS, 0, 1, 2)
    assert found.header_rows == 1


def test_header_in_any_order():
    found = layout([["Échéance", "Responsable", "Action"], ["mai", "OCHA", "Rédiger la note"]])
    assert parts(found) == (Kind.ACTIONS, 2, 1, 0)


def test_numbering_topic_and_observations_are_not_the_action():
    found = layout(
        [
            ["N°", "Thème", "Action", "Responsable", "Échéance", "Observations"],
            ["1", "Protection", "Rédiger la note", "OCHA", "25 octobre", "urgent"],
        ]
    )
    assert parts(found) == (Kind.ACTIONS, 2, 3, 4)
    assert set(found.context) == {1, 5}  # kept beside the action; the number is not


def test_topic_is_the_action_when_nothing_else_names_it():
    found = layout([["Thème", "Responsable", "Échéance"], ["Rédiger la note", "OCHA", "mai"]])
    assert parts(found) == (Kind.ACTIONS, 0, 1, 2)


def test_recommendations_without_owner_column_are_actions_with_inline_owners():
    found = layout(
        [
            [
                "Points à l'ordre du jour",
                "Discussions / informations",
                "Recommandations / décisions",
            ],
            ["1. Suivi", "Le plan a été suivi.", "Rédiger la note Responsable : CCP"],
        ]
    )
    assert parts(found) == (Kind.ACTIONS, 2, None, None)


def test_a_follow_up_table_has_a_status():
    found = layout(
        [["Action", "Responsable", "Statut"], ["Rédiger la note", "OCHA", "Réalisé"]],
    )
    assert found.kind == Kind.ACTIONS
    assert found.status == 2


def test_a_title_row_above_the_header_is_skipped():
    found = layout(
        [
            ["5. Actions prioritaires", "", ""],
            ["Action", "Responsable", "Échéance"],
            ["Rédiger la note", "OCHA", "25 octobre"],
        ]
    )
    assert parts(found) == (Kind.ACTIONS, 0, 1, 2)
    assert found.header_rows == 2


# --- No header: read by the cells ----------------------------------------------------------


def test_headerless_table_is_read_by_its_cells():
    found = layout(
        [
            ["Rédiger la note sur la situation à Niono", "OCHA", "25 octobre"],
            ["Partager les chiffres du HRP 2017", "CCP", "31 octobre"],
        ]
    )
    assert parts(found) == (Kind.ACTIONS, 0, 1, 2)
    assert found.header_rows == 0


def test_headerless_table_with_the_owner_first():
    found = layout(
        [
            ["OCHA", "Rédiger la note sur la situation à Niono", "25 octobre"],
            ["CCP", "Partager les chiffres du HRP 2017", "fin octobre"],
        ]
    )
    assert parts(found) == (Kind.ACTIONS, 1, 0, 2)


def test_headerless_table_with_a_numbering_column():
    found = layout(
        [
            ["1", "Rédiger la note sur la situation à Niono", "Oumou", "25 octobre"],
            ["2", "Partager les chiffres du HRP 2017", "Gerson", "31 octobre"],
            ["3", "Former les partenaires au nouvel outil", "NRC", "mai"],
        ]
    )
    assert parts(found) == (Kind.ACTIONS, 1, 2, 3)


def test_headerless_table_of_short_actions_is_still_actions():
    found = layout([["Rédiger la note", "OCHA", "25 octobre"], ["Partager", "CCP", "31 octobre"]])
    assert parts(found) == (Kind.ACTIONS, 0, 1, 2)


def test_headerless_table_without_owners_nor_deadlines_is_not_actions():
    found = layout(
        [
            ["Présentation du nouveau coordinateur", "Le coordinateur a été présenté."],
            ["Tour de table des partenaires", "Chaque partenaire a présenté ses activités."],
        ]
    )
    assert found.kind == Kind.OTHER


def test_form_of_labels_and_values_is_not_actions():
    found = layout([["Rapporteur", "Oumou"], ["Lieu", "Bamako"], ["Date", "5 avril"]])
    assert found.kind == Kind.OTHER


# --- Tables that are not actions -----------------------------------------------------------


def test_participants_list():
    found = layout(
        [
            ["Nom", "Organisation", "Fonction", "Email", "Téléphone"],
            ["Oumou Sow", "PNUD", "Coordinatrice", "oumou@undp.org", "+223 20 00 00 00"],
        ]
    )
    assert found.kind == Kind.PARTICIPANTS
    assert found.roles == {"name": 0, "organisation": 1, "function": 2, "email": 3, "phone": 4}


def test_numbered_participants_list():
    found = layout([["No.", "Nom & Prénom", "Organisation"], ["1", "Siradjou Keita", "AVSF"]])
    assert found.kind == Kind.PARTICIPANTS
    assert found.roles["name"] == 1
    assert found.roles["organisation"] == 2


@pytest.mark.parametrize(
    "rows",
    [
        # An agenda, with and without its header.
        [["Heure", "Point", "Intervenant"], ["09h00", "Ouverture", "OCHA"]],
        [
            ["09h00 - 09h30", "Ouverture de la réunion et mot de bienvenue", "OCHA"],
            ["09h30 - 10h00", "Tour de table des partenaires présents", "CCP"],
        ],
        [["Thème", "Intervenant"], ["Protection", "OCHA"]],
        # A 3W matrix.
        [["Qui", "Quoi", "Où"], ["OCHA", "Distribution de kits", "Mopti"]],
        [["Organisation", "Activité", "Région", "Cercle"], ["NRC", "Abris", "Mopti", "Djenné"]],
        # Figures.
        [
            ["", "NORD", "CENTRE", "SUD"],
            ["0-3 mois", "9%", "10%", "2%"],
            ["3-6 mois", "19%", "12%", "5%"],
        ],
        [["Région", "Bénéficiaires", "Budget"], ["Mopti", "1200", "5000"]],
        [["Mopti", "1 200", "5 000 USD"], ["Ségou", "3 400", "7 000 USD"]],
        # A report of activities: its "status" is sentences.
        [
            ["Sujet", "Description/Contexte", "Statut"],
            [
                "Formation OPS",
                "La séance de formation aura lieu le vendredi 21 octobre à 10h.",
                "OCHA va fournir les outils pour la formation des partenaires.",
            ],
        ],
        # Nothing to read.
        [],
        [["Compte rendu de la réunion"]],
    ],
    ids=[
        "agenda",
        "agenda-times",
        "who-presents",
        "3w",
        "3w-places",
        "percentages",
        "figures-header",
        "figures",
        "report",
        "empty",
        "one-cell",
    ],
)
def test_tables_that_are_not_actions(rows):
    assert layout(rows).kind == Kind.OTHER


def test_a_3w_matrix_with_a_deadline_is_actions():
    found = layout(
        [
            ["Action", "Responsable", "Région", "Échéance"],
            ["Distribuer les kits", "NRC", "Mopti", "fin mai"],
        ]
    )
    assert parts(found) == (Kind.ACTIONS, 0, 1, 3)
