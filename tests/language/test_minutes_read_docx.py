"""Minutes as .docx -> actions and next meeting (:func:`language.minutes.read_docx`). The
documents are built here, with python-docx, in the shapes of the seeds' tables."""

import io
import os
import zipfile
from collections.abc import Sequence

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.table import Table, _Cell

from language.document import CorruptFile, FileError, NotADocx
from language.minutes import Minutes, read_docx
from tests.language.test_tables import SEED_001_ROWS

# --- Building documents ---------------------------------------------------------------------


def fill(cell: _Cell, text: str) -> None:
    """Write a cell: one paragraph per line; "**x**" is a bold run."""
    lines = text.split("\n")
    cell.text = ""
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        for position, chunk in enumerate(line.split("**")):
            if chunk:
                paragraph.add_run(chunk).bold = position % 2 == 1


def add_table(document: DocxDocument, rows: Sequence[Sequence[str]]) -> Table:
    table: Table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            fill(cell, text)
    return table


def to_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read(document: DocxDocument) -> Minutes:
    return read_docx(to_bytes(document))


def triples(minutes: Minutes) -> list[tuple[str, str | None, str | None]]:
    return [(item.description, item.owners_text, item.deadline_text) for item in minutes.items]


PARTICIPANTS = [
    ["Organization", "Nom", "Fonction", "Email"],
    ["ONG 3AG", "Boukary Guindo", "Chargé de Suivi-Évaluation", "boukaryguindo@gmail.com"],
    ["PNUD", "Moustapha Diallo", "Early Recovery Advisor", "moustapha.diallo@undp.org"],
    ["Mercy Corps", "Alliou Traoré", "Program Manager", "atraore@mercicorps.org"],
]
PARTICIPANTS_NUMBERED = [
    ["No.", "Nom & Prénom", "Organisation"],
    ["1", "Siradjou Keita", "AVSF"],
    ["12", "Gerson BRANDAO", "OCHA"],
]
STATE_OF_ACTIVITIES = [
    ["Sujet", "Description/Contexte", "Statut"],
    [
        "Présentation du Coordinateur du CRP",
        "Présentation de nouveau Coordinateur du CRP aux membres du CRP.",
        "",
    ],
    [
        "Formation OPS",
        "La séance de formation aura lieu le vendredi 21 octobre à 10h, au bureau de NRC.",
        "OCHA vais fournir les outils pour la formation.",
    ],
]
# The seed's action table, as test_tables pastes it.
ACTIONS_PRIORITAIRES = [["Description", "Responsable", "Echéance"], *map(list, SEED_001_ROWS)]
ACTIONS_PRIORITAIRES_ROWS = [
    (description, owners, deadline) for description, owners, deadline in ACTIONS_PRIORITAIRES[1:]
]


def seed_001_minutes() -> DocxDocument:
    """The "Actions prioritaires" minutes of the Cluster Relèvement Précoce."""
    document = docx.Document()
    document.add_heading(
        "Compte rendu de la réunion des partenaires du Cluster Relèvement Précoce", 1
    )
    document.add_paragraph("(20 octobre 2016, 14h30, PNUD)")
    document.add_heading("2. État des lieux des activités", 2)
    add_table(document, STATE_OF_ACTIVITIES)
    document.add_heading("5. Actions prioritaires", 2)
    add_table(document, ACTIONS_PRIORITAIRES)
    document.add_heading("7. Participants", 2)
    add_table(document, PARTICIPANTS)
    document.add_paragraph(
        "La prochaine réunion aura lieu le 02 Mai, le lieu et l'heure seront communiqués une semaine avant la date."
    )
    return document


