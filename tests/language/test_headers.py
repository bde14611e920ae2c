"""What a table's header cell names (:func:`language.headers.header_role`)."""

import pytest

from language.headers import Role, header_role, is_header_word


@pytest.mark.parametrize(
    "cell",
    [
        "Action",
        "Actions",
        "ACTIONS",
        "Action(s)",
        "Actions à mener",
        "Actions convenues",
        "Actions prioritaires",
        "Activités prévues",
        "Activité à réaliser",
        "Tâches",
        "Taches",
        "Point d'actions",
        "Point d’actions",  # a curly apostrophe
        "Points d'action",
        "Description",
        "Quoi",
        "Prochaines étapes",
        "Action items",
        "ACTION POINTS",
        "Next steps",
        "Activities",
        "Tasks",
        "Agreed actions",
    ],
)
def test_what_is_to_be_done(cell):
    assert header_role(cell) == Role.DESCRIPTION


@pytest.mark.parametrize(
    "cell",
    [
        "Recommandation",
        "Recommandations",
        "Recommandations / décisions",
        "Décisions",
        "Decisions prises",
        "Résolutions",
        "Conclusions",
        "Recommendations",
    ],
)
def test_recommendations_and_decisions(cell):
    assert header_role(cell) == Role.RECOMMENDATION


@pytest.mark.parametrize(
    "cell",
    [
        "Responsable",
        "Responsables",
        "RESPONSABLES",
        "Responsable(s)",
        "Responsable (s)",
        "Resp",
        "Resp.",
        "Entité responsable",
        "Structure chargée",
        "Structures responsables",
        "Qui",
        "Qui fait quoi ?",
        "Point focal",
        "Points focaux",
        "Lead",
        "Acteurs",
        "Organisation",
        "Owner",
        "Who",
        "By whom",
        "Responsible",
    ],
)
def test_who(cell):
    assert header_role(cell) == Role.OWNERS


@pytest.mark.parametrize(
    "cell",
    [
        "Échéance",
        "Echéance",
        "Echeance",
        "ÉCHÉANCE",
        "Échéances",
        "Échéancier",
        "Date limite",
        "Date butoir",
        "Délai",
        "Délais",
        "Delai",
        "Date",
        "Dates",
        "Période",
        "Période de réalisation",
        "Délai d'exécution",
        "Quand",
        "Chronogramme",
        "Deadline",
        "Due date",
        "Timeline",
        "By when",
    ],
)
def test_when(cell):
    assert header_role(cell) == Role.DEADLINE


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("Statut", Role.STATUS),
        ("Status", Role.STATUS),
        ("État d'avancement", Role.STATUS),
        ("Niveau d'exécution", Role.STATUS),
        ("N°", Role.NUMBER),
        ("No.", Role.NUMBER),
        ("#", Role.NUMBER),
        ("Observations", Role.CONTEXT),
        ("Remarques", Role.CONTEXT),
        ("Commentaires", Role.CONTEXT),
        ("Discussions", Role.CONTEXT),
        ("Thème", Role.TOPIC),
        ("Thèmes", Role.TOPIC),
        ("Point discuté", Role.TOPIC),
        ("Points à l'ordre du jour", Role.TOPIC),
        ("Nom", Role.PARTICIPANT),
        ("Nom & Prénom", Role.PARTICIPANT),
        ("Fonction", Role.PARTICIPANT),
        ("Email", Role.PARTICIPANT),
        ("Téléphone", Role.PARTICIPANT),
        ("Région", Role.PLACE),
        ("Cercle", Role.PLACE),
        ("Où", Role.PLACE),
        ("Bénéficiaires", Role.FIGURE),
        ("Budget", Role.FIGURE),
        ("Montant (FCFA)", Role.FIGURE),
    ],
)
def test_the_columns_around_the_action(cell, role):
    assert header_role(cell) == role


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        # One typing error in a long word.
        ("Responsabel", Role.OWNERS),
        ("Responsbles", Role.OWNERS),
        ("Echeace", Role.DEADLINE),
        ("Dealine", Role.DEADLINE),
        ("Recomandations", Role.RECOMMENDATION),
        ("Activitées", Role.DESCRIPTION),
    ],
)
def test_one_typing_error_is_forgiven(cell, role):
    assert header_role(cell) == role


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("Échéance (date)", Role.DEADLINE),
        ("Échéance\n(jj/mm)", Role.DEADLINE),
        ("Responsable (organisation)", Role.OWNERS),
        ("Point focal (organisation)", Role.OWNERS),
        ("Responsable\n(à compléter)", Role.OWNERS),
        ("**Responsable**", Role.OWNERS),
        ("Responsable :", Role.OWNERS),
        ("Responsable\u00a0:", Role.OWNERS),
        ("Échéance:", Role.DEADLINE),
        ("- Responsable", Role.OWNERS),
        ("• Action", Role.DESCRIPTION),
        ("[Responsable]", Role.OWNERS),
    ],
)
def test_qualifiers_marks_and_colons_are_ignored(cell, role):
    assert header_role(cell) == role


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("Responsable du suivi et de la mise en œuvre", Role.OWNERS),
        ("Responsable de la mise en oeuvre", Role.OWNERS),
        ("Date de réalisation prévue", Role.DEADLINE),
        ("Echéance prévue", Role.DEADLINE),
        ("Actions à mener par les partenaires", Role.DESCRIPTION),
    ],
)
def test_a_header_is_named_by_its_leading_words(cell, role):
    assert header_role(cell) == role


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("Responsable / Échéance", Role.OWNERS),
        ("Responsable(s) / Structure", Role.OWNERS),
        ("Observations / Commentaires", Role.CONTEXT),
        # The action wins: the column holds the actions.
        ("Discussions et actions", Role.DESCRIPTION),
        ("Action et responsable", Role.DESCRIPTION),
    ],
)
def test_a_cell_of_two_roles(cell, role):
    assert header_role(cell) == role


@pytest.mark.parametrize(
    "cell",
    [
        "",
        "   ",
        "Rédiger la note",
        "OCHA",
        "25 octobre",
        "En cours",
        "Bonjour",
        "Merci à tous pour votre participation",
        "Actionnaire",  # a header word is a whole word
        "Datation",
        "Action " + "à mener " * 12,  # too long to be a column title
    ],
)
def test_cells_that_are_not_headers(cell):
    assert header_role(cell) is None
    assert not is_header_word(cell)


def test_the_date_of_the_meeting_is_not_a_deadline_column():
    # "date de la reunion" before "date": a follow-up table's "Date de la réunion" says when
    # the action was decided, not when it is due.
    assert header_role("Date de la réunion") != Role.DEADLINE