SEED_000_TABLE = [
    ["Thèmes", "Recommandations / Commentaires", "Point d'actions", "Responsable"],
    [
        "Suivi des points de recommandations de la réunion précédente.",
        "Les points de recommandations ont été suivis avec succès.",
        "D'autres ateliers seront organisés dans les mois à venir et selon les besoins",
        "/Oumou",
    ],
    [
        "Discussion sur le choix des indicateurs à suivre (7 indicateurs maxi).",
        "Ce point a suscité des discussions intéressantes.",
        "Vérifier avec les autres clusters en partageant la liste d'indicateurs par mail\nActions à prendre\n- La liste d'indicateurs a été partagée à tous les clusters concernés et à OCHA ;\n- Après vérification, corriger, puis consolider et partager pour validation ;",
        "Oumou",
    ],
    [
        "Partage d'informations sur la situation de Niono et Macina",
        "Ce point a été abordé.",
        "Le cluster lead (PNUD) a sollicité des fonds pour répondre à la situation des populations déplacées.\nUne rencontre est également prévue avec le cluster Protection dans ce cadre",
        "▪ Oumou/Jean-Luc",
    ],
    [
        "Tour de table sur les activités/suggestions/planifications des partenaires.",
        "L'ONG Mercy Corps a partagé un outil d'évaluation de marché.",
        "Les discussions devraient se poursuivre directement avec Mercy Corps",
        "▪ ONG Mercy Corps et IMRAP\n▪ Oumou/JL",
    ],
    [
        "Partage d'informations sur le Nexus Humanitaire vers le développement",
        "Les informations seront partagées en temps réel aux membres du cluster ;",
        "",
        "Moustapha Diallo, Gerson/ Oumou",
    ],
    [
        "Ainsi se termine la réunion avec de vifs remerciements aux participants\nLa prochaine réunion aura lieu le 02 Mai, le lieu et l'heure sera communiquer une semaine avant la date",
        "",
        "",
        "",
    ],
]


def seed_000_minutes() -> DocxDocument:
    """The Cluster Relèvement Rapide minutes: participants, then the "Point d'actions" table
    whose last row, merged across, holds the next meeting."""
    document = docx.Document()
    document.add_paragraph("Compte rendu de la réunion")
    document.add_paragraph("Points à l'ordre du jour :")
    for item in ("Suivi des points de recommandations de la réunion précédente.", "Divers"):
        document.add_paragraph(item, style="List Number")
    document.add_paragraph("Liste des participants :")
    add_table(document, PARTICIPANTS_NUMBERED)
    table = add_table(document, SEED_000_TABLE)
    last = table.rows[-1].cells
    fill(last[0].merge(last[3]), SEED_000_TABLE[-1][0])
    return document


SEED_002_TABLE = [
    ["Points à l'ordre du jour", "Discussions / informations", "Recommandations / décisions"],
    ["l'ordre du jour proposé a été approuvé par les membres du CP après un tour de table", "", ""],
    [
        "1. Suivi du plan d'action du cluster protection",
        "Avant d'entamer le suivi du plan d'action, M. Tunga d'OCHA a exposé les conclusions de la mission.\nAu cours du suivi du plan d'action, certaines informations ont été données notamment sur :\n- L'élaboration du plan de contingence pour prévoir la période de pluie par OCHA,",
        "Rédaction d'une note sur la situation de protection dans les cercles de Macina, Tenenkou et Niono pour l'EHP Responsable : CCP\n"
        "Coordonner les actions au niveau de la région de Ségou entre le bureau de Bamako ou celui de Mopti Responsable : OCHA- CCP\n"
        "Rédaction d'une note d'analyse du conflit dans les trois cercles\n"
        "\n"
        "Responsables/ OCHA-CCP\n"
        "Revoir les zones prioritaires d'intervention afin de s'adapter à l'évolution des zones en crise/\n"
        "Responsables : **Acteurs Humanitaires**\n"
        "Plaidoyer pour la couverture de cette région de Ségo par les membres du cluster.\n"
        "Responsables ;**CCP**\n"
        "Plaidoyer pour le redéploiement des autorités administratives auprès de la coordinatrice humanitaire/**CCP-OCHA**\n"
        "Faire la cartographie des acteurs et des PDI dans les cercles de Tenenkou, Niono et Macina\n"
        "Responsables : **OCHA**",
    ],
    [
        "2. Sélection de 3 indicateurs protection pour OCHA",
        "9 indicateurs dans le domaine de la protection ont été présentés aux participants.",
        "Partager les indicateurs aux membres du cluster afin d'en sélectionner 3 pour le tableau de bord ORS\nResponsable : CCP",
    ],
    [
        "3. Présentation d'ORS par OCHA",
        "L'assistante en gestion de l'information d'OCHA a fait une présentation sur l'outil ORS.",
        "",
    ],
    [
        "4. Divers",
        "Plusieurs points ont été soulignés dans les divers, notamment :",
        "Demander au HCR et au CICR de fournir des informations sur la situation des réfugiés nigériens au Mali/ Ménaka/ CCP\n"
        "Partager les informations sur la situation de Ménaka (note de plaidoyer)/ CCP",
    ],
]
SEED_002_ROWS = [
    (
        "Rédaction d'une note sur la situation de protection dans les cercles de Macina, Tenenkou et Niono pour l'EHP",
        "CCP",
    ),
    (
        "Coordonner les actions au niveau de la région de Ségou entre le bureau de Bamako ou celui de Mopti",
        "OCHA- CCP",
    ),
    ("Rédaction d'une note d'analyse du conflit dans les trois cercles", "OCHA-CCP"),
    (
        "Revoir les zones prioritaires d'intervention afin de s'adapter à l'évolution des zones en crise",
        "Acteurs Humanitaires",
    ),
    ("Plaidoyer pour la couverture de cette région de Ségo par les membres du cluster.", "CCP"),
    (
        "Plaidoyer pour le redéploiement des autorités administratives auprès de la coordinatrice humanitaire",
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


def seed_002_minutes() -> DocxDocument:
    """The Cluster Protection minutes: owners written inline in "Recommandations / décisions"."""
    document = docx.Document()
    document.add_paragraph("COMPTE RENDU")
    document.add_paragraph("Lieu et date: UNHCR – Bamako, 5 Avril 2017")
    add_table(document, SEED_002_TABLE)
    document.add_paragraph("Rapporté par : Oulematou dite Saran Sall")
    return document


# --- The seeds' shapes --------------------------------------------------------------------


def test_actions_prioritaires_table_is_found_and_other_tables_are_skipped():
    minutes = read(seed_001_minutes())
    assert minutes.tables == 1
    assert triples(minutes) == ACTIONS_PRIORITAIRES_ROWS
    assert [item.line for item in minutes.items] == [1, 2, 3, 4]


def test_participants_table_gives_the_participants_not_actions():
    minutes = read(seed_001_minutes())
    assert [(p.name, p.organisation) for p in minutes.participants] == [
        ("Boukary Guindo", "ONG 3AG"),
        ("Moustapha Diallo", "PNUD"),
        ("Alliou Traoré", "Mercy Corps"),
    ]
    assert minutes.participants[1].email == "moustapha.diallo@undp.org"


def test_next_meeting_sentence_in_a_paragraph():
    assert read(seed_001_minutes()).next_meeting == (
        "La prochaine réunion aura lieu le 02 Mai, le lieu et l'heure seront communiqués une semaine avant la date."
    )


def test_point_d_actions_table_with_multi_paragraph_cells_and_bullets():
    minutes = read(seed_000_minutes())
    assert minutes.tables == 1
    assert triples(minutes) == [
        (
            "D'autres ateliers seront organisés dans les mois à venir et selon les besoins",
            "Oumou",
            None,
        ),
        (
            "Vérifier avec les autres clusters en partageant la liste d'indicateurs par mail\nActions à prendre\n- La liste d'indicateurs a été partagée à tous les clusters concernés et à OCHA ;\n- Après vérification, corriger, puis consolider et partager pour validation ;",
            "Oumou",
            None,
        ),
        (
            "Le cluster lead (PNUD) a sollicité des fonds pour répondre à la situation des populations déplacées.\nUne rencontre est également prévue avec le cluster Protection dans ce cadre",
            "Oumou/Jean-Luc",
            None,
        ),
        (
            "Les discussions devraient se poursuivre directement avec Mercy Corps",
            "ONG Mercy Corps et IMRAP\nOumou/JL",
            None,
        ),
        # No "Point d'actions": the recommendation beside the owner is the action.
        (
            "Les informations seront partagées en temps réel aux membres du cluster ;",
            "Moustapha Diallo, Gerson/ Oumou",
            None,
        ),
    ]


def test_participants_numbered_table_gives_the_participants():
    assert [(p.name, p.organisation) for p in read(seed_000_minutes()).participants] == [
        ("Siradjou Keita", "AVSF"),
        ("Gerson BRANDAO", "OCHA"),
    ]


def test_next_meeting_sentence_in_a_merged_table_cell():
    assert read(seed_000_minutes()).next_meeting == (
        "La prochaine réunion aura lieu le 02 Mai, le lieu et l'heure sera communiquer une semaine avant la date"
    )


def test_recommandations_column_with_inline_owners_gives_one_row_per_owner():
    minutes = read(seed_002_minutes())
    assert minutes.tables == 1
    assert [(item.description, item.owners_text) for item in minutes.items] == SEED_002_ROWS
    assert [item.line for item in minutes.items] == list(range(1, 11))
    assert minutes.next_meeting is None


def test_meeting_date_read_in_the_opening():
    # "Lieu et date: UNHCR – Bamako, 5 Avril 2017"
    assert read(seed_002_minutes()).meeting_date == "5 avril 2017"


def test_all_three_seed_tables_in_one_document_in_order():
    document = seed_001_minutes()
    add_table(document, SEED_002_TABLE)
    add_table(document, SEED_000_TABLE)
    minutes = read(document)
    assert minutes.tables == 3
    descriptions = [item.description for item in minutes.items]
    assert descriptions[:4] == [row[0] for row in ACTIONS_PRIORITAIRES_ROWS]
    assert descriptions[4:14] == [description for description, _ in SEED_002_ROWS]
    assert descriptions[14].startswith("D'autres ateliers seront organisés")
    assert len(descriptions) == 19


# --- Merged cells ---------------------------------------------------------------------------


def test_title_row_merged_across_the_table_is_skipped_and_not_duplicated():
    document = docx.Document()
    table = add_table(
        document,
        [
            ["Action", "Responsable", "Échéance"],
            ["", "", ""],
            ["Rédiger la note", "OCHA", "25 octobre"],
        ],
    )
    cells = table.rows[1].cells
    fill(cells[0].merge(cells[2]), "Divers")
    assert triples(read(document)) == [("Rédiger la note", "OCHA", "25 octobre")]


def test_description_merged_over_the_owner_column_is_a_title():
    document = docx.Document()
    table = add_table(
        document,
        [
            ["Action", "Responsable", "Échéance"],
            ["", "", "mai"],
            ["Rédiger la note", "OCHA", "25 octobre"],
        ],
    )
    cells = table.rows[1].cells
    fill(cells[0].merge(cells[1]), "Point 2 : protection")
    assert triples(read(document)) == [("Rédiger la note", "OCHA", "25 octobre")]


def test_merged_owner_and_deadline_cells_cover_each_row_they_span():
    document = docx.Document()
    table = add_table(
        document,
        [
            ["Description", "Responsable", "Echéance"],
            ["Rédiger la note", "", ""],
            ["Partager les chiffres", "", ""],
            ["Former les partenaires", "NRC", "15 novembre"],
        ],
    )
    fill(table.cell(1, 1).merge(table.cell(2, 1)), "OCHA")
    fill(table.cell(1, 2).merge(table.cell(2, 2)), "31 octobre")
    assert triples(read(document)) == [
        ("Rédiger la note", "OCHA", "31 octobre"),
        ("Partager les chiffres", "OCHA", "31 octobre"),
        ("Former les partenaires", "NRC", "15 novembre"),
    ]


def test_description_merged_down_is_one_action_with_the_owners_of_its_rows():
    document = docx.Document()
    table = add_table(
        document,
        [
            ["Description", "Responsable", "Echéance"],
            ["", "OCHA", "25 octobre"],
            ["", "CCP", "30 octobre"],
            ["Partager les chiffres", "NRC", ""],
        ],
    )
    fill(table.cell(1, 0).merge(table.cell(2, 0)), "Rédiger la note")
    minutes = read(document)
    assert triples(minutes) == [
        ("Rédiger la note", "OCHA\nCCP", "25 octobre"),
        ("Partager les chiffres", "NRC", None),
    ]
    assert [item.line for item in minutes.items] == [1, 2]


def test_merged_header_cell_is_read_once():
    document = docx.Document()
    table = add_table(
        document,
        [
            ["Action", "Responsable", "", "Échéance"],
            ["Rédiger la note", "OCHA", "Gerson", "25 octobre"],
        ],
    )
    fill(table.cell(0, 1).merge(table.cell(0, 2)), "Responsable")
    assert triples(read(document)) == [("Rédiger la note", "OCHA", "25 octobre")]


def test_title_row_above_the_header_is_skipped():
    document = docx.Document()
    table = add_table(document, [["", "", ""], *ACTIONS_PRIORITAIRES])
    cells = table.rows[0].cells
    fill(cells[0].merge(cells[2]), "5. Actions prioritaires")
    assert triples(read(document)) == ACTIONS_PRIORITAIRES_ROWS


# --- Other document shapes ------------------------------------------------------------------


def test_action_table_nested_in_a_layout_table_is_found():
    document = docx.Document()
    layout = document.add_table(rows=1, cols=1)
    cell = layout.cell(0, 0)
    fill(cell, "5. Actions prioritaires")
    inner = cell.add_table(rows=len(ACTIONS_PRIORITAIRES), cols=3)
    for row, texts in zip(inner.rows, ACTIONS_PRIORITAIRES, strict=True):
        for inner_cell, text in zip(row.cells, texts, strict=True):
            fill(inner_cell, text)
    assert triples(read(document)) == ACTIONS_PRIORITAIRES_ROWS


def test_document_without_action_table_gives_no_actions():
    document = docx.Document()
    document.add_paragraph("Compte rendu")
    add_table(document, PARTICIPANTS)
    add_table(document, PARTICIPANTS_NUMBERED)
    add_table(document, STATE_OF_ACTIVITIES)
    add_table(document, [["", "NORD", "CENTRE", "SUD"], ["0-3 mois", "9%", "10%", "2%"]])
    add_table(document, [["Description", "Responsable", "Échéance"], ["", "", ""]])
    minutes = read(document)
    assert minutes.items == ()
    assert minutes.next_meeting is None


def test_a_table_right_after_the_participants_is_not_more_participants():
    document = docx.Document()
    add_table(document, PARTICIPANTS_NUMBERED)
    add_table(document, STATE_OF_ACTIVITIES)
    minutes = read(document)
    assert [p.name for p in minutes.participants] == ["Siradjou Keita", "Gerson BRANDAO"]
    assert minutes.items == ()


def test_recommendation_without_owner_is_kept_as_a_decision():
    document = docx.Document()
    add_table(
        document, [["Recommandations / décisions", "Discussions"], ["Poursuivre le plaidoyer", "x"]]
    )
    [decision] = read(document).items
    assert (decision.description, decision.owners_text, decision.deadline_text) == (
        "Poursuivre le plaidoyer",
        None,
        None,
    )
    assert decision.is_decision


def test_empty_document():
    assert read(docx.Document()) == Minutes(items=())


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["LA PROCHAINE REUNION AURA LIEU LE 2 MAI."], "LA PROCHAINE REUNION AURA LIEU LE 2 MAI."),
        (
            ["Merci à tous. La prochaine réunion se tiendra le 3 novembre au bureau du PNUD. Fin."],
            "La prochaine réunion se tiendra le 3 novembre au bureau du PNUD.",
        ),
        (["Date de la prochaine rencontre : 15 juin"], "Date de la prochaine rencontre : 15 juin"),
        (["Présenter les 3 indicateurs à la prochaine réunion."], None),
        (
            [
                "La prochaine réunion aura lieu le 2 mai.",
                "Prochaine réunion : le 9 mai (date changée)",
            ],
            "Prochaine réunion : le 9 mai (date changée)",
        ),
        (["Rien à signaler."], None),
    ],
)
def test_next_meeting_sentence_ignores_case_accents_and_actions(paragraphs, expected):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    assert read(document).next_meeting == expected


def test_three_hundred_rows_with_a_merged_owner_column_read_fast():
    document = docx.Document()
    table = document.add_table(rows=301, cols=3)
    for cell, text in zip(
        table.rows[0].cells, ("Description", "Responsable", "Échéance"), strict=True
    ):
        cell.text = text
    for number, row in enumerate(table.rows[1:], start=1):
        cells = row.cells
        cells[0].text = f"Rédiger la note n° {number} sur la situation de protection"
        cells[2].text = "25 octobre"
    table.cell(1, 1).merge(table.cell(300, 1)).text = "OCHA-CCP"
    data = to_bytes(document)
    minutes = read_docx(data)
    assert len(minutes.items) == 300
    last = minutes.items[-1]
    assert (last.description, last.owners_text, last.deadline_text, last.line) == (
        "Rédiger la note n° 300 sur la situation de protection",
        "OCHA-CCP",
        "25 octobre",
        300,
    )


# --- Files that are not minutes ---------------------------------------------------------


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        os.urandom(2048),
        "Description\tResponsable\tÉchéance\nRédiger la note\tOCHA\t25 octobre\n".encode(),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),  # a Word 97-2003 .doc
        zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
        zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
    ],
    ids=["empty", "random", "text", "pdf", "doc", "xlsx", "odt"],
)
def test_not_a_docx(data):
    with pytest.raises(NotADocx):
        read_docx(data)


def test_corrupt_docx_zip_with_an_unrelated_file():
    with pytest.raises(CorruptFile):
        read_docx(zip_bytes({"photo.txt": b"not a picture"}))


def test_corrupt_docx_truncated():
    data = to_bytes(seed_001_minutes())
    with pytest.raises(CorruptFile):
        read_docx(data[: len(data) // 2])


def test_corrupt_docx_with_broken_document_xml():
    data = to_bytes(seed_001_minutes())
    source = zipfile.ZipFile(io.BytesIO(data))
    files = {name: source.read(name) for name in source.namelist()}
    files["word/document.xml"] = b"<w:document><w:body><w:p>"
    with pytest.raises(CorruptFile):
        read_docx(zip_bytes(files))


def test_errors_share_one_base_class():
    assert issubclass(NotADocx, FileError)
    assert issubclass(CorruptFile, FileError)
